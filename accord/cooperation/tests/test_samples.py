"""The demo's initiatives and agreements load once and reload as unchanged."""

import pytest

from accord.cooperation.models import Agreement, Initiative
from accord.core.reference import load_all

pytestmark = pytest.mark.django_db


def test_samples_load_once_and_reload_unchanged(client):
    load_all()
    first = load_all("sample_loader")
    assert first["initiatives"] == {"created": 2}
    assert first["planned activities"] == {"created": 3}
    digital = Initiative.objects.get(proposer_state__iso3="UZB")
    assert digital.meeting.ordinal == 9 and "digitalization" in digital.topics
    assert digital.steps.count() == 1 and digital.status == "under_discussion"
    plan = Agreement.objects.get(kind="plan")
    assert {p.organization.slug for p in plan.parties.all()} == {
        "rus-prosecutor-general",
        "uzb-prosecutor-general",
    }
    assert plan.signed_at_meeting.kind == "visit"
    again = load_all("sample_loader")
    assert all(set(c) == {"unchanged"} for c in again.values()), again
    assert client.get(digital.get_absolute_url()).status_code == 200
    assert client.get(plan.get_absolute_url()).status_code == 200
    assert client.get(digital.proposer_state.get_absolute_url()).status_code == 200
