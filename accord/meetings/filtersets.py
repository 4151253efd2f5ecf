"""Filters of the calendar, shared by the pages, the feeds and the API."""

import django_filters
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field

from accord.core.filtersets import SearchFilterSet, YearFilter
from accord.core.pickers import filter_picker
from accord.meetings.choices import MeetingFormat, MeetingKind, MeetingStatus
from accord.meetings.models import Meeting
from accord.registry.choices import OrganizationKind
from accord.registry.models import Organization, State


class MeetingFilterSet(SearchFilterSet):
    body = django_filters.ModelChoiceFilter(
        queryset=Organization.objects.filter(kind__in=[OrganizationKind.IGO, OrganizationKind.BODY]),
        method="filter_body",
        label=_("Body"),
        widget=filter_picker("body"),
    )
    state = django_filters.ModelChoiceFilter(
        queryset=State.objects.all(),
        to_field_name="iso3",
        method="filter_state",
        label=_("State"),
        widget=filter_picker("state", key="iso3"),
    )
    kind = django_filters.ChoiceFilter(choices=MeetingKind.choices, label=_("Kind"))
    year = YearFilter(field_name="start_on__year", label=_("Year"))
    format = django_filters.ChoiceFilter(choices=MeetingFormat.choices, label=_("Format"))
    status = django_filters.ChoiceFilter(choices=MeetingStatus.choices, label=_("Status"))
    start_after = django_filters.DateFilter(
        field_name="start_on", lookup_expr="gte", label=_("Starting from")
    )
    start_before = django_filters.DateFilter(
        field_name="start_on", lookup_expr="lte", label=_("Starting until")
    )

    page_filters = ("q", "body", "state", "kind", "year", "format", "status")

    class Meta:
        model = Meeting
        fields = ["q", "body", "state", "kind", "year", "format", "status"]

    @extend_schema_field(OpenApiTypes.INT)
    def filter_body(self, queryset, name, value):
        return queryset.of_body(value) if value else queryset

    @extend_schema_field(OpenApiTypes.STR)
    def filter_state(self, queryset, name, value):
        return queryset.of_state(value) if value else queryset
