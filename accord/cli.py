"""The `accord` console command: a thin wrapper over Django's manage.py.

Hyphenated names map to management commands (`accord load-reference` runs
`load_reference`), so the CLI reads like the rest of the documentation.
"""

import os
import sys


def main(argv: list[str] | None = None) -> None:
    """Run a management command with Accord's settings."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "accord.settings")
    from django.core.management import execute_from_command_line

    args = list(sys.argv if argv is None else argv)
    args[0] = "accord"
    if len(args) > 1 and not args[1].startswith("-"):
        args[1] = args[1].replace("-", "_")
    if len(args) > 2 and args[1] == "help":
        args[2] = args[2].replace("-", "_")
    execute_from_command_line(args)


if __name__ == "__main__":
    main()
