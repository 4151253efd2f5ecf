"""Operations logging: one line per request, and the optional error-reporting hook.

The line's request id comes from django-guid (its log filter adds it to every
record, see LOGGING in settings), the JSON from python-json-logger; this
module only says what a request line holds.
"""

import importlib.metadata
import logging
import time
from collections.abc import Callable
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.utils.functional import empty

logger = logging.getLogger("accord.request")


def _user_id(request: HttpRequest) -> int | None:
    """The signed-in user's id if the request already looked it up.

    Never looks it up itself: a cached public page reads no session, and its
    log line must not add a query to it.
    """
    user = getattr(request, "user", None)
    if user is None or getattr(user, "_wrapped", None) is empty:
        return None
    return user.pk if user.is_authenticated else None


class RequestLogMiddleware:
    """Writes `accord.request`'s line for every request: method, path, status, duration, user id."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        start = time.perf_counter()
        response = self.get_response(request)
        duration_ms = round((time.perf_counter() - start) * 1000, 1)
        level = logging.ERROR if response.status_code >= 500 else logging.INFO
        logger.log(
            level,
            "%s %s %s",
            request.method,
            request.path,
            response.status_code,
            extra={
                "method": request.method,
                "path": request.path,
                "status": response.status_code,
                "duration_ms": duration_ms,
                "user_id": _user_id(request),
            },
        )
        return response


def accord_version() -> str:
    """The installed version of Accord (the package's metadata), for releases and backups."""
    try:
        return importlib.metadata.version("accord")
    except importlib.metadata.PackageNotFoundError:
        return "unknown"


def init_error_reporting(dsn: str, *, environment: str, transport: Any = None) -> None:
    """Send unhandled errors to Sentry (sentry-sdk's Django integration), without personal data.

    `transport` is for tests (a sentry_sdk Transport that keeps the events).
    """
    import sentry_sdk
    from sentry_sdk.integrations.django import DjangoIntegration

    options: dict[str, Any] = {}
    if transport is not None:
        options["transport"] = transport
    sentry_sdk.init(
        dsn=dsn,
        environment=environment,
        release=f"accord@{accord_version()}",
        integrations=[DjangoIntegration()],
        # No personal data (sentry-sdk 3's form of send_default_pii=False, stricter): no user,
        # cookies, bodies (confidential documents), query strings, SQL values or local variables;
        # the request id ties the event to its log lines instead.
        data_collection={
            "user_info": False,
            "cookies": {"mode": "off"},
            "http_headers": {"request": {"mode": "off"}},
            "http_bodies": [],
            "url_query_params": {"mode": "off"},
            "database_query_data": False,
            "stack_frame_variables": False,
        },
        before_send=_tag_request_id,
        **options,
    )


def _tag_request_id(event: dict, hint: dict) -> dict:
    """Tag the event with the request's id: the same as in its log lines and its X-Request-ID."""
    from django_guid import get_guid

    if request_id := get_guid():
        event.setdefault("tags", {})["request_id"] = request_id
    return event
