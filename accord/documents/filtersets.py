"""Filters of the document list, shared by the pages and the API."""

import django_filters
from django.utils.translation import gettext_lazy as _

from accord.core.choices import Confidentiality
from accord.core.filtersets import IntegerFilter, SearchFilterSet, YearFilter
from accord.documents.choices import DocumentKind, DocumentLanguage
from accord.documents.models import Document


class DocumentFilterSet(SearchFilterSet):
    kind = django_filters.ChoiceFilter(choices=DocumentKind.choices, label=_("Kind"))
    language = django_filters.ChoiceFilter(choices=DocumentLanguage.choices, label=_("Language"))
    year = YearFilter(field_name="published_on__year", label=_("Year"))
    meeting = IntegerFilter(field_name="meeting_id", label=_("Meeting (id)"))
    publisher = IntegerFilter(field_name="publisher_id", label=_("Publisher (id)"))
    symbol = django_filters.CharFilter(method="filter_symbol", label=_("Symbol"))
    confidentiality = django_filters.ChoiceFilter(choices=Confidentiality.choices, label=_("Confidentiality"))

    page_filters = ("q", "kind", "language", "year")

    class Meta:
        model = Document
        fields = ["q", "kind", "language", "year", "confidentiality"]

    def filter_symbol(self, queryset, name, value):
        from accord.documents.symbols import SymbolError, parse_symbol

        try:
            return queryset.filter(symbol_root=parse_symbol(value).root)
        except SymbolError:
            return queryset.none()
