"""`accord serve`: the production web server, gunicorn with Accord's configuration."""

import os
import sys
from pathlib import Path

from django.core.management.base import BaseCommand, CommandParser
from django.utils.translation import gettext_lazy

import accord

CONFIG = Path(accord.__file__).resolve().parent / "gunicorn_conf.py"


class Command(BaseCommand):
    help = gettext_lazy(
        "Serve Accord with gunicorn and accord/gunicorn_conf.py (settings from GUNICORN_* variables). "
        "Other arguments go to gunicorn, e.g. `accord serve --bind 0.0.0.0:8000 --workers 4`."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("gunicorn_args", nargs="*", metavar="GUNICORN_ARG")

    def run_from_argv(self, argv: list[str]) -> None:
        # Everything after `serve` is gunicorn's, options included: no parsing of ours.
        self.handle(gunicorn_args=argv[2:])

    def handle(self, *args, gunicorn_args: list[str], **options) -> None:
        command = [sys.executable, "-m", "gunicorn", "--config", str(CONFIG), *gunicorn_args]
        sys.stdout.flush()
        sys.stderr.flush()
        # gunicorn takes this process's place: systemd and Ctrl+C reach its master directly.
        os.execv(sys.executable, command)
