"""The month grid of the calendar page, filled from one query."""

import calendar
import datetime
from dataclasses import dataclass, field

from accord.meetings.models import Meeting


@dataclass
class Day:
    date: datetime.date
    in_month: bool
    meetings: list[Meeting] = field(default_factory=list)


def parse_month(text: str | None, today: datetime.date) -> datetime.date:
    """«2021-12» → 1 December 2021; anything else → this month."""
    try:
        year, month = (int(part) for part in (text or "").split("-", 1))
        return datetime.date(year, month, 1)
    except (TypeError, ValueError):
        return today.replace(day=1)


def shift_month(first: datetime.date, months: int) -> datetime.date:
    index = first.year * 12 + first.month - 1 + months
    return datetime.date(index // 12, index % 12 + 1, 1)


def month_grid(first: datetime.date, meetings) -> list[list[Day]]:
    """Weeks of the month (Monday first), each day with the meetings that cover it."""
    weeks = calendar.Calendar(firstweekday=0).monthdatescalendar(first.year, first.month)
    grid = [[Day(day, day.month == first.month) for day in week] for week in weeks]
    days = {d.date: d for week in grid for d in week}
    for meeting in meetings.between(weeks[0][0], weeks[-1][-1]):
        day = max(meeting.start_on, weeks[0][0])
        while day <= meeting.last_day and day in days:
            days[day].meetings.append(meeting)
            day += datetime.timedelta(days=1)
    return grid
