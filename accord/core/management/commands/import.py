"""`accord import KIND FILE [--dry-run] [--user USERNAME]`: a spreadsheet of records, all rows or none."""  # noqa: N999

from pathlib import Path

from django.core.exceptions import PermissionDenied
from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from accord.core.commands import add_acting_user_argument, resolve_acting_user
from accord.core.imports import REFUSED, ImportFileError, check_size, import_file, import_kinds


class Command(BaseCommand):
    help = gettext_lazy(
        "Import a CSV or XLSX file of organizations, people (with posts), meetings (with participants) "
        "or recommendations: every row is checked first, then all are written or none."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument(
            "kind",
            help=gettext_lazy("What the file holds: organizations, people, meetings, recommendations."),
        )
        parser.add_argument("file", help=gettext_lazy("The CSV or XLSX file."))
        parser.add_argument(
            "--dry-run", action="store_true", help=gettext_lazy("Check and report every row, write nothing.")
        )
        parser.add_argument(
            "--template",
            action="store_true",
            help=gettext_lazy(
                "Write the kind's empty template to FILE (.csv or .xlsx) instead of importing."
            ),
        )
        add_acting_user_argument(parser)

    def handle(
        self, *args, kind: str, file: str, dry_run: bool = False, template: bool = False, **options
    ) -> None:
        kinds = import_kinds()
        if kind not in kinds:
            raise CommandError(
                _("Unknown kind “%(kind)s”; choose one of: %(kinds)s.")
                % {"kind": kind, "kinds": ", ".join(kinds)}
            )
        path = Path(file)
        if template:
            fmt = "xlsx" if path.suffix.lower() == ".xlsx" else "csv"
            path.write_bytes(kinds[kind].template(fmt))
            self.stdout.write(self.style.SUCCESS(_("Template written to %(file)s.") % {"file": file}))
            return
        acting_user = resolve_acting_user(options.get("as_user"))
        try:
            check_size(path.stat().st_size)
            content = path.read_bytes()
        except OSError as exc:
            raise CommandError(
                _("Cannot read %(file)s: %(error)s") % {"file": file, "error": exc.strerror}
            ) from exc
        except ImportFileError as exc:
            raise CommandError(_("Nothing was imported: %(problem)s") % {"problem": exc}) from exc
        try:
            report = import_file(kinds[kind], content, path.name, acting_user=acting_user, dry_run=dry_run)
        except ImportFileError as exc:
            raise CommandError(_("Nothing was imported: %(problem)s") % {"problem": exc}) from exc
        except PermissionDenied as exc:
            raise CommandError(str(exc)) from exc
        for row in report.rows:
            line = _("row %(number)s: %(action)s — %(summary)s") % {
                "number": row.number,
                "action": row.action_label,
                "summary": row.summary,
            }
            if row.action == REFUSED:
                self.stdout.write(self.style.ERROR(f"{line}: {row.reason}"))
            else:
                self.stdout.write(line)
        counts = report.counts
        self.stdout.write(
            _("%(created)s to create, %(changed)s to change, %(unchanged)s unchanged, %(refused)s refused.")
            % {key: counts.get(key, 0) for key in ("created", "changed", "unchanged", "refused")}
        )
        if report.refused:
            raise CommandError(_("Nothing was imported: correct the refused rows and run the import again."))
        if dry_run:
            self.stdout.write(self.style.WARNING(_("Dry run: nothing was written.")))
        else:
            self.stdout.write(self.style.SUCCESS(_("Imported: every row was written.")))
