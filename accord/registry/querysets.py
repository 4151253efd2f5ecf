"""Reads of the registry: visibility, search and "who held it on that day"."""

import datetime

from django.db.models import Exists, OuterRef, Q

from accord.core.querysets import PublicFlagQuerySet, RestrictedQuerySet
from accord.core.roles import Role, has_role


def focal_state_id(user) -> int | None:
    """The state a national focal point is bound to, if the user is one."""
    if not has_role(user, Role.FOCAL_POINT):
        return None
    if not hasattr(user, "_accord_focal_state_id"):
        from accord.registry.models import FocalPoint

        user._accord_focal_state_id = (
            FocalPoint.objects.filter(user=user).values_list("state_id", flat=True).first()
        )
    return user._accord_focal_state_id


def contact_organization_id(user) -> int | None:
    """The organization an organization's contact is bound to, if the user is one."""
    if not has_role(user, Role.ORGANIZATION_CONTACT):
        return None
    if not hasattr(user, "_accord_contact_organization_id"):
        from accord.registry.models import OrganizationContact

        user._accord_contact_organization_id = (
            OrganizationContact.objects.filter(user=user).values_list("organization_id", flat=True).first()
        )
    return user._accord_contact_organization_id


def period_covers(day: datetime.date, prefix: str = "") -> Q:
    """Rows whose period (start_on..end_on, open ends allowed) covers the day."""
    return (Q(**{f"{prefix}start_on__isnull": True}) | Q(**{f"{prefix}start_on__lte": day})) & (
        Q(**{f"{prefix}end_on__isnull": True}) | Q(**{f"{prefix}end_on__gte": day})
    )


class StateQuerySet(RestrictedQuerySet):
    def search(self, text: str) -> "StateQuerySet":
        text = text.strip()
        if not text:
            return self
        return self.filter(
            Q(name_ru__icontains=text)
            | Q(name_en__icontains=text)
            | Q(official_name_ru__icontains=text)
            | Q(official_name_en__icontains=text)
            | Q(iso2__iexact=text)
            | Q(iso3__iexact=text)
            | Q(aliases__text__icontains=text)
        ).distinct()


class OrganizationQuerySet(RestrictedQuerySet):
    def subtree_ids(self, organization) -> list[int]:
        """The organization and all its sub-bodies, level by level (a body's meetings include its councils')."""
        ids = [organization.pk]
        frontier = [organization.pk]
        while frontier:
            frontier = list(
                self.filter(parent_id__in=frontier).exclude(pk__in=ids).values_list("pk", flat=True)
            )
            ids.extend(frontier)
        return ids

    def editable_by(self, user) -> "OrganizationQuerySet":
        """The secretariat's: all; a focal point's: its own state's (also the parents it may choose)."""
        state_id = focal_state_id(user)
        if state_id and not has_role(user, Role.SECRETARIAT):
            return self.filter(state_id=state_id)
        return super().editable_by(user)

    def search(self, text: str) -> "OrganizationQuerySet":
        text = text.strip()
        if not text:
            return self
        return self.filter(
            Q(name_ru__icontains=text)
            | Q(name_en__icontains=text)
            | Q(abbreviation_ru__icontains=text)
            | Q(abbreviation_en__icontains=text)
            | Q(aliases__text__icontains=text)
        ).distinct()


class PersonQuerySet(PublicFlagQuerySet):
    def editable_by(self, user) -> "PersonQuerySet":
        """A focal point edits a person only while every post they hold is in its own state.

        One post elsewhere (another state's body, an international organization)
        makes the person the secretariat's: a post in one's own body must not
        open another state's official. A person with no post at all is the
        state's that added them (`added_by_state`); people loaded, imported or
        added by the secretariat are the secretariat's until they hold a post.
        """
        state_id = focal_state_id(user)
        if state_id and not has_role(user, Role.SECRETARIAT):
            from accord.registry.models import Post

            posts = Post.objects.filter(person=OuterRef("pk"))
            return self.filter(
                ~Exists(posts.exclude(organization__state_id=state_id)),
                Exists(posts) | Q(added_by_state_id=state_id),
            )
        return super().editable_by(user)

    def nominable_by(self, user) -> "PersonQuerySet":
        """Whom `user` may name as a delegate: the people it may edit, and an organization's
        contact the people it may see who hold a post in its organization.

        A person's id sent by hand past the form must not attach (and so reveal) another
        state's official.
        """
        organization_id = contact_organization_id(user)
        if organization_id and not has_role(user, Role.SECRETARIAT):
            from accord.registry.models import Post

            posts = Post.objects.filter(person=OuterRef("pk"), organization_id=organization_id)
            return self.visible_to(user).filter(Exists(posts))
        return self.editable_by(user)

    def search(self, text: str) -> "PersonQuerySet":
        text = text.strip()
        if not text:
            return self
        query = Q()
        for word in text.split():
            query &= (
                Q(family_name_ru__icontains=word)
                | Q(given_name_ru__icontains=word)
                | Q(patronymic_ru__icontains=word)
                | Q(family_name_en__icontains=word)
                | Q(given_name_en__icontains=word)
                | Q(aliases__text__icontains=word)
            )
        return self.filter(query).distinct()


class PostQuerySet(PublicFlagQuerySet):
    public_lookup = "person__is_public"

    def editable_by(self, user) -> "PostQuerySet":
        """A focal point's: posts in its own state's organizations held by people it may edit."""
        state_id = focal_state_id(user)
        if state_id and not has_role(user, Role.SECRETARIAT):
            from accord.registry.models import Person

            return self.filter(
                organization__state_id=state_id, person__in=Person.objects.editable_by(user).values("pk")
            )
        return super().editable_by(user)

    def held_on(self, day: datetime.date) -> "PostQuerySet":
        """Posts held on that day («Генпрокурор России» in a 2024 text is Krasnov)."""
        return self.filter(period_covers(day))

    def current(self) -> "PostQuerySet":
        from django.utils import timezone

        return self.held_on(timezone.localdate())


class MembershipQuerySet(RestrictedQuerySet):
    def active_on(self, day: datetime.date) -> "MembershipQuerySet":
        return self.filter(period_covers(day))

    def current(self) -> "MembershipQuerySet":
        from django.utils import timezone

        return self.active_on(timezone.localdate())


class AliasQuerySet(RestrictedQuerySet):
    pass
