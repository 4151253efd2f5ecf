"""Small counts are suppressed in public statistics; the samples load once."""

import pytest
from rest_framework.test import APIClient

from accord.legal_cooperation.choices import RequestKind
from accord.legal_cooperation.models import AssetAmount, CooperationRequest
from accord.legal_cooperation.statistics import cell, statistics
from accord.legal_cooperation.tests.factories import CooperationRequestFactory

pytestmark = pytest.mark.django_db


def test_cells_below_the_threshold_are_hidden():
    assert cell("k", "K", 4, threshold=5).display == "<5"
    assert cell("k", "K", 4, threshold=5).count is None
    assert cell("k", "K", 5, threshold=5).display == "5"
    assert cell("k", "K", 0, threshold=5).display == "0"


def test_statistics_suppress_small_counts(world, settings):
    for _n in range(4):
        CooperationRequestFactory(
            requesting_authority=world["authorities"][0], requested_authority=world["authorities"][1]
        )
    by_kind = {c.key: c.display for c in statistics()["by_kind"]}
    assert by_kind[RequestKind.MUTUAL_LEGAL_ASSISTANCE] == "5"
    assert by_kind[RequestKind.EXTRADITION] == "0"
    CooperationRequestFactory(kind=RequestKind.EXTRADITION)
    data = APIClient().get("/api/cooperation-request-statistics/").json()
    extradition = next(c for c in data["by_kind"] if c["key"] == "extradition")
    extradition.pop("label")
    assert extradition == {
        "key": "extradition",
        "count": None,
        "display": "<5",
        "suppressed": True,
    }
    assert data["total"]["count"] == 6
    settings.ACCORD_SMALL_COUNT = 10
    assert statistics()["total"][0].display == "<10"


def test_states_with_few_requests_are_not_named(world, settings):
    """A "<5" beside a state still says it exchanges requests: such states merge into "other states"."""
    a, b = world["authorities"]
    for _n in range(5):
        CooperationRequestFactory(requesting_authority=a, requested_authority=b)
    lone = CooperationRequestFactory(kind=RequestKind.EXTRADITION)  # two more states, one request
    stats = statistics()
    sent = {c.key: c.display for c in stats["sent_by_state"]}
    received = {c.key: c.display for c in stats["received_by_state"]}
    assert sent == {a.state.iso3: "6", "other": "<5"}
    assert received == {b.state.iso3: "6", "other": "<5"}
    for iso3 in (lone.requesting_state.iso3, lone.requested_state.iso3):
        assert iso3 not in str(APIClient().get("/api/cooperation-request-statistics/").json())
    # Enough small states together make a publishable "other" row, still without a name.
    for _n in range(4):
        CooperationRequestFactory()
    assert [c.display for c in statistics()["sent_by_state"] if c.key == "other"] == ["5"]
    settings.ACCORD_SMALL_COUNT = 7
    assert {c.key: c.display for c in statistics()["sent_by_state"]} == {"other": "11"}


def check_samples(first, *, client, api_client, user) -> None:
    """Run by tests/test_samples.py once every app's samples are loaded (one load for all apps)."""
    assert first["cooperation requests"] == {"created": 4}
    assert set(CooperationRequest.objects.values_list("requested_state__iso3", flat=True)) >= {"UZB", "RUS"}
    assert set(AssetAmount.objects.values_list("currency", flat=True)) == {"USD", "RUB"}
