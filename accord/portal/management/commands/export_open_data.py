"""`accord export-open-data [--output DIR] [--dry-run] [--format json]`: build the open-data package."""

import json
import shutil
import tempfile
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from accord.portal.opendata import OpenDataError, build_open_data, opendata_root


class Command(BaseCommand):
    help = gettext_lazy(
        "Write everything public as CSV, JSON, Popolo and iCalendar with its data package, "
        "then switch the open-data downloads to it."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument(
            "--output",
            help=gettext_lazy(
                "Directory of the packages (default: VAR_DIR/opendata, what the portal serves)."
            ),
        )
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help=gettext_lazy("Build in a temporary directory, print the counts, keep nothing."),
        )
        parser.add_argument("--format", choices=("text", "json"), default="text")

    def handle(
        self, *args, output: str | None = None, dry_run: bool = False, format: str = "text", **options
    ):
        root = Path(output) if output else opendata_root()
        scratch = Path(tempfile.mkdtemp(prefix="accord-opendata-")) if dry_run else None
        verbose = format == "text" and options.get("verbosity", 1) > 0

        def progress(name: str, rows: int) -> None:
            if verbose:
                self.stdout.write(_("%(name)s: %(rows)s rows") % {"name": name, "rows": rows})

        try:
            result = build_open_data(scratch or root, progress=progress)
        except OpenDataError as exc:
            raise CommandError(str(exc)) from exc
        finally:
            if scratch:
                shutil.rmtree(scratch, ignore_errors=True)
        summary = result.as_dict()
        summary["dry_run"] = dry_run
        if format == "json":
            self.stdout.write(json.dumps(summary, ensure_ascii=False))
            return
        total = sum(result.counts.values())
        if dry_run:
            self.stdout.write(
                self.style.WARNING(
                    _("Dry run: %(tables)s tables, %(rows)s rows; nothing was kept.")
                    % {"tables": len(result.counts), "rows": total}
                )
            )
        else:
            self.stdout.write(
                self.style.SUCCESS(
                    _("Open data written to %(path)s: %(tables)s tables, %(rows)s rows.")
                    % {"path": result.directory, "tables": len(result.counts), "rows": total}
                )
            )
