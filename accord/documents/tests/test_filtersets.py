"""Every filter of the document list's FilterSet keeps the documents it names and drops the others."""

import datetime
from types import SimpleNamespace

import pytest

from accord.core.choices import Confidentiality
from accord.core.tests.filtering import assert_narrows, case_id, case_params, filtered, missing_cases
from accord.documents import filtersets
from accord.documents.choices import DocumentKind
from accord.documents.filtersets import DocumentFilterSet
from accord.documents.tests.factories import DocumentFactory
from accord.meetings.tests.factories import MeetingFactory
from accord.registry.tests.factories import OrganizationFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    w = SimpleNamespace()
    w.secretariat, w.ministry = OrganizationFactory(), OrganizationFactory()
    w.session = MeetingFactory()
    w.report = DocumentFactory(
        title="Review of asset recovery",
        symbol="CAC/COSP/2023/1",
        published_on=datetime.date(2023, 6, 1),
        publisher=w.secretariat,
        meeting=w.session,
    )
    w.addendum = DocumentFactory(
        title="Addendum",
        symbol="CAC/COSP/2023/1/Add.1",
        language="en",
        published_on=datetime.date(2023, 7, 1),
        publisher=w.secretariat,
    )
    w.note = DocumentFactory(
        title="Note on extradition",
        symbol="CTOC/COP/2020/5",
        kind=DocumentKind.NOTE,
        published_on=datetime.date(2020, 3, 1),
        publisher=w.ministry,
        confidentiality=Confidentiality.RESTRICTED,
    )
    return w


CASES = {
    DocumentFilterSet: {
        "q": lambda w: ({"q": "extradition"}, [w.note]),
        "kind": lambda w: ({"kind": DocumentKind.NOTE}, [w.note]),
        "language": lambda w: ({"language": "en"}, [w.addendum]),
        "year": lambda w: ({"year": 2023}, [w.report, w.addendum]),
        "meeting": lambda w: ({"meeting": w.session.pk}, [w.report]),
        "publisher": lambda w: ({"publisher": w.ministry.pk}, [w.note]),
        # A symbol finds the document and its addenda, however it is written.
        "symbol": lambda w: ({"symbol": "cac/cosp/2023/1"}, [w.report, w.addendum]),
        "confidentiality": lambda w: ({"confidentiality": Confidentiality.RESTRICTED}, [w.note]),
    },
}


def test_every_filter_has_a_case():
    assert missing_cases(filtersets, CASES) == {}


@pytest.mark.parametrize(("filterset", "name"), case_params(CASES), ids=case_id)
def test_the_filter_narrows(world, filterset, name):
    data, expected = CASES[filterset][name](world)
    assert_narrows(filterset, data, expected)


def test_a_symbol_that_does_not_parse_finds_nothing(world):
    assert filtered(DocumentFilterSet, {"symbol": "not a symbol"}) == set()
