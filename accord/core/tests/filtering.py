"""Helpers for FilterSet tests: a table of cases per app, every declared filter in it, each one narrowing.

An app's `tests/test_filtersets.py` builds a few rows, then declares for each
of its FilterSets a case per filter: a function of the rows that returns the
query (`{"state": "KAZ"}`) and the rows it must keep. `missing_cases` fails
the suite when a filter has no case; `assert_narrows` fails when a filter
keeps the wrong rows or keeps them all (a filter that filters nothing).
"""

from __future__ import annotations

import inspect
from collections.abc import Callable, Iterable
from types import ModuleType
from typing import Any

import django_filters
from django.db.models import Model, QuerySet

# A case: given the test's rows, the query and the rows it must keep.
Case = Callable[[Any], tuple[dict[str, Any], Iterable[Model]]]
Cases = dict[type[django_filters.FilterSet], dict[str, Case]]


def filtered(
    filterset_class: type[django_filters.FilterSet], data: dict[str, Any], queryset: QuerySet | None = None
) -> set[Model]:
    """The rows the FilterSet keeps for `data`; a form error fails the test with the errors."""
    if queryset is None:
        queryset = filterset_class._meta.model._default_manager.all()
    filterset = filterset_class(data, queryset=queryset)
    assert filterset.is_valid(), filterset.errors
    return set(filterset.qs)


def assert_narrows(
    filterset_class: type[django_filters.FilterSet],
    data: dict[str, Any],
    expected: Iterable[Model],
    queryset: QuerySet | None = None,
) -> None:
    """`data` keeps exactly `expected`: at least one row, and fewer than the unfiltered queryset."""
    if queryset is None:
        queryset = filterset_class._meta.model._default_manager.all()
    expected = set(expected)
    everything = set(queryset)
    assert expected, "a case must keep at least one row"
    assert expected < everything, f"{data} cannot narrow: the expected rows are all the rows"
    assert filtered(filterset_class, data, queryset) == expected, data


def filtersets_of(module: ModuleType) -> list[type[django_filters.FilterSet]]:
    """The FilterSets a `filtersets` module defines (not the bases it imports)."""
    return [
        value
        for value in vars(module).values()
        if inspect.isclass(value)
        and issubclass(value, django_filters.FilterSet)
        and value.__module__ == module.__name__
    ]


def missing_cases(module: ModuleType, cases: Cases) -> dict[str, list[str]]:
    """Filters of the module's FilterSets that the table has no case for, by FilterSet name."""
    missing = {}
    for filterset_class in filtersets_of(module):
        absent = sorted(set(filterset_class.base_filters) - set(cases.get(filterset_class, {})))
        if absent:
            missing[filterset_class.__name__] = absent
    return missing


def case_params(cases: Cases) -> list[tuple[type[django_filters.FilterSet], str]]:
    """(FilterSet, filter name) pairs for `pytest.mark.parametrize`."""
    return [(filterset_class, name) for filterset_class, named in cases.items() for name in named]


def case_id(value: object) -> str:
    return value.__name__ if inspect.isclass(value) else str(value)
