"""Permission-aware querysets: every list starts from `visible_to(user)`.

Like NetBox's `RestrictedQuerySet.restrict()`, a hidden row is simply not in
the queryset, so views answer 404 and the API never leaks it.
"""

from django.db import models

from accord.core.roles import Role, has_role, is_member_user


class RestrictedQuerySet(models.QuerySet):
    """Default rules: everyone reads, only the secretariat writes."""

    def visible_to(self, user) -> "RestrictedQuerySet":
        return self.all()

    def editable_by(self, user) -> "RestrictedQuerySet":
        if has_role(user, Role.SECRETARIAT):
            return self.all()
        return self.none()


class PublicFlagQuerySet(RestrictedQuerySet):
    """Rows with an `is_public` flag: the public sees public rows, members see all."""

    public_lookup = "is_public"

    def visible_to(self, user) -> "PublicFlagQuerySet":
        if is_member_user(user):
            return self.all()
        return self.filter(**{self.public_lookup: True})


class ConfidentialityQuerySet(RestrictedQuerySet):
    """Rows with a `confidentiality` level: public for all, restricted for members,
    confidential for the secretariat only (narrower rules live in later apps)."""

    confidentiality_lookup = "confidentiality"

    def visible_to(self, user) -> "ConfidentialityQuerySet":
        from accord.core.choices import Confidentiality

        if has_role(user, Role.SECRETARIAT):
            return self.all()
        if is_member_user(user):
            return self.exclude(**{self.confidentiality_lookup: Confidentiality.CONFIDENTIAL})
        return self.filter(**{self.confidentiality_lookup: Confidentiality.PUBLIC})
