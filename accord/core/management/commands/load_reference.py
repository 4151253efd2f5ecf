"""`accord load-reference`: load or refresh every app's reference data (idempotent)."""

import json

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from accord.core.reference import ReferenceDataError, load_all


class Command(BaseCommand):
    help = _("Load or refresh the reference data: states, organizations, people, instruments, mandates.")
    loader_attribute = "reference_loader"
    done_message = _("Reference data is up to date.")

    def add_arguments(self, parser) -> None:
        parser.add_argument(
            "--dry-run", action="store_true", help=_("Report what would change; write nothing.")
        )
        parser.add_argument("--format", choices=["text", "json"], default="text")

    def handle(self, *args, dry_run: bool = False, format: str = "text", **options) -> None:
        try:
            counts = load_all(self.loader_attribute, dry_run=dry_run)
        except ReferenceDataError as exc:
            raise CommandError(_("Nothing was loaded:\n%(problems)s") % {"problems": exc}) from exc
        if format == "json":
            self.stdout.write(
                json.dumps({"dry_run": dry_run, "counts": counts}, ensure_ascii=False, indent=2)
            )
            return
        for name, counter in sorted(counts.items()):
            parts = ", ".join(f"{key} {value}" for key, value in sorted(counter.items()))
            self.stdout.write(f"{name}: {parts}")
        if dry_run:
            self.stdout.write(self.style.WARNING(_("Dry run: nothing was written.")))
        else:
            self.stdout.write(self.style.SUCCESS(str(self.done_message)))
