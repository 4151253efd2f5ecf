"""Background work of the portal, run by `accord worker`."""

from django.core.cache import cache
from django_tasks import task

from accord.portal.opendata import build_open_data

#: Set while a regeneration waits in the queue, so repeated clicks enqueue it once.
QUEUED_KEY = "accord:opendata:queued"
QUEUED_SECONDS = 10 * 60


@task()
def regenerate_open_data() -> dict:
    """Rebuild the open-data package and switch the downloads to it."""
    cache.delete(QUEUED_KEY)
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
