"""Filters of the register, shared by the list page, the dashboard, the exports and the API."""

import django_filters
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field

from accord.core.filtersets import IntegerFilter, SearchFilterSet
from accord.core.pickers import filter_picker
from accord.followup.choices import Priority, SourceKind, Status, Theme
from accord.followup.models import Recommendation
from accord.registry.choices import OrganizationKind
from accord.registry.models import Organization, State


class RecommendationFilterSet(SearchFilterSet):
    state = django_filters.ModelChoiceFilter(
        queryset=State.objects.all(),
        to_field_name="iso3",
        field_name="state",
        label=_("State"),
        widget=filter_picker("state", key="iso3"),
    )
    state_id = IntegerFilter(field_name="state_id", label=_("State (id)"))
    authority = django_filters.ModelChoiceFilter(
        queryset=Organization.objects.filter(kind=OrganizationKind.NATIONAL_AUTHORITY),
        field_name="authority",
        label=_("Addressee authority"),
        widget=filter_picker("authority"),
    )
    source_kind = django_filters.ChoiceFilter(choices=SourceKind.choices, label=_("Source"))
    theme = django_filters.ChoiceFilter(choices=Theme.choices, method="filter_theme", label=_("Theme"))
    status = django_filters.ChoiceFilter(choices=Status.choices, label=_("Status"))
    priority = django_filters.ChoiceFilter(choices=Priority.choices, label=_("Priority"))
    overdue = django_filters.ChoiceFilter(
        choices=[("true", _("Overdue")), ("false", _("Not overdue"))],
        method="filter_overdue",
        label=_("Deadline"),
    )
    body = IntegerFilter(field_name="body_id", label=_("Recommending body (id)"))

    page_filters = ("q", "state", "authority", "source_kind", "theme", "status", "overdue")

    class Meta:
        model = Recommendation
        fields = [
            "q",
            "state",
            "state_id",
            "authority",
            "source_kind",
            "theme",
            "status",
            "priority",
            "overdue",
        ]

    @extend_schema_field(OpenApiTypes.STR)
    def filter_theme(self, queryset, name, value):
        # Themes are a JSON list of keys; the quoted key matches one element exactly.
        return queryset.filter(themes__icontains=f'"{value}"') if value else queryset

    def filter_overdue(self, queryset, name, value):
        if not value:
            return queryset
        overdue = queryset.overdue(timezone.localdate())
        return overdue if value == "true" else queryset.exclude(pk__in=overdue.values("pk"))
