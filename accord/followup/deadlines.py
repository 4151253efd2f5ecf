"""The follow-up register's deadlines for the reminders (`accord.core.deadlines`)."""

import datetime

from django.utils.translation import gettext as _

from accord.core.deadlines import Deadline
from accord.followup.models import Recommendation


def deadlines(user, *, today: datetime.date, within_days: int) -> list[Deadline]:
    """A focal point's open recommendations to their state, overdue or due within the window.

    Updates awaiting the secretariat's assessment are work, not deadlines, so
    other roles get nothing here.
    """
    last = today + datetime.timedelta(days=within_days)
    found = (
        Recommendation.objects.reportable_by(user)
        .open()
        .filter(due_on__isnull=False, due_on__lte=last)
        .order_by("due_on", "pk")
    )
    return [
        Deadline(
            key=f"followup.recommendation:{r.pk}",
            title=str(r),
            due_on=r.due_on,
            url=r.get_absolute_url(),
            kind=_("Recommendation"),
        )
        for r in found
    ]
