"""Comment threads per provision, and the review's team of experts."""

from dataclasses import dataclass, field

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from accord.reviews.choices import Side
from accord.reviews.models import Comment, CountryReview, ReviewExpert
from accord.reviews.permissions import can_comment, can_manage, side_of


@dataclass
class Thread:
    provision: object | None
    comments: list = field(default_factory=list)


@transaction.atomic
def add_comment(review: CountryReview, *, acting_user, text: str, provision=None) -> Comment:
    """A message from the user's side; the provision, if given, must be one the review covers."""
    if not can_comment(acting_user, review):
        raise PermissionDenied(_("You may not comment on this review."))
    text = text.strip()
    if not text:
        raise ValidationError(_("Write the comment first."))
    if provision is not None and not review.cluster.provisions.filter(pk=provision.pk).exists():
        raise ValidationError(_("This review does not cover that provision."))
    return Comment.objects.create(
        review=review, provision=provision, author=acting_user, side=side_of(acting_user, review), text=text
    )


def threads(review: CountryReview) -> list[Thread]:
    """The review's comments as threads: the general one first, then one per provision in reading order."""
    by_provision: dict[int | None, Thread] = {}
    comments = review.comments.select_related("author", "provision").order_by("created_at", "pk")
    for comment in comments:
        thread = by_provision.setdefault(comment.provision_id, Thread(comment.provision))
        thread.comments.append(comment)
    general = by_provision.pop(None, None)
    ordered = sorted(by_provision.values(), key=lambda t: (t.provision.instrument_id, t.provision.position))
    return [general, *ordered] if general else ordered


@transaction.atomic
def add_expert(review: CountryReview, *, acting_user, user, side: str, state=None) -> ReviewExpert:
    """Name a governmental expert on a review: of a reviewing state drawn for it, or of the state under review."""
    if not can_manage(acting_user, review):
        raise PermissionDenied(_("Only the secretariat names the experts of a review."))
    if side == Side.UNDER_REVIEW:
        state = review.state
    elif side == Side.REVIEWER:
        drawn = {s.pk for s in review.reviewing_states()}
        if state is None or state.pk not in drawn:
            raise ValidationError(
                _("An expert of the reviewing side belongs to one of the states drawn for this review.")
            )
    else:
        raise ValidationError(_("An expert works for a reviewing state or for the state under review."))
    if review.expert_links.filter(user=user).exists():
        raise ValidationError(_("%(user)s already works on this review.") % {"user": user})
    return ReviewExpert.objects.create(review=review, user=user, side=side, state=state)


@transaction.atomic
def remove_expert(review: CountryReview, *, acting_user, expert_id: int) -> None:
    if not can_manage(acting_user, review):
        raise PermissionDenied(_("Only the secretariat names the experts of a review."))
    review.expert_links.filter(pk=expert_id).delete()
