"""The OpenAPI schema says what the API answers: its errors too, in their one shape (docs/api.md).

Schemathesis' `response_schema_conformance` holds every answer to it (tests/fuzz).
"""

from django.core.exceptions import FieldDoesNotExist
from drf_spectacular.openapi import AutoSchema as SpectacularAutoSchema
from drf_spectacular.utils import OpenApiResponse
from rest_framework import serializers


class ErrorSerializer(serializers.Serializer):
    """Every error answer of the API: `{"code", "detail", "fields"}`."""

    code = serializers.CharField(help_text="A stable code: validation_error, not_found, permission_denied, …")
    detail = serializers.CharField(help_text="What went wrong, in the language of the request.")
    fields = serializers.DictField(
        help_text="Validation errors: the messages of each field, as a list (or, for a nested record, "
        "an object of its own fields); empty for other errors."
    )

    class Meta:
        ref_name = "Error"


ERRORS = {
    "400": "The parameters or the body are not valid (`validation_error`, `parse_error`, `too_many_files`).",
    "403": "Not signed in, or the role does not allow it (`not_authenticated`, `permission_denied`).",
    "404": "No such record, or one the caller may not see (`not_found`).",
    "413": "The body is larger than this address accepts (`request_too_large`).",
}


def _model_field(field):
    """The model field a serializer field reads, when it reads one directly."""
    model = getattr(getattr(field.parent, "Meta", None), "model", None)
    source = getattr(field, "source", "")
    if model is None or not source or "." in source or source == "*":
        return None
    try:
        found = model._meta.get_field(source)
    except FieldDoesNotExist:
        return None
    return None if found.auto_created and not found.concrete else found  # not a reverse relation


class AutoSchema(SpectacularAutoSchema):
    """drf-spectacular's schema, with the error answers each operation can give.

    A read-only field shows what its column holds: DRF drops `allow_blank` from
    read-only fields and a declared read-only relation does not say it may be
    empty, so the schema would claim a value the answers do not always have.
    """

    def _map_serializer_field(self, field, direction, bypass_extensions=False):
        model_field = _model_field(field) if field.read_only else None
        if model_field is not None:
            if model_field.null:
                field.allow_null = True
            if (
                model_field.blank
                and getattr(model_field, "choices", None)
                and isinstance(field, serializers.ChoiceField)
            ):
                field.allow_blank = True
        return super()._map_serializer_field(field, direction, bypass_extensions)

    def _get_response_bodies(self, direction="response") -> dict:
        responses = super()._get_response_bodies(direction)
        writes = self.method not in ("GET", "HEAD", "OPTIONS")
        codes = ["400"] if writes or self._get_parameters() else []
        if writes:
            codes += ["403", "413"]
        if "{" in self.path:
            codes.append("404")
        for code in sorted(codes):
            if code not in responses:
                error = OpenApiResponse(ErrorSerializer, description=ERRORS[code])
                responses[code] = self._get_response_for_code(error, code, direction=direction)
        return responses
