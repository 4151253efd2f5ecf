"""`accord worker`: runs background tasks from the database, or from Redis when REDIS_URL is set."""

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _


class Command(BaseCommand):
    help = _("Run the background worker (ingesting uploads) until stopped.")

    def add_arguments(self, parser) -> None:
        parser.add_argument("--batch", action="store_true", help=_("Process what is queued, then stop."))

    def handle(self, *args, batch: bool = False, **options) -> None:
        if getattr(settings, "REDIS_URL", ""):
            call_command("rqworker", "default", *(["--burst"] if batch else []))
        else:
            call_command("db_worker", *(["--batch"] if batch else []), "--no-startup-delay")
