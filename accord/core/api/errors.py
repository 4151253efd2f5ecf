"""One error shape for the whole API, with stable codes."""

from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import IntegrityError
from django.http import Http404
from django.utils.translation import gettext as _
from rest_framework import exceptions, serializers
from rest_framework.views import exception_handler as drf_exception_handler

from accord.core.api.authentication import TokenRejected

ERROR_CODES = {
    exceptions.ValidationError: "validation_error",
    exceptions.ParseError: "parse_error",
    exceptions.NotAuthenticated: "not_authenticated",
    exceptions.AuthenticationFailed: "authentication_failed",
    TokenRejected: "authentication_failed",
    exceptions.PermissionDenied: "permission_denied",
    exceptions.NotFound: "not_found",
    exceptions.MethodNotAllowed: "method_not_allowed",
    exceptions.Throttled: "throttled",
    exceptions.UnsupportedMediaType: "unsupported_media_type",
    exceptions.NotAcceptable: "not_acceptable",
}


class CodedError(exceptions.APIException):
    """A refusal with its own stable code, and keys beyond the shape when a client needs them.

    `raise CodedError(message, code="draw_impossible", rule="same_group")`
    answers 400 `{"code": "draw_impossible", "detail": message, "fields": {}, "rule": "same_group"}`;
    `status_code=409` for a conflict. The handler shapes it like every other error.
    """

    status_code = 400

    def __init__(self, detail, *, code: str, status_code: int | None = None, **extra) -> None:
        super().__init__(detail, code)
        self.error_code = code
        if status_code is not None:
            self.status_code = status_code
        self.extra = extra


def exception_handler(exc, context):
    """One error shape for every failure: `{"code", "detail", "fields"}`."""
    refusal = ""
    if isinstance(exc, DjangoValidationError):
        if not hasattr(exc, "error_dict"):
            # A service's refusal that names no field: its message is the detail.
            refusal = " ".join(exc.messages)
        exc = exceptions.ValidationError(serializers.as_serializer_error(exc))
    elif isinstance(exc, IntegrityError):
        exc = exceptions.ValidationError(
            {"non_field_errors": [_("The data conflicts with an existing record.")]}
        )
    elif isinstance(exc, Http404):
        exc = exceptions.NotFound()
    elif isinstance(exc, DjangoPermissionDenied):
        # A service's refusal keeps its message and gets the stable code.
        exc = exceptions.PermissionDenied(str(exc) or None)
    response = drf_exception_handler(exc, context)
    if response is None:
        return None
    code = getattr(exc, "error_code", None) or next(
        (c for cls, c in ERROR_CODES.items() if isinstance(exc, cls)), "error"
    )
    if isinstance(exc, exceptions.ValidationError):
        fields = response.data if isinstance(response.data, dict) else {"non_field_errors": response.data}
        detail = refusal or _("The data is not valid.")
    else:
        fields = {}
        detail = str(response.data.get("detail", exc)) if isinstance(response.data, dict) else str(exc)
    response.data = {"code": code, "detail": detail, "fields": fields, **getattr(exc, "extra", {})}
    return response
