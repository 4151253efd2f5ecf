"""Deadlines of cooperation requests for the focal points of the requested state."""

import datetime

from django.utils.translation import gettext as _

from accord.core.deadlines import Deadline
from accord.legal_cooperation.models import CooperationRequest
from accord.legal_cooperation.querysets import focal_state_id


def deadlines(user, *, today: datetime.date, within_days: int) -> list[Deadline]:
    """Open requests the user's state must answer whose deadline is past or within `within_days`."""
    state_id = focal_state_id(user)
    if state_id is None:
        return []
    last = today + datetime.timedelta(days=within_days)
    requests = (
        CooperationRequest.objects.visible_to(user)
        .open()
        .filter(requested_state_id=state_id, deadline_on__isnull=False, deadline_on__lte=last)
        .order_by("deadline_on", "pk")
    )
    return [
        Deadline(
            key=f"legal_cooperation.request:{r.pk}",
            title=_("Answer cooperation request %(number)s") % {"number": r.reference_number},
            due_on=r.deadline_on,
            url=r.get_absolute_url(),
            kind=_("Cooperation request"),
        )
        for r in requests
    ]
