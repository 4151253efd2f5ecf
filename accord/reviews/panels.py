"""What the review mechanism adds to a state's and a meeting's page (via the core `record_panels` tag)."""

from django.db.models import F, Q
from django.template.loader import render_to_string

from accord.core.cache import ids_for_reader
from accord.meetings.models import Meeting
from accord.registry.models import State
from accord.registry.querysets import focal_state_id
from accord.reviews.choices import Side
from accord.reviews.models import CountryReview
from accord.reviews.permissions import ANSWERING_PHASES


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


def workspace_panel(request) -> str:
    """The questionnaires the user's state still answers, each with its deadline: a focal point's first task."""
    user = getattr(request, "user", None)
    if not getattr(user, "is_authenticated", False):
        return ""
    answering = Q(expert_links__user=user, expert_links__side=Side.UNDER_REVIEW)
    state_id = focal_state_id(user)
    if state_id is not None:
        answering |= Q(state_id=state_id)
    reviews = list(
        CountryReview.objects.filter(
            pk__in=CountryReview.objects.filter(answering).values("pk"),
            phase__in=ANSWERING_PHASES,
            questionnaire_submitted_at__isnull=True,
        )
        .select_related("cycle__mechanism", "state")
        .order_by(F("due_on").asc(nulls_last=True), "pk")[:20]
    )
    if not reviews:
        return ""
    return render_to_string("reviews/_workspace_panel.html", {"reviews": reviews}, request=request)


def _dialogue_meetings(user) -> frozenset[int]:
    """Meetings that served the dialogue of a review the reader may see: the few whose page asks which."""
    return _ids("review-meetings", user, "dialogue_meeting_id")


def reviewed_states(user) -> frozenset[int]:
    """States under a review the reader may see (the portal's state page lists them)."""
    return _ids("review-states", user, "state_id")


def states_in_reviews(user) -> frozenset[int]:
    """States under review or reviewing in a review the reader may see: most states' pages need not ask which."""
    return reviewed_states(user) | _ids("review-states", user, "reviewers__state_id")
