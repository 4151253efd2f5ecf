"""Errors no view answered: JSON in the API's shape under /api/, translated pages elsewhere.

Issue 15: an unhandled exception under /api/ answered Django's HTML page, and
a database that cannot be reached answered 500 instead of 503.
"""

import pytest
from django.core.exceptions import TooManyFilesSent
from django.db import InterfaceError, OperationalError, connection
from django.test import Client
from django.urls import reverse
from rest_framework.test import APIClient

from accord.core.errors import RETRY_AFTER_SECONDS
from accord.registry.api.views import StateViewSet

pytestmark = pytest.mark.django_db


@pytest.fixture
def api():
    client = APIClient()
    client.raise_request_exception = False  # as in production: the handler answers
    return client


@pytest.fixture
def browser():
    client = Client()
    client.raise_request_exception = False
    return client


def _fail(*args, **kwargs):
    raise RuntimeError("a bug, with a secret in its message: hunter2")


def test_an_unknown_api_address_is_json(api):
    response = api.get("/api/no-such-resource/")
    assert response.status_code == 404 and response.json()["code"] == "not_found"
    assert response.json()["fields"] == {}


def test_an_unknown_page_is_the_translated_404_page(browser):
    response = browser.get("/registry/no-such-page/", HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 404 and "There is no such page" in response.content.decode()


def test_an_unhandled_exception_in_the_api_is_json(api, monkeypatch, english):
    monkeypatch.setattr(StateViewSet, "list", _fail)
    response = api.get("/api/states/")
    assert response.status_code == 500
    assert response["Content-Type"].startswith("application/json")
    body = response.json()
    assert body == {
        "code": "server_error",
        "detail": "The server failed to answer. No data was changed.",
        "fields": {},
    }
    assert "hunter2" not in response.content.decode()


def test_an_unhandled_exception_on_a_page_is_the_translated_500_page(browser, monkeypatch):
    from accord.registry import urls

    monkeypatch.setattr(urls.urlpatterns[0], "callback", _fail)
    for language, title in (("en", "Server error"), ("ru", "Ошибка сервера")):
        response = browser.get(reverse("registry:state_list"), HTTP_ACCEPT_LANGUAGE=language)
        page = response.content.decode()
        assert response.status_code == 500 and title in page
        assert "hunter2" not in page and "Traceback" not in page


@pytest.fixture
def database_down():
    """Every query fails as it does when PostgreSQL is stopped or out of connections."""

    def refuse(execute, sql, params, many, context):
        raise OperationalError('connection to server at "127.0.0.1", port 5432 failed: Connection refused')

    with connection.execute_wrapper(refuse):
        yield


@pytest.mark.usefixtures("database_down")
def test_a_database_outage_is_a_503_in_the_api(api, english):
    response = api.get("/api/states/")
    assert response.status_code == 503
    assert response["Retry-After"] == str(RETRY_AFTER_SECONDS)
    assert response.json() == {
        "code": "service_unavailable",
        "detail": "The service is temporarily unavailable. Try again in a minute.",
        "fields": {},
    }


@pytest.mark.usefixtures("database_down")
def test_a_database_outage_is_a_translated_503_page(browser):
    for language, title in (("en", "Temporarily unavailable"), ("ru", "Временно недоступно")):
        response = browser.get(reverse("registry:state_list"), HTTP_ACCEPT_LANGUAGE=language)
        page = response.content.decode()
        assert response.status_code == 503 and title in page
        assert response["Retry-After"] == str(RETRY_AFTER_SECONDS)
        assert "5432" not in page and "Traceback" not in page


def test_a_lost_connection_is_a_503_too(api, monkeypatch):
    def lost(*args, **kwargs):
        raise InterfaceError("connection already closed")

    monkeypatch.setattr(StateViewSet, "list", lost)
    assert api.get("/api/states/").status_code == 503


def test_a_request_django_refuses_to_parse_is_explained(api, browser, monkeypatch, english, settings):
    """What Django raises while parsing (too many files) is JSON under /api/ and a page elsewhere."""
    settings.ACCORD_MAX_UPLOAD_FILES = 100

    def too_many(*args, **kwargs):
        raise TooManyFilesSent("The number of files exceeded settings.DATA_UPLOAD_MAX_NUMBER_FILES.")

    monkeypatch.setattr(StateViewSet, "list", too_many)
    body = api.get("/api/states/").json()
    assert body["code"] == "too_many_files" and "at most 100" in body["detail"]
    from accord.registry import urls

    monkeypatch.setattr(urls.urlpatterns[0], "callback", too_many)
    response = browser.get(reverse("registry:state_list"))
    assert response.status_code == 400
    assert "Too many files in one request: send at most 100 at a time." in response.content.decode()


def test_a_malformed_sqlite_statement_is_a_bug_not_an_outage(api, monkeypatch):
    """SQLite says OperationalError for a bad statement too: that is a 500, a locked database a 503."""
    import sqlite3

    def raising(message):
        def view(*args, **kwargs):
            try:
                raise sqlite3.OperationalError(message)
            except sqlite3.OperationalError as exc:
                raise OperationalError(message) from exc

        return view

    monkeypatch.setattr(StateViewSet, "list", raising('fts5: syntax error near ""'))
    assert api.get("/api/states/").status_code == 500
    monkeypatch.setattr(StateViewSet, "list", raising("database is locked"))
    assert api.get("/api/states/").status_code == 503


# ---- Django's PermissionDenied in the API (core.api.errors) ------------------------------------


def _refuse_with_reason(*args, **kwargs):
    from django.core.exceptions import PermissionDenied

    raise PermissionDenied("Only the keeper of the seal may do this.")


def _refuse(*args, **kwargs):
    from django.core.exceptions import PermissionDenied

    raise PermissionDenied


def test_a_services_refusal_is_the_apis_permission_denied_with_its_reason(api, monkeypatch):
    monkeypatch.setattr(StateViewSet, "list", _refuse_with_reason)
    response = api.get("/api/states/")
    assert response.status_code == 403
    assert response.json() == {
        "code": "permission_denied",
        "detail": "Only the keeper of the seal may do this.",
        "fields": {},
    }


def test_a_refusal_without_a_reason_gets_the_standard_translated_detail(api, monkeypatch, english):
    monkeypatch.setattr(StateViewSet, "list", _refuse)
    response = api.get("/api/states/")
    assert response.status_code == 403
    assert response.json() == {
        "code": "permission_denied",
        "detail": "You do not have permission to perform this action.",
        "fields": {},
    }


def test_the_handler_maps_djangos_permission_denied_directly():
    from django.core.exceptions import PermissionDenied
    from rest_framework.test import APIRequestFactory
    from rest_framework.views import APIView

    from accord.core.api.errors import exception_handler

    request = APIRequestFactory().get("/api/states/")
    response = exception_handler(PermissionDenied("No."), {"view": APIView(), "request": request})
    assert response.status_code == 403
    assert response.data == {"code": "permission_denied", "detail": "No.", "fields": {}}
