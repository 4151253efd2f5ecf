"""Every role × every surface: only the two states' focal points and the secretariat see a request."""

import csv
import io

import pytest
from django.test import Client
from django.urls import reverse
from rest_framework.test import APIClient

from accord.legal_cooperation.choices import AccessAction
from accord.legal_cooperation.models import AccessLog

pytestmark = pytest.mark.django_db

ROLES = ["secretariat", "requesting", "requested", "third", "reviewer", "analyst", "anonymous"]
SEES = {"secretariat", "requesting", "requested"}


def _clients(user):
    client, api = Client(), APIClient()
    if user is not None:
        client.force_login(user)
        api.force_authenticate(user)
    return client, api


@pytest.mark.parametrize("role", ROLES)
def test_list_page(world, role):
    client, _api = _clients(world["users"][role])
    response = client.get(reverse("legal_cooperation:request_list"))
    assert response.status_code == 200
    assert (b"CONFIDENTIAL-REF-1" in response.content) is (role in SEES)


@pytest.mark.parametrize("role", ROLES)
def test_detail_page(world, role):
    client, _api = _clients(world["users"][role])
    response = client.get(world["request"].get_absolute_url())
    assert response.status_code == (200 if role in SEES else 404)


@pytest.mark.parametrize("role", ROLES)
def test_api_list(world, role):
    _client, api = _clients(world["users"][role])
    response = api.get("/api/cooperation-requests/")
    assert response.status_code == 200
    assert response.json()["count"] == (1 if role in SEES else 0)


@pytest.mark.parametrize("role", ROLES)
def test_api_detail(world, role):
    _client, api = _clients(world["users"][role])
    response = api.get(f"/api/cooperation-requests/{world['request'].pk}/")
    assert response.status_code == (200 if role in SEES else 404)
    if role not in SEES:
        assert response.json()["code"] == "not_found"
        assert "CONFIDENTIAL" not in response.content.decode()


@pytest.mark.parametrize("role", ROLES)
def test_csv_export(world, role):
    client, _api = _clients(world["users"][role])
    response = client.get(reverse("legal_cooperation:request_export"))
    assert response.status_code == 200
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert len(rows) == (2 if role in SEES else 1)  # the header, and the row when visible
    assert ("CONFIDENTIAL-REF-1" in response.content.decode()) is (role in SEES)


@pytest.mark.parametrize("role", ROLES)
def test_statistics_are_public_and_aggregate(world, role):
    client, api = _clients(world["users"][role])
    page = client.get(reverse("legal_cooperation:statistics"))
    assert page.status_code == 200
    assert b"CONFIDENTIAL-REF-1" not in page.content
    data = api.get("/api/cooperation-request-statistics/").json()
    assert data["total"] == {"key": "total", "label": "", "count": None, "display": "<5", "suppressed": True}
    assert "CONFIDENTIAL-REF-1" not in str(data)


@pytest.mark.parametrize("role", ROLES)
def test_changes_by_outsiders_are_404_and_leave_nothing(world, role):
    """Hidden rows cannot be changed either: the API answers 404 before any service runs."""
    _client, api = _clients(world["users"][role])
    pk = world["request"].pk
    response = api.post(f"/api/cooperation-requests/{pk}/notes/", {"note": "x"})
    if role in SEES:
        assert response.status_code == 201
    elif role == "anonymous" or role in ("reviewer", "analyst"):
        assert response.status_code in (401, 403, 404)
    else:
        assert response.status_code == 404
    if role not in SEES:
        assert world["request"].events.count() == 0
        assert not AccessLog.objects.filter(action=AccessAction.CHANGE).exists()


@pytest.mark.parametrize(
    ("method", "path"),
    [
        ("get", "abc/"),
        ("patch", "abc/"),
        ("post", "abc/status/"),
        ("post", "abc/notes/"),
        ("post", "abc/amounts/"),
        ("get", "1.5/"),
        ("get", "²/"),
    ],
)
def test_an_id_that_is_not_a_number_is_not_found(world, method, path):
    """Issue 15: `/api/cooperation-requests/abc/` was a 500 for the secretariat (GET, PATCH, actions)."""
    _client, api = _clients(world["users"]["secretariat"])
    response = getattr(api, method)(f"/api/cooperation-requests/{path}", {}, format="json")
    assert response.status_code == 404
    assert response.json()["code"] == "not_found"
    assert world["request"].events.count() == 0
