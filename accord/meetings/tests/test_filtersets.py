"""Every filter of the calendar's FilterSet keeps the meetings it names and drops the others."""

import datetime
from types import SimpleNamespace

import pytest

from accord.core.tests.filtering import assert_narrows, case_id, case_params, missing_cases
from accord.meetings import filtersets
from accord.meetings.choices import MeetingFormat, MeetingKind, MeetingStatus
from accord.meetings.filtersets import MeetingFilterSet
from accord.meetings.tests.factories import MeetingFactory, ParticipationFactory
from accord.registry.choices import OrganizationKind
from accord.registry.tests.factories import OrganizationFactory, StateFactory

pytestmark = pytest.mark.django_db


def day(year: int, month: int, number: int) -> datetime.date:
    return datetime.date(year, month, number)


@pytest.fixture
def world():
    w = SimpleNamespace()
    w.alpha, w.beta = StateFactory(), StateFactory()
    w.council = OrganizationFactory(name_en="Council")
    w.group = OrganizationFactory(kind=OrganizationKind.BODY, parent=w.council, name_en="Working group")
    w.other = OrganizationFactory(name_en="Other body")
    w.session = MeetingFactory(
        body=w.council,
        country=w.alpha,
        title_en="Session on asset recovery",
        start_on=day(2021, 12, 13),
        end_on=day(2021, 12, 17),
        format=MeetingFormat.IN_PERSON,
        status=MeetingStatus.HELD,
    )
    w.call = MeetingFactory(
        body=w.group,
        country=w.beta,
        kind=MeetingKind.MEETING,
        start_on=day(2023, 5, 10),
        end_on=day(2023, 5, 10),
        format=MeetingFormat.ONLINE,
        status=MeetingStatus.PLANNED,
    )
    w.visit = MeetingFactory(
        body=w.other,
        country=w.beta,
        kind=MeetingKind.VISIT,
        start_on=day(2024, 2, 1),
        end_on=day(2024, 2, 2),
        format=MeetingFormat.HYBRID,
        status=MeetingStatus.CANCELLED,
    )
    ParticipationFactory(meeting=w.visit, state=w.alpha)
    return w


CASES = {
    MeetingFilterSet: {
        "q": lambda w: ({"q": "recovery"}, [w.session]),
        # A body's meetings include its sub-bodies'.
        "body": lambda w: ({"body": w.council.pk}, [w.session, w.call]),
        # A state's meetings: those it hosts and those it takes part in.
        "state": lambda w: ({"state": w.alpha.iso3}, [w.session, w.visit]),
        "kind": lambda w: ({"kind": MeetingKind.VISIT}, [w.visit]),
        "year": lambda w: ({"year": 2023}, [w.call]),
        "format": lambda w: ({"format": MeetingFormat.ONLINE}, [w.call]),
        "status": lambda w: ({"status": MeetingStatus.CANCELLED}, [w.visit]),
        "start_after": lambda w: ({"start_after": "2023-01-01"}, [w.call, w.visit]),
        "start_before": lambda w: ({"start_before": "2022-01-01"}, [w.session]),
    },
}


def test_every_filter_has_a_case():
    assert missing_cases(filtersets, CASES) == {}


@pytest.mark.parametrize(("filterset", "name"), case_params(CASES), ids=case_id)
def test_the_filter_narrows(world, filterset, name):
    data, expected = CASES[filterset][name](world)
    assert_narrows(filterset, data, expected)
