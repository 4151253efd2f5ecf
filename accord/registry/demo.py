"""Demo accounts: one user per role, so a first look at Accord needs no setup."""

from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db import transaction

from accord.core.roles import Role, ensure_role_groups
from accord.registry.models import FocalPoint, Organization, OrganizationContact, State


@dataclass(frozen=True)
class DemoAccount:
    username: str
    role: str
    state_iso3: str | None = None
    organization_slug: str | None = None
    is_superuser: bool = False

    @property
    def bound_to(self) -> str | None:
        """The state or organization the account answers for, as printed beside its login."""
        return self.state_iso3 or self.organization_slug


DEMO_ACCOUNTS = (
    DemoAccount("admin", Role.SECRETARIAT, is_superuser=True),
    DemoAccount("secretariat", Role.SECRETARIAT),
    DemoAccount("focal-uzb", Role.FOCAL_POINT, state_iso3="UZB"),
    DemoAccount("focal-kaz", Role.FOCAL_POINT, state_iso3="KAZ"),
    DemoAccount("reviewer", Role.REVIEWER),
    DemoAccount("analyst", Role.ANALYST),
    # Registers the CIS Executive Committee's delegation to a meeting (the 9th UNCAC session of the samples).
    DemoAccount("contact-cis", Role.ORGANIZATION_CONTACT, organization_slug="cis-executive-committee"),
)


@transaction.atomic
def create_demo_users(*, password: str) -> list[DemoAccount]:
    """Create or reset the demo accounts; the focal points and the contact need the reference data loaded."""
    ensure_role_groups()
    user_model = get_user_model()
    for account in DEMO_ACCOUNTS:
        user, _created = user_model.objects.get_or_create(username=account.username)
        user.is_staff = account.is_superuser or account.role == Role.SECRETARIAT
        user.is_superuser = account.is_superuser
        user.set_password(password)
        user.save()
        user.groups.set([Group.objects.get(name=account.role)])
        if account.state_iso3:
            state = State.objects.get(iso3=account.state_iso3)
            FocalPoint.objects.update_or_create(user=user, defaults={"state": state})
        if account.organization_slug:
            organization = Organization.objects.get(slug=account.organization_slug)
            OrganizationContact.objects.update_or_create(user=user, defaults={"organization": organization})
    return list(DEMO_ACCOUNTS)
