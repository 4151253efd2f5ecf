"""Filters of the request list, shared by the page, the CSV export and the API."""

import django_filters
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field

from accord.core.filtersets import SearchFilterSet
from accord.core.pickers import filter_picker
from accord.legal_cooperation.choices import RequestKind, RequestStatus
from accord.legal_cooperation.models import CooperationRequest
from accord.registry.models import State


class CooperationRequestFilterSet(SearchFilterSet):
    kind = django_filters.ChoiceFilter(choices=RequestKind.choices, label=_("Kind"))
    status = django_filters.ChoiceFilter(choices=RequestStatus.choices, label=_("Status"))
    state = django_filters.ModelChoiceFilter(
        queryset=State.objects.all(),
        to_field_name="iso3",
        method="filter_state",
        label=_("State"),
        widget=filter_picker("state", key="iso3"),
    )
    overdue = django_filters.ChoiceFilter(
        choices=[("true", _("Overdue only")), ("false", _("Not overdue"))],
        method="filter_overdue",
        label=_("Overdue"),
    )

    page_filters = ("q", "kind", "status", "state", "overdue")

    class Meta:
        model = CooperationRequest
        fields = ["q", "kind", "status", "state", "overdue"]

    @extend_schema_field(OpenApiTypes.STR)
    def filter_state(self, queryset, name, value):
        return queryset.of_state(value) if value else queryset

    def filter_overdue(self, queryset, name, value):
        if not value:
            return queryset
        overdue = queryset.overdue(timezone.localdate())
        return overdue if value == "true" else queryset.exclude(pk__in=overdue.values("pk"))
