"""The CIS chairs on the workspace start page come from chairmanship's `workspace_panel`, not the registry."""

import datetime

import pytest
from django.urls import reverse

from accord.core.roles import Role
from accord.registry.tests.factories import MembershipFactory, OrganizationFactory, StateFactory
from conftest import make_user

pytestmark = pytest.mark.django_db


def test_workspace_names_the_chair_and_links_to_the_chairmanship(client, english):
    cis = OrganizationFactory(slug="cis", kind="body")
    chair = StateFactory(name_en="Uzbekistan")
    MembershipFactory(body=cis, state=chair, role="chair", start_on=datetime.date(2000, 1, 1))
    MembershipFactory(body=cis, state=StateFactory(name_en="Armenia"), role="member")
    client.force_login(make_user("analyst", Role.ANALYST))
    page = client.get(reverse("home")).content.decode()
    assert f'<a href="{chair.get_absolute_url()}">Uzbekistan</a>' in page and "Armenia" not in page
    assert "CIS chairmanship this year" in page
    assert f'<a href="{reverse("chairmanship:chairmanship_list")}">Chairmanship by year</a>' in page


def test_no_panel_without_a_chair(client, english):
    client.force_login(make_user("analyst", Role.ANALYST))
    assert "CIS chairmanship this year" not in client.get(reverse("home")).content.decode()
