#!/usr/bin/env python
"""Django's command-line utility; `accord` is the same with hyphenated names."""

from accord.cli import main

if __name__ == "__main__":
    main()
