"""FilterSet bases shared by every app."""

import django_filters
from django.utils.translation import gettext_lazy as _


class SearchFilterSet(django_filters.FilterSet):
    """Adds `q`, answered by the queryset's own `search()`."""

    q = django_filters.CharFilter(method="filter_q", label=_("Search"))

    def filter_q(self, queryset, name, value):
        return queryset.search(value)
