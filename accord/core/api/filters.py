"""The API's filter backend: django-filter, with the project's bounded filters."""

from django_filters.rest_framework import DjangoFilterBackend

from accord.core.filtersets import AccordApiFilterSet


class FilterBackend(DjangoFilterBackend):
    """FilterSets derived from `filterset_fields` take only numbers the database can compare."""

    filterset_base = AccordApiFilterSet
