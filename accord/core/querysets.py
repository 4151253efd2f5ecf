"""Permission-aware querysets: every list starts from `visible_to(user)`.

Like NetBox's `RestrictedQuerySet.restrict()`, a hidden row is simply not in
the queryset, so views answer 404 and the API never leaks it.
"""

from django.core.exceptions import ImproperlyConfigured
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


class InheritedVisibilityQuerySet(RestrictedQuerySet):
    """Rows seen exactly when their parent is (Indico's `ProtectionMixin.protection_parent`).

    A subclass declares `parent_path`, the lookup from the row to its parent
    (`"meeting"`, `"update__recommendation"`); `visible_to(user)` then asks the
    parent model's own queryset, so a parent's rule is written once and every
    child follows it. `parent_method` names the parent's queryset method to ask
    when the children follow a narrower rule than the parent's page
    (`"workable_by"`). Writing rules are not inherited: `editable_by` stays the
    default unless a subclass says otherwise.
    """

    parent_path: str = ""
    parent_method: str = "visible_to"

    @classmethod
    def parent_model(cls, model: type[models.Model]) -> type[models.Model]:
        """The model at the end of `parent_path`, walked from `model` one relation at a time."""
        if not cls.parent_path:
            raise ImproperlyConfigured(f"{cls.__name__} declares no parent_path.")
        target = model
        for name in cls.parent_path.split("__"):
            target = target._meta.get_field(name).related_model
            if target is None:
                raise ImproperlyConfigured(
                    f"{cls.__name__}.parent_path {cls.parent_path!r} is not a relation."
                )
        return target

    def parents_visible_to(self, user) -> models.QuerySet:
        """The parent rows `user` may see, by the parent's own rule."""
        parents = self.parent_model(self.model)._default_manager.all()
        return getattr(parents, self.parent_method)(user)

    def visible_to(self, user) -> "InheritedVisibilityQuerySet":
        return self.filter(**{f"{self.parent_path}__in": self.parents_visible_to(user)})
