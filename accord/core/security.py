"""Sign-in abuse: the client's address, the lockout answer and its log line.

django-axes counts failed sign-ins per account and per address (settings:
`AXES_*`); these are the pieces Accord plugs into it.
"""

import logging

from axes.helpers import get_cool_off
from axes.signals import user_locked_out
from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from rest_framework.throttling import BaseThrottle

logger = logging.getLogger("accord.security")


def client_address(request: HttpRequest) -> str | None:
    """The caller's address, the same one the API throttles count.

    REMOTE_ADDR, or behind `ACCORD_PROXY_COUNT` proxies the entry the nearest
    trusted proxy added to X-Forwarded-For (DRF's `NUM_PROXIES` rule), so that a
    forged header cannot choose the address that gets counted.
    """
    return BaseThrottle().get_ident(request)


def lockout_response(request: HttpRequest, original_response=None, credentials=None) -> HttpResponse:
    """The page a locked-out sign-in gets: what happened, for how long, what to do (429)."""
    cool_off = get_cool_off(request)
    minutes = int(cool_off.total_seconds() // 60) if cool_off else None
    return render(
        request,
        "registration/locked_out.html",
        {"minutes": minutes},
        status=settings.AXES_HTTP_RESPONSE_CODE,
    )


def log_lockout(sender, request=None, username: str | None = None, ip_address: str | None = None, **kwargs):
    """One WARNING per lockout, naming the account and the address, for the operators' alerts."""
    logger.warning(
        "Sign-in locked out after repeated failures: username=%r address=%s path=%s",
        username,
        ip_address,
        getattr(request, "path", ""),
        extra={"username": username, "address": ip_address},
    )


def connect_lockout_log() -> None:
    user_locked_out.connect(log_lockout, dispatch_uid="accord.core.security.log_lockout")
