"""What a failed request answers: JSON in the API's error shape under /api/, a page elsewhere.

Django calls these handlers (set in `accord/urls.py`) for errors no view
answered itself: an unknown address (404), a refusal raised as an exception
(403), a request Django will not parse (400: too many files or fields, a body
above `DATA_UPLOAD_MAX_MEMORY_SIZE`) and any unhandled exception (500). DRF
views answer their own errors through `accord.core.api.errors`; what they do
not handle reaches `server_error` too, so no answer under /api/ is ever HTML.

A database that cannot be reached (`OperationalError`, `InterfaceError`: the
server is down, restarting, out of connections, or SQLite is locked) is not a
bug of the request: it answers 503 with `Retry-After`, and its page is
rendered without touching the database (no session, no user, no menu).
"""

import sqlite3
import sys

from django.conf import settings
from django.core.exceptions import RequestDataTooBig, TooManyFieldsSent, TooManyFilesSent
from django.db import InterfaceError, OperationalError
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.template import loader
from django.utils.translation import gettext as _
from django.views import defaults

API_PREFIX = "/api/"
RETRY_AFTER_SECONDS = 30


def is_api(request: HttpRequest) -> bool:
    """Whether the request is addressed to the REST API (and so expects JSON)."""
    return request.path_info.startswith(API_PREFIX)


def api_error(status: int, code: str, detail: str, **headers: str) -> JsonResponse:
    """An answer in the API's one error shape (docs/api.md)."""
    response = JsonResponse(
        {"code": code, "detail": detail, "fields": {}},
        status=status,
        json_dumps_params={"ensure_ascii": False},
    )
    for name, value in headers.items():
        response[name.replace("_", "-")] = value
    return response


def _too_large_detail() -> str:
    return _("The request is larger than this address accepts.")


def bad_request(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    """A request Django refused to parse: say why, in the API's shape or on a page."""
    if isinstance(exception, TooManyFilesSent):
        status, code = 400, "too_many_files"
        detail = _("Too many files in one request: send at most %(count)s at a time.") % {
            "count": settings.ACCORD_MAX_UPLOAD_FILES
        }
    elif isinstance(exception, TooManyFieldsSent):
        status, code, detail = 400, "too_many_fields", _("The request has too many fields.")
    elif isinstance(exception, RequestDataTooBig):
        status, code, detail = 413, "request_too_large", _too_large_detail()
    else:
        status, code, detail = 400, "bad_request", _("The request could not be understood.")
    if is_api(request):
        return api_error(status, code, detail)
    return error_page(request, status, _("The request was not accepted"), detail)


def permission_denied(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    if is_api(request):
        return api_error(403, "permission_denied", _("You do not have permission to perform this action."))
    return defaults.permission_denied(request, exception)


def page_not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    if is_api(request):
        return api_error(404, "not_found", _("Not found."))
    return defaults.page_not_found(request, exception)


def is_outage(exception: BaseException | None) -> bool:
    """Whether an exception says the database is out of reach, rather than that a statement is wrong.

    PostgreSQL's `OperationalError`s are all of that kind (connection refused or lost, shutdown,
    timeouts, deadlocks); SQLite's also cover a malformed statement, which is a bug, not an outage.
    """
    if isinstance(exception, InterfaceError):
        return True
    if not isinstance(exception, OperationalError):
        return False
    if isinstance(exception.__cause__, sqlite3.Error):
        return any(sign in str(exception).lower() for sign in ("locked", "unable to open", "disk i/o"))
    return True


def server_error(request: HttpRequest) -> HttpResponse:
    """An unhandled exception (Django calls this inside its `except`, so the exception is at hand)."""
    if is_outage(sys.exc_info()[1]):
        return service_unavailable(request)
    if is_api(request):
        return api_error(500, "server_error", _("The server failed to answer. No data was changed."))
    return _static_page("500.html", 500)


def service_unavailable(request: HttpRequest) -> HttpResponse:
    """The database is out of reach: try again shortly (503 with `Retry-After`)."""
    if is_api(request):
        return api_error(
            503,
            "service_unavailable",
            _("The service is temporarily unavailable. Try again in a minute."),
            Retry_After=str(RETRY_AFTER_SECONDS),
        )
    response = _static_page("503.html", 503)
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    return response


def _static_page(template_name: str, status: int) -> HttpResponse:
    """A page rendered without the request: no context processor may reach a failing database."""
    return HttpResponse(loader.get_template(template_name).render(), status=status)


def error_page(request: HttpRequest, status: int, title: str, message: str) -> HttpResponse:
    """A page of the site (menu and all) that explains why a request was refused."""
    html = loader.get_template("core/error.html").render({"title": title, "message": message}, request)
    return HttpResponse(html, status=status)
