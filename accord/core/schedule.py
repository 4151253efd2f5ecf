"""The periodic tasks `accord scheduler` starts, and the record of each run.

An app offers its periodic tasks on its AppConfig as `periodic_tasks`:
``{"send-reminders": ("accord.chairmanship.tasks.send_daily_reminders", "0 7 * * *")}``
(a django-tasks task and a crontab line in TIME_ZONE), so `core` never
imports the apps above it. `ACCORD_SCHEDULE` changes a line or turns an entry
off: ``"send-reminders=0 6 * * 1-5; open-data=off"``.

The scheduler only enqueues: each run is a `ScheduledRun` row and a
`run_scheduled` task on the queue, which a worker runs, so a slow task never
delays the clock and every run is seen (queued, running, done, failed).
"""

from __future__ import annotations

import datetime
import logging
from dataclasses import dataclass

from apscheduler.triggers.cron import CronTrigger
from django.apps import apps
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accord.core.choices import RunStatus
from accord.core.models import ScheduledRun

logger = logging.getLogger("accord.scheduler")


@dataclass(frozen=True)
class Entry:
    """One line of the schedule: a name, the task it runs and when."""

    name: str
    task: str
    cron: str

    @property
    def trigger(self) -> CronTrigger:
        return CronTrigger.from_crontab(self.cron, timezone=settings.TIME_ZONE)

    def last_due(self, now: datetime.datetime, *, since: datetime.datetime) -> datetime.datetime | None:
        """The latest moment of the schedule after `since` and not after `now`, if any."""
        trigger, due = self.trigger, None
        moment = trigger.get_next_fire_time(None, since + datetime.timedelta(seconds=1))
        for _step in range(100_000):  # a minute-by-minute entry missed for two months at most
            if moment is None or moment > now:
                break
            due = moment
            moment = trigger.get_next_fire_time(moment, moment + datetime.timedelta(seconds=1))
        return due


def _overrides(text: str) -> dict[str, str]:
    result: dict[str, str] = {}
    for part in text.replace("\n", ";").split(";"):
        if not part.strip():
            continue
        name, sep, value = part.partition("=")
        if not sep or not name.strip() or not value.strip():
            raise ImproperlyConfigured(
                _("ACCORD_SCHEDULE: “%(part)s” is not of the form name=crontab or name=off.")
                % {"part": part.strip()}
            )
        result[name.strip()] = value.strip()
    return result


def entries() -> list[Entry]:
    """The schedule: every app's `periodic_tasks`, as ACCORD_SCHEDULE changes them; checked."""
    declared: dict[str, tuple[str, str]] = {}
    for config in apps.get_app_configs():
        declared.update(getattr(config, "periodic_tasks", None) or {})
    overrides = _overrides(getattr(settings, "ACCORD_SCHEDULE", "") or "")
    unknown = sorted(set(overrides) - set(declared))
    if unknown:
        raise ImproperlyConfigured(
            _("ACCORD_SCHEDULE names unknown entries: %(names)s (known: %(known)s).")
            % {"names": ", ".join(unknown), "known": ", ".join(sorted(declared))}
        )
    result = []
    for name, (task, cron) in sorted(declared.items()):
        cron = overrides.get(name, cron)
        if cron.lower() == "off":
            continue
        entry = Entry(name=name, task=task, cron=cron)
        try:
            entry.trigger  # noqa: B018 - parsing is the check
        except ValueError as exc:
            raise ImproperlyConfigured(
                _("Schedule entry %(name)s: “%(cron)s” is not a crontab line (%(error)s).")
                % {"name": name, "cron": cron, "error": exc}
            ) from exc
        result.append(entry)
    return result


def fire(entry: Entry, *, scheduled_for: datetime.datetime) -> ScheduledRun | None:
    """Record the run and enqueue it; None when this moment's run exists already (another scheduler)."""
    from accord.core.tasks import run_scheduled

    try:
        with transaction.atomic():
            run = ScheduledRun.objects.create(name=entry.name, task=entry.task, scheduled_for=scheduled_for)
    except IntegrityError:
        return None
    try:
        run_scheduled.enqueue(run.pk)
    except Exception as exc:  # the queue (Redis) is away: the run is recorded as failed, not lost silently
        ScheduledRun.objects.filter(pk=run.pk).update(
            status=RunStatus.FAILED,
            finished_at=timezone.now(),
            message=_("Could not be queued: %(error)s") % {"error": f"{type(exc).__name__}: {exc}"},
        )
        run.refresh_from_db()
        logger.warning("%s could not be queued: %s", entry.name, exc)
    return run


def missed(entry: Entry, *, now: datetime.datetime) -> datetime.datetime | None:
    """The latest moment the entry was due while no scheduler ran, so that a restart catches up once."""
    last = ScheduledRun.objects.filter(name=entry.name).order_by("-scheduled_for").first()
    if last is None:
        return None  # a new installation starts with the schedule, not with a burst of runs
    return entry.last_due(now, since=last.scheduled_for)


def on_the_minute(moment: datetime.datetime) -> datetime.datetime:
    """Crontab moments are whole minutes: the run a trigger starts is named by its minute."""
    return moment.replace(second=0, microsecond=0)
