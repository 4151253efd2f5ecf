"""Filters of the news list, shared by the page and the API: body (with its sub-bodies), state, year."""

import django_filters
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field

from accord.core.filtersets import SearchFilterSet, YearFilter
from accord.news.choices import LinkStatus, NewsStatus
from accord.news.models import NewsItem
from accord.registry.models import Organization, State


class NewsItemFilterSet(SearchFilterSet):
    body = django_filters.ModelChoiceFilter(
        # Bodies with news, and their parents (news of a council is news of the CIS).
        queryset=Organization.objects.filter(
            Q(news_links__status=LinkStatus.CONFIRMED) | Q(children__news_links__status=LinkStatus.CONFIRMED),
            slug__isnull=False,
        )
        .distinct()
        .order_by("name_ru"),
        to_field_name="slug",
        method="filter_body",
        label=_("Body"),
    )
    state = django_filters.ModelChoiceFilter(
        queryset=State.objects.filter(news_links__status=LinkStatus.CONFIRMED).distinct().order_by("name_ru"),
        to_field_name="iso3",
        method="filter_state",
        label=_("State"),
    )
    year = YearFilter(field_name="published_at__year", label=_("Year"))
    status = django_filters.ChoiceFilter(choices=NewsStatus.choices, label=_("Status"))

    page_filters = ("q", "body", "state", "year")

    class Meta:
        model = NewsItem
        fields = ["q", "body", "state", "year", "status"]

    @extend_schema_field(OpenApiTypes.STR)
    def filter_body(self, queryset, name, value):
        if not value:
            return queryset
        return queryset.linked_to("organization", Organization.objects.subtree_ids(value))

    @extend_schema_field(OpenApiTypes.STR)
    def filter_state(self, queryset, name, value):
        return queryset.about(value) if value else queryset
