"""Reads of documents: confidentiality, search, the versions of one document."""

import contextlib
import datetime
from collections.abc import Iterable

from django.db import models
from django.db.models import Q

from accord.core.querysets import ConfidentialityQuerySet


class DocumentQuerySet(ConfidentialityQuerySet):
    def search(self, text: str) -> "DocumentQuerySet":
        text = text.strip()
        if not text:
            return self
        from accord.documents.symbols import SymbolError, parse_symbol

        query = Q(title__icontains=text) | Q(symbol__iexact=text)
        with contextlib.suppress(SymbolError):
            query |= Q(symbol_root=parse_symbol(text).root)
        return self.filter(query)


class IngestJobQuerySet(models.QuerySet):
    def stale(self, cutoff: datetime.datetime, *, alive: Iterable[str] = ()) -> "IngestJobQuerySet":
        """Running jobs that have not moved since `cutoff` and whose runner is not among the `alive`.

        A worker that beats is still at its job, however long one file takes;
        `accord ingest` has no heartbeat of its own, its job moves with every file.
        """
        return (
            self.filter(status="running")
            .filter(Q(heartbeat_at__lt=cutoff) | Q(heartbeat_at__isnull=True, updated_at__lt=cutoff))
            .exclude(runner__in=list(alive))
        )

    def requeueable(self) -> "IngestJobQuerySet":
        """Uploads that broke off with files still pending: a person may queue them again."""
        from accord.documents.models import IngestItem

        pending = IngestItem.objects.filter(job=models.OuterRef("pk"), status="pending")
        return self.filter(models.Exists(pending), source="upload", status__in=["failed", "interrupted"])
