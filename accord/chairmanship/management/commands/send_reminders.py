"""`accord send-reminders [--today YYYY-MM-DD] [--dry-run] [--format json]`: e-mail due and overdue items."""

import datetime
import json

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone
from django.utils.translation import gettext as _

from accord.chairmanship.reminders import send_reminders


class Command(BaseCommand):
    help = "E-mail focal points and review experts about deadlines in the next 14 days and overdue ones."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--today", help="The day to reckon from, YYYY-MM-DD (default: today).")
        parser.add_argument("--dry-run", action="store_true", help="Count what would be sent; send nothing.")
        parser.add_argument("--format", choices=("text", "json"), default="text")

    def handle(self, *args, today: str | None = None, dry_run: bool = False, format: str = "text", **options):
        if today:
            try:
                day = datetime.date.fromisoformat(today)
            except ValueError as exc:
                raise CommandError(
                    _("“%(value)s” is not a date of the form YYYY-MM-DD.") % {"value": today}
                ) from exc
        else:
            day = timezone.localdate()
        run = send_reminders(today=day, dry_run=dry_run)
        if format == "json":
            self.stdout.write(json.dumps(run.as_dict()))
            return
        message = _("%(emails)s e-mails about %(items)s items; %(already)s already reminded.") % {
            "emails": run.emails,
            "items": run.items,
            "already": run.already_sent,
        }
        if dry_run:
            message = _("Dry run: %(message)s") % {"message": message}
        self.stdout.write(message)
