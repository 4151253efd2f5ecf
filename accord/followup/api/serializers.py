"""The register as the API reads and writes it; history is written only through the services."""

from rest_framework import serializers

from accord.core.api.serializers import MembersOnlyFieldsMixin, ValidatedModelSerializer
from accord.documents.models import Document
from accord.followup.choices import Status, Theme
from accord.followup.models import Assessment, Recommendation, StatusUpdate
from accord.registry.models import State


class RecommendationSerializer(MembersOnlyFieldsMixin, ValidatedModelSerializer):
    members_only_fields = ("awaiting_status",)
    url = serializers.HyperlinkedIdentityField(view_name="recommendation-detail")
    state = serializers.SlugRelatedField(slug_field="iso3", queryset=State.objects.all())
    themes = serializers.ListField(child=serializers.ChoiceField(choices=Theme.choices), required=False)
    text = serializers.CharField(read_only=True)

    class Meta:
        model = Recommendation
        fields = [
            "id",
            "url",
            "source_kind",
            "observation",
            "document",
            "meeting",
            "source_title_ru",
            "source_title_en",
            "body",
            "state",
            "authority",
            "themes",
            "provisions",
            "text",
            "text_ru",
            "text_en",
            "priority",
            "due_on",
            "confidentiality",
            "status",
            "is_status_assessed",
            "awaiting_status",
        ]
        read_only_fields = ["status", "is_status_assessed", "awaiting_status"]


class AssessmentSerializer(MembersOnlyFieldsMixin, serializers.ModelSerializer):
    """Reads show the assessment; writes take the update, an optional status (none = agree) and a comment."""

    members_only_fields = ("assessed_by",)
    status = serializers.ChoiceField(choices=Status.choices, required=False, allow_blank=True)
    assessed_by = serializers.StringRelatedField()

    class Meta:
        model = Assessment
        fields = ["id", "update", "agrees", "status", "comment", "assessed_by", "assessed_at"]
        read_only_fields = ["agrees", "assessed_by", "assessed_at"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        request = self.context.get("request")
        if request is not None:
            self.fields["update"].queryset = StatusUpdate.objects.visible_to(request.user)


class StatusUpdateSerializer(MembersOnlyFieldsMixin, serializers.ModelSerializer):
    """Reads show the report with its evidence and assessments; writes take recommendation, status, text, documents."""

    members_only_fields = ("reported_by",)
    reported_by = serializers.StringRelatedField()
    assessments = AssessmentSerializer(many=True, read_only=True)
    files = serializers.SerializerMethodField()

    class Meta:
        model = StatusUpdate
        fields = [
            "id",
            "recommendation",
            "status",
            "text",
            "documents",
            "files",
            "reported_by",
            "reported_at",
            "assessments",
        ]
        read_only_fields = ["reported_by", "reported_at"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        request = self.context.get("request")
        if request is not None:
            self.fields["recommendation"].queryset = Recommendation.objects.visible_to(request.user)
            self.fields["documents"].child_relation.queryset = Document.objects.visible_to(request.user)

    def get_files(self, obj) -> list[str]:
        request = self.context.get("request")
        urls = [evidence.file.url for evidence in obj.files.all()]
        return [request.build_absolute_uri(u) for u in urls] if request else urls
