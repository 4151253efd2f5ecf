"""The generic audit log (django-auditlog) for records whose contents are confidential.

The audit log says who changed which record when; the admin shows it to
superusers without any access-log row. For a confidential record it must
therefore name the fields that changed but keep none of their values: every
field but the ones named in `keep` is masked when the entry is written, and
the entry names the record by its `__str__`, which such models keep free of
their contents (a request is "Cooperation request no. 12").
"""

import contextlib
from collections.abc import Iterable, Iterator

from django.db.models import Model

MASK = "***"

# auditlog imports the callable by its dotted path when it writes an entry.
MASK_CALLABLE = "accord.core.audit.mask_value"


def mask_value(value: str) -> str:
    """Every value the same, whatever its length: auditlog's default keeps half of it visible."""
    return MASK


def masked_fields(model: type[Model], *, keep: Iterable[str] = ()) -> list[str]:
    """The concrete fields of `model` whose values the audit log must not keep."""
    kept = {"id", *keep}
    return [field.name for field in model._meta.concrete_fields if field.name not in kept]


def register_confidential(model: type[Model], *, keep: Iterable[str] = ("created_at", "updated_at")) -> None:
    """Audit a confidential model: changes recorded with their actor, values masked (see the module)."""
    from auditlog.registry import auditlog

    auditlog.register(model, mask_fields=masked_fields(model, keep=keep), mask_callable=MASK_CALLABLE)


@contextlib.contextmanager
def acting_as(user) -> Iterator[None]:
    """`set_actor(user)` for a service's write, keeping the address of the request it runs in.

    auditlog's own `set_actor` starts a context with no address, so a service
    called from a view would log its writes without the client's address. It
    also leaves its value behind when the block ends (it only disconnects its
    receiver), so a later write outside any block would read a stale actor:
    this block puts the previous value back.
    """
    from auditlog.context import auditlog_value, set_actor

    try:
        current = auditlog_value.get()
    except LookupError:
        current = {}
    token = auditlog_value.set(current)
    try:
        with set_actor(user, remote_addr=current.get("remote_addr"), remote_port=current.get("remote_port")):
            yield
    finally:
        auditlog_value.reset(token)
