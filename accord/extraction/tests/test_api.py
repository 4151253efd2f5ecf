"""Extraction API: the shared role matrix, cursor pages of mentions, accept/reject actions, one error shape."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from accord.documents.tests.factories import DocumentFactory
from accord.extraction.choices import SuggestionKind, SuggestionStatus
from accord.extraction.models import Suggestion
from accord.extraction.services import store_analysis
from accord.extraction.tests.factories import MEETING_TEXT, MentionFactory, SuggestionFactory
from accord.extraction.tests.test_services import meeting_analysis, world  # noqa: F401 (fixture)
from accord.meetings.models import Meeting
from accord.registry.tests.factories import PersonFactory

pytestmark = pytest.mark.django_db

# (user fixture or None for anonymous, confidentiality levels whose mentions they read, may decide)
MATRIX = [
    (None, {"public"}, False),
    ("no_role_user", {"public"}, False),
    ("analyst_user", {"public", "restricted"}, False),
    ("reviewer_user", {"public", "restricted"}, False),
    ("focal_point_user", {"public", "restricted"}, False),
    ("other_focal_point_user", {"public", "restricted"}, False),
    ("secretariat_user", {"public", "restricted", "confidential"}, True),
]


@pytest.fixture
def mentions():
    return {
        level: MentionFactory(document=DocumentFactory(text="Визит в Ташкент.", confidentiality=level))
        for level in ("public", "restricted", "confidential")
    }


def _login(api_client, request, fixture):
    if fixture:
        api_client.force_authenticate(request.getfixturevalue(fixture))


@pytest.mark.parametrize(("fixture", "levels", "decides"), MATRIX)
def test_role_matrix_for_mentions(api_client, request, mentions, fixture, levels, decides):
    _login(api_client, request, fixture)
    body = api_client.get("/api/mentions/").json()
    assert {r["id"] for r in body["results"]} == {mentions[level].pk for level in levels}
    assert "next" in body and "count" not in body  # cursor pagination
    hidden = [m for level, m in mentions.items() if level not in levels]
    for mention in hidden:
        response = api_client.get(f"/api/mentions/{mention.pk}/")
        assert response.status_code == 404 and response.json()["code"] == "not_found"
    response = api_client.post("/api/mentions/", {"document": mentions["public"].document_id})
    assert response.status_code in (401, 403, 405)
    assert set(response.json()) == {"code", "detail", "fields"}


@pytest.mark.parametrize(("fixture", "levels", "decides"), MATRIX)
def test_role_matrix_for_suggestions(api_client, request, fixture, levels, decides):
    suggestion = SuggestionFactory()
    _login(api_client, request, fixture)
    listed = api_client.get("/api/suggestions/").json()
    assert listed["count"] == (1 if decides else 0)
    assert api_client.get(f"/api/suggestions/{suggestion.pk}/").status_code == (200 if decides else 404)
    response = api_client.post(f"/api/suggestions/{suggestion.pk}/reject/", {"note": "no"})
    if decides:
        assert response.status_code == 200 and response.json()["status"] == "rejected"
    else:
        assert response.status_code in (401, 403, 404)
        assert set(response.json()) == {"code", "detail", "fields"}
        assert Suggestion.objects.get().status == SuggestionStatus.PENDING


def test_accept_through_the_api_with_changes_and_errors(api_client, secretariat_user, world):  # noqa: F811
    document = DocumentFactory(text=MEETING_TEXT, published_on=datetime.date(2025, 10, 22))
    store_analysis(document, meeting_analysis(world))
    api_client.force_authenticate(secretariat_user)
    suggestion = Suggestion.objects.get(kind=SuggestionKind.MEETING)
    url = f"/api/suggestions/{suggestion.pk}/accept/"
    detail = api_client.get(f"/api/suggestions/{suggestion.pk}/").json()
    assert detail["standing"]["code"] == "new" and detail["evidence"][0]["text"]
    bad = api_client.post(url, {"changes": {"country": "ZZZ", "end_on": "2025-10-01"}}, format="json")
    assert bad.status_code == 400 and bad.json()["code"] == "validation_error"
    assert {"country", "end_on"} <= set(bad.json()["fields"])
    unknown = api_client.post(url, {"changes": {"colour": "red"}}, format="json")
    assert unknown.status_code == 400 and "colour" in str(unknown.json()["fields"])
    assert api_client.post(url, {"changes": "x"}, format="json").status_code == 400
    done = api_client.post(url, {"changes": {"participants": ["TST"], "format": "hybrid"}}, format="json")
    assert done.status_code == 200, done.json()
    meeting = Meeting.objects.get()
    assert done.json()["meeting"] == meeting.pk and done.json()["standing"]["code"] == "accepted"
    assert meeting.format == "hybrid" and list(
        meeting.participations.filter(state__isnull=False).values_list("state__iso3", flat=True)
    ) == ["TST"]
    again = api_client.post(url, {}, format="json")
    assert again.status_code == 400 and again.json()["code"] == "validation_error"
    filtered = api_client.get("/api/suggestions/?kind=meeting&status=accepted").json()
    assert filtered["count"] == 1
    assert api_client.get("/api/suggestions/?min_confidence=2").status_code == 400


def test_mentions_filters_and_hidden_people(api_client, analyst_user):
    hidden = PersonFactory(is_public=False)
    document = DocumentFactory(text="Встреча со Скрытовым.")
    mention = MentionFactory(
        document=document, begin=11, end=20, type="person", text="Скрытовым", person=hidden
    )
    MentionFactory(document=document)
    assert api_client.get(f"/api/mentions/{mention.pk}/").json()["person"] is None
    assert len(api_client.get(f"/api/mentions/?document={document.pk}&type=person").json()["results"]) == 1
    assert len(api_client.get("/api/mentions/?linked=true").json()["results"]) == 1
    api_client.force_authenticate(analyst_user)
    assert api_client.get(f"/api/mentions/{mention.pk}/").json()["person"] == hidden.pk
    assert len(api_client.get(f"/api/mentions/?person_id={hidden.pk}").json()["results"]) == 1


@pytest.mark.parametrize("resource", ["mentions", "suggestions"])
def test_lists_run_a_bounded_number_of_queries(api_client, secretariat_user, resource):
    api_client.force_authenticate(secretariat_user)

    def grow(n):
        for _ in range(n):
            MentionFactory(person=PersonFactory(), type="person")
            SuggestionFactory(kind="person", payload={"family_name": "Новиков"})

    def count():
        with CaptureQueriesContext(connection) as queries:
            assert api_client.get(f"/api/{resource}/").status_code == 200
        return len(queries)

    grow(2)
    count()
    small = count()
    grow(18)
    assert count() == small
