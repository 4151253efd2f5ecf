"""FilterSet bases shared by every app."""

import django_filters
from django import forms
from django.utils.translation import gettext_lazy as _


class SearchFilterSet(django_filters.FilterSet):
    """Adds `q`, answered by the queryset's own `search()`.

    `page_filters` names the filters a list page shows (the API takes them
    all); by default the search box and every choice list.
    """

    q = django_filters.CharFilter(method="filter_q", label=_("Search"))
    page_filters: tuple[str, ...] = ()

    @property
    def page_fields(self) -> list:
        form = self.form
        names = self.page_filters or [
            name
            for name, field in form.fields.items()
            if name == "q" or isinstance(field.widget, forms.Select)
        ]
        return [form[name] for name in names]

    def filter_q(self, queryset, name, value):
        return queryset.search(value)
