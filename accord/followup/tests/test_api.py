"""The API: the shared role matrix, progress and assessments through the services."""

import pytest

from accord.core.choices import Confidentiality
from accord.followup.models import StatusUpdate
from accord.followup.tests.factories import RecommendationFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def recommendation(focal_state):
    return RecommendationFactory(
        state=focal_state, confidentiality=Confidentiality.CONFIDENTIAL, text_en="Own"
    )


@pytest.mark.parametrize(
    ("who", "sees", "may_report"),
    [
        (None, 0, 403),
        ("no_role_user", 0, 403),
        ("analyst_user", 0, 400),
        ("reviewer_user", 0, 400),
        ("other_focal_point_user", 0, 400),
        ("focal_point_user", 1, 201),
        ("secretariat_user", 1, 403),
    ],
)
def test_role_matrix(request, api_client, recommendation, who, sees, may_report):
    if who:
        api_client.force_authenticate(request.getfixturevalue(who))
    assert api_client.get("/api/recommendations/").json()["count"] == sees
    response = api_client.post(
        "/api/status-updates/",
        {"recommendation": recommendation.pk, "status": "in_progress", "text": "Done a bit."},
    )
    # Hidden recommendations are not a valid choice (400), visible ones the service refuses with a reason (403).
    assert response.status_code == may_report, response.json()
    assert response.json().get("code") != "error"
    assert StatusUpdate.objects.count() == (1 if may_report == 201 else 0)


def test_report_then_assess(api_client, recommendation, focal_point_user, secretariat_user):
    api_client.force_authenticate(focal_point_user)
    update = api_client.post(
        "/api/status-updates/",
        {"recommendation": recommendation.pk, "status": "implemented", "text": "Adopted."},
    ).json()
    assert update["reported_by"] == "focal"
    refused = api_client.post("/api/assessments/", {"update": update["id"], "comment": ""})
    assert refused.status_code == 403 and refused.json()["code"] == "permission_denied"
    api_client.force_authenticate(secretariat_user)
    bad = api_client.post("/api/assessments/", {"update": update["id"], "status": "in_progress"})
    assert bad.status_code == 400 and "comment" in bad.json()["fields"]
    ok = api_client.post(
        "/api/assessments/", {"update": update["id"], "status": "partially", "comment": "Bylaws."}
    )
    assert ok.status_code == 201 and ok.json()["agrees"] is False
    data = api_client.get(f"/api/recommendations/{recommendation.pk}/").json()
    assert (data["status"], data["is_status_assessed"]) == ("partially", True)
    assert api_client.patch(f"/api/status-updates/{update['id']}/", {"text": "x"}).status_code == 405
    assert api_client.delete(f"/api/assessments/{ok.json()['id']}/").status_code == 405


def test_recommendation_writes_and_filters(api_client, secretariat_user, focal_point_user, focal_state):
    payload = {
        "source_kind": "evaluation",
        "state": focal_state.iso3,
        "text_en": "Publish.",
        "themes": ["integrity"],
    }
    api_client.force_authenticate(focal_point_user)
    assert api_client.post("/api/recommendations/", payload).status_code == 403
    api_client.force_authenticate(secretariat_user)
    created = api_client.post("/api/recommendations/", payload)
    assert created.status_code == 201, created.json()
    assert api_client.post("/api/recommendations/", {**payload, "themes": ["bogus"]}).status_code == 400
    assert api_client.post("/api/recommendations/", {**payload, "text_en": ""}).status_code == 400
    assert api_client.get("/api/recommendations/", {"theme": "integrity"}).json()["count"] == 1
    assert (
        api_client.get("/api/recommendations/", {"state": focal_state.iso3, "status": "implemented"}).json()[
            "count"
        ]
        == 0
    )
