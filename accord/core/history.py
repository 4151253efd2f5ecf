"""Who changed what and when: the audit log entries a user may read, in the reader's language."""

import datetime
from dataclasses import dataclass, field

from auditlog.models import LogEntry
from django.core.exceptions import FieldDoesNotExist
from django.db.models import Model
from django.utils.text import capfirst
from django.utils.translation import pgettext_lazy

from accord.core.roles import is_member_user

HISTORY_LIMIT = 20

# auditlog's own labels are "create", "update"… with no Russian catalogue: the page says what happened.
VERBS = {
    LogEntry.Action.CREATE: pgettext_lazy("change history", "created"),
    LogEntry.Action.UPDATE: pgettext_lazy("change history", "changed"),
    LogEntry.Action.DELETE: pgettext_lazy("change history", "deleted"),
    LogEntry.Action.ACCESS: pgettext_lazy("change history", "viewed"),
}


@dataclass(frozen=True)
class Change:
    """One line of a record's history: when, who, what happened and which fields (by their labels)."""

    timestamp: datetime.datetime
    actor: object
    verb: str
    fields: list[str] = field(default_factory=list)


def field_labels(model: type[Model] | None, names: list[str]) -> list[str]:
    """The fields' `verbose_name`s in the active language, in the model's order; names it no longer has are left out."""
    fields = []
    for name in names:
        try:
            fields.append(model._meta.get_field(name))
        except (AttributeError, FieldDoesNotExist):
            continue
    order = {f: i for i, f in enumerate(model._meta.get_fields())} if fields else {}
    return [capfirst(str(f.verbose_name)) for f in sorted(fields, key=lambda f: order.get(f, len(order)))]


def describe(entry: LogEntry) -> Change:
    """A log entry as the page shows it: a created record lists no fields, a changed one the fields that changed."""
    names = list(entry.changes_dict) if entry.action == LogEntry.Action.UPDATE else []
    return Change(
        timestamp=entry.timestamp,
        actor=entry.actor,
        verb=str(VERBS.get(entry.action, entry.get_action_display())),
        fields=field_labels(entry.content_type.model_class(), names),
    )


def history_for(user, obj: Model) -> list[Change]:
    """The latest changes of a record, for signed-in members only (actors are personal data)."""
    if not is_member_user(user):
        return []
    entries = (
        LogEntry.objects.get_for_object(obj)
        .select_related("actor", "content_type")
        .order_by("-timestamp")[:HISTORY_LIMIT]
    )
    return [describe(entry) for entry in entries]
