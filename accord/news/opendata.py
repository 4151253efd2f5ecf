"""The news' public tables in the open-data package (its AppConfig `opendata_tables`)."""

from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from accord.core.opendata import Table, anonymous, col, model_table, url_col


def tables() -> list[Table]:
    """Published news items and the confirmed links to the public records they speak of."""
    from accord.meetings.models import Meeting
    from accord.news.choices import LinkStatus
    from accord.news.models import NewsItem, NewsLink
    from accord.registry.models import Person

    public = anonymous()
    people = Person.objects.visible_to(public)
    meetings = Meeting.objects.visible_to(public)
    return [
        model_table(
            "news",
            _("News"),
            _("Published news items; the text is sanitized HTML."),
            [
                col(NewsItem, "id"),
                col(NewsItem, "slug"),
                col(NewsItem, "title_ru"),
                col(NewsItem, "title_en"),
                col(NewsItem, "lead_ru"),
                col(NewsItem, "lead_en"),
                col(NewsItem, "body_ru"),
                col(NewsItem, "body_en"),
                col(NewsItem, "published_at"),
                url_col("news:news_detail", "slug", "slug", "zz-sample-zz"),
            ],
            lambda: NewsItem.objects.visible_to(public),
        ),
        model_table(
            "news_links",
            _("News links"),
            _("The states, organizations, people and meetings a published news item speaks of."),
            [
                col(NewsLink, "id"),
                col(NewsLink, "news_id"),
                col(NewsLink, "state_id"),
                col(NewsLink, "organization_id"),
                col(NewsLink, "person_id"),
                col(NewsLink, "meeting_id"),
            ],
            lambda: NewsLink.objects.filter(
                news__in=NewsItem.objects.visible_to(public).values("pk"), status=LinkStatus.CONFIRMED
            ).filter(
                (Q(person__isnull=True) | Q(person__in=people.values("pk")))
                & (Q(meeting__isnull=True) | Q(meeting__in=meetings.values("pk")))
            ),
            foreign_keys=(
                ("news_id", "news", "id"),
                ("state_id", "states", "id"),
                ("organization_id", "organizations", "id"),
                ("person_id", "people", "id"),
                ("meeting_id", "meetings", "id"),
            ),
        ),
    ]
