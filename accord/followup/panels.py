"""What the follow-up register adds to a state's page (via the core `record_panels` tag)."""

from django.template.loader import render_to_string
from django.utils import timezone

from accord.core.cache import ids_for_reader
from accord.followup.models import Recommendation
from accord.registry.models import State


def record_panel(request, obj) -> str:
    """A state's open commitments, overdue first; only those the reader may see."""
    user = getattr(request, "user", None)
    if not isinstance(obj, State) or obj.pk not in states_with_recommendations(user):
        return ""
    open_ones = (
        Recommendation.objects.visible_to(user)
        .filter(state=obj)
        .open()
        .select_related("authority", "body")
        .order_by("due_on", "pk")
    )
    rows = list(open_ones[:50])
    if not rows:
        return ""
    today = timezone.localdate()
    return render_to_string(
        "followup/_record_panel.html",
        {"recommendations": rows, "today": today, "obj": obj, "total": open_ones.count()},
        request=request,
    )


def states_with_recommendations(user) -> frozenset[int]:
    """States a recommendation the reader may see is addressed to (for the public, a public one): the others' pages skip the query."""
    return ids_for_reader(
        "recommended-states",
        user,
        Recommendation.objects.all,
        lambda: Recommendation.objects.visible_to(None),
        "state_id",
    )
