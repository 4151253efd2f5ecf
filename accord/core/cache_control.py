"""No cache keeps what a member reads: one rule for pages, exports, originals and the API.

Every response to a signed-in user (by session or, through DRF, by API
token) is `Cache-Control: private, no-store`: a restricted record, an export
or an original file then never lands in a shared proxy or in the browser's
disk cache. Non-public originals are only ever served to signed-in members,
so they are covered too. Anonymous visitors see public data only, which
stays cacheable; static files are answered by WhiteNoise before this
middleware and keep their own long-lived headers.
"""

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse


class PrivateResponsesMiddleware:
    """Mark every response to an authenticated user `private, no-store`."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        # Read after the view: DRF's token authentication sets `request.user` inside the view.
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            response["Cache-Control"] = "private, no-store"
        return response
