"""Every filter of the instruments' FilterSets keeps the rows it names and drops the others."""

from types import SimpleNamespace

import pytest

from accord.core.tests.filtering import assert_narrows, case_id, case_params, missing_cases
from accord.instruments import filtersets
from accord.instruments.choices import InstrumentKind, MandateKind, PartyStatus, ProvisionKind
from accord.instruments.filtersets import (
    InstrumentFilterSet,
    MandateFilterSet,
    PartyFilterSet,
    ProvisionFilterSet,
)
from accord.instruments.tests.factories import (
    InstrumentFactory,
    MandateFactory,
    PartyFactory,
    ProvisionFactory,
)
from accord.registry.tests.factories import OrganizationFactory, RegionalGroupFactory, StateFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    w = SimpleNamespace()
    w.alpha = StateFactory(regional_group=RegionalGroupFactory(code="EAST"))
    w.beta = StateFactory(regional_group=RegionalGroupFactory(code="WEST"))
    w.convention = InstrumentFactory(slug="bribery", name_en="Convention on bribery")
    w.protocol = InstrumentFactory(slug="assets", kind=InstrumentKind.PROTOCOL, name_en="Protocol on assets")
    w.alpha_party = PartyFactory(instrument=w.convention, state=w.alpha, status=PartyStatus.PARTY)
    w.beta_signatory = PartyFactory(instrument=w.protocol, state=w.beta, status=PartyStatus.SIGNATORY)
    w.chapter = ProvisionFactory(
        instrument=w.convention, kind=ProvisionKind.CHAPTER, number="II", title_en="Prevention"
    )
    w.article = ProvisionFactory(
        instrument=w.convention, parent=w.chapter, number="5", title_en="Preventive policies"
    )
    w.recital = ProvisionFactory(instrument=w.protocol, number="1", title_en="Return of assets")
    w.assembly, w.committee = OrganizationFactory(), OrganizationFactory()
    w.resolution = MandateFactory(body=w.assembly, number="9/1", session_number=9, title_en="On asset return")
    w.resolution.instruments.add(w.protocol)
    w.decision = MandateFactory(
        body=w.committee, kind=MandateKind.DECISION, number="4/2", session_number=4, title_en="On reviews"
    )
    w.decision.instruments.add(w.convention)
    return w


CASES = {
    InstrumentFilterSet: {
        "q": lambda w: ({"q": "bribery"}, [w.convention]),
        "kind": lambda w: ({"kind": InstrumentKind.PROTOCOL}, [w.protocol]),
        "party": lambda w: ({"party": w.alpha.iso3.lower()}, [w.convention]),
    },
    ProvisionFilterSet: {
        "q": lambda w: ({"q": "preventive"}, [w.article]),
        "instrument": lambda w: ({"instrument": "assets"}, [w.recital]),
        "kind": lambda w: ({"kind": ProvisionKind.CHAPTER}, [w.chapter]),
        "parent_id": lambda w: ({"parent_id": w.chapter.pk}, [w.article]),
    },
    PartyFilterSet: {
        "instrument": lambda w: ({"instrument": "bribery"}, [w.alpha_party]),
        "state": lambda w: ({"state": w.beta.iso3}, [w.beta_signatory]),
        "status": lambda w: ({"status": PartyStatus.SIGNATORY}, [w.beta_signatory]),
        "regional_group": lambda w: ({"regional_group": "EAST"}, [w.alpha_party]),
    },
    MandateFilterSet: {
        "q": lambda w: ({"q": "asset"}, [w.resolution]),
        "kind": lambda w: ({"kind": MandateKind.DECISION}, [w.decision]),
        "body": lambda w: ({"body": w.committee.pk}, [w.decision]),
        "session": lambda w: ({"session": 9}, [w.resolution]),
        "number": lambda w: ({"number": "4/2"}, [w.decision]),
        "instrument": lambda w: ({"instrument": "assets"}, [w.resolution]),
    },
}


def test_every_filter_has_a_case():
    assert missing_cases(filtersets, CASES) == {}


@pytest.mark.parametrize(("filterset", "name"), case_params(CASES), ids=case_id)
def test_the_filter_narrows(world, filterset, name):
    data, expected = CASES[filterset][name](world)
    assert_narrows(filterset, data, expected)
