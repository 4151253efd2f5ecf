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
