"""The sitemap: the portal's pages and every public record page, for search engines.

Sections are paginated (`limit`), so 100,000 documents make a hundred pages of
an index rather than one huge file; each page reads only keys and times.
"""

from django.contrib.auth.models import AnonymousUser
from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from accord.portal import addresses, profiles


def _anonymous() -> AnonymousUser:
    # A sitemap lists what everybody may read, whoever asks for it.
    return AnonymousUser()


class RecordSitemap(Sitemap):
    """Records with an `updated_at`, 1,000 addresses a page.

    The index gives no date per section: Django would read every row for it,
    and an aggregate still scans the table; each page gives every address's date.
    """

    limit = 1000

    def lastmod(self, obj):
        return obj.updated_at

    def get_latest_lastmod(self):
        return None


class PortalSitemap(Sitemap):
    priority = 1.0
    changefreq = "daily"

    def items(self) -> list[str]:
        return [
            "portal:home",
            "portal:body_list",
            "portal:state_list",
            "portal:calendar",
            "news:news_list",
            "portal:opendata",
        ]

    def location(self, item: str) -> str:
        return reverse(item)


class BodySitemap(RecordSitemap):
    def items(self):
        return profiles.bodies(_anonymous()).only("pk", "slug", "updated_at").order_by("pk")

    def location(self, item) -> str:
        return addresses.body_url(item)


class StateSitemap(RecordSitemap):
    def items(self):
        from accord.registry.models import State

        return State.objects.visible_to(_anonymous()).only("pk", "iso3", "updated_at").order_by("pk")

    def location(self, item) -> str:
        return addresses.state_url(item)


class PersonSitemap(RecordSitemap):
    def items(self):
        return (
            profiles.public_people(_anonymous())
            .only("pk", "given_name_en", "family_name_en", "updated_at")
            .order_by("pk")
        )

    def location(self, item) -> str:
        return addresses.person_url(item)


class NewsSitemap(RecordSitemap):
    def items(self):
        from accord.news.models import NewsItem

        return NewsItem.objects.published().only("pk", "slug", "updated_at").order_by("pk")


class MeetingSitemap(RecordSitemap):
    def items(self):
        from accord.meetings.models import Meeting

        return Meeting.objects.visible_to(_anonymous()).only("pk", "updated_at").order_by("pk")


class DocumentSitemap(RecordSitemap):
    def items(self):
        from accord.documents.models import Document

        return Document.objects.visible_to(_anonymous()).only("pk", "updated_at").order_by("pk")


SITEMAPS = {
    "portal": PortalSitemap,
    "bodies": BodySitemap,
    "states": StateSitemap,
    "people": PersonSitemap,
    "news": NewsSitemap,
    "meetings": MeetingSitemap,
    "documents": DocumentSitemap,
}
