"""A cooperation request's reference number or subject reaches a user only with an access-log row.

One rule for every page, endpoint and message: a response that shows a
request's particulars has written `AccessLog` for that user and request
(through `accord.legal_cooperation.services.log_access`); overviews that do
not log (the workspace's deadlines, `/api/my-deadlines/`, reminder e-mails,
the access log itself) show no particulars.
"""

import datetime

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from rest_framework.test import APIClient

from accord.core.roles import Role
from accord.legal_cooperation.models import AccessLog
from accord.legal_cooperation.tests.factories import CooperationRequestFactory
from accord.registry.tests.factories import NationalAuthorityFactory, StateFactory
from conftest import make_user

pytestmark = pytest.mark.django_db

REFERENCE = "SECRET-CASE-2025-17"
SUBJECT = "Tracing the proceeds held by a shell company"


@pytest.fixture
def case():
    """A request from A to B due in three days; the focal points of both states and the secretariat."""
    state_a, state_b = StateFactory(), StateFactory()
    today = timezone.localdate()
    request = CooperationRequestFactory(
        reference_number=REFERENCE,
        subject=SUBJECT,
        requesting_authority=NationalAuthorityFactory(state=state_a),
        requested_authority=NationalAuthorityFactory(state=state_b),
        received_on=today - datetime.timedelta(days=30),
        deadline_on=today + datetime.timedelta(days=3),
    )
    users = {
        "secretariat": make_user("disclosure-secretariat", Role.SECRETARIAT),
        "requesting": make_user("disclosure-focal-a", Role.FOCAL_POINT, state=state_a),
        "requested": make_user(
            "disclosure-focal-b", Role.FOCAL_POINT, state=state_b, email="focal-b@example.org"
        ),
    }
    return request, users


def _shows_particulars(body: bytes) -> bool:
    text = body.decode("utf-8", "replace")
    return REFERENCE in text or SUBJECT in text


def _page(user, method: str, url: str, data=None, api: bool = False):
    client = APIClient() if api else Client()
    if api:
        client.force_authenticate(user)
    else:
        client.force_login(user)
    return getattr(client, method)(url, data or {})


def _cases(request) -> list[tuple[str, str, str, dict | None, bool]]:
    detail = request.get_absolute_url()
    api_detail = f"/api/cooperation-requests/{request.pk}/"
    early = (request.received_on - datetime.timedelta(days=1)).isoformat()
    return [
        ("requested", "get", reverse("home"), None, False),
        ("requested", "get", "/api/my-deadlines/", None, True),
        ("requested", "get", detail, None, False),
        ("requested", "get", reverse("legal_cooperation:request_list"), None, False),
        ("requested", "get", reverse("legal_cooperation:request_export"), None, False),
        ("requested", "get", api_detail, None, True),
        ("requested", "get", "/api/cooperation-requests/", None, True),
        # A refused status change shows the request again, with the form's errors.
        ("requested", "post", reverse("legal_cooperation:request_status", args=[request.pk]),
         {"status": "under_execution", "on": early}, False),
        ("requesting", "get", reverse("legal_cooperation:request_update", args=[request.pk]), None, False),
        ("secretariat", "get", reverse("legal_cooperation:access_log"), None, False),
        ("secretariat", "get", "/api/cooperation-request-access-log/", None, True),
        ("secretariat", "get", reverse("legal_cooperation:statistics"), None, False),
        ("secretariat", "get", "/api/cooperation-request-statistics/", None, True),
    ]  # fmt: skip


def test_every_response_that_shows_a_request_has_logged_it(case):
    request, users = case
    # Something in the log already, so that the log's own pages have a row to show.
    _page(users["requested"], "get", request.get_absolute_url())
    checked = []
    for role, method, url, data, api in _cases(request):
        user = users[role]
        before = set(AccessLog.objects.values_list("pk", flat=True))
        response = _page(user, method, url, data, api)
        assert response.status_code < 500, url
        if _shows_particulars(response.content):
            logged = AccessLog.objects.exclude(pk__in=before).filter(user=user, request=request)
            assert logged.exists(), f"{method.upper()} {url} showed the request to {role} without logging it"
            checked.append(url)
    # The pages that must show it did (the check above is not vacuous).
    assert request.get_absolute_url() in checked
    assert reverse("legal_cooperation:request_update", args=[request.pk]) in checked


def test_overviews_show_the_deadline_but_not_the_case(case):
    request, users = case
    home = _page(users["requested"], "get", reverse("home")).content.decode()
    assert request.get_absolute_url() in home
    rows = _page(users["requested"], "get", "/api/my-deadlines/", api=True).json()
    assert [r["url"] for r in rows] == [request.get_absolute_url()]
    assert rows[0]["due_on"] == request.deadline_on.isoformat()
    assert not _shows_particulars(str(rows).encode())
    assert not AccessLog.objects.exists()


def test_reminder_emails_carry_no_particulars(case, settings):
    from accord.chairmanship.reminders import send_reminders

    request, _users = case
    send_reminders(today=timezone.localdate())
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert request.get_absolute_url() in message.body
    assert REFERENCE not in message.body + message.subject
    assert SUBJECT not in message.body + message.subject
