"""The test helpers of `accord.core.testing`: reference data loaded once per session, restored per test."""

import pytest

from accord.core.testing import restore_rows, rows_added_by
from accord.registry.models import Organization, State
from accord.registry.tests.factories import OrganizationFactory, StateFactory

pytestmark = pytest.mark.django_db


def test_rows_added_by_a_load_come_back_with_their_keys_and_nothing_else():
    snapshot = rows_added_by(lambda: OrganizationFactory(parent=OrganizationFactory()))
    rows = snapshot.rows
    assert {model: len(found) for model, found in rows.items() if model in (Organization, State)} == {
        Organization: 2
    }
    assert not Organization.objects.exists()  # the load itself was rolled back
    restore_rows(snapshot)
    child = Organization.objects.get(parent__isnull=False)
    assert child.pk == next(o.pk for o in rows[Organization] if o.parent_id)
    assert OrganizationFactory().pk > max(o.pk for o in rows[Organization])  # new keys go past them


def test_reference_data_is_in_the_test_that_asks_for_it(reference_data):
    assert State.objects.count() == 195
    assert Organization.objects.get(slug="cis-security-department").parent.slug == "cis-executive-committee"
    StateFactory()  # a test may write next to it


def test_a_test_that_does_not_ask_sees_none_of_it():
    assert not State.objects.filter(iso3="RUS").exists()


@pytest.mark.django_db(transaction=True)
def test_restored_rows_point_to_todays_content_types_after_a_flush(_reference_rows):
    """A transactional test's flush recreates content types under other keys: the rows follow them."""
    from auditlog.models import LogEntry
    from django.contrib.auth.models import Permission
    from django.contrib.contenttypes.models import ContentType
    from django.db import transaction

    kind = ContentType.objects.get(app_label="registry", model="state")
    with transaction.atomic():  # the same content type, under another key
        ContentType.objects.filter(pk=kind.pk).update(id=kind.pk + 10_000)
        Permission.objects.filter(content_type_id=kind.pk).update(content_type_id=kind.pk + 10_000)
    ContentType.objects.clear_cache()
    restore_rows(_reference_rows)
    russia = State.objects.get(iso3="RUS")
    assert LogEntry.objects.get_for_object(russia).get().content_type_id == kind.pk + 10_000
