"""Background work of the portal, run by `accord worker`.

The open-data package is rebuilt by `regenerate_open_data`: on the
secretariat's request ("Regenerate now" on the open-data page), from cron
through `accord export-open-data`, or — when `ACCORD_OPENDATA_REFRESH_MINUTES`
is above 0 and `connect_autorefresh()` has been called — after a committed
change to public data, at most once per that many minutes: the first change
of a quiet spell schedules a build for the end of the window, and the
changes that follow within it ride along with that build.
"""

import datetime

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.utils import timezone
from django_tasks import task

from accord.portal.opendata import build_open_data

#: Set while a regeneration waits in the queue, so repeated clicks enqueue it once.
QUEUED_KEY = "accord:opendata:queued"
QUEUED_SECONDS = 10 * 60
#: Set while an automatic regeneration is scheduled.
SCHEDULED_KEY = "accord:opendata:scheduled"
#: The apps whose rows the package holds; a change elsewhere never schedules a build.
PUBLIC_DATA_APPS = frozenset(
    {"registry", "instruments", "meetings", "documents", "reviews", "followup", "cooperation", "news"}
)


@task()
def regenerate_open_data() -> dict:
    """Rebuild the open-data package and switch the downloads to it."""
    cache.delete(QUEUED_KEY)
    cache.delete(SCHEDULED_KEY)
    return build_open_data().as_dict()


def request_regeneration() -> bool:
    """Enqueue a regeneration unless one is already waiting; True when this call enqueued it."""
    if not cache.add(QUEUED_KEY, True, timeout=QUEUED_SECONDS):
        return False
    try:
        regenerate_open_data.enqueue()
    except Exception:
        cache.delete(QUEUED_KEY)  # the next click may try again
        raise
    return True


def refresh_minutes() -> int:
    return int(getattr(settings, "ACCORD_OPENDATA_REFRESH_MINUTES", 0) or 0)


def schedule_regeneration() -> bool:
    """Schedule one build for the end of the refresh window, unless one is scheduled; True if this call did."""
    minutes = refresh_minutes()
    if minutes <= 0 or not cache.add(SCHEDULED_KEY, True, timeout=minutes * 60 * 2):
        return False
    try:
        backend = regenerate_open_data.get_backend()
        if backend.supports_defer:
            run_after = timezone.now() + datetime.timedelta(minutes=minutes)
            regenerate_open_data.using(run_after=run_after).enqueue()
        else:
            regenerate_open_data.enqueue()
    except Exception:
        cache.delete(SCHEDULED_KEY)
        raise
    return True


def _public_data_changed(sender, **kwargs) -> None:
    meta = getattr(sender, "_meta", None)
    if meta is None or meta.app_label not in PUBLIC_DATA_APPS or refresh_minutes() <= 0:
        return
    if kwargs.get("raw"):
        return  # fixtures being loaded
    transaction.on_commit(schedule_regeneration, using=kwargs.get("using"))


def connect_autorefresh() -> None:
    """Rebuild the package after changes to public data; call once from an app's `ready()`."""
    from accord.core.reference import records_written  # bulk loads send no post_save

    for signal in (post_save, post_delete, m2m_changed, records_written):
        signal.connect(_public_data_changed, dispatch_uid=f"accord-opendata-{signal!r}")
