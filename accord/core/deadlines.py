"""Deadlines every app can report for a user, gathered without core importing the apps.

An app offers `deadline_source` on its AppConfig (a dotted path to a function
`deadlines(user, *, today, within_days) -> list[Deadline]`), like
`reference_loader`. The reminders (e-mail and the home page) ask every
installed app and merge the answers, overdue items first.
"""

import datetime
from dataclasses import dataclass

from accord.core.reference import loaders


@dataclass(frozen=True)
class Deadline:
    """Something a user must do by a date."""

    key: str
    """Stable identity of the item, such as "followup.recommendation:12"; with `due_on` it de-duplicates reminders."""
    title: str
    due_on: datetime.date
    url: str
    kind: str = ""
    """What the item is, in the UI language ("Recommendation", "Country review")."""

    def is_overdue(self, today: datetime.date) -> bool:
        return self.due_on < today

    def days_left(self, today: datetime.date) -> int:
        return (self.due_on - today).days


def deadlines_for(user, *, today: datetime.date, within_days: int = 14) -> list[Deadline]:
    """Every app's deadlines for the user: overdue ones and those within `within_days`, soonest first."""
    found: list[Deadline] = []
    for source in loaders("deadline_source"):
        found.extend(source(user, today=today, within_days=within_days))
    return sorted(found, key=lambda d: (d.due_on, d.key))
