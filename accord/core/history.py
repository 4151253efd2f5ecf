"""Who changed what and when: the audit log entries a user may read."""

from auditlog.models import LogEntry
from django.db.models import Model, QuerySet

from accord.core.roles import is_member_user

HISTORY_LIMIT = 20


def history_for(user, obj: Model) -> QuerySet[LogEntry] | list:
    """The latest changes of a record, for signed-in members only (actors are personal data)."""
    if not is_member_user(user):
        return []
    return LogEntry.objects.get_for_object(obj).select_related("actor").order_by("-timestamp")[:HISTORY_LIMIT]
