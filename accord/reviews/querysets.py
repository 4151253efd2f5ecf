"""Who sees what of the review mechanism.

Three circles: the secretariat sees everything; the people working on a
review (focal points of the state under review, the experts named on it)
see that review's confidential material (answers, drafts, observations,
comments); everyone else sees a review only once its summary is published,
and then only the summary.
"""

from django.db.models import Q

from accord.core.querysets import InheritedVisibilityQuerySet, RestrictedQuerySet
from accord.core.roles import Role, has_role, is_member_user
from accord.registry.querysets import focal_state_id


class MechanismQuerySet(RestrictedQuerySet):
    """Mechanisms and their rules are public; the secretariat edits them."""


class DrawQuerySet(RestrictedQuerySet):
    """The drawing of lots is read by every member (its audit trail); only the secretariat draws."""

    def visible_to(self, user) -> "DrawQuerySet":
        return self.all() if is_member_user(user) else self.none()


class CountryReviewQuerySet(RestrictedQuerySet):
    def workable_by(self, user) -> "CountryReviewQuerySet":
        """Reviews whose confidential material the user may read: assigned, own state's, or all (secretariat)."""
        if has_role(user, Role.SECRETARIAT):
            return self.all()
        if user is None or not user.is_authenticated:
            return self.none()
        condition = Q(expert_links__user=user)
        state_id = focal_state_id(user)
        if state_id is not None and has_role(user, Role.FOCAL_POINT):
            condition |= Q(state_id=state_id)
        return self.filter(pk__in=self.model.objects.filter(condition).values("pk"))

    def published(self) -> "CountryReviewQuerySet":
        return self.filter(summary__published_at__isnull=False)

    def visible_to(self, user) -> "CountryReviewQuerySet":
        """The reviews a user may open: those they work on, and every published one."""
        if has_role(user, Role.SECRETARIAT):
            return self.all()
        worked = self.model.objects.workable_by(user).values("pk")
        return self.filter(Q(pk__in=worked) | Q(summary__published_at__isnull=False))

    def overdue(self, today) -> "CountryReviewQuerySet":
        from accord.reviews.choices import Phase

        return self.exclude(phase=Phase.PUBLISHED).filter(due_on__lt=today)


class ReviewChildQuerySet(InheritedVisibilityQuerySet):
    """Answers, reviewers, observations, comments, transitions: seen with the review's confidential material."""

    parent_path = "review"
    parent_method = "workable_by"

    def editable_by(self, user) -> "ReviewChildQuerySet":
        # Writes go through the services, which apply each role's rule.
        return self.visible_to(user)


class SummaryQuerySet(RestrictedQuerySet):
    def visible_to(self, user) -> "SummaryQuerySet":
        from accord.reviews.models import CountryReview

        return self.filter(
            Q(published_at__isnull=False) | Q(review__in=CountryReview.objects.workable_by(user))
        )
