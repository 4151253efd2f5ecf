"""Demo accounts: one user per role, so a first look at Accord needs no setup."""

from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db import transaction

from accord.core.roles import Role, ensure_role_groups
from accord.registry.models import FocalPoint, State


@dataclass(frozen=True)
class DemoAccount:
    username: str
    role: str
    state_iso3: str | None = None
    is_superuser: bool = False


DEMO_ACCOUNTS = (
    DemoAccount("admin", Role.SECRETARIAT, is_superuser=True),
    DemoAccount("secretariat", Role.SECRETARIAT),
    DemoAccount("focal-uzb", Role.FOCAL_POINT, state_iso3="UZB"),
    DemoAccount("focal-kaz", Role.FOCAL_POINT, state_iso3="KAZ"),
    DemoAccount("reviewer", Role.REVIEWER),
    DemoAccount("analyst", Role.ANALYST),
)


@transaction.atomic
def create_demo_users(*, password: str) -> list[DemoAccount]:
    """Create or reset the demo accounts; the focal point needs the reference states loaded."""
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
    return list(DEMO_ACCOUNTS)
