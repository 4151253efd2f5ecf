"""API: every role reads per confidentiality; only the secretariat writes; steps are append-only."""

import pytest

from accord.cooperation.models import Initiative
from accord.cooperation.tests.factories import AgreementFactory, InitiativeFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]  # the tests read English texts

ROLES = ["no_role_user", "analyst_user", "focal_point_user", "other_focal_point_user", "secretariat_user"]


@pytest.mark.parametrize("user_fixture", [None, *ROLES])
def test_reads_follow_confidentiality_and_writes_need_the_secretariat(request, api_client, user_fixture):
    user = request.getfixturevalue(user_fixture) if user_fixture else None
    if user:
        api_client.force_authenticate(user)
    InitiativeFactory(confidentiality="public")
    InitiativeFactory(confidentiality="restricted")
    InitiativeFactory(confidentiality="confidential")
    state = InitiativeFactory().proposer_state
    count = api_client.get("/api/initiatives/").json()["count"]
    expected = {None: 2, "no_role_user": 2, "secretariat_user": 4}.get(user_fixture, 3)
    assert count == expected
    response = api_client.post(
        "/api/initiatives/",
        {"title_en": "Via API", "proposer_state": state.iso3, "topics": ["digitalization"]},
    )
    if user_fixture == "secretariat_user":
        assert response.status_code == 201, response.json()
        created = Initiative.objects.get(title_en="Via API")
        assert created.steps.count() == 1 and created.status == "under_discussion"
    else:
        assert response.status_code in (401, 403)
        assert not Initiative.objects.filter(title_en="Via API").exists()


def test_bad_input_is_a_clear_error_and_steps_cannot_change(api_client, secretariat_user):
    api_client.force_authenticate(secretariat_user)
    response = api_client.post("/api/initiatives/", {"title_en": "No proposer"})
    assert response.status_code == 400 and response.json()["code"] == "validation_error"
    assert "exactly one proposer" in str(response.json()["fields"])
    initiative = InitiativeFactory()
    step = api_client.post(
        "/api/initiative-steps/",
        {"initiative": initiative.pk, "status": "in_decision", "taken_on": "2022-12-01"},
    )
    assert step.status_code == 201, step.json()
    initiative.refresh_from_db()
    assert initiative.status == "in_decision"
    pk = step.json()["id"]
    assert api_client.patch(f"/api/initiative-steps/{pk}/", {"note": "x"}).status_code == 405
    assert api_client.delete(f"/api/initiative-steps/{pk}/").status_code == 405
    bad = api_client.post(
        "/api/agreements/",
        {
            "kind": "bilateral",
            "title_en": "A",
            "status": "in_force",
            "signed_on": "2024-05-01",
            "entry_into_force_on": "2024-01-01",
        },
    )
    assert bad.status_code == 400 and "entry_into_force_on" in bad.json()["fields"]


def test_agreement_filters_by_party_state(api_client, django_assert_max_num_queries):
    from accord.cooperation.tests.factories import AgreementPartyFactory

    party = AgreementPartyFactory()
    AgreementFactory()
    with django_assert_max_num_queries(8):
        data = api_client.get(f"/api/agreements/?state={party.state.iso3}").json()
    assert data["count"] == 1
    assert api_client.get("/api/agreement-parties/").json()["count"] == 2 - 1
    assert api_client.get("/api/planned-activities/").status_code == 200
