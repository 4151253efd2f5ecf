"""Request plumbing shared by every app.

Requests refused before any view reads them: bodies too large, NUL characters in the address.

Django bounds the form fields it keeps in memory (`DATA_UPLOAD_MAX_MEMORY_SIZE`)
but streams uploaded files to disk without limit, so a 100 MB POST to the login
page would be read in full. This middleware compares the declared
`Content-Length` with the limit of the view the address resolves to and
answers 413 at once: views marked `@accepts_uploads` (and the admin's model
pages) take `ACCORD_MAX_UPLOAD_REQUEST_BYTES` from a signed-in user,
everything else (the login, every other form, every API call)
`ACCORD_MAX_FORM_REQUEST_BYTES`. A body without `Content-Length` is not read
by Django at all under WSGI. The reverse proxy should refuse larger bodies
still earlier (`client_max_body_size` in nginx; README, "Request limits and errors").

A NUL character (`%00`) in the path or the query string is refused with 400:
no record has one, and PostgreSQL refuses to even compare a text with one
(`DataError`), so every lookup by a name, a code or a key would fail on it.
(Bodies: `accord.core.api.parsers` for the API; Django's form fields for pages.)

Both answer in `process_view`, which runs before CSRF's (the first reader of
`request.POST`) and after authentication has set `request.user`.
"""

from collections.abc import Callable

from auditlog.middleware import AuditlogMiddleware as BaseAuditlogMiddleware
from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext as _

from accord.core.errors import api_error, error_page, is_api


def accepts_uploads(view: Callable) -> Callable:
    """Mark a view whose form takes files: its requests may carry the upload limit."""
    view.accepts_uploads = True
    return view


def request_limit(request: HttpRequest, view: Callable) -> int:
    """The largest body, in bytes, this request may send to this view."""
    target = getattr(view, "view_class", None) or getattr(view, "cls", None) or view
    uploads = (
        getattr(view, "accepts_uploads", False)
        or getattr(target, "accepts_uploads", False)
        or hasattr(view, "model_admin")  # the admin's change forms (originals, attachments)
    )
    if uploads and request.user.is_authenticated:
        return settings.ACCORD_MAX_UPLOAD_REQUEST_BYTES
    return settings.ACCORD_MAX_FORM_REQUEST_BYTES


def has_nul(request: HttpRequest) -> bool:
    """Whether the path or a name or value of the query string holds a NUL character."""
    if "\x00" in request.path_info:
        return True
    return any(
        "\x00" in key or any("\x00" in value for value in values) for key, values in request.GET.lists()
    )


class RequestGuardMiddleware:
    def __init__(self, get_response: Callable) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_view(self, request: HttpRequest, view, args, kwargs) -> HttpResponse | None:
        if has_nul(request):
            return refuse(request, 400, "bad_request", _("The address contains a NUL character."))
        try:
            declared = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            declared = 0  # Django reads such a body as empty
        limit = request_limit(request, view)
        if declared <= limit:
            return None
        detail = _("The request is too large: at most %(size)s MB may be sent here.") % {
            "size": round(limit / (1024 * 1024), 1)
        }
        return refuse(request, 413, "request_too_large", detail)


def refuse(request: HttpRequest, status: int, code: str, detail: str) -> HttpResponse:
    if is_api(request):
        return api_error(status, code, detail)
    return error_page(request, status, _("The request was not accepted"), detail)


class AuditlogMiddleware(BaseAuditlogMiddleware):
    """django-auditlog's middleware, with the actor read when a change is logged.

    The stock middleware reads `request.user` as the request arrives, before the
    REST framework has authenticated an API token, so token writes were logged
    with no actor. The framework sets the user it authenticates on the Django
    request too; reading it lazily, when the first log entry is saved, names
    whoever the request finally turned out to be, however they signed in.
    """

    @staticmethod
    def _get_actor(request):
        # An anonymous visitor resolves to AnonymousUser, which auditlog ignores.
        return SimpleLazyObject(lambda: request.user)
