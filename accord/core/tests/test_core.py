import pytest
from django.contrib.auth.models import AnonymousUser, Group
from django.core.management import call_command

from accord.cli import main
from accord.core.roles import Role, ensure_role_groups, has_role, roles_of
from accord.settings import env_bool, env_list


def test_env_helpers(monkeypatch):
    monkeypatch.setenv("X_FLAG", "Yes")
    monkeypatch.setenv("X_LIST", "a.org, b.org,,")
    assert env_bool("X_FLAG") is True
    assert env_bool("X_MISSING", default=True) is True
    assert env_list("X_LIST") == ["a.org", "b.org"]


@pytest.mark.django_db
def test_roles_come_from_groups(secretariat_user, analyst_user, django_user_model):
    assert roles_of(AnonymousUser()) == set()
    assert has_role(secretariat_user, Role.SECRETARIAT)
    assert not has_role(analyst_user, Role.SECRETARIAT, Role.FOCAL_POINT)
    root = django_user_model.objects.create_superuser("root", password="x-12345-y")
    assert has_role(root, Role.SECRETARIAT)


@pytest.mark.django_db
def test_role_groups_are_created_once():
    ensure_role_groups()
    ensure_role_groups()
    assert Group.objects.filter(name__in=Role.values).count() == len(Role.values)


def test_cli_maps_hyphens_to_commands(capsys):
    main(["accord", "help", "demo-users"])
    assert "usage: accord demo_users" in capsys.readouterr().out


@pytest.mark.django_db
def test_demo_users_refuse_without_debug(settings):
    from django.core.management.base import CommandError

    settings.DEBUG = False
    with pytest.raises(CommandError, match="ACCORD_DEBUG"):
        call_command("demo_users")


@pytest.mark.django_db
def test_secretariat_group_may_edit_accord_models_in_the_admin():
    ensure_role_groups()
    secretariat = Group.objects.get(name="secretariat")
    codenames = set(secretariat.permissions.values_list("codename", flat=True))
    assert {"change_state", "add_organization", "delete_post"} <= codenames
    assert not Group.objects.get(name="analyst").permissions.exists()


def test_redis_url_moves_background_work_to_rq():
    import json
    import os
    import subprocess
    import sys

    code = "import json, accord.settings as s; print(json.dumps([s.TASKS['default']['BACKEND'], 'django_rq' in s.INSTALLED_APPS]))"
    env = {**os.environ, "REDIS_URL": "redis://127.0.0.1:6379/0"}
    with_redis = subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True
    )
    assert json.loads(with_redis.stdout) == ["django_tasks_rq.RQBackend", True]
    env.pop("REDIS_URL")
    without = subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True
    )
    assert json.loads(without.stdout) == ["django_tasks_db.DatabaseBackend", False]


def test_case_forms_are_cached_but_each_caller_gets_its_own_list():
    from accord.core.morphology import case_forms

    first = case_forms("Российская Федерация")
    assert "Российской Федерации" in first
    first.clear()
    assert "Российской Федерации" in case_forms("Российская Федерация")


@pytest.mark.django_db
def test_demo_users_bind_the_focal_points_and_the_organization_contact(settings):
    from io import StringIO

    from accord.registry.models import FocalPoint, OrganizationContact
    from accord.registry.tests.factories import OrganizationFactory, StateFactory

    StateFactory(iso3="UZB", iso2="UZ", m49="860")
    StateFactory(iso3="KAZ", iso2="KZ", m49="398")
    committee = OrganizationFactory(slug="cis-executive-committee", kind="body")
    out = StringIO()
    call_command("demo_users", password="pw-demo-1", force=True, stdout=out)
    assert "contact-cis  organization_contact (cis-executive-committee)" in out.getvalue()
    assert OrganizationContact.objects.get(user__username="contact-cis").organization == committee
    assert FocalPoint.objects.get(user__username="focal-kaz").state.iso3 == "KAZ"
    call_command(
        "demo_users", password="pw-demo-1", force=True, stdout=StringIO()
    )  # a rerun resets, no error
    assert OrganizationContact.objects.count() == 1
