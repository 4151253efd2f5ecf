"""What the review mechanism adds to a state's and a meeting's page (via the core `record_panels` tag)."""

from django.template.loader import render_to_string

from accord.core.cache import ids_for_reader
from accord.meetings.models import Meeting
from accord.registry.models import State
from accord.reviews.models import CountryReview


def record_panel(request, obj) -> str:
    """A state's reviews (under review and as a reviewer), or the reviews a meeting served; only those the reader may see."""
    user = getattr(request, "user", None)
    if isinstance(obj, Meeting) and obj.pk not in _dialogue_meetings(user):
        return ""
    if isinstance(obj, State) and obj.pk not in states_in_reviews(user):
        return ""
    reviews = CountryReview.objects.visible_to(user).select_related("cycle__mechanism", "state", "cluster")
    if isinstance(obj, State):
        reviewed = reviews.filter(state=obj)
        reviewing = reviews.filter(reviewers__state=obj, reviewers__replaced_by__isnull=True).distinct()
    elif isinstance(obj, Meeting):
        reviewed = reviews.filter(dialogue_meeting=obj)
        reviewing = reviews.none()
    else:
        return ""
    reviewed, reviewing = list(reviewed.order_by("-year")[:50]), list(reviewing.order_by("-year")[:50])
    if not (reviewed or reviewing):
        return ""
    return render_to_string(
        "reviews/_record_panel.html",
        {"reviewed": reviewed, "reviewing": reviewing, "obj": obj},
        request=request,
    )


def _ids(name: str, user, *fields: str) -> frozenset[int]:
    """What any review points to through `fields`; for the public, the reviews it may open (published ones)."""
    return ids_for_reader(
        name, user, CountryReview.objects.all, lambda: CountryReview.objects.visible_to(None), *fields
    )


def _dialogue_meetings(user) -> frozenset[int]:
    """Meetings that served the dialogue of a review the reader may see: the few whose page asks which."""
    return _ids("review-meetings", user, "dialogue_meeting_id")


def reviewed_states(user) -> frozenset[int]:
    """States under a review the reader may see (the portal's state page lists them)."""
    return _ids("review-states", user, "state_id")


def states_in_reviews(user) -> frozenset[int]:
    """States under review or reviewing in a review the reader may see: most states' pages need not ask which."""
    return reviewed_states(user) | _ids("review-states", user, "reviewers__state_id")
