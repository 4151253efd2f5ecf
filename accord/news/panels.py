"""What news adds to the pages of the records it links to (via the core `record_panels` tag)."""

from django.template.loader import render_to_string
from django.urls import reverse

from accord.core.cache import referenced_ids
from accord.news.choices import LinkStatus
from accord.news.models import NewsItem, NewsLink

PANEL_LIMIT = 10


def record_panel(request, obj) -> str:
    """The latest published news confirmed as speaking of a state, organization, person or meeting."""
    field = NewsLink.field_for(obj)
    if field is None or obj.pk not in _in_the_news(field):
        return ""
    user = getattr(request, "user", None)
    items = list(
        NewsItem.objects.visible_to(user).published().about(obj).defer("body_ru", "body_en")[:PANEL_LIMIT]
    )
    if not items:
        return ""
    feed_url = list_url = ""
    if field == "state":
        feed_url = reverse("news:state_feed", kwargs={"iso3": obj.iso3})
        list_url = f"{reverse('news:news_list')}?state={obj.iso3}"
    elif field == "organization" and obj.slug:
        feed_url = reverse("news:body_feed", kwargs={"slug": obj.slug})
        list_url = f"{reverse('news:news_list')}?body={obj.slug}"
    return render_to_string(
        "news/_record_panel.html",
        {"items": items, "obj": obj, "feed_url": feed_url, "list_url": list_url},
        request=request,
    )


def _in_the_news(field: str) -> frozenset[int]:
    """Records of a kind (`field`: state, organization, person, meeting) that a published item is confirmed to
    speak of: the many others' pages skip the query. The same for every reader: the panel shows published items
    only, and a scheduled one's publication ends the set's life (the news app's `cache_horizon`)."""
    return referenced_ids(
        f"news-{field}",
        lambda: NewsLink.objects.filter(status=LinkStatus.CONFIRMED, news__in=NewsItem.objects.published()),
        f"{field}_id",
    )
