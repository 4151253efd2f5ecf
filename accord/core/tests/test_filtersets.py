"""The FilterSet bases every app shares, and the helpers of the apps' FilterSet tests."""

import datetime
import sys

import django_filters
import pytest
from django.contrib.auth.models import User
from django.db.models import QuerySet
from django.utils import timezone

from accord.core.filtersets import AccordFilterSet, IntegerFilter, SearchFilterSet, YearFilter
from accord.core.tests.filtering import assert_narrows, filtered, filtersets_of, missing_cases

pytestmark = pytest.mark.django_db


class UserQuerySet(QuerySet):
    def search(self, value):
        return self.filter(username__icontains=value)


class UserFilterSet(SearchFilterSet):
    id_at_least = IntegerFilter(field_name="id", lookup_expr="gte")
    joined = YearFilter(field_name="date_joined__year")
    is_staff = django_filters.BooleanFilter(widget=django_filters.widgets.BooleanWidget())

    page_filters = ("q", "joined")

    class Meta:
        model = User
        fields = ["q", "id_at_least", "joined", "is_staff", "last_login"]


class UserDerivedFilterSet(AccordFilterSet):
    class Meta:
        model = User
        fields = ["id"]


@pytest.fixture
def users():
    def joined(year):
        return timezone.make_aware(datetime.datetime(year, 3, 1))

    old = User.objects.create(username="old-timer", date_joined=joined(2001))
    new = User.objects.create(username="newcomer", date_joined=joined(2024), is_staff=True)
    return old, new


def everyone():
    return UserQuerySet(model=User)


def test_search_year_integer_and_boolean_filters_narrow(users):
    old, new = users
    assert_narrows(UserFilterSet, {"q": "timer"}, [old], everyone())
    assert_narrows(UserFilterSet, {"joined": "2024"}, [new], everyone())
    assert_narrows(UserFilterSet, {"id_at_least": str(new.pk)}, [new], everyone())
    assert_narrows(UserFilterSet, {"is_staff": "false"}, [old], everyone())
    assert filtered(UserFilterSet, {}, everyone()) == {old, new}


@pytest.mark.parametrize(
    ("data", "field"),
    [
        ({"id_at_least": "1.5"}, "id_at_least"),
        ({"id_at_least": str(2**63)}, "id_at_least"),
        ({"joined": "0"}, "joined"),
        ({"joined": "10000"}, "joined"),
        ({"last_login": "tomorrow"}, "last_login"),
    ],
)
def test_numbers_and_years_out_of_range_are_form_errors_not_queries(users, data, field):
    filterset = UserFilterSet(data, queryset=everyone())
    assert not filterset.is_valid()
    assert field in filterset.errors


def test_derived_integer_filters_are_bounded_too(users):
    assert isinstance(UserDerivedFilterSet.base_filters["id"], IntegerFilter)
    assert not UserDerivedFilterSet({"id": str(2**64)}, queryset=User.objects.all()).is_valid()


def test_the_page_shows_its_filters_and_reports_the_others(users):
    filterset = UserFilterSet({"id_at_least": "x", "joined": "1"}, queryset=everyone())
    assert [field.name for field in filterset.page_fields] == ["q", "joined"]
    assert filterset.is_valid() is False
    label = filterset.form.fields["id_at_least"].label
    assert len(filterset.other_errors) == 1 and filterset.other_errors[0].startswith(f"{label}: ")


def test_a_case_that_keeps_every_row_or_the_wrong_rows_fails(users):
    old, new = users
    with pytest.raises(AssertionError, match="cannot narrow"):
        assert_narrows(UserFilterSet, {"q": "e"}, [old, new], everyone())
    with pytest.raises(AssertionError):
        assert_narrows(UserFilterSet, {"q": "timer"}, [new], everyone())
    with pytest.raises(AssertionError, match="at least one row"):
        assert_narrows(UserFilterSet, {"q": "nobody"}, [], everyone())


def test_missing_cases_names_every_filter_without_one():
    module = sys.modules[__name__]
    assert {cls.__name__ for cls in filtersets_of(module)} == {"UserFilterSet", "UserDerivedFilterSet"}
    missing = missing_cases(module, {UserFilterSet: {"q": None, "joined": None}})
    assert missing == {
        "UserFilterSet": ["id_at_least", "is_staff", "last_login"],
        "UserDerivedFilterSet": ["id"],
    }
