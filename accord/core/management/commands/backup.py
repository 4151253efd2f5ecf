"""`accord backup [--output DIR | --storage] [--format json]`: the database and its originals, in one archive."""

import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from accord.core.backup import BackupError, create_backup


class Command(BaseCommand):
    help = gettext_lazy(
        "Write the database and every original it names, consistent with each other, to one archive "
        "(accord-backup-<time>.tar) with a manifest of checksums."
    )

    def add_arguments(self, parser) -> None:
        where = parser.add_mutually_exclusive_group()
        where.add_argument(
            "--output", help=gettext_lazy("Folder to write the archive to (default: VAR_DIR/backups).")
        )
        where.add_argument(
            "--storage",
            action="store_true",
            help=gettext_lazy(
                "Write the archive to the backups storage (object storage with ACCORD_STORAGE=s3)."
            ),
        )
        parser.add_argument("--format", choices=("text", "json"), default="text")

    def handle(
        self, *args, output: str | None = None, storage: bool = False, format: str = "text", **options
    ):
        verbose = format == "text" and options.get("verbosity", 1) > 0
        try:
            result = create_backup(
                output_dir=Path(output) if output else None,
                to_storage=storage,
                progress=self.stdout.write if verbose else None,
            )
        except BackupError as exc:
            raise CommandError(str(exc)) from exc
        manifest = result.manifest
        summary = {
            "archive": str(result.path) if result.path else result.name,
            "storage": "backups" if storage else None,
            "size": result.size,
            "engine": manifest["engine"],
            "tables": len(manifest["tables"]),
            "rows": sum(manifest["tables"].values()),
            "originals": len(manifest["originals"]),
            "missing": manifest["missing"],
        }
        if format == "json":
            self.stdout.write(json.dumps(summary, ensure_ascii=False))
            return
        for name in manifest["missing"]:
            self.stderr.write(_("The database names %(name)s, which the storage lacks.") % {"name": name})
        self.stdout.write(
            self.style.SUCCESS(
                _(
                    "Backup written to %(archive)s: %(rows)s rows in %(tables)s tables, %(originals)s originals."
                )
                % summary
            )
        )
