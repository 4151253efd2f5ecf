from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NewsConfig(AppConfig):
    name = "accord.news"
    label = "news"
    verbose_name = _("News")
    sample_loader = "accord.news.samples.load_samples"
    record_panel = "accord.news.panels.record_panel"
    cache_horizon = "accord.news.querysets.next_publication"
    public_menu = "accord.news.menus.public_menu"
    opendata_tables = "accord.news.opendata.tables"

    def ready(self) -> None:
        from auditlog.registry import auditlog
        from django.db.models.signals import post_save

        from accord.news import models
        from accord.news.search import on_news_saved

        post_save.connect(on_news_saved, sender=models.NewsItem, dispatch_uid="news-search-terms")

        for model in (models.NewsItem, models.NewsAttachment, models.NewsLink):
            auditlog.register(model)
