"""The API side of refusing stale saves (`accord.core.concurrency`): a `version` field and the 409 answer."""

from django.utils.translation import gettext as _
from rest_framework import serializers, status
from rest_framework.response import Response

from accord.core.concurrency import EDIT_CONFLICT, StaleEditError


class VersionedSerializerMixin(serializers.Serializer):
    """Reads show the record's `version`; a write that sends one is refused (409) when it is not current."""

    version = serializers.IntegerField(
        min_value=0,
        required=False,
        help_text=(
            "The version the change is based on (as read). When it is no longer the current one, "
            "nothing is saved and the answer is 409 `edit_conflict` with the current record. "
            "Without it, the change applies to whatever version is current."
        ),
    )

    def create(self, validated_data):
        validated_data.pop("version", None)  # a new record starts at version 0
        return super().create(validated_data)

    def update(self, instance, validated_data):
        version = validated_data.pop("version", None)
        if version is not None:
            instance.version = version
        return super().update(instance, validated_data)


def conflict_response(conflict: StaleEditError, current_data: dict | None) -> Response:
    """409 in the API's error shape, with the record as it now is under `current`."""
    hint = _("Read the record again and send your change based on its current version.")
    return Response(
        {
            "code": EDIT_CONFLICT,
            "detail": f"{conflict.messages[0]} {hint}",
            "fields": {},
            "current": current_data,
        },
        status=status.HTTP_409_CONFLICT,
    )


def versioned_schema(serializer_class):
    """`@versioned_schema(MeetingSerializer)` on a viewset: its PUT and PATCH document the 409 answer."""
    from drf_spectacular.utils import extend_schema, extend_schema_view, inline_serializer

    conflict = inline_serializer(
        f"{serializer_class.__name__.removesuffix('Serializer')}EditConflict",
        {
            "code": serializers.CharField(),
            "detail": serializers.CharField(),
            "fields": serializers.DictField(),
            "current": serializer_class(),
        },
    )
    responses = {200: serializer_class, 409: conflict}
    return extend_schema_view(
        update=extend_schema(responses=responses), partial_update=extend_schema(responses=responses)
    )
