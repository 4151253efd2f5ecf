"""Mentions and suggestions as the API reads them; decisions go through the accept/reject actions."""

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from accord.core.roles import is_member_user
from accord.extraction.models import Mention, Suggestion


class MentionSerializer(serializers.ModelSerializer):
    url = serializers.HyperlinkedIdentityField(view_name="mention-detail")
    state = serializers.SlugRelatedField(slug_field="iso3", read_only=True)
    person = serializers.SerializerMethodField()

    class Meta:
        model = Mention
        fields = [
            "id",
            "url",
            "document",
            "begin",
            "end",
            "type",
            "text",
            "normal",
            "key",
            "state",
            "organization",
            "person",
            "method",
            "confidence",
        ]
        read_only_fields = fields

    @extend_schema_field(serializers.IntegerField(allow_null=True))
    def get_person(self, obj) -> int | None:
        """The linked person, only for readers who may see that person's record."""
        if not obj.person_id:
            return None
        request = self.context.get("request")
        user = getattr(request, "user", None)
        return obj.person_id if obj.person.is_public or is_member_user(user) else None


class StandingSerializer(serializers.Serializer):
    code = serializers.CharField()
    label = serializers.CharField()
    message = serializers.CharField()


class SuggestionSerializer(serializers.ModelSerializer):
    url = serializers.HyperlinkedIdentityField(view_name="suggestion-detail")
    standing = serializers.SerializerMethodField()
    decided_by = serializers.SlugRelatedField(slug_field="username", read_only=True)

    class Meta:
        model = Suggestion
        fields = [
            "id",
            "url",
            "document",
            "kind",
            "status",
            "label",
            "payload",
            "evidence",
            "confidence",
            "standing",
            "decided_by",
            "decided_at",
            "note",
            "meeting",
            "participation",
            "post",
            "person",
            "organization",
            "cited_document",
            "created_at",
        ]
        read_only_fields = fields

    @extend_schema_field(StandingSerializer)
    def get_standing(self, obj) -> dict:
        standing = obj.standing
        return {"code": standing.code, "label": standing.label, "message": standing.message}


class AcceptSerializer(serializers.Serializer):
    changes = serializers.DictField(
        required=False,
        help_text="Corrections of the payload before accepting, by field: "
        '{"country": "TJK", "participants": ["RUS", "TJK"], "end_on": "2025-10-22"}.',
    )


class RejectSerializer(serializers.Serializer):
    note = serializers.CharField(required=False, allow_blank=True, max_length=500)
