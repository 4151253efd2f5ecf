"""Filters of initiatives and agreements, shared by the pages and the API."""

import django_filters
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field

from accord.cooperation.choices import AgreementKind, AgreementStatus, InitiativeStatus
from accord.cooperation.models import Agreement, Initiative
from accord.core.choices import Topic
from accord.core.filtersets import SearchFilterSet, YearFilter
from accord.core.pickers import filter_picker
from accord.meetings.models import Meeting
from accord.registry.models import State


class InitiativeFilterSet(SearchFilterSet):
    state = django_filters.ModelChoiceFilter(
        queryset=State.objects.all(),
        to_field_name="iso3",
        method="filter_state",
        label=_("Proposing state"),
        widget=filter_picker("state", key="iso3"),
    )
    status = django_filters.ChoiceFilter(choices=InitiativeStatus.choices, label=_("Status"))
    topic = django_filters.ChoiceFilter(choices=Topic.choices, method="filter_topic", label=_("Topic"))
    year = YearFilter(field_name="proposed_on__year", label=_("Year"))
    meeting = django_filters.ModelChoiceFilter(
        queryset=Meeting.objects.filter(proposed_initiatives__isnull=False).distinct(), label=_("Meeting")
    )

    page_filters = ("q", "state", "status", "topic", "year", "meeting")

    class Meta:
        model = Initiative
        fields = ["q", "state", "status", "topic", "year", "meeting"]

    @extend_schema_field(OpenApiTypes.STR)
    def filter_state(self, queryset, name, value):
        return queryset.proposed_by_state(value) if value else queryset

    @extend_schema_field(OpenApiTypes.STR)
    def filter_topic(self, queryset, name, value):
        return queryset.with_topic(value) if value else queryset


class AgreementFilterSet(SearchFilterSet):
    state = django_filters.ModelChoiceFilter(
        queryset=State.objects.all(),
        to_field_name="iso3",
        method="filter_state",
        label=_("Party"),
        widget=filter_picker("state", key="iso3"),
    )
    kind = django_filters.ChoiceFilter(choices=AgreementKind.choices, label=_("Kind"))
    status = django_filters.ChoiceFilter(choices=AgreementStatus.choices, label=_("Status"))
    year = YearFilter(field_name="signed_on__year", label=_("Year of signature"))

    page_filters = ("q", "state", "kind", "status", "year")

    class Meta:
        model = Agreement
        fields = ["q", "state", "kind", "status", "year"]

    @extend_schema_field(OpenApiTypes.STR)
    def filter_state(self, queryset, name, value):
        return queryset.of_state(value) if value else queryset
