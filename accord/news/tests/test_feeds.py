"""Atom feeds, read back with feedparser: only published items, per body (with sub-bodies) and per state."""

import datetime

import feedparser
import pytest
from django.urls import reverse
from django.utils import timezone

from accord.news.choices import LinkStatus, NewsStatus
from accord.news.tests.factories import NewsItemFactory, NewsLinkFactory, PublishedNewsItemFactory
from accord.registry.tests.factories import OrganizationFactory, StateFactory

pytestmark = pytest.mark.django_db


def _feed(client, url, **headers):
    response = client.get(url, headers=headers)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml")
    parsed = feedparser.parse(response.content)
    assert not parsed.bozo, parsed.bozo_exception
    return parsed


@pytest.fixture
def news():
    cis = OrganizationFactory(slug="cis", name_en="CIS")
    council = OrganizationFactory(slug="council", parent=cis, name_en="Council")
    state = StateFactory(iso3="KGZ", name_en="Kyrgyzstan", name_ru="Киргизия")
    older = PublishedNewsItemFactory(
        title_en="Council meets",
        title_ru="Совет собрался",
        published_at=timezone.now() - datetime.timedelta(days=2),
    )
    newer = PublishedNewsItemFactory(
        title_en="Kyrgyzstan reports",
        title_ru="Киргизия докладывает",
        published_at=timezone.now() - datetime.timedelta(days=1),
    )
    NewsLinkFactory(news=older, organization=council)
    NewsLinkFactory(news=newer, state=state)
    NewsLinkFactory(
        news=newer, organization=cis, status=LinkStatus.PROPOSED
    )  # not confirmed: not in the CIS feed
    for hidden in (
        NewsItemFactory(title_en="Draft", status=NewsStatus.DRAFT),
        NewsItemFactory(title_en="In review", status=NewsStatus.REVIEW),
        PublishedNewsItemFactory(
            title_en="Tomorrow", published_at=timezone.now() + datetime.timedelta(days=1)
        ),
    ):
        NewsLinkFactory(news=hidden, state=state)
        NewsLinkFactory(news=hidden, organization=council)
    return {"older": older, "newer": newer}


def test_all_news_feed_has_only_published_items_newest_first_with_links(client, news):
    parsed = _feed(client, reverse("news:feed"), **{"Accept-Language": "en"})
    assert [e.title for e in parsed.entries] == ["Kyrgyzstan reports", "Council meets"]
    assert parsed.entries[0].link == "http://testserver" + news["newer"].get_absolute_url()
    assert parsed.feed.title == "Accord news"
    assert parsed.feed.language == "en"


def test_feed_language_follows_the_request(client, news):
    parsed = _feed(client, reverse("news:feed"), **{"Accept-Language": "ru"})
    assert parsed.feed.language == "ru"
    assert [e.title for e in parsed.entries] == ["Киргизия докладывает", "Совет собрался"]


def test_body_feed_includes_its_sub_bodies_and_state_feed_its_state(client, news):
    cis = _feed(client, reverse("news:body_feed", kwargs={"slug": "cis"}), **{"Accept-Language": "en"})
    assert [e.title for e in cis.entries] == ["Council meets"]
    assert cis.feed.title == "Accord news: CIS"
    council = _feed(client, reverse("news:body_feed", kwargs={"slug": "council"}))
    assert [e.link for e in council.entries] == ["http://testserver" + news["older"].get_absolute_url()]
    state = _feed(client, reverse("news:state_feed", kwargs={"iso3": "kgz"}), **{"Accept-Language": "en"})
    assert [e.title for e in state.entries] == ["Kyrgyzstan reports"]


def test_unknown_body_or_state_feed_is_404(client, news):
    assert client.get(reverse("news:body_feed", kwargs={"slug": "nobody"})).status_code == 404
    assert client.get(reverse("news:state_feed", kwargs={"iso3": "ZZZ"})).status_code == 404
