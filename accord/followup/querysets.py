"""Who sees which recommendations, and the register's common reads."""

import datetime

from django.db.models import Q

from accord.core.choices import Confidentiality
from accord.core.querysets import InheritedVisibilityQuerySet, RestrictedQuerySet
from accord.core.roles import is_member_user, is_secretariat
from accord.followup.choices import CLOSED_STATUSES
from accord.registry.querysets import focal_state_id


class RecommendationQuerySet(RestrictedQuerySet):
    """Public ones for everyone, restricted ones for members, a state's own for its focal points."""

    def visible_to(self, user) -> "RecommendationQuerySet":
        if is_secretariat(user):
            return self.all()
        allowed = Q(confidentiality=Confidentiality.PUBLIC)
        if is_member_user(user):
            allowed |= Q(confidentiality=Confidentiality.RESTRICTED)
        state_id = focal_state_id(user)
        if state_id is not None:
            allowed |= Q(state_id=state_id)
        return self.filter(allowed)

    def reportable_by(self, user) -> "RecommendationQuerySet":
        """Recommendations whose progress the user may report: those addressed to a focal point's state."""
        state_id = focal_state_id(user)
        return self.none() if state_id is None else self.filter(state_id=state_id)

    def open(self) -> "RecommendationQuerySet":
        return self.exclude(status__in=CLOSED_STATUSES)

    def overdue(self, today: datetime.date) -> "RecommendationQuerySet":
        return self.open().filter(due_on__lt=today)

    def search(self, text: str) -> "RecommendationQuerySet":
        text = text.strip()
        if not text:
            return self
        return self.filter(
            Q(text_ru__icontains=text)
            | Q(text_en__icontains=text)
            | Q(source_title_ru__icontains=text)
            | Q(source_title_en__icontains=text)
        )


class RecommendationChildQuerySet(InheritedVisibilityQuerySet):
    """Status updates, evidence and assessments are seen with their recommendation and never edited."""

    parent_path = "recommendation"

    def editable_by(self, user) -> "RecommendationChildQuerySet":
        return self.none()


class StatusUpdateQuerySet(RecommendationChildQuerySet):
    """A report is a claim until assessed: the public sees only assessed reports (members all of them)."""

    def visible_to(self, user) -> "StatusUpdateQuerySet":
        visible = super().visible_to(user)
        if is_member_user(user):
            return visible
        return visible.filter(pk__in=self.model.objects.filter(assessments__isnull=False).values("pk"))


class UpdateChildQuerySet(RecommendationChildQuerySet):
    parent_path = "update__recommendation"


class EvidenceQuerySet(UpdateChildQuerySet):
    """A report's files are seen with the report: by the public only once it is assessed."""

    def visible_to(self, user) -> "EvidenceQuerySet":
        visible = super().visible_to(user)
        if is_member_user(user):
            return visible
        return visible.filter(update__assessments__isnull=False).distinct()
