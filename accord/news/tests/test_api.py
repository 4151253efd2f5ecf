"""News API: the role matrix, published-only reads, writes through the services, links nested and confirmed."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from accord.news.choices import LinkStatus, NewsStatus
from accord.news.models import NewsItem
from accord.news.tests.conftest import NEWS_BODY_RU
from accord.news.tests.factories import NewsItemFactory, NewsLinkFactory, PublishedNewsItemFactory
from accord.registry.tests.factories import PersonFactory, StateFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]

LIST = "/api/news/"


@pytest.fixture
def items():
    published = PublishedNewsItemFactory(title_en="Published")
    NewsLinkFactory(news=published, state=StateFactory(name_en="Confirmedland"))
    NewsLinkFactory(news=published, state=StateFactory(name_en="Proposedland"), status=LinkStatus.PROPOSED)
    NewsLinkFactory(news=published, person=PersonFactory(is_public=False))
    return {
        "published": published,
        "draft": NewsItemFactory(title_en="Draft"),
        "review": NewsItemFactory(title_en="Review", status=NewsStatus.REVIEW),
        "scheduled": PublishedNewsItemFactory(
            title_en="Later", published_at=timezone.now() + datetime.timedelta(hours=2)
        ),
    }


@pytest.mark.parametrize(
    ("role_fixture", "sees_all", "links"),
    [
        (None, False, 1),
        ("no_role_user", False, 1),
        ("focal_point_user", False, 2),  # members read non-public people too
        ("analyst_user", False, 2),
        ("secretariat_user", True, 3),
    ],
)
def test_read_matrix(request, api_client, items, role_fixture, sees_all, links):
    if role_fixture:
        api_client.force_authenticate(request.getfixturevalue(role_fixture))
    response = api_client.get(LIST)
    assert response.status_code == 200
    ids = {row["id"] for row in response.json()["results"]}
    if sees_all:
        assert ids == {i.pk for i in items.values()}
    else:
        assert ids == {items["published"].pk}
        for key in ("draft", "review", "scheduled"):
            assert api_client.get(f"{LIST}{items[key].pk}/").status_code == 404
    row = api_client.get(f"{LIST}{items['published'].pk}/").json()
    names = {link["target"]["display"] for link in row["links"]}
    assert len(row["links"]) == links and "Confirmedland" in names
    if not sees_all:
        assert "Proposedland" not in names and {link["status"] for link in row["links"]} == {"confirmed"}
    assert row["links"][0]["target"]["url"].startswith("http://testserver/api/states/")


@pytest.mark.usefixtures("english")
def test_secretariat_writes_through_the_services_and_runs_the_workflow(api_client, secretariat_user, world):
    api_client.force_authenticate(secretariat_user)
    created = api_client.post(
        LIST, {"title_ru": "Заседание в Бишкеке", "body_ru": NEWS_BODY_RU + '<img src=x onerror="alert(1)">'}
    )
    assert created.status_code == 201, created.json()
    body = created.json()
    assert body["slug"] == "zasedanie-v-bishkeke" and body["status"] == "draft"
    assert "onerror" not in body["body_ru"]
    assert {link["kind"] for link in body["links"]} == {"state", "organization", "person", "meeting"}
    assert {link["status"] for link in body["links"]} == {"proposed"}
    url = f"{LIST}{body['id']}/"
    confirmed = api_client.post(f"{url}confirm-links/", {}, format="json").json()
    assert {link["status"] for link in confirmed["links"]} == {"confirmed"}
    wrong = api_client.post(f"{url}publish/", {}, format="json")
    assert wrong.status_code == 400 and wrong.json()["code"] == "validation_error"
    assert "Only an item in review" in str(wrong.json()["fields"])
    assert api_client.post(f"{url}submit/").json()["status"] == "review"
    later = (timezone.now() + datetime.timedelta(days=3)).isoformat()
    scheduled = api_client.post(f"{url}publish/", {"at": later}, format="json").json()
    assert scheduled["status"] == "published"
    api_client.force_authenticate(None)
    assert api_client.get(url).status_code == 404  # scheduled, not yet public
    api_client.force_authenticate(secretariat_user)
    assert api_client.post(f"{url}return-to-draft/").json()["status"] == "draft"
    bad = api_client.post(LIST, {"title_ru": "", "title_en": ""}, format="json")
    assert bad.status_code == 400 and "title_ru" in bad.json()["fields"]
    assert NewsItem.objects.count() == 1


@pytest.mark.parametrize("rows", [2, 20])
def test_list_query_count_does_not_grow_with_rows(api_client, django_assert_max_num_queries, rows):
    state, person = StateFactory(), PersonFactory()
    for _ in range(rows):
        item = PublishedNewsItemFactory()
        NewsLinkFactory(news=item, state=state)
        NewsLinkFactory(news=item, person=person)
    with django_assert_max_num_queries(6):
        response = api_client.get(LIST)
    assert response.json()["count"] == rows


def test_filters_by_state_and_year(api_client):
    state = StateFactory(iso3="KGZ")
    linked = PublishedNewsItemFactory(published_at=datetime.datetime(2023, 5, 1, tzinfo=datetime.UTC))
    NewsLinkFactory(news=linked, state=state)
    PublishedNewsItemFactory()
    assert [r["id"] for r in api_client.get(LIST, {"state": "KGZ"}).json()["results"]] == [linked.pk]
    assert [r["id"] for r in api_client.get(LIST, {"year": 2023}).json()["results"]] == [linked.pk]
    assert reverse("news-item-list") == LIST
