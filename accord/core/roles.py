"""The roles of Accord's users, kept as Django groups.

Visibility follows from data (a focal point's state), so rules are expressed
as queryset filters; this module only answers "which role does a user have".
"""

from django.contrib.auth.models import AnonymousUser, Group
from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    SECRETARIAT = "secretariat", _("Secretariat")
    FOCAL_POINT = "focal_point", _("National focal point")
    REVIEWER = "reviewer", _("Reviewer")
    ANALYST = "analyst", _("Analyst")
    ORGANIZATION_CONTACT = "organization_contact", _("Organization contact")


#: The network's own roles: they read restricted (non-public) data. An organization's contact is an
#: outsider who registers the organization's delegation to a meeting, and otherwise reads what the
#: public reads.
MEMBER_ROLES = frozenset({Role.SECRETARIAT, Role.FOCAL_POINT, Role.REVIEWER, Role.ANALYST})


def roles_of(user) -> set[str]:
    """The role names of a user; superusers count as secretariat."""
    if user is None or isinstance(user, AnonymousUser) or not user.is_authenticated:
        return set()
    cached = getattr(user, "_accord_roles", None)
    if cached is None:
        cached = set(user.groups.filter(name__in=Role.values).values_list("name", flat=True))
        if user.is_superuser:
            cached.add(Role.SECRETARIAT)
        user._accord_roles = cached
    return cached


def has_role(user, *roles: str) -> bool:
    """True when the user has at least one of the roles."""
    return bool(roles_of(user) & set(roles))


def is_secretariat(user) -> bool:
    return has_role(user, Role.SECRETARIAT)


def is_member_user(user) -> bool:
    """A signed-in user with one of the network's roles reads restricted (non-public) registry data."""
    return bool(roles_of(user) & MEMBER_ROLES)


def ensure_role_groups() -> list[Group]:
    """Create the role groups if missing; idempotent.

    The secretariat keeps the data in the admin too, so its group holds every
    model permission of Accord's own apps; the other roles work through the
    pages and the API, where querysets decide.
    """
    from django.apps import apps
    from django.contrib.auth.models import Permission

    groups = [Group.objects.get_or_create(name=role)[0] for role in Role.values]
    accord_apps = [c.label for c in apps.get_app_configs() if c.name.startswith("accord.")]
    secretariat = next(g for g in groups if g.name == Role.SECRETARIAT)
    secretariat.permissions.add(*Permission.objects.filter(content_type__app_label__in=accord_apps))
    return groups


def sample_account(username: str, role: str):
    """An inactive account with a role, that signs sample records; it cannot log in."""
    from django.contrib.auth import get_user_model

    user, created = get_user_model().objects.get_or_create(username=username, defaults={"is_active": False})
    if created:
        user.set_unusable_password()
        user.save()
    user.groups.add(Group.objects.get_or_create(name=role)[0])
    return user
