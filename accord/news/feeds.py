"""Atom feeds of published news: all of it, a body's (with its sub-bodies) and a state's.

Feed readers are anonymous: a feed holds only published items whose time has
come, in the language the request asks for (the language cookie or
Accept-Language, as for pages).
"""

from django.contrib.syndication.views import Feed
from django.shortcuts import get_object_or_404
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext as _

from accord.news.models import NewsItem
from accord.registry.models import Organization, State

FEED_LENGTH = 30


class NewsFeed(Feed):
    feed_type = Atom1Feed
    language = None  # the syndication framework then takes the active language

    def title(self, obj=None) -> str:
        return _("Accord news")

    def subtitle(self, obj=None) -> str:
        return _("News of the anti-corruption cooperation network")

    def link(self, obj=None) -> str:
        from django.urls import reverse

        return reverse("news:news_list")

    def items(self, obj=None):
        return self.published(obj).select_related("author")[:FEED_LENGTH]

    def published(self, obj):
        return NewsItem.objects.published()

    def item_title(self, item: NewsItem) -> str:
        return item.title

    def item_description(self, item: NewsItem) -> str:
        return item.lead or item.body

    def item_pubdate(self, item: NewsItem):
        return item.published_at

    def item_updateddate(self, item: NewsItem):
        return max(item.updated_at, item.published_at) if item.published_at else item.updated_at

    def item_author_name(self, item: NewsItem) -> str:
        return _("Secretariat")


class BodyNewsFeed(NewsFeed):
    """News linked to a body or any of its sub-bodies (a council's news is the CIS's too)."""

    def get_object(self, request, slug: str) -> Organization:
        return get_object_or_404(Organization, slug=slug)

    def title(self, obj=None) -> str:
        return _("Accord news: %(name)s") % {"name": obj.name}

    def link(self, obj=None) -> str:
        from django.urls import reverse

        return f"{reverse('news:news_list')}?body={obj.slug}"

    def published(self, obj):
        return NewsItem.objects.published().linked_to("organization", Organization.objects.subtree_ids(obj))


class StateNewsFeed(NewsFeed):
    def get_object(self, request, iso3: str) -> State:
        return get_object_or_404(State, iso3=iso3.upper())

    def title(self, obj=None) -> str:
        return _("Accord news: %(name)s") % {"name": obj.name}

    def link(self, obj=None) -> str:
        from django.urls import reverse

        return f"{reverse('news:news_list')}?state={obj.iso3}"

    def published(self, obj):
        return NewsItem.objects.published().about(obj)
