"""Filters of country reviews, shared by the cycle board and the API (`/api/country-reviews/`).

Foreign keys come in pairs, as elsewhere in Accord: `cluster` is the
cluster's number within its cycle (what the board's list offers) and
`cluster_id` its id; `state` is the ISO 3166-1 alpha-3 code and `state_id`
the id. A value a page cannot use is ignored there with a message; the API
answers it with a 400.
"""

import django_filters
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_filters.widgets import BooleanWidget
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field

from accord.core.filtersets import AccordFilterSet, IntegerFilter
from accord.core.pickers import filter_picker
from accord.registry.models import State
from accord.reviews.choices import Phase
from accord.reviews.models import Cluster, CountryReview, Cycle


class CountryReviewFilterSet(AccordFilterSet):
    cycle = django_filters.ModelChoiceFilter(queryset=Cycle.objects.all(), label=_("Cycle"))
    cluster = IntegerFilter(field_name="cluster__number", label=_("Cluster"))
    cluster_id = django_filters.ModelChoiceFilter(
        field_name="cluster", queryset=Cluster.objects.all(), label=_("Cluster (id)")
    )
    state = django_filters.ModelChoiceFilter(
        queryset=State.objects.all(),
        to_field_name="iso3",
        label=_("State under review"),
        widget=filter_picker("state", key="iso3"),
    )
    state_id = IntegerFilter(field_name="state_id", label=_("State under review (id)"))
    year = IntegerFilter(field_name="year", label=_("Year"))
    phase = django_filters.ChoiceFilter(choices=Phase.choices, label=_("Phase"))
    overdue = django_filters.BooleanFilter(
        method="filter_overdue", widget=BooleanWidget, label=_("Overdue only")
    )

    page_filters = ("year", "phase", "cluster", "overdue")
    """What the cycle board offers; the cycle is the board's own."""

    class Meta:
        model = CountryReview
        fields = ["cycle", "cluster", "cluster_id", "state", "state_id", "year", "phase", "overdue"]

    @extend_schema_field(OpenApiTypes.BOOL)
    def filter_overdue(self, queryset, name, value):
        """`overdue=1` (or `true`): past their deadline (today, in the site's time zone); `overdue=0`: the others."""
        if value is None:
            return queryset
        overdue = queryset.overdue(timezone.localdate())
        return overdue if value else queryset.exclude(pk__in=overdue.values("pk"))
