"""News as the API reads and writes it: text fields written, status and links changed by actions."""

from django.urls import reverse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from accord.news.models import NewsAttachment, NewsItem, NewsLink
from accord.news.services import EDITABLE_FIELDS

#: The API route of each kind of linked record.
TARGET_VIEWS = {
    "state": "state-detail",
    "organization": "organization-detail",
    "person": "person-detail",
    "meeting": "meeting-detail",
}


def _absolute(request, url: str) -> str:
    return request.build_absolute_uri(url) if request else url


class TargetSerializer(serializers.Serializer):
    """The `{id, url, display}` of a linked record, and its page."""

    id = serializers.IntegerField()
    url = serializers.URLField()
    page = serializers.URLField()
    display = serializers.CharField()


class NewsLinkSerializer(serializers.ModelSerializer):
    kind = serializers.CharField(source="field", read_only=True)
    target = serializers.SerializerMethodField()

    class Meta:
        model = NewsLink
        fields = ["id", "kind", "status", "matched_text", "target"]
        read_only_fields = fields

    @extend_schema_field(TargetSerializer)
    def get_target(self, link: NewsLink) -> dict:
        request = self.context.get("request")
        target = link.target
        return {
            "id": target.pk,
            "url": _absolute(request, reverse(TARGET_VIEWS[link.field], kwargs={"pk": target.pk})),
            "page": _absolute(request, target.get_absolute_url()),
            "display": str(target),
        }


class NewsAttachmentSerializer(serializers.ModelSerializer):
    title = serializers.CharField(read_only=True)
    file = serializers.SerializerMethodField()

    class Meta:
        model = NewsAttachment
        fields = ["id", "title", "title_ru", "title_en", "file"]
        read_only_fields = fields

    @extend_schema_field(OpenApiTypes.URI)
    def get_file(self, attachment: NewsAttachment) -> str:
        return _absolute(self.context.get("request"), attachment.get_absolute_url())


class NewsItemSerializer(serializers.ModelSerializer):
    """Writes go through the news services (sanitizing, address, proposals), which run `full_clean()`."""

    url = serializers.HyperlinkedIdentityField(view_name="news-item-detail")
    page = serializers.SerializerMethodField()
    title = serializers.CharField(read_only=True)
    lead_image = serializers.SerializerMethodField()
    links = NewsLinkSerializer(source="visible_links", many=True, read_only=True)
    attachments = NewsAttachmentSerializer(many=True, read_only=True)

    class Meta:
        model = NewsItem
        fields = [
            "id",
            "url",
            "page",
            "slug",
            "title",
            *[f for f in EDITABLE_FIELDS if f != "lead_image"],
            "lead_image",
            "status",
            "published_at",
            "created_at",
            "updated_at",
            "links",
            "attachments",
        ]
        read_only_fields = ["slug", "status", "published_at", "created_at", "updated_at"]

    @extend_schema_field(OpenApiTypes.URI)
    def get_page(self, item: NewsItem) -> str:
        return _absolute(self.context.get("request"), item.get_absolute_url())

    @extend_schema_field({"type": "string", "format": "uri", "nullable": True})  # null: no image
    def get_lead_image(self, item: NewsItem) -> str | None:
        url = item.get_image_url()
        return _absolute(self.context.get("request"), url) if url else None


class PublishSerializer(serializers.Serializer):
    at = serializers.DateTimeField(
        required=False, allow_null=True, help_text="Empty: now; a time to come schedules."
    )


class ConfirmLinksSerializer(serializers.Serializer):
    link_ids = serializers.ListField(
        child=serializers.IntegerField(), required=False, help_text="Omitted: every proposed link."
    )
