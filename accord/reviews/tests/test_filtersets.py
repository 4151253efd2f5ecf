"""The country-review FilterSet, one for the cycle board and the API."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from accord.registry.tests.factories import StateFactory
from accord.reviews.choices import Phase
from accord.reviews.filtersets import CountryReviewFilterSet
from accord.reviews.models import CountryReview
from accord.reviews.tests.factories import ClusterFactory, CountryReviewFactory, CycleFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def reviews():
    today = timezone.localdate()
    cycle = CycleFactory()
    first, second = ClusterFactory(cycle=cycle, number=1), ClusterFactory(cycle=cycle, number=2)
    late = CountryReviewFactory(
        cluster=first, state=StateFactory(), year=2016, due_on=today - datetime.timedelta(days=3)
    )
    on_time = CountryReviewFactory(
        cluster=second,
        state=StateFactory(),
        year=2017,
        phase=Phase.ASSIGNED,
        due_on=today + datetime.timedelta(days=3),
    )
    elsewhere = CountryReviewFactory(cluster=ClusterFactory(number=1), state=StateFactory(), year=2016)
    return {"cycle": cycle, "first": first, "late": late, "on_time": on_time, "elsewhere": elsewhere}


def _filtered(data: dict) -> set[int]:
    return set(
        CountryReviewFilterSet(data, queryset=CountryReview.objects.all()).qs.values_list("pk", flat=True)
    )


def test_each_filter(reviews):
    late, on_time, elsewhere = reviews["late"], reviews["on_time"], reviews["elsewhere"]
    assert _filtered({}) == {late.pk, on_time.pk, elsewhere.pk}
    assert _filtered({"cycle": reviews["cycle"].pk}) == {late.pk, on_time.pk}
    # `cluster` is the number within the cycle (as the board lists them), `cluster_id` the record.
    assert _filtered({"cluster": 2}) == {on_time.pk}
    assert _filtered({"cluster": 1, "cycle": reviews["cycle"].pk}) == {late.pk}
    assert _filtered({"cluster_id": reviews["first"].pk}) == {late.pk}
    assert _filtered({"state": late.state.iso3}) == {late.pk}
    assert _filtered({"state_id": on_time.state_id}) == {on_time.pk}
    assert _filtered({"year": 2017}) == {on_time.pk}
    assert _filtered({"phase": Phase.ASSIGNED}) == {on_time.pk}
    assert _filtered({"overdue": "1"}) == {late.pk}
    assert _filtered({"overdue": "0"}) == {on_time.pk, elsewhere.pk}


def test_unusable_values_are_errors_that_pages_ignore(reviews):
    filterset = CountryReviewFilterSet(
        {"year": "abc", "phase": "nope", "cluster": "99999999999999999999"},
        queryset=CountryReview.objects.all(),
    )
    assert not filterset.is_valid()
    assert set(filterset.errors) == {"year", "phase", "cluster"}
    assert filterset.qs.count() == 3


def test_the_board_filters_through_it(client, secretariat_user, reviews):
    client.force_login(secretariat_user)
    url = reverse("reviews:cycle_board", args=[reviews["cycle"].pk])
    late, on_time = reviews["late"].state.name, reviews["on_time"].state.name
    page = client.get(url, {"cluster": 2}).content.decode()
    assert on_time in page and late not in page
    page = client.get(url, {"overdue": "1"}).content.decode()
    assert late in page and on_time not in page
    page = client.get(url, {"year": "abc", "phase": "x"}).content.decode()
    assert late in page and on_time in page


def test_the_api_filters_through_it(api_client, secretariat_user, reviews):
    api_client.force_authenticate(secretariat_user)
    url = reverse("country-review-list")
    ids = lambda response: {row["id"] for row in response.json()["results"]}  # noqa: E731
    assert ids(api_client.get(url, {"cycle": reviews["cycle"].pk, "cluster": 2})) == {reviews["on_time"].pk}
    assert ids(api_client.get(url, {"cluster_id": reviews["first"].pk})) == {reviews["late"].pk}
    assert ids(api_client.get(url, {"overdue": "true"})) == {reviews["late"].pk}
    assert ids(api_client.get(url, {"state": reviews["elsewhere"].state.iso3})) == {reviews["elsewhere"].pk}
    refused = api_client.get(url, {"phase": "nope"})
    assert refused.status_code == 400 and "phase" in refused.json()["fields"]
