"""Reads of documents: confidentiality, search, the versions of one document."""

import contextlib

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
