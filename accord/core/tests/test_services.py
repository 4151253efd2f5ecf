"""`@service` and `save_validated`: every write service's transaction, actor and validation."""

import pytest
from auditlog.models import LogEntry
from django.core.exceptions import ValidationError

from accord.core.services import save_validated, service
from accord.registry.models import Person

pytestmark = pytest.mark.django_db


@service
def _add_people(names: list[str], *, acting_user, fail: bool = False) -> list[Person]:
    people = [save_validated(Person(family_name_en=name)) for name in names]
    if fail:
        raise RuntimeError("after the writes")
    return people


def test_a_service_names_its_actor_in_the_audit_log(secretariat_user):
    (person,) = _add_people(["Actorova"], acting_user=secretariat_user)
    assert LogEntry.objects.get_for_object(person).get().actor == secretariat_user


def test_a_service_is_all_or_nothing(secretariat_user):
    with pytest.raises(RuntimeError):
        _add_people(["First", "Second"], acting_user=secretariat_user, fail=True)
    assert not Person.objects.exists()


def test_a_service_needs_its_actor():
    with pytest.raises(TypeError, match="acting_user"):
        _add_people(["Nobody"])
    assert not Person.objects.exists()


def test_save_validated_refuses_an_invalid_row():
    with pytest.raises(ValidationError):
        save_validated(Person())
    assert not Person.objects.exists()


def test_a_system_run_keeps_the_callers_actor(secretariat_user):
    """`acting_user=None` (a scheduled or command run) leaves the actor its caller set, e.g. a command's `--as`."""
    from accord.core.audit import acting_as

    with acting_as(secretariat_user):
        (person,) = _add_people(["Systemova"], acting_user=None)
    assert LogEntry.objects.get_for_object(person).get().actor == secretariat_user


def test_a_service_leaves_no_actor_behind(secretariat_user):
    """auditlog's `set_actor` keeps its value after its block; a service's must not (a later write would read it)."""
    from auditlog.context import auditlog_value

    before = auditlog_value.get(None)  # whatever an earlier test's set_actor left
    _add_people(["Leaverova"], acting_user=secretariat_user)
    with pytest.raises(RuntimeError):
        _add_people(["Failova"], acting_user=secretariat_user, fail=True)
    assert auditlog_value.get(None) is before
