"""`accord popolo export FILE` / `accord popolo import FILE`: the registry as Popolo JSON."""

import json
import sys

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from accord.core.commands import add_acting_user_argument, resolve_acting_user
from accord.registry.popolo import PopoloError, export_popolo
from accord.registry.services import import_popolo


class Command(BaseCommand):
    help = gettext_lazy("Export the registry to a Popolo JSON file, or import one (all records or none).")

    def add_arguments(self, parser) -> None:
        parser.add_argument("action", choices=["export", "import"])
        parser.add_argument("file", help=gettext_lazy("A file name, or “-” for standard output/input."))
        parser.add_argument(
            "--dry-run", action="store_true", help=gettext_lazy("Import: check and count, write nothing.")
        )
        add_acting_user_argument(parser)

    def handle(self, *args, action: str, file: str, dry_run: bool = False, **options) -> None:
        if action == "export":
            self._export(file)
        else:
            self._import(file, dry_run, options.get("as_user"))

    def _export(self, file: str) -> None:
        text = json.dumps(export_popolo(), ensure_ascii=False, indent=2, sort_keys=True)
        if file == "-":
            self.stdout.write(text)
            return
        try:
            with open(file, "w", encoding="utf-8") as handle:
                handle.write(text + "\n")
        except OSError as exc:
            raise CommandError(
                _("Cannot write %(file)s: %(error)s") % {"file": file, "error": exc.strerror}
            ) from exc
        self.stdout.write(self.style.SUCCESS(_("Exported to %(file)s.") % {"file": file}))

    def _import(self, file: str, dry_run: bool, username: str | None) -> None:
        acting_user = resolve_acting_user(username)
        try:
            if file == "-":
                data = json.load(sys.stdin)
            else:
                with open(file, encoding="utf-8") as handle:
                    data = json.load(handle)
        except OSError as exc:
            raise CommandError(
                _("Cannot read %(file)s: %(error)s") % {"file": file, "error": exc.strerror}
            ) from exc
        except (UnicodeDecodeError, json.JSONDecodeError) as exc:
            raise CommandError(
                _("%(file)s is not UTF-8 JSON: %(error)s") % {"file": file, "error": exc}
            ) from exc
        try:
            counts = import_popolo(data, acting_user=acting_user, dry_run=dry_run)
        except PopoloError as exc:
            raise CommandError(_("Nothing was imported:\n%(problems)s") % {"problems": exc}) from exc
        for kind, numbers in counts.items():
            self.stdout.write(
                _("%(kind)s: %(created)d created, %(updated)d updated") % {"kind": kind, **numbers}
            )
        if dry_run:
            self.stdout.write(self.style.WARNING(_("Dry run: nothing was written.")))
