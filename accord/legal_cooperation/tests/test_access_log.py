"""Every view and change of a request is logged; only the secretariat reads the log."""

import datetime

import pytest
from django.test import Client
from django.urls import reverse
from rest_framework.test import APIClient

from accord.legal_cooperation import services
from accord.legal_cooperation.choices import AccessAction, RequestStatus
from accord.legal_cooperation.models import AccessLog

pytestmark = pytest.mark.django_db


def _actions(user) -> list[str]:
    return list(AccessLog.objects.filter(user=user).order_by("pk").values_list("action", flat=True))


def test_pages_log_views_lists_and_exports(world):
    user = world["users"]["requested"]
    client = Client()
    client.force_login(user)
    client.get(world["request"].get_absolute_url())
    client.get(reverse("legal_cooperation:request_list"))
    client.get(reverse("legal_cooperation:request_export"))
    assert _actions(user) == [AccessAction.VIEW, AccessAction.LIST, AccessAction.EXPORT]
    entry = AccessLog.objects.filter(user=user).order_by("pk").first()
    assert entry.request == world["request"]
    assert entry.ip == "127.0.0.1"
    assert entry.path == world["request"].get_absolute_url()


def test_api_logs_views_and_lists(world):
    user = world["users"]["requesting"]
    api = APIClient()
    api.force_authenticate(user)
    api.get(f"/api/cooperation-requests/{world['request'].pk}/")
    api.get("/api/cooperation-requests/")
    assert _actions(user) == [AccessAction.VIEW, AccessAction.LIST]


def test_outsiders_leave_no_log(world):
    for role in ("third", "reviewer", "analyst"):
        client = Client()
        client.force_login(world["users"][role])
        client.get(world["request"].get_absolute_url())
        client.get(reverse("legal_cooperation:request_list"))
        client.get(reverse("legal_cooperation:request_export"))
    Client().get(reverse("legal_cooperation:request_list"))
    assert not AccessLog.objects.exists()


def test_changes_are_logged(world):
    a, b = world["authorities"]
    requesting, requested = world["users"]["requesting"], world["users"]["requested"]
    created = services.create_request(
        acting_user=requesting,
        kind="extradition",
        reference_number="NEW-1",
        requesting_authority=a,
        requested_authority=b,
        instrument=world["request"].instrument,
        subject="Sample",
        received_on=datetime.date(2025, 2, 1),
    )
    services.change_status(created, acting_user=requested, status=RequestStatus.UNDER_EXECUTION)
    services.update_request(created, acting_user=requesting, subject="Sample, corrected")
    assert _actions(requesting) == [AccessAction.CREATE, AccessAction.CHANGE]
    assert _actions(requested) == [AccessAction.CHANGE]


@pytest.mark.parametrize(
    "role", ["secretariat", "requesting", "requested", "third", "reviewer", "analyst", "anonymous"]
)
def test_only_the_secretariat_reads_the_log(world, role):
    user = world["users"][role]
    services.log_access(world["users"]["requested"], [world["request"]], AccessAction.VIEW)
    client, api = Client(), APIClient()
    if user is not None:
        client.force_login(user)
        api.force_authenticate(user)
    page = client.get(reverse("legal_cooperation:access_log"))
    response = api.get("/api/cooperation-request-access-log/")
    if role == "secretariat":
        assert page.status_code == 200
        assert b"lc-focal-b" in page.content
        assert response.status_code == 200
        assert response.json()["results"][0]["action"] == "view"
    else:
        assert page.status_code == 404
        assert response.status_code in (401, 403)
