"""`accord reindex`: write the full-text index of documents and news again from their texts."""

from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from accord.documents.search.indexing import reindex_all as reindex_documents
from accord.news.search import reindex_all as reindex_news


class Command(BaseCommand):
    help = gettext_lazy(
        "Index every document and news item again (after an upgrade changes how words are analyzed)."
    )

    def handle(self, *args, **options) -> None:
        with transaction.atomic():
            documents = reindex_documents()
            news = reindex_news()
        self.stdout.write(
            _("Indexed %(documents)d documents and %(news)d news items.")
            % {"documents": documents, "news": news}
        )
