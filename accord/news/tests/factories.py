"""factory_boy factories for news; workflow state is built through the services in tests."""

import datetime

import factory
from django.utils import timezone

from accord.news.choices import LinkStatus, NewsStatus
from accord.news.models import NewsAttachment, NewsItem, NewsLink


class NewsItemFactory(factory.django.DjangoModelFactory):
    """A draft written directly (no extraction): for lists, feeds and permissions."""

    class Meta:
        model = NewsItem

    slug = factory.Sequence(lambda n: f"news-{n}")
    title_ru = factory.Sequence(lambda n: f"Новость {n}")
    title_en = factory.Sequence(lambda n: f"News {n}")
    lead_ru = "Краткое содержание."
    lead_en = "Summary."
    body_ru = "<p>Текст новости.</p>"
    body_en = "<p>News text.</p>"
    status = NewsStatus.DRAFT


class PublishedNewsItemFactory(NewsItemFactory):
    status = NewsStatus.PUBLISHED
    published_at = factory.Sequence(lambda n: timezone.now() - datetime.timedelta(hours=n + 1))


class NewsLinkFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = NewsLink

    news = factory.SubFactory(PublishedNewsItemFactory)
    status = LinkStatus.CONFIRMED


class NewsAttachmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = NewsAttachment

    news = factory.SubFactory(PublishedNewsItemFactory)
    file = factory.django.FileField(filename="report.pdf", data=b"%PDF-1.4 test")
    title_en = "Report"
    title_ru = "Доклад"
