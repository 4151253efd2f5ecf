"""What a user may do on one review: the rules every page, API call and export applies.

The querysets decide what a user sees; these functions decide what they may
change, from the user's side on the review and the review's phase.
"""

from accord.core.roles import Role, has_role, is_secretariat
from accord.reviews.choices import Phase, Side
from accord.reviews.models import CountryReview

ANSWERING_PHASES = frozenset({Phase.ASSIGNED, Phase.SELF_ASSESSMENT})
OBSERVING_PHASES = frozenset({Phase.DESK_REVIEW, Phase.DIALOGUE, Phase.DRAFT_REPORT})


def side_of(user, review: CountryReview) -> str | None:
    """The user's side on the review: secretariat, reviewing state or state under review; None for outsiders."""
    if user is None or not user.is_authenticated:
        return None
    if is_secretariat(user):
        return Side.SECRETARIAT
    link = next((e for e in review.expert_links.all() if e.user_id == user.pk), None)
    if link is not None:
        return link.side
    focal_point = getattr(user, "focal_point", None)
    if (
        focal_point is not None
        and focal_point.state_id == review.state_id
        and has_role(user, Role.FOCAL_POINT)
    ):
        return Side.UNDER_REVIEW
    return None


def can_work(user, review: CountryReview) -> bool:
    """Reads the confidential material: answers, drafts, observations, comments."""
    return side_of(user, review) is not None


def can_answer(user, review: CountryReview) -> bool:
    """The state under review answers its questionnaire until it is submitted."""
    return (
        side_of(user, review) == Side.UNDER_REVIEW
        and review.phase in ANSWERING_PHASES
        and review.questionnaire_submitted_at is None
    )


def can_observe(user, review: CountryReview) -> bool:
    """Reviewers (and the secretariat) record observations from the desk review to the draft report."""
    return side_of(user, review) in (Side.REVIEWER, Side.SECRETARIAT) and review.phase in OBSERVING_PHASES


def can_comment(user, review: CountryReview) -> bool:
    return can_work(user, review) and review.phase != Phase.PUBLISHED


def can_manage(user, review: CountryReview | None = None) -> bool:
    """Moves the workflow, names experts, draws lots: the secretariat."""
    return is_secretariat(user)
