"""`accord restore ARCHIVE [--force] [--dry-run] [--format json]`: bring a backup back, all or nothing."""

import json

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from accord.core.backup import BackupError, fetch_archive, open_backup, restore_backup


class Command(BaseCommand):
    help = gettext_lazy(
        "Restore the database and the originals of a backup into an empty install, after checking "
        "the archive, its version and every checksum."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument(
            "archive", help=gettext_lazy("The archive's path, or its name in the backups storage.")
        )
        parser.add_argument(
            "--force",
            action="store_true",
            help=gettext_lazy("Replace the data of an install that is not empty."),
        )
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help=gettext_lazy("Check the archive (format, version, checksums) and change nothing."),
        )
        parser.add_argument("--format", choices=("text", "json"), default="text")

    def handle(
        self, *args, archive: str, force: bool = False, dry_run: bool = False, format: str = "text", **options
    ):
        verbose = format == "text" and options.get("verbosity", 1) > 0
        try:
            with fetch_archive(archive) as path, open_backup(path) as plan:
                if dry_run:
                    summary = {
                        "dry_run": True,
                        "created": plan.manifest.get("created"),
                        "tables": len(plan.manifest["tables"]),
                        "rows": sum(plan.manifest["tables"].values()),
                        "originals": len(plan.manifest["originals"]),
                        "pending_migrations": plan.pending_migrations,
                    }
                else:
                    summary = restore_backup(
                        plan, force=force, progress=self.stdout.write if verbose else None
                    )
        except BackupError as exc:
            raise CommandError(str(exc)) from exc
        if summary["pending_migrations"] and not dry_run:
            # The backup is older than this code: bring its schema up to date.
            call_command(
                "migrate", interactive=False, verbosity=options.get("verbosity", 1) if verbose else 0
            )
        if format == "json":
            self.stdout.write(json.dumps(summary, ensure_ascii=False))
        elif dry_run:
            self.stdout.write(
                self.style.SUCCESS(
                    _(
                        "The backup of %(created)s is sound: %(rows)s rows in %(tables)s tables, "
                        "%(originals)s originals; nothing was changed."
                    )
                    % summary
                )
            )
        else:
            self.stdout.write(
                self.style.SUCCESS(
                    _(
                        "Restored %(rows)s rows in %(tables)s tables and %(originals)s originals. "
                        "Run `accord export-open-data` to rebuild the open-data downloads."
                    )
                    % summary
                )
            )
