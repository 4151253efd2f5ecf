"""What registration tells focal points and organizations' contacts through the reminders (`accord.core.deadlines`, e-mail and home page).

The reminders send each (item, due date) once, so each notice is an item:
registration opened (until its deadline nears), the deadline itself within
the window, a returned delegate (to correct by the deadline) and an
approved one (told once, shortly after the decision).
"""

import datetime

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from accord.core.deadlines import Deadline
from accord.delegations.choices import DelegateStatus
from accord.delegations.models import Delegate, Registration
from accord.delegations.querysets import registers_own_delegation
from accord.delegations.services import category_for, own_sender
from accord.registry.models import State


def deadlines(user, *, today: datetime.date, within_days: int) -> list[Deadline]:
    if not registers_own_delegation(user):
        return []
    sender = own_sender(user)
    own = {"delegation__state": sender} if isinstance(sender, State) else {"delegation__organization": sender}
    last = today + datetime.timedelta(days=within_days)
    found: list[Deadline] = []
    registrations = Registration.objects.visible_to(user).filter(is_open=True, deadline_on__gte=today)
    for registration in registrations.select_related("meeting"):
        if category_for(registration, sender) is None:
            continue
        url = reverse("delegations:nomination", args=[registration.meeting_id])
        near = registration.deadline_on <= last
        found.append(
            Deadline(
                key=f"delegations.registration{'' if near else '-opened'}:{registration.pk}",
                title=(
                    _("Register your delegation: %(meeting)s")
                    if near
                    else _("Registration is open: %(meeting)s")
                )
                % {"meeting": registration.meeting.title},
                due_on=registration.deadline_on,
                url=url,
                kind=_("Registration"),
            )
        )
    decided_since = timezone.make_aware(
        datetime.datetime.combine(today - datetime.timedelta(days=within_days), datetime.time.min)
    )
    delegates = (
        Delegate.objects.filter(
            **own,
            delegation__registration__in=Registration.objects.visible_to(user),
            status__in=(DelegateStatus.RETURNED, DelegateStatus.APPROVED),
            decided_at__gte=decided_since,
        )
        .select_related("delegation__registration__meeting", "person")
        .order_by("pk")
    )
    for delegate in delegates:
        registration = delegate.delegation.registration
        url = reverse("delegations:nomination", args=[registration.meeting_id])
        if delegate.status == DelegateStatus.RETURNED:
            due_on, title = registration.deadline_on, _("Nomination returned: %(name)s (%(reason)s)")
        else:
            start = registration.meeting.start_on
            due_on = (
                start if start >= today else delegate.decided_at.date() + datetime.timedelta(days=within_days)
            )
            title = _("Delegate approved: %(name)s (%(reason)s)")
        found.append(
            Deadline(
                key=f"delegations.delegate-{delegate.status}:{delegate.pk}",
                title=title
                % {"name": delegate.name, "reason": delegate.reason or registration.meeting.title},
                due_on=due_on,
                url=url,
                kind=_("Delegate"),
            )
        )
    return found
