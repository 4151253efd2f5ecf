"""Who sees a cooperation request: the two states' focal points and the secretariat, nobody else."""

import datetime

from django.db.models import Q

from accord.core.querysets import InheritedVisibilityQuerySet, RestrictedQuerySet
from accord.core.roles import is_secretariat
from accord.registry.querysets import focal_state_id


class CooperationRequestQuerySet(RestrictedQuerySet):
    """Requests are always confidential: there is no public or member-wide row."""

    def visible_to(self, user) -> "CooperationRequestQuerySet":
        if is_secretariat(user):
            return self.all()
        state_id = focal_state_id(user)
        if state_id is None:
            return self.none()
        return self.filter(Q(requesting_state_id=state_id) | Q(requested_state_id=state_id))

    def editable_by(self, user) -> "CooperationRequestQuerySet":
        """The particulars of a request are kept by the secretariat and the requesting state."""
        if is_secretariat(user):
            return self.all()
        state_id = focal_state_id(user)
        if state_id is None:
            return self.none()
        return self.filter(requesting_state_id=state_id)

    def open(self) -> "CooperationRequestQuerySet":
        from accord.legal_cooperation.choices import RequestStatus

        return self.filter(status__in=RequestStatus.open_values())

    def overdue(self, today: datetime.date) -> "CooperationRequestQuerySet":
        return self.open().filter(deadline_on__lt=today)

    def of_state(self, state) -> "CooperationRequestQuerySet":
        return self.filter(Q(requesting_state=state) | Q(requested_state=state))

    def search(self, text: str) -> "CooperationRequestQuerySet":
        text = text.strip()
        if not text:
            return self
        return self.filter(Q(reference_number__icontains=text) | Q(subject__icontains=text))


class RequestChildQuerySet(InheritedVisibilityQuerySet):
    """Events and amounts are seen with their request (confidentiality is inherited)."""

    parent_path = "request"

    def editable_by(self, user) -> "RequestChildQuerySet":
        return self.none()


class AccessLogQuerySet(RestrictedQuerySet):
    """The access log is read by the secretariat only and written by nobody but the services."""

    def visible_to(self, user) -> "AccessLogQuerySet":
        return self.all() if is_secretariat(user) else self.none()

    def editable_by(self, user) -> "AccessLogQuerySet":
        return self.none()
