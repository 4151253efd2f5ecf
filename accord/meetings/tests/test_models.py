"""Meeting rules: dates, places, participants once, outcomes in their meeting; calendar reads."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import translation

from accord.meetings.models import Meeting, Outcome, Participation
from accord.meetings.tests.factories import AgendaItemFactory, MeetingFactory, ParticipationFactory
from accord.registry.tests.factories import OrganizationFactory, PersonFactory, StateFactory

pytestmark = pytest.mark.django_db


def messages_of(error: ValidationError) -> str:
    return " ".join(m for messages in error.message_dict.values() for m in messages)


@translation.override("en")
def test_end_before_start_is_refused_with_a_clear_message():
    meeting = MeetingFactory.build(
        body=None,
        country=StateFactory(),
        start_on=datetime.date(2021, 12, 17),
        end_on=datetime.date(2021, 12, 13),
    )
    with pytest.raises(ValidationError) as error:
        meeting.full_clean()
    assert "cannot end before it starts" in messages_of(error.value)
    with pytest.raises(IntegrityError), transaction.atomic():
        meeting.save()


@translation.override("en")
def test_city_needs_a_country():
    meeting = MeetingFactory.build(body=None, country=None, city_ru="Вена")
    with pytest.raises(ValidationError) as error:
        meeting.full_clean()
    assert "city needs its country" in messages_of(error.value)


@translation.override("en")
def test_a_participant_takes_part_once():
    first = ParticipationFactory()
    again = Participation(meeting=first.meeting, state=first.state, role="observer")
    with pytest.raises(ValidationError) as error:
        again.full_clean()
    assert "already takes part" in messages_of(error.value)
    with pytest.raises(IntegrityError), transaction.atomic():
        again.save()
    person = PersonFactory()
    Participation(meeting=first.meeting, person=person).full_clean()


@translation.override("en")
def test_exactly_one_participant():
    meeting = MeetingFactory()
    with pytest.raises(ValidationError, match="exactly one participant"):
        Participation(meeting=meeting).full_clean()
    with pytest.raises(ValidationError, match="exactly one participant"):
        Participation(meeting=meeting, state=StateFactory(), person=PersonFactory()).full_clean()


@translation.override("en")
def test_outcome_agenda_item_belongs_to_its_meeting():
    item = AgendaItemFactory()
    outcome = Outcome(meeting=MeetingFactory(), agenda_item=item, kind="report_approved")
    with pytest.raises(ValidationError, match="another meeting"):
        outcome.full_clean()
    with pytest.raises(ValidationError, match="Name the decision"):
        Outcome(meeting=item.meeting, kind="decision_adopted").full_clean()


def test_between_finds_meetings_overlapping_a_month():
    spanning = MeetingFactory(start_on=datetime.date(2020, 6, 29), end_on=datetime.date(2020, 7, 2))
    inside = MeetingFactory(start_on=datetime.date(2020, 7, 13), end_on=None)
    MeetingFactory(start_on=datetime.date(2020, 8, 1), end_on=None)
    found = set(Meeting.objects.between(datetime.date(2020, 7, 1), datetime.date(2020, 7, 31)))
    assert found == {spanning, inside}


def test_of_body_includes_sub_bodies_and_of_state_hosts_and_participants():
    conference = OrganizationFactory()
    group = OrganizationFactory(parent=conference, kind="body")
    session = MeetingFactory(body=conference)
    group_meeting = MeetingFactory(body=group)
    MeetingFactory()
    assert set(Meeting.objects.of_body(conference)) == {session, group_meeting}
    assert set(Meeting.objects.of_body(group)) == {group_meeting}
    state = StateFactory()
    hosted = MeetingFactory(country=state)
    ParticipationFactory(meeting=session, state=state)
    assert set(Meeting.objects.of_state(state)) == {hosted, session}


def test_default_title_when_none_is_written():
    body = OrganizationFactory(name_en="Conference", name_ru="Конференция")
    meeting = MeetingFactory(body=body, title_ru="", title_en="", ordinal=9)
    with translation.override("en"):
        assert "9" in meeting.title and "Conference" in meeting.title
