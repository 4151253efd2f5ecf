"""`make demo`'s news: four published items and a draft (checked by tests/test_samples.py)."""

import feedparser
from django.urls import reverse

from accord.news.choices import LinkStatus, NewsStatus
from accord.news.models import NewsItem
from accord.registry.models import State

DECLARED_LINKS = 23


def check_samples(first, *, client, api_client, user) -> None:
    """Run once every app's samples are loaded; the reload's quiet is checked by the caller."""
    assert first["news items"] == {"created": 5}
    assert sum(first["news links"].values()) == DECLARED_LINKS
    # Extraction had proposed some of the declared links already; loading confirmed them.
    assert first["news links"].get("updated", 0) > 0
    published = NewsItem.objects.published()
    assert published.count() == 4
    draft = NewsItem.objects.get(status=NewsStatus.DRAFT)
    assert not draft.links.filter(status=LinkStatus.CONFIRMED).exists()
    assert draft.links.filter(
        status=LinkStatus.PROPOSED, organization__slug="cis-anticorruption-council"
    ).exists()
    for item in published:
        assert "<script" not in item.body_ru and item.links.filter(status=LinkStatus.CONFIRMED).exists()

    page = client.get(reverse("news:news_list"))
    assert page.status_code == 200 and len(page.context["object_list"]) == 4
    assert client.get(draft.get_absolute_url()).status_code == 404
    visit = NewsItem.objects.get(slug="genprokuror-rossii-v-tashkente")
    assert client.get(visit.get_absolute_url()).status_code == 200
    uzbekistan = client.get(State.objects.get(iso3="UZB").get_absolute_url(), follow=True).content.decode()
    assert 'data-testid="news-panel"' in uzbekistan and visit.get_absolute_url() in uzbekistan

    feed = feedparser.parse(client.get(reverse("news:body_feed", kwargs={"slug": "cis"})).content)
    slugs = {entry.link.rstrip("/").rsplit("/", 1)[-1] for entry in feed.entries}
    assert slugs == {
        "genprokuror-rossii-v-tashkente",
        "ispolkom-sng-na-devyatoy-sessii-konferentsii-uncac",
        "predsedatelstvo-v-sng-pereshlo-k-kyrgyzstanu",
    }
    assert api_client.get("/api/news/").json()["count"] == 4
