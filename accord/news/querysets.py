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


class NewsLinkQuerySet(models.QuerySet):
    def confirmed(self) -> "NewsLinkQuerySet":
        from accord.news.choices import LinkStatus

        return self.filter(status=LinkStatus.CONFIRMED)

    def proposed(self) -> "NewsLinkQuerySet":
        from accord.news.choices import LinkStatus

        return self.filter(status=LinkStatus.PROPOSED)
