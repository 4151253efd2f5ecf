"""Every list endpoint of the API answers every caller without a server error."""

import pytest
from django.urls import get_resolver, reverse

from accord.core.roles import Role
from conftest import make_user


def _list_routes() -> list[str]:
    names = [name for name in get_resolver().reverse_dict if isinstance(name, str) and name.endswith("-list")]
    return sorted(reverse(name) for name in names if reverse(name).startswith("/api/"))


@pytest.mark.django_db
@pytest.mark.parametrize("role", [None, Role.ANALYST, Role.SECRETARIAT])
def test_every_list_endpoint_answers_without_error(role, api_client):
    if role:
        api_client.force_authenticate(make_user(f"user-{role}", role))
    routes = _list_routes()
    assert len(routes) > 20
    failures = {route: status for route in routes if (status := api_client.get(route).status_code) >= 500}
    assert failures == {}
