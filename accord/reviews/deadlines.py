"""Country reviews' phase deadlines for the people who must meet them (see `accord.core.deadlines`)."""

import datetime

from django.db.models import Q
from django.utils.translation import gettext as _

from accord.core.deadlines import Deadline
from accord.core.roles import Role, has_role
from accord.reviews.choices import Phase
from accord.reviews.models import CountryReview


def deadlines(user, *, today: datetime.date, within_days: int) -> list[Deadline]:
    """Open phases due by `today + within_days` (overdue ones included) of the reviews the user works on.

    The focal points of the state under review answer for its phase deadlines;
    the review's experts (either side) work to them too.
    """
    if not getattr(user, "is_authenticated", False):
        return []
    who = Q(expert_links__user=user)
    focal_point = getattr(user, "focal_point", None) if has_role(user, Role.FOCAL_POINT) else None
    if focal_point is not None:
        who |= Q(state_id=focal_point.state_id)
    reviews = (
        CountryReview.objects.filter(who)
        .exclude(phase=Phase.PUBLISHED)
        .filter(due_on__isnull=False, due_on__lte=today + datetime.timedelta(days=within_days))
        .select_related("state", "cycle")
        .distinct()
    )
    return [
        Deadline(
            key=f"reviews.review:{review.pk}:{review.phase}",
            title=_("{review}: {phase}").format(review=review, phase=review.get_phase_display()),
            due_on=review.due_on,
            url=review.get_absolute_url(),
            kind=_("Country review"),
        )
        for review in reviews
    ]
