"""`accord scheduler [--list]`: starts the periodic tasks on time (APScheduler), as its own process."""

import json
import logging
import signal

from apscheduler.schedulers.blocking import BlockingScheduler
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.core.management.base import BaseCommand, CommandError
from django.db import connections
from django.utils import timezone
from django.utils.translation import gettext as _

from accord.core.background import SERVICE_ERRORS, heartbeat, process_name
from accord.core.choices import ProcessKind
from accord.core.schedule import Entry, entries, fire, missed, on_the_minute

logger = logging.getLogger("accord.scheduler")


def fire_now(entry: Entry) -> None:
    """APScheduler's job: one run of the entry, named by its minute; an outage is logged, never fatal."""
    try:
        run = fire(entry, scheduled_for=on_the_minute(timezone.now()))
        if run is not None:
            logger.info("%s queued as run %s", entry.name, run.pk)
    except SERVICE_ERRORS as exc:
        logger.warning("%s not started: %s: %s (next time it will be)", entry.name, type(exc).__name__, exc)
    finally:
        connections.close_all()  # APScheduler runs jobs in its own threads


class Command(BaseCommand):
    help = _("Start the periodic tasks on time (reminders, open data, recovery of stale work) until stopped.")

    def add_arguments(self, parser) -> None:
        parser.add_argument("--list", action="store_true", help=_("Print the schedule and stop."))

    def handle(self, *args, list: bool = False, **options) -> None:
        try:
            schedule = entries()
        except ImproperlyConfigured as exc:
            raise CommandError(str(exc)) from exc
        if list:
            self.stdout.write(json.dumps([entry.__dict__ for entry in schedule], indent=2))
            return
        scheduler = BlockingScheduler(timezone=settings.TIME_ZONE)
        for entry in schedule:
            scheduler.add_job(
                fire_now,
                trigger=entry.trigger,
                args=[entry],
                id=entry.name,
                coalesce=True,
                max_instances=1,
                misfire_grace_time=300,
            )

        def stop(signum, frame) -> None:
            scheduler.shutdown(wait=False)

        signal.signal(signal.SIGTERM, stop)
        signal.signal(signal.SIGINT, stop)
        name = process_name()
        with heartbeat(name, ProcessKind.SCHEDULER):
            self._catch_up(schedule)
            self.stderr.write(
                _("Scheduler %(name)s: %(entries)s")
                % {
                    "name": name,
                    "entries": "; ".join(f"{entry.name} ({entry.cron})" for entry in schedule),
                }
            )
            scheduler.start()

    def _catch_up(self, schedule: list[Entry]) -> None:
        """A run due while no scheduler ran (a restart at 07:00) starts now, once."""
        now = timezone.now()
        for entry in schedule:
            try:
                due = missed(entry, now=now)
                if due is not None and fire(entry, scheduled_for=due) is not None:
                    logger.warning("%s was due at %s while no scheduler ran: started now", entry.name, due)
            except SERVICE_ERRORS as exc:
                logger.warning("%s: cannot catch up (%s)", entry.name, exc)
        connections.close_all()
