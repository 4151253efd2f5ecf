"""Who sees what of a registration: contacts and letters stay with the secretariat and the delegation's own
focal point (for an organization's delegation, the organization's contact)."""

from django.db.models import Q

from accord.core.querysets import InheritedVisibilityQuerySet, RestrictedQuerySet
from accord.core.roles import is_secretariat
from accord.delegations.choices import DelegateStatus
from accord.registry.querysets import contact_organization_id, focal_state_id


def managed_delegations_q(user, prefix: str = "") -> Q | None:
    """The delegations `user` answers for: all for the secretariat, a focal point's own state's, an
    organization contact's own organization's; None for everyone else."""
    if is_secretariat(user):
        return Q()
    state_id = focal_state_id(user)
    if state_id is not None:
        return Q(**{f"{prefix}state_id": state_id})
    organization_id = contact_organization_id(user)
    if organization_id is not None:
        return Q(**{f"{prefix}organization_id": organization_id})
    return None


def registers_own_delegation(user) -> bool:
    """A focal point or an organization's contact: a user who registers their own delegation."""
    return focal_state_id(user) is not None or contact_organization_id(user) is not None


class RegistrationQuerySet(InheritedVisibilityQuerySet):
    """A registration is seen with its meeting."""

    parent_path = "meeting"

    def published(self) -> "RegistrationQuerySet":
        return self.filter(is_list_published=True)


class _ManagedQuerySet(RestrictedQuerySet):
    delegation_prefix = ""

    def managed_by(self, user):
        """Rows of the delegations `user` answers for (the secretariat's all, a focal point's or contact's own)."""
        rule = managed_delegations_q(user, self.delegation_prefix)
        if rule is None:
            return self.none()
        from accord.delegations.models import Registration

        registrations = Registration.objects.visible_to(user).values("pk")
        return self.filter(rule, **{f"{self.delegation_prefix}registration__in": registrations})

    def editable_by(self, user):
        return self.managed_by(user)


class DelegationQuerySet(_ManagedQuerySet):
    def visible_to(self, user) -> "DelegationQuerySet":
        """One's own delegations, and those with an approved delegate on a published list."""
        from accord.delegations.models import Registration

        published = Registration.objects.visible_to(user).published().values("pk")
        public = Q(registration__in=published, delegates__status=DelegateStatus.APPROVED)
        rule = managed_delegations_q(user)
        if rule is not None:
            mine = self.managed_by(user).values("pk")
            return self.filter(public | Q(pk__in=mine)).distinct()
        return self.filter(public).distinct()


class DelegateQuerySet(_ManagedQuerySet):
    delegation_prefix = "delegation__"

    def listed(self) -> "DelegateQuerySet":
        """Approved delegates of published lists: what the public may read (names, functions, states)."""
        from accord.delegations.models import Registration

        return self.filter(
            status=DelegateStatus.APPROVED,
            delegation__registration__in=Registration.objects.published().values("pk"),
        )

    def visible_to(self, user) -> "DelegateQuerySet":
        from accord.delegations.models import Registration

        published = Registration.objects.visible_to(user).published().values("pk")
        public = Q(status=DelegateStatus.APPROVED, delegation__registration__in=published)
        if managed_delegations_q(user) is None:
            return self.filter(public)
        return self.filter(public | Q(pk__in=self.managed_by(user).values("pk")))


class LetterQuerySet(_ManagedQuerySet):
    delegation_prefix = "delegation__"

    def visible_to(self, user) -> "LetterQuerySet":
        """Letters are never public: the secretariat and the delegation's own focal point or contact only."""
        return self.managed_by(user)
