"""Factories for chairmanship tests and one hand-made year whose counts are known."""

import datetime
from dataclasses import dataclass

import factory

from accord.chairmanship.models import Programme, ProgrammeItem
from accord.instruments.tests.factories import InstrumentFactory, MandateFactory
from accord.meetings.models import Outcome
from accord.meetings.tests.factories import MeetingFactory
from accord.registry.models import Organization
from accord.registry.tests.factories import MembershipFactory, OrganizationFactory, StateFactory


class ProgrammeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Programme

    body = factory.SubFactory(OrganizationFactory)
    year = 2022
    title_ru = "План мероприятий"
    title_en = "Plan of events"


class ProgrammeItemFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ProgrammeItem

    programme = factory.SubFactory(ProgrammeFactory)
    title_ru = factory.Sequence(lambda n: f"Мероприятие {n}")
    title_en = factory.Sequence(lambda n: f"Event {n}")


@dataclass
class ChairYear:
    body: Organization
    sub_body: Organization
    other_body: Organization
    programme: Programme
    chair: object
    co_chairs: list


def _meeting(body, start, *, kind="session", fmt="in_person", status="held", parent=None):
    return MeetingFactory(
        body=body, start_on=start, end_on=None, kind=kind, format=fmt, status=status, parent=parent
    )


def chair_year() -> ChairYear:
    """2022 of a body with a sub-body: 3 meetings held, 4 decisions, 1 instrument, 2 of 4 items held."""
    body = OrganizationFactory(slug="union")
    sub_body = OrganizationFactory(parent=body)
    other = OrganizationFactory()
    chair, co_a, co_b = StateFactory(), StateFactory(), StateFactory()
    MembershipFactory(
        body=body,
        state=chair,
        role="chair",
        start_on=datetime.date(2022, 1, 1),
        end_on=datetime.date(2022, 12, 31),
    )
    for state in (co_a, co_b):
        MembershipFactory(
            body=body,
            state=state,
            role="co_chair",
            start_on=datetime.date(2022, 1, 1),
            end_on=datetime.date(2022, 12, 31),
        )
    MembershipFactory(
        body=body,
        state=co_a,
        role="chair",
        start_on=datetime.date(2023, 1, 1),
        end_on=datetime.date(2023, 12, 31),
    )

    march = _meeting(body, datetime.date(2022, 3, 10))
    october = _meeting(body, datetime.date(2022, 10, 5), fmt="online")
    _meeting(body, datetime.date(2022, 10, 6), parent=october)  # a sitting: counted with its session
    june = _meeting(sub_body, datetime.date(2022, 6, 1), kind="meeting", fmt="hybrid")
    _meeting(sub_body, datetime.date(2022, 11, 1), kind="meeting", status="planned")  # not held
    _meeting(body, datetime.date(2021, 12, 30))  # the year before
    _meeting(body, datetime.date(2023, 1, 15))  # the year after
    _meeting(other, datetime.date(2022, 5, 5))  # another body

    adopted = MandateFactory(body=body, adopted_on=datetime.date(2022, 3, 11))
    undated = MandateFactory(body=sub_body, adopted_on=None)
    MandateFactory(body=sub_body, adopted_on=datetime.date(2022, 9, 1))  # no outcome recorded
    MandateFactory(body=body, adopted_on=datetime.date(2021, 6, 1))  # another year
    Outcome.objects.create(meeting=march, kind="decision_adopted", mandate=adopted)
    Outcome.objects.create(meeting=march, kind="decision_adopted", description_en="On the budget")
    Outcome.objects.create(meeting=june, kind="decision_adopted", mandate=undated)
    Outcome.objects.create(meeting=june, kind="report_approved", description_en="Report")
    InstrumentFactory(organization=body, kind="agreement", adopted_on=datetime.date(2022, 10, 5))
    InstrumentFactory(organization=other, kind="agreement", adopted_on=datetime.date(2022, 10, 5))

    programme = ProgrammeFactory(body=body, year=2022)
    ProgrammeItemFactory(programme=programme, status="held", meeting=march, position=1)
    ProgrammeItemFactory(programme=programme, status="held", position=2)
    ProgrammeItemFactory(programme=programme, status="planned", position=3)
    ProgrammeItemFactory(programme=programme, status="cancelled", position=4)
    return ChairYear(body, sub_body, other, programme, chair, [co_a, co_b])
