"""Shared fixtures: one user per role, an API client, and service probes."""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from rest_framework.test import APIClient

from accord.core.roles import Role


def make_user(username: str, *roles: str, state=None, **extra):
    """A user with the given roles; a focal point is bound to `state`."""
    user = get_user_model().objects.create_user(username=username, password="pass-12345", **extra)
    for role in roles:
        user.groups.add(Group.objects.get_or_create(name=role)[0])
    if state is not None:
        from accord.registry.models import FocalPoint

        FocalPoint.objects.create(user=user, state=state)
    return user


@pytest.fixture(autouse=True)
def _quick_password_hashing(settings):
    """Tests create many users: a cheap hasher keeps the suite fast (never in production settings).

    Open data is not rebuilt behind the tests' back: the tests of that refresh turn it on.
    """
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.ACCORD_OPENDATA_REFRESH_MINUTES = 0


@pytest.fixture
def english(settings):
    """Pages, API and messages in English, for tests that read English texts."""
    from django.utils import translation

    settings.LANGUAGE_CODE = "en"
    with translation.override("en"):
        yield


@pytest.fixture
def api_client():
    return APIClient()


@pytest.fixture
def secretariat_user(db):
    return make_user("secretariat", Role.SECRETARIAT)


@pytest.fixture
def analyst_user(db):
    return make_user("analyst", Role.ANALYST)


@pytest.fixture
def reviewer_user(db):
    return make_user("reviewer", Role.REVIEWER)


@pytest.fixture
def no_role_user(db):
    return make_user("norole")


@pytest.fixture
def focal_state(db):
    from accord.registry.tests.factories import StateFactory

    return StateFactory()


@pytest.fixture
def other_state(db):
    from accord.registry.tests.factories import StateFactory

    return StateFactory()


@pytest.fixture
def focal_point_user(db, focal_state):
    return make_user("focal", Role.FOCAL_POINT, state=focal_state)


@pytest.fixture
def other_focal_point_user(db, other_state):
    return make_user("focal-other", Role.FOCAL_POINT, state=other_state)


@pytest.fixture(autouse=True)
def _empty_cache(settings, tmp_path_factory):
    """Each test starts with an empty cache: cached public pages never leak between tests.

    The generation file is the test process's own, so that other test runs on
    the machine cannot invalidate this one's pages in the middle of a test.
    """
    from django.core.cache import cache

    if settings.ACCORD_CACHE_GENERATION_FILE:
        settings.ACCORD_CACHE_GENERATION_FILE = tmp_path_factory.getbasetemp() / "cache-generation"

    cache.clear()
    yield
    cache.clear()
