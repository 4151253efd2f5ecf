"""FilterSet bases and filters shared by every app.

Every number a filter takes is a whole number within what the database can
compare (a 64-bit signed integer), and every year one the calendar has
(1–9999): anything else is a validation error (400 on the API, a message
beside the field on a page), never a query that fails on the server. That
holds for filters declared by hand (`IntegerFilter`, `YearFilter`) and for
those django-filter derives from model fields (`AccordFilterSet`, and the
API's filter backend in `accord.core.api.filters`).
"""

from copy import deepcopy

import django_filters
from django import forms
from django.db import models
from django.utils.translation import gettext_lazy as _
from django_filters import filterset
from django_filters.rest_framework import filterset as rest_filterset
from drf_spectacular.utils import extend_schema_field

from accord.core.forms import DB_INTEGER_MAX, DB_INTEGER_MIN, BoundedIntegerField, YearField, collate_choices


@extend_schema_field({"type": "integer", "minimum": DB_INTEGER_MIN, "maximum": DB_INTEGER_MAX})
class IntegerFilter(django_filters.NumberFilter):
    """A number filter on an integer column or an id: bounded, never a Decimal."""

    field_class = BoundedIntegerField


@extend_schema_field({"type": "integer", "minimum": 1, "maximum": 9999})
class YearFilter(django_filters.NumberFilter):
    """`?year=` on a date: 1 to 9999, so that the date lookup can build its bounds."""

    field_class = YearField


def _bounded(defaults: dict) -> dict:
    """The filter defaults with every integer model field answered by `IntegerFilter`."""
    defaults = deepcopy(defaults)
    for model_field in defaults:
        if issubclass(model_field, (models.IntegerField, models.AutoField)):
            defaults[model_field] = {"filter_class": IntegerFilter}
    return defaults


class AccordFilterSet(django_filters.FilterSet):
    """The base of every FilterSet of the pages: integer fields get bounded filters, named choices collation order."""

    FILTER_DEFAULTS = _bounded(filterset.FILTER_FOR_DBFIELD_DEFAULTS)

    @property
    def form(self):
        if not hasattr(self, "_form"):
            collate_choices(super().form)
        return self._form


class AccordApiFilterSet(rest_filterset.FilterSet):
    """The same for the FilterSets the API derives from a viewset's `filterset_fields`."""

    FILTER_DEFAULTS = _bounded(rest_filterset.FILTER_FOR_DBFIELD_DEFAULTS)


class SearchFilterSet(AccordFilterSet):
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

    @property
    def other_errors(self) -> list[str]:
        """Errors of filters given in the address but not shown on the page: never silently ignored."""
        shown = {field.name for field in self.page_fields}
        fields = self.form.fields
        return [
            f"{fields[name].label}: {error}" if name in fields else str(error)
            for name, errors in self.form.errors.items()
            if name not in shown
            for error in errors
        ]

    def filter_q(self, queryset, name, value):
        return queryset.search(value)
