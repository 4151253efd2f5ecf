"""API throttling: by signed-in user, and by address for anonymous callers.

DRF's own classes copy the rates when they are imported; these read them on
each request, so the rates in `REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"]`
(from the environment) can change without a restart of the test process.
"""

from django.core.exceptions import ImproperlyConfigured
from rest_framework import throttling
from rest_framework.settings import api_settings


class LiveRatesMixin:
    def get_rate(self) -> str | None:
        """The scope's rate as configured now; `None` turns the throttle off."""
        try:
            return api_settings.DEFAULT_THROTTLE_RATES[self.scope]
        except KeyError as exc:
            raise ImproperlyConfigured(f"No API throttle rate for the scope {self.scope!r}.") from exc


class AnonRateThrottle(LiveRatesMixin, throttling.AnonRateThrottle):
    """Anonymous callers, counted per client address (`ACCORD_API_RATE_ANON`)."""


class UserRateThrottle(LiveRatesMixin, throttling.UserRateThrottle):
    """Signed-in users (session or token), counted per user (`ACCORD_API_RATE_USER`)."""
