"""Every filter of the request list's FilterSet narrows to the requests it names."""

import datetime
from types import SimpleNamespace

import pytest

from accord.core.tests.filtering import assert_narrows, case_id, case_params, missing_cases
from accord.legal_cooperation import filtersets
from accord.legal_cooperation.choices import RequestKind, RequestStatus
from accord.legal_cooperation.filtersets import CooperationRequestFilterSet
from accord.legal_cooperation.tests.factories import CooperationRequestFactory
from accord.registry.tests.factories import NationalAuthorityFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    w = SimpleNamespace()
    w.alpha_office, w.beta_office, w.gamma_office = (NationalAuthorityFactory() for _ in range(3))
    w.alpha, w.beta, w.gamma = w.alpha_office.state, w.beta_office.state, w.gamma_office.state
    w.late = CooperationRequestFactory(
        requesting_authority=w.alpha_office,
        requested_authority=w.beta_office,
        subject="Bank records of a shell company",
        deadline_on=datetime.date(2025, 2, 1),  # long past and still open: overdue
    )
    w.done = CooperationRequestFactory(
        requesting_authority=w.beta_office,
        requested_authority=w.gamma_office,
        kind=RequestKind.EXTRADITION,
        status=RequestStatus.EXECUTED,
        deadline_on=datetime.date(2025, 2, 1),  # past but executed: not overdue
    )
    w.fresh = CooperationRequestFactory(
        requesting_authority=w.gamma_office,
        requested_authority=w.beta_office,
        status=RequestStatus.UNDER_EXECUTION,
        deadline_on=datetime.date(2999, 1, 1),
    )
    return w


CASES = {
    CooperationRequestFilterSet: {
        "q": lambda w: ({"q": "shell company"}, [w.late]),
        "kind": lambda w: ({"kind": RequestKind.EXTRADITION}, [w.done]),
        "status": lambda w: ({"status": RequestStatus.UNDER_EXECUTION}, [w.fresh]),
        # A state's requests: those it sent and those it received.
        "state": lambda w: ({"state": w.gamma.iso3}, [w.done, w.fresh]),
        "overdue": lambda w: ({"overdue": "true"}, [w.late]),
    },
}


def test_every_filter_has_a_case():
    assert missing_cases(filtersets, CASES) == {}


@pytest.mark.parametrize(("filterset", "name"), case_params(CASES), ids=case_id)
def test_the_filter_narrows(world, filterset, name):
    data, expected = CASES[filterset][name](world)
    assert_narrows(filterset, data, expected)


def test_not_overdue_is_the_rest(world):
    assert_narrows(CooperationRequestFilterSet, {"overdue": "false"}, [world.done, world.fresh])
