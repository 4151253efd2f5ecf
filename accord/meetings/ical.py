"""Meetings as iCalendar (RFC 5545), for calendar clients to subscribe to."""

import datetime
from collections.abc import Iterable

from django.conf import settings
from django.utils import timezone
from icalendar import Calendar, Event, vText

from accord.meetings.models import Meeting

PRODID = "-//Accord//Meetings//RU"


def meetings_calendar(meetings: Iterable[Meeting], *, name: str, base_url: str) -> bytes:
    """A VCALENDAR with one all-day VEVENT per meeting; UIDs are stable across downloads."""
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", name)
    calendar.add("x-wr-timezone", settings.TIME_ZONE)
    stamp = timezone.now()
    host = base_url.split("//", 1)[-1].split("/", 1)[0] or "accord"
    for meeting in meetings:
        event = Event()
        event.add("uid", f"meeting-{meeting.pk}@{host}")
        event.add("dtstamp", stamp)
        event.add("summary", meeting.title)
        event.add("dtstart", meeting.start_on)
        # All-day events end on the day after the last one (RFC 5545, 3.6.1).
        event.add("dtend", meeting.last_day + datetime.timedelta(days=1))
        if meeting.updated_at:
            event.add("last-modified", meeting.updated_at)
        location = ", ".join(
            p for p in (meeting.city, meeting.country.name if meeting.country_id else "") if p
        )
        if location:
            event.add("location", vText(location))
        event.add(
            "status", {"planned": "TENTATIVE", "held": "CONFIRMED", "cancelled": "CANCELLED"}[meeting.status]
        )
        event.add("categories", [meeting.get_kind_display(), meeting.get_format_display()])
        url = base_url.rstrip("/") + meeting.get_absolute_url()
        event.add("url", url)
        description = "\n".join(
            p for p in (meeting.body.name if meeting.body_id else "", meeting.description, url) if p
        )
        event.add("description", description)
        calendar.add_component(event)
    return calendar.to_ical()
