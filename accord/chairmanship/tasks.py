"""Background work of the chairmanship app, run by `accord worker`."""

from django.utils import timezone
from django_tasks import task

from accord.chairmanship.reminders import send_reminders


@task()
def send_daily_reminders() -> dict:
    """The daily reminder run, started by `accord scheduler` (entry `send-reminders`)."""
    return send_reminders(today=timezone.localdate()).as_dict()
