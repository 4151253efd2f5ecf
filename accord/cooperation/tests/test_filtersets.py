"""Every filter of the initiatives' and agreements' FilterSets narrows to the rows it names."""

import datetime
from types import SimpleNamespace

import pytest

from accord.cooperation import filtersets
from accord.cooperation.choices import AgreementKind, AgreementStatus, InitiativeStatus
from accord.cooperation.filtersets import AgreementFilterSet, InitiativeFilterSet
from accord.cooperation.tests.factories import AgreementFactory, AgreementPartyFactory, InitiativeFactory
from accord.core.choices import Topic
from accord.core.tests.filtering import assert_narrows, case_id, case_params, missing_cases
from accord.meetings.tests.factories import MeetingFactory
from accord.registry.tests.factories import NationalAuthorityFactory, StateFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    w = SimpleNamespace()
    w.alpha, w.beta = StateFactory(), StateFactory()
    w.session = MeetingFactory()
    w.network = InitiativeFactory(
        proposer_state=w.alpha,
        title_en="A network of asset recovery offices",
        topics=[Topic.ASSET_RECOVERY],
        status=InitiativeStatus.UNDER_DISCUSSION,
        meeting=w.session,
    )
    # Proposed by one of beta's authorities: the state counts as the proposer.
    w.academy = InitiativeFactory(
        proposer_state=None,
        proposer_organization=NationalAuthorityFactory(state=w.beta),
        title_en="A training academy",
        topics=[Topic.CORRUPTION],
        status=InitiativeStatus.IMPLEMENTED,
        proposed_on=datetime.date(2019, 5, 1),
    )
    w.treaty = AgreementFactory(title_en="Treaty on extradition", signed_on=datetime.date(2019, 4, 2))
    AgreementPartyFactory(agreement=w.treaty, state=w.alpha)
    w.memorandum = AgreementFactory(
        kind=AgreementKind.MEMORANDUM, status=AgreementStatus.IN_FORCE, title_en="Memorandum on training"
    )
    AgreementPartyFactory(
        agreement=w.memorandum, state=None, organization=NationalAuthorityFactory(state=w.beta)
    )
    return w


CASES = {
    InitiativeFilterSet: {
        "q": lambda w: ({"q": "academy"}, [w.academy]),
        "state": lambda w: ({"state": w.beta.iso3}, [w.academy]),
        "status": lambda w: ({"status": InitiativeStatus.UNDER_DISCUSSION}, [w.network]),
        "topic": lambda w: ({"topic": Topic.ASSET_RECOVERY}, [w.network]),
        "year": lambda w: ({"year": 2019}, [w.academy]),
        "meeting": lambda w: ({"meeting": w.session.pk}, [w.network]),
    },
    AgreementFilterSet: {
        "q": lambda w: ({"q": "extradition"}, [w.treaty]),
        # A party through one of its national authorities counts.
        "state": lambda w: ({"state": w.beta.iso3}, [w.memorandum]),
        "kind": lambda w: ({"kind": AgreementKind.MEMORANDUM}, [w.memorandum]),
        "status": lambda w: ({"status": AgreementStatus.SIGNED}, [w.treaty]),
        "year": lambda w: ({"year": 2019}, [w.treaty]),
    },
}


def test_every_filter_has_a_case():
    assert missing_cases(filtersets, CASES) == {}


@pytest.mark.parametrize(("filterset", "name"), case_params(CASES), ids=case_id)
def test_the_filter_narrows(world, filterset, name):
    data, expected = CASES[filterset][name](world)
    assert_narrows(filterset, data, expected)
