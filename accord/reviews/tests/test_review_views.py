"""The review pages and API: who opens what, the workflow buttons, comments, the board."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from accord.core.roles import Role
from accord.registry.tests.factories import StateFactory
from accord.reviews import services
from accord.reviews.choices import Phase
from accord.reviews.models import Comment, CountryReview, Summary
from accord.reviews.tests.factories import review_setting
from conftest import make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(db):
    state = StateFactory(name_en="Uzbekistan", name_ru="Узбекистан")
    users = {
        "secretariat": make_user("sec", Role.SECRETARIAT),
        "reviewer": make_user("rev", Role.REVIEWER),
        "other_reviewer": make_user("rev2", Role.REVIEWER),
        "focal": make_user("focal", Role.FOCAL_POINT, state=state),
        "analyst": make_user("analyst", Role.ANALYST),
    }
    setting = review_setting(
        state=state, reviewer_users=[users["reviewer"]], phase=Phase.ASSIGNED, by=users["secretariat"]
    )
    return users, setting


def _client(client, user):
    if user is not None:
        client.force_login(user)
    return client


@pytest.mark.parametrize(
    ("who", "status"),
    [
        ("secretariat", 200),
        ("reviewer", 200),
        ("focal", 200),
        ("other_reviewer", 404),
        ("analyst", 404),
        (None, 404),
    ],
)
def test_who_opens_a_review(client, world, who, status):
    users, setting = world
    response = _client(client, users.get(who)).get(setting.review.get_absolute_url())
    assert response.status_code == status


def test_the_public_is_sent_to_the_published_summary(client, world):
    _users, setting = world
    Summary.objects.create(review=setting.review, text_en="Summary", published_at=timezone.now())
    response = client.get(setting.review.get_absolute_url())
    assert response.status_code == 302
    assert response["Location"] == reverse("reviews:summary_public", args=[setting.review.pk])


def test_the_secretariat_moves_a_review_and_sees_why_it_cannot(client, world):
    users, setting = world
    client.force_login(users["secretariat"])
    url = reverse("reviews:review_move", args=[setting.review.pk])
    response = client.post(url, {"to_phase": Phase.SELF_ASSESSMENT}, HTTP_HX_REQUEST="true")
    assert response.status_code == 200
    assert CountryReview.objects.get(pk=setting.review.pk).phase == Phase.SELF_ASSESSMENT
    response = client.post(url, {"to_phase": Phase.DESK_REVIEW}, HTTP_HX_REQUEST="true")
    assert "move-errors" in response.content.decode()
    assert CountryReview.objects.get(pk=setting.review.pk).phase == Phase.SELF_ASSESSMENT
    response = client.post(url, {"to_phase": "nonsense"})
    assert response.status_code == 400


def test_others_cannot_move_a_review(client, world):
    users, setting = world
    url = reverse("reviews:review_move", args=[setting.review.pk])
    assert (
        _client(client, users["reviewer"]).post(url, {"to_phase": Phase.SELF_ASSESSMENT}).status_code == 403
    )
    client.logout()
    assert (
        _client(client, users["other_reviewer"]).post(url, {"to_phase": Phase.SELF_ASSESSMENT}).status_code
        == 404
    )


def test_comments_per_provision(client, world):
    users, setting = world
    client.force_login(users["focal"])
    url = reverse("reviews:comment_add", args=[setting.review.pk])
    provision = setting.provisions[0]
    response = client.post(
        url, {"text": "Закон вступил в силу", "provision": provision.pk}, HTTP_HX_REQUEST="true"
    )
    assert response.status_code == 200 and "Закон вступил в силу" in response.content.decode()
    assert Comment.objects.get().provision == provision
    assert client.post(url, {"text": "  "}, HTTP_HX_REQUEST="true").status_code == 200
    assert Comment.objects.count() == 1
    assert client.post(url, {"text": "x", "provision": 999999}).status_code == 404


def test_the_board_shows_overdue_reviews(client, world):
    users, setting = world
    CountryReview.objects.filter(pk=setting.review.pk).update(
        due_on=timezone.localdate() - datetime.timedelta(days=2)
    )
    client.force_login(users["secretariat"])
    url = reverse("reviews:cycle_board", args=[setting.cluster.cycle_id])
    page = client.get(url).content.decode()
    assert "table-danger" in page and "Узбекистан" in page
    assert "overdue-count" in page
    assert client.get(url, {"overdue": "1", "year": "abc", "phase": "x"}).status_code == 200
    # Outsiders see the board without the reviews they may not see.
    client.force_login(users["analyst"])
    assert "Узбекистан" not in client.get(url).content.decode()


def test_my_reviews_and_the_state_page_panel(client, world):
    users, setting = world
    client.force_login(users["reviewer"])
    assert "Узбекистан" in client.get(reverse("reviews:review_list")).content.decode()
    page = client.get(setting.review.state.get_absolute_url(), follow=True).content.decode()
    assert "review-panel" in page
    client.force_login(users["analyst"])
    assert (
        "review-panel"
        not in client.get(setting.review.state.get_absolute_url(), follow=True).content.decode()
    )


def test_mechanism_pages_are_public(client, world):
    _users, setting = world
    assert client.get(reverse("reviews:mechanism_list")).status_code == 200
    assert client.get(setting.mechanism.get_absolute_url()).status_code == 200
    assert client.get(reverse("reviews:mechanism_detail", args=["nope"])).status_code == 404


def test_api_reviews_follow_the_pages_rules(api_client, world):
    users, setting = world
    url = reverse("country-review-list")
    api_client.force_authenticate(users["other_reviewer"])
    assert api_client.get(url).json()["count"] == 0
    api_client.force_authenticate(users["reviewer"])
    assert api_client.get(url).json()["count"] == 1
    move = reverse("country-review-move", args=[setting.review.pk])
    assert api_client.post(move, {"to_phase": Phase.SELF_ASSESSMENT}).status_code == 403
    api_client.force_authenticate(users["secretariat"])
    assert api_client.post(move, {"to_phase": Phase.DESK_REVIEW}).status_code == 400
    assert api_client.post(move, {"to_phase": Phase.SELF_ASSESSMENT}).status_code == 201
    comments = reverse("review-comment-list")
    api_client.force_authenticate(users["focal"])
    assert api_client.post(comments, {"review": setting.review.pk, "text": "Ok"}).status_code == 201
    api_client.force_authenticate(users["other_reviewer"])
    # A review the user may not open reads as one that does not exist (400 on the field), not 404.
    hidden = api_client.post(comments, {"review": setting.review.pk, "text": "Hi"})
    missing = api_client.post(comments, {"review": 999_999, "text": "Hi"})
    assert hidden.status_code == missing.status_code == 400
    assert hidden.json()["fields"].keys() == missing.json()["fields"].keys() == {"review"}
    assert api_client.get(reverse("review-mechanism-list")).status_code == 200


def test_api_refusals_come_through_the_error_handler(api_client, world):
    users, setting = world
    api_client.force_authenticate(users["secretariat"])
    move = reverse("country-review-move", args=[setting.review.pk])
    refused = api_client.post(move, {"to_phase": Phase.DESK_REVIEW}).json()
    assert refused["code"] == "validation_error"
    assert refused["detail"] and refused["fields"] == {"non_field_errors": [refused["detail"]]}
    api_client.force_authenticate(users["reviewer"])
    denied = api_client.post(move, {"to_phase": Phase.SELF_ASSESSMENT}).json()
    assert denied["code"] == "permission_denied" and denied["fields"] == {}


def test_the_secretariat_edits_a_mechanisms_rules_through_the_service(api_client, world):
    users, setting = world
    url = reverse("review-mechanism-detail", args=[setting.mechanism.pk])
    api_client.force_authenticate(users["secretariat"])
    changed = api_client.patch(url, {"reviewers_per_unit": 3, "name_en": "Renamed"}, format="json")
    assert changed.status_code == 200 and changed.json()["reviewers_per_unit"] == 3
    setting.mechanism.refresh_from_db()
    assert (setting.mechanism.reviewers_per_unit, setting.mechanism.name_en) == (3, "Renamed")
    refused = api_client.patch(url, {"max_reviewers": 1}, format="json")
    assert refused.status_code == 400 and "max_reviewers" in refused.json()["fields"]
    api_client.force_authenticate(users["reviewer"])
    assert api_client.patch(url, {"cohorts": 2}, format="json").status_code == 403


def test_update_mechanism_refuses_others_and_unknown_fields(world):
    users, setting = world
    with pytest.raises(PermissionDenied):
        services.update_mechanism(setting.mechanism, acting_user=users["reviewer"], cohorts=2)
    with pytest.raises(ValidationError):
        services.update_mechanism(setting.mechanism, acting_user=users["secretariat"], slug="other")
    services.update_mechanism(setting.mechanism, acting_user=users["secretariat"], cohorts=2)
    setting.mechanism.refresh_from_db()
    assert setting.mechanism.cohorts == 2
