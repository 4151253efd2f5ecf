"""Planned activities a focal point should prepare for: those of agreements their state is party to."""

import datetime

from django.urls import reverse
from django.utils.translation import gettext as _

from accord.cooperation.choices import ActivityStatus
from accord.cooperation.models import PlannedActivity
from accord.core.deadlines import Deadline
from accord.registry.querysets import focal_state_id


def deadlines(user, *, today: datetime.date, within_days: int = 14) -> list[Deadline]:
    """Planned (or postponed) activities starting by `today + within_days`, overdue ones included."""
    state_id = focal_state_id(user)
    if state_id is None:
        return []
    from accord.cooperation.models import Agreement
    from accord.registry.models import State

    agreements = Agreement.objects.visible_to(user).of_state(State(pk=state_id))
    activities = (
        PlannedActivity.objects.filter(
            agreement__in=agreements,
            status__in=[ActivityStatus.PLANNED, ActivityStatus.POSTPONED],
            start_on__isnull=False,
            start_on__lte=today + datetime.timedelta(days=within_days),
        )
        .select_related("agreement")
        .order_by("start_on", "pk")
    )
    kind = _("Planned activity")
    return [
        Deadline(
            key=f"cooperation.plannedactivity:{activity.pk}",
            title=f"{activity.title} ({activity.agreement.title})",
            due_on=activity.start_on,
            url=reverse("cooperation:agreement_detail", kwargs={"pk": activity.agreement_id}) + "#activities",
            kind=kind,
        )
        for activity in activities
    ]
