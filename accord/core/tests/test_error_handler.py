"""The API's error handler: service refusals and coded errors in the one error shape."""

from django.core.exceptions import ValidationError
from rest_framework import exceptions

from accord.core.api.errors import CodedError, exception_handler


def test_a_refusal_naming_no_field_is_the_detail():
    response = exception_handler(ValidationError("The year is not in the cycle."), {})
    assert response.status_code == 400
    assert response.data == {
        "code": "validation_error",
        "detail": "The year is not in the cycle.",
        "fields": {"non_field_errors": ["The year is not in the cycle."]},
    }


def test_a_refusal_naming_fields_keeps_the_general_detail():
    response = exception_handler(ValidationError({"end_on": ["Too early."]}), {})
    assert response.data["fields"] == {"end_on": ["Too early."]}
    assert response.data["detail"] and response.data["detail"] != "Too early."
    serializer_error = exception_handler(exceptions.ValidationError({"q": ["Too long."]}), {})
    assert serializer_error.data["detail"] == response.data["detail"]


def test_a_coded_error_keeps_its_code_status_and_extra_keys():
    response = exception_handler(
        CodedError("No reviewer left.", code="draw_impossible", rule="same_group"), {}
    )
    assert response.status_code == 400
    assert response.data == {
        "code": "draw_impossible",
        "detail": "No reviewer left.",
        "fields": {},
        "rule": "same_group",
    }
    conflict = exception_handler(
        CodedError("Saved meanwhile.", code="edit_conflict", status_code=409, current=1), {}
    )
    assert conflict.status_code == 409 and conflict.data["current"] == 1 and conflict.data["fields"] == {}
