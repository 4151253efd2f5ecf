"""The iCalendar feeds parse back with a standard library and say what calendar clients need."""

import datetime

import pytest
from django.urls import reverse
from icalendar import Calendar

from accord.meetings.tests.factories import MeetingFactory, ParticipationFactory
from accord.registry.tests.factories import OrganizationFactory, StateFactory

pytestmark = pytest.mark.django_db


def fetch(client, url: str) -> Calendar:
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    return Calendar.from_ical(response.content)


def test_feed_events_are_all_day_with_exclusive_end_and_stable_uids(client):
    meeting = MeetingFactory(
        title_ru="Девятая сессия",
        start_on=datetime.date(2021, 12, 13),
        end_on=datetime.date(2021, 12, 17),
        format="hybrid",
        status="held",
    )
    calendar = fetch(client, reverse("meetings:feed_all"))
    assert calendar["VERSION"] == "2.0" and calendar["PRODID"]
    (event,) = calendar.walk("VEVENT")
    assert event["SUMMARY"] == "Девятая сессия"
    assert event.decoded("DTSTART") == datetime.date(2021, 12, 13)
    assert event.decoded("DTEND") == datetime.date(2021, 12, 18)
    assert str(event["STATUS"]) == "CONFIRMED"
    assert "Vienna" in str(event["LOCATION"]) or "Вена" in str(event["LOCATION"])
    assert str(event["URL"]).endswith(meeting.get_absolute_url())
    again = fetch(client, reverse("meetings:feed_all"))
    assert again.walk("VEVENT")[0]["UID"] == event["UID"]


def test_body_feed_covers_sub_bodies_and_state_feed_participation(client):
    conference = OrganizationFactory()
    group = OrganizationFactory(parent=conference, kind="body")
    MeetingFactory(body=conference, title_ru="Сессия")
    MeetingFactory(body=group, title_ru="Рабочая группа")
    MeetingFactory(title_ru="Чужое")
    body_feed = fetch(client, reverse("meetings:feed_body", kwargs={"pk": conference.pk}))
    assert {str(e["SUMMARY"]) for e in body_feed.walk("VEVENT")} == {"Сессия", "Рабочая группа"}
    state = StateFactory(iso3="UZB", iso2="UZ")
    ParticipationFactory(meeting=MeetingFactory(title_ru="Визит"), state=state)
    state_feed = fetch(client, reverse("meetings:feed_state", kwargs={"iso3": "uzb"}))
    assert [str(e["SUMMARY"]) for e in state_feed.walk("VEVENT")] == ["Визит"]


def test_feeds_hide_confidential_meetings_from_the_public(client):
    MeetingFactory(title_ru="Открытое")
    MeetingFactory(title_ru="Закрытое", confidentiality="confidential")
    summaries = {str(e["SUMMARY"]) for e in fetch(client, reverse("meetings:feed_all")).walk("VEVENT")}
    assert summaries == {"Открытое"}
    assert client.get(reverse("meetings:feed_state", kwargs={"iso3": "QQQ"})).status_code == 404


def test_unchanged_feed_answers_304_to_a_repeated_poll(client):
    meeting = MeetingFactory()
    first = client.get(reverse("meetings:feed_all"))
    etag = first["ETag"]
    assert client.get(reverse("meetings:feed_all"), HTTP_IF_NONE_MATCH=etag).status_code == 304
    meeting.title_ru = "Новое название"
    meeting.save()
    assert client.get(reverse("meetings:feed_all"), HTTP_IF_NONE_MATCH=etag).status_code == 200
