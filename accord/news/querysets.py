"""Who sees which news: the public reads what is published, the secretariat everything."""

from django.db import models
from django.utils import timezone

from accord.core.querysets import RestrictedQuerySet
from accord.core.roles import is_secretariat


class NewsItemQuerySet(RestrictedQuerySet):
    def published(self) -> "NewsItemQuerySet":
        """Published items whose publication time has come, newest first."""
        from accord.news.choices import NewsStatus

        return self.filter(status=NewsStatus.PUBLISHED, published_at__lte=timezone.now()).order_by(
            "-published_at", "-pk"
        )

    def visible_to(self, user) -> "NewsItemQuerySet":
        if is_secretariat(user):
            return self.all()
        return self.published()

    def about(self, obj) -> "NewsItemQuerySet":
        """Items with a confirmed link to a state, organization, meeting or person."""
        from accord.news.choices import LinkStatus
        from accord.news.models import NewsLink

        field = NewsLink.field_for(obj)
        if field is None:
            return self.none()
        return self.filter(
            pk__in=NewsLink.objects.filter(status=LinkStatus.CONFIRMED, **{field: obj}).values("news_id")
        )

    def linked_to(self, field: str, ids) -> "NewsItemQuerySet":
        """Items with a confirmed link to any of the records `ids` of one kind (a body and its sub-bodies)."""
        from accord.news.choices import LinkStatus
        from accord.news.models import NewsLink

        return self.filter(
            pk__in=NewsLink.objects.filter(
                status=LinkStatus.CONFIRMED, **{f"{field}_id__in": list(ids)}
            ).values("news_id")
        )

    def with_visible_links(self, user) -> "NewsItemQuerySet":
        """Prefetch, as `visible_links`, the links the reader may see with their records (two queries in all)."""
        from accord.news.models import LINK_TARGETS, NewsLink

        return self.prefetch_related(
            models.Prefetch(
                "links",
                queryset=NewsLink.objects.visible_to(user).select_related(*LINK_TARGETS).order_by("pk"),
                to_attr="visible_links",
            )
        )

    def search(self, text: str) -> "NewsItemQuerySet":
        """Items whose title, lead or text, in either language, match a query as documents' search reads it."""
        from accord.news.search import matching_ids

        text = (text or "").strip()
        if not text:
            return self
        return self.filter(pk__in=matching_ids(text))


class NewsLinkQuerySet(models.QuerySet):
    def visible_to(self, user) -> "NewsLinkQuerySet":
        """The secretariat sees every link; others the confirmed ones, to records they may see."""
        if is_secretariat(user):
            return self.all()
        from accord.meetings.models import Meeting
        from accord.news.choices import LinkStatus
        from accord.registry.models import Person

        return self.filter(status=LinkStatus.CONFIRMED).filter(
            models.Q(state__isnull=False)
            | models.Q(organization__isnull=False)
            | models.Q(person__in=Person.objects.visible_to(user))
            | models.Q(meeting__in=Meeting.objects.visible_to(user))
        )

    def confirmed(self) -> "NewsLinkQuerySet":
        from accord.news.choices import LinkStatus

        return self.filter(status=LinkStatus.CONFIRMED)

    def proposed(self) -> "NewsLinkQuerySet":
        from accord.news.choices import LinkStatus

        return self.filter(status=LinkStatus.PROPOSED)


def next_publication():
    """When the next scheduled item appears (the cache keeps no public page past it), or None."""
    from django.db.models import Min

    from accord.news.choices import NewsStatus
    from accord.news.models import NewsItem

    return NewsItem.objects.filter(status=NewsStatus.PUBLISHED, published_at__gt=timezone.now()).aggregate(
        first=Min("published_at")
    )["first"]
