"""Filters of the suggestion queue and of mentions, shared by the pages and the API."""

import django_filters
from django.utils.translation import gettext_lazy as _

from accord.core.filtersets import AccordFilterSet, IntegerFilter, SearchFilterSet
from accord.extraction.choices import MentionMethod, MentionType, SuggestionKind, SuggestionStatus
from accord.extraction.models import Mention, Suggestion

CONFIDENCE_CHOICES = [
    ("0.9", _("90 % and more")),
    ("0.75", _("75 % and more")),
    ("0.5", _("50 % and more")),
    ("0.25", _("25 % and more")),
]


class SuggestionFilterSet(SearchFilterSet):
    kind = django_filters.ChoiceFilter(choices=SuggestionKind.choices, label=_("Kind"))
    status = django_filters.ChoiceFilter(choices=SuggestionStatus.choices, label=_("Status"))
    min_confidence = django_filters.ChoiceFilter(
        choices=CONFIDENCE_CHOICES, field_name="confidence", lookup_expr="gte", label=_("Confidence")
    )
    document = IntegerFilter(field_name="document_id", label=_("Document (id)"))

    page_filters = ("q", "kind", "status", "min_confidence", "document")

    class Meta:
        model = Suggestion
        fields = ["q", "kind", "status", "min_confidence", "document"]


class MentionFilterSet(AccordFilterSet):
    document = IntegerFilter(field_name="document_id", label=_("Document (id)"))
    type = django_filters.ChoiceFilter(choices=MentionType.choices, label=_("Type"))
    method = django_filters.ChoiceFilter(choices=MentionMethod.choices, label=_("Method"))
    state = django_filters.CharFilter(
        field_name="state__iso3", lookup_expr="iexact", label=_("State (ISO code)")
    )
    state_id = IntegerFilter(field_name="state_id", label=_("State (id)"))
    organization_id = IntegerFilter(field_name="organization_id", label=_("Organization (id)"))
    organization = django_filters.CharFilter(field_name="organization__slug", label=_("Organization (key)"))
    person_id = IntegerFilter(field_name="person_id", label=_("Person (id)"))
    linked = django_filters.BooleanFilter(method="filter_linked", label=_("Linked to a record"))

    class Meta:
        model = Mention
        fields = ["document", "type", "method"]

    def filter_linked(self, queryset, name, value):
        from django.db.models import Q

        linked = Q(state__isnull=False) | Q(organization__isnull=False) | Q(person__isnull=False)
        if value is None:
            return queryset
        return queryset.filter(linked) if value else queryset.exclude(linked)
