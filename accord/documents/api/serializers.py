"""Documents as the API reads and writes them (the text only on a single document)."""

from rest_framework import serializers

from accord.core.api.serializers import ValidatedModelSerializer
from accord.documents.models import Document


class DocumentSerializer(ValidatedModelSerializer):
    url = serializers.HyperlinkedIdentityField(view_name="document-detail")

    class Meta:
        model = Document
        fields = [
            "id",
            "url",
            "symbol",
            "symbol_root",
            "language",
            "title",
            "kind",
            "published_on",
            "publisher",
            "meeting",
            "agenda_item",
            "version_of",
            "source_url",
            "confidentiality",
            "content_hash",
        ]
        read_only_fields = ["symbol_root", "content_hash"]


class DocumentDetailSerializer(DocumentSerializer):
    class Meta(DocumentSerializer.Meta):
        fields = [*DocumentSerializer.Meta.fields, "text"]
