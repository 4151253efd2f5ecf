"""Deadlines of cooperation requests for the focal points of the requested state.

Overviews name no request: the home page, `/api/my-deadlines/` and the
reminder e-mails show a request's deadline and a link to it, never its
reference number, parties or subject. Those are shown only by the pages and
endpoints that write the access log (`services.log_access`), so opening the
link is what the log records, and an e-mail leaving the system carries
nothing of the case.
"""

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
    rows = (
        CooperationRequest.objects.visible_to(user)
        .open()
        .filter(requested_state_id=state_id, deadline_on__isnull=False, deadline_on__lte=last)
        .order_by("deadline_on", "pk")
        .values_list("pk", "deadline_on")
    )
    return [
        Deadline(
            key=f"legal_cooperation.request:{pk}",
            # The record's number in Accord tells two reminders apart and reveals nothing of the case.
            title=_("Answer cooperation request no. %(id)s in Accord") % {"id": pk},
            due_on=deadline_on,
            url=CooperationRequest(pk=pk).get_absolute_url(),
            kind=_("Cooperation request"),
        )
        for pk, deadline_on in rows
    ]
