"""The demo's initiatives and agreements load once and reload as unchanged."""

import pytest

from accord.cooperation.models import Agreement, Initiative

pytestmark = pytest.mark.django_db


def check_samples(first, *, client, api_client, user) -> None:
    """Run by tests/test_samples.py once every app's samples are loaded (one load for all apps)."""
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
    assert client.get(digital.get_absolute_url()).status_code == 200
    assert client.get(plan.get_absolute_url()).status_code == 200
    assert client.get(digital.proposer_state.get_absolute_url(), follow=True).status_code == 200
