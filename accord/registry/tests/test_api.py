"""Registry API: reads by visibility, writes by role and state, one error shape."""

import pytest
from django.core.management import CommandError, call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from knox.models import AuthToken

from accord.registry.models import Organization
from accord.registry.tests.factories import (
    NationalAuthorityFactory,
    OrganizationFactory,
    PersonFactory,
    PostFactory,
    RegionalGroupFactory,
    StateFactory,
)

pytestmark = pytest.mark.django_db


def test_anonymous_reads_states(api_client):
    """Who may write what is the role matrix's (tests/test_role_matrix.py)."""
    StateFactory(iso3="UZB", iso2="UZ", name_en="Uzbekistan")
    response = api_client.get("/api/states/")
    assert response.status_code == 200
    assert response.json()["count"] == 1
    assert response.json()["results"][0]["iso3"] == "UZB"


def test_anonymous_does_not_see_hidden_people_or_their_posts(api_client, analyst_user):
    hidden = PersonFactory(is_public=False)
    PostFactory(person=hidden)
    PostFactory()
    assert api_client.get("/api/persons/").json()["count"] == 1
    assert api_client.get("/api/posts/").json()["count"] == 1
    assert api_client.get(f"/api/persons/{hidden.pk}/").status_code == 404
    api_client.force_authenticate(analyst_user)
    assert api_client.get("/api/persons/").json()["count"] == 2
    assert "birth_on" not in api_client.get(f"/api/persons/{hidden.pk}/").json()


def test_secretariat_crud_on_organizations(api_client, secretariat_user, focal_state):
    api_client.force_authenticate(secretariat_user)
    response = api_client.post(
        "/api/organizations/",
        {
            "kind": "national_authority",
            "state": focal_state.iso3,
            "name_ru": "Прокуратура",
            "name_en": "Prosecutor",
        },
    )
    assert response.status_code == 201, response.json()
    url = f"/api/organizations/{response.json()['id']}/"
    assert (
        api_client.patch(url, {"name_en": "Prosecutor's Office"}).json()["name_en"] == "Prosecutor's Office"
    )
    assert api_client.delete(url).status_code == 204
    assert not Organization.objects.exists()


def test_filters_and_ordering(api_client):
    group = RegionalGroupFactory(code="EEG")
    StateFactory(name_en="Belarus", regional_group=group)
    StateFactory(name_en="Armenia", regional_group=group)
    StateFactory(name_en="Chile")
    names = [
        s["name_en"]
        for s in api_client.get("/api/states/?regional_group=EEG&ordering=name_en").json()["results"]
    ]
    assert names == ["Armenia", "Belarus"]
    assert api_client.get("/api/states/?q=chil").json()["count"] == 1
    assert api_client.get("/api/states/?ordering=-name_en").json()["results"][0]["name_en"] == "Chile"


def test_deleting_a_referenced_state_is_a_conflict(api_client, secretariat_user):
    state = StateFactory()
    NationalAuthorityFactory(state=state)
    api_client.force_authenticate(secretariat_user)
    response = api_client.delete(f"/api/states/{state.pk}/")
    assert response.status_code == 409 and response.json()["code"] == "protected"


def test_validation_errors_name_the_fields(api_client, secretariat_user):
    api_client.force_authenticate(secretariat_user)
    post = {
        "person": PersonFactory().pk,
        "organization": OrganizationFactory().pk,
        "title_ru": "Директор",
        "start_on": "2020-01-01",
        "end_on": "2019-01-01",
    }
    response = api_client.post("/api/posts/", post)
    assert response.status_code == 400
    body = response.json()
    assert body["code"] == "validation_error" and "end_on" in body["fields"]
    response = api_client.post(
        "/api/organizations/", {"kind": "national_authority", "name_ru": "Без государства"}
    )
    assert response.status_code == 400 and "state" in response.json()["fields"]


def test_token_authentication_and_command(api_client, secretariat_user, capsys):
    call_command("api_token", secretariat_user.username)
    key = capsys.readouterr().out.strip()
    assert AuthToken.objects.get(user=secretariat_user).token_key == key[:15]
    api_client.credentials(HTTP_AUTHORIZATION=f"Token {key}")
    response = api_client.post("/api/organizations/", {"kind": "igo", "name_ru": "Организация"})
    assert response.status_code == 201
    call_command("api_token", secretariat_user.username, "--reset")
    assert capsys.readouterr().out.strip() != key
    assert api_client.get("/api/organizations/").status_code == 401  # the old token was revoked
    with pytest.raises(CommandError, match="nobody"):
        call_command("api_token", "nobody")


@pytest.mark.parametrize("resource", ["persons", "posts", "organizations", "states", "memberships"])
def test_lists_run_a_bounded_number_of_queries(api_client, analyst_user, resource):
    api_client.force_authenticate(analyst_user)

    def grow(n):
        for _ in range(n):
            post = PostFactory()
            post.organization.memberships.create(state=post.organization.state)

    def count():
        with CaptureQueriesContext(connection) as queries:
            assert api_client.get(f"/api/{resource}/").status_code == 200
        return len(queries)

    grow(2)
    count()  # the first request also reads the user's roles
    small = count()
    grow(18)
    assert count() == small


# ---- a focal point writes within its own state only (issue 15) ---------------------------------


@pytest.fixture
def two_states(focal_point_user, focal_state, other_state):
    """The focal point's state («Uzbekistan») and a neighbour («Kazakhstan») with their authorities."""
    return {
        "own_body": NationalAuthorityFactory(state=focal_state, name_en="Uzbek agency"),
        "foreign_body": NationalAuthorityFactory(state=other_state, name_en="Kazakh agency"),
        "foreign_ministry": NationalAuthorityFactory(state=other_state, name_en="Kazakh government"),
    }


def test_a_focal_point_cannot_take_over_another_states_official(api_client, focal_point_user, two_states):
    """The reported route: a temporary post in one's own body, an edit, then the post removed."""
    chairman = PersonFactory(family_name_en="Chairman", note="")
    PostFactory(person=chairman, organization=two_states["foreign_body"])
    api_client.force_authenticate(focal_point_user)

    response = api_client.post(
        "/api/posts/",
        {"person": chairman.pk, "organization": two_states["own_body"].pk, "title_en": "Adviser"},
    )
    assert response.status_code == 403 and response.json()["code"] == "permission_denied"
    assert chairman.posts.count() == 1

    response = api_client.patch(f"/api/persons/{chairman.pk}/", {"note": "edited by a neighbour"})
    assert response.status_code == 403
    chairman.refresh_from_db()
    assert chairman.note == ""


def test_a_focal_point_cannot_hide_or_delete_another_states_prime_minister(
    api_client, focal_point_user, two_states
):
    minister = PersonFactory(family_name_en="Minister")
    for title in ("Prime Minister", "Deputy Prime Minister", "Minister of Economy"):
        PostFactory(person=minister, organization=two_states["foreign_ministry"], title_en=title)
    api_client.force_authenticate(focal_point_user)

    temporary = api_client.post(
        "/api/posts/",
        {"person": minister.pk, "organization": two_states["own_body"].pk, "title_en": "Guest"},
    )
    assert temporary.status_code == 403
    assert api_client.patch(f"/api/persons/{minister.pk}/", {"is_public": False}).status_code == 403
    assert api_client.delete(f"/api/persons/{minister.pk}/").status_code == 403
    minister.refresh_from_db()
    assert minister.is_public and minister.posts.count() == 3


def test_a_person_with_posts_in_two_states_belongs_to_the_secretariat(
    api_client, focal_point_user, secretariat_user, two_states
):
    """Even a post of one's own state does not open an official who also serves another state."""
    person = PersonFactory()
    own_post = PostFactory(person=person, organization=two_states["own_body"])
    PostFactory(person=person, organization=two_states["foreign_body"])
    api_client.force_authenticate(focal_point_user)
    assert api_client.patch(f"/api/persons/{person.pk}/", {"note": "x"}).status_code == 403
    assert api_client.patch(f"/api/posts/{own_post.pk}/", {"title_en": "x"}).status_code == 403
    assert api_client.delete(f"/api/posts/{own_post.pk}/").status_code == 403
    assert person.posts.count() == 2
    api_client.force_authenticate(secretariat_user)
    assert api_client.patch(f"/api/persons/{person.pk}/", {"note": "checked"}).status_code == 200


def test_a_focal_point_cannot_move_its_post_onto_another_states_official(
    api_client, focal_point_user, two_states
):
    mine = PostFactory(organization=two_states["own_body"])
    foreign = PostFactory(organization=two_states["foreign_body"])
    api_client.force_authenticate(focal_point_user)
    response = api_client.patch(f"/api/posts/{mine.pk}/", {"person": foreign.person.pk})
    assert response.status_code == 403
    response = api_client.patch(f"/api/posts/{mine.pk}/", {"organization": two_states["foreign_body"].pk})
    assert response.status_code == 403
    mine.refresh_from_db()
    assert mine.person != foreign.person and mine.organization == two_states["own_body"]


def test_a_focal_point_keeps_its_own_officials_and_adds_new_ones(api_client, focal_point_user, two_states):
    official = PersonFactory()
    post = PostFactory(person=official, organization=two_states["own_body"])
    api_client.force_authenticate(focal_point_user)
    assert api_client.patch(f"/api/persons/{official.pk}/", {"note": "updated"}).status_code == 200
    assert api_client.patch(f"/api/posts/{post.pk}/", {"title_en": "Director"}).status_code == 200

    created = api_client.post("/api/persons/", {"family_name_en": "Newcomer"})
    assert created.status_code == 201, created.json()
    newcomer = created.json()["id"]
    response = api_client.post(
        "/api/posts/", {"person": newcomer, "organization": two_states["own_body"].pk, "title_en": "Deputy"}
    )
    assert response.status_code == 201, response.json()
    assert api_client.patch(f"/api/persons/{newcomer}/", {"is_public": False}).status_code == 200
    assert api_client.delete(f"/api/persons/{newcomer}/").status_code == 204
    assert api_client.delete(f"/api/posts/{post.pk}/").status_code == 204


def test_a_person_without_posts_belongs_to_the_state_that_added_them(
    api_client, focal_point_user, other_focal_point_user, two_states
):
    """A new person is the adding state's until a post says otherwise; the others' stay out."""
    api_client.force_authenticate(other_focal_point_user)
    theirs = api_client.post("/api/persons/", {"family_name_en": "Theirs"}).json()["id"]
    orphan = PersonFactory()  # added by the secretariat or by a load: nobody's but the secretariat's
    api_client.force_authenticate(focal_point_user)
    for person in (theirs, orphan.pk):
        assert api_client.patch(f"/api/persons/{person}/", {"note": "x"}).status_code == 403
        response = api_client.post(
            "/api/posts/",
            {"person": person, "organization": two_states["own_body"].pk, "title_en": "Adviser"},
        )
        assert response.status_code == 403
        assert api_client.delete(f"/api/persons/{person}/").status_code == 403


def test_a_focal_point_cannot_plant_a_body_under_another_states_authority(
    api_client, focal_point_user, focal_state, two_states
):
    foreign = two_states["foreign_body"]
    api_client.force_authenticate(focal_point_user)
    response = api_client.post(
        "/api/organizations/",
        {"kind": "national_authority", "state": focal_state.iso3, "name_en": "Planted", "parent": foreign.pk},
    )
    assert response.status_code == 403 and response.json()["code"] == "permission_denied"
    assert not foreign.children.exists()
    assert not Organization.objects.filter(name_en="Planted").exists()

    own = two_states["own_body"]
    assert api_client.patch(f"/api/organizations/{own.pk}/", {"parent": foreign.pk}).status_code == 403
    own.refresh_from_db()
    assert own.parent is None and not foreign.children.exists()

    child = {
        "kind": "national_authority",
        "state": focal_state.iso3,
        "name_en": "Department",
        "parent": own.pk,
    }
    assert api_client.post("/api/organizations/", child).status_code == 201


def test_a_focal_point_creates_organizations_of_its_own_state_only(api_client, focal_point_user):
    api_client.force_authenticate(focal_point_user)
    response = api_client.post("/api/organizations/", {"kind": "igo", "name_en": "Stateless forum"})
    assert response.status_code == 403
    assert not Organization.objects.filter(name_en="Stateless forum").exists()


def test_the_secretariat_places_any_body_anywhere(api_client, secretariat_user, focal_state, two_states):
    api_client.force_authenticate(secretariat_user)
    response = api_client.post(
        "/api/organizations/",
        {
            "kind": "national_authority",
            "state": focal_state.iso3,
            "name_en": "Joint office",
            "parent": two_states["foreign_body"].pk,
        },
    )
    assert response.status_code == 201
