"""Admin for extraction: mentions and suggestions to inspect; decisions belong to the queue."""

from django.contrib import admin

from accord.extraction import models


@admin.register(models.Extraction)
class ExtractionAdmin(admin.ModelAdmin):
    list_display = ["document", "language", "published_on", "extracted_at"]
    list_filter = ["language"]
    search_fields = ["document__title", "document__symbol"]
    raw_id_fields = ["document"]
    readonly_fields = ["text_hash", "extracted_at"]


@admin.register(models.Mention)
class MentionAdmin(admin.ModelAdmin):
    list_display = ["text", "type", "normal", "document", "method", "confidence"]
    list_filter = ["type", "method"]
    search_fields = ["text", "normal", "key"]
    raw_id_fields = ["document", "state", "organization", "person"]
    list_select_related = ["document"]


@admin.register(models.Suggestion)
class SuggestionAdmin(admin.ModelAdmin):
    list_display = ["label", "kind", "status", "confidence", "document", "decided_by", "decided_at"]
    list_filter = ["kind", "status"]
    search_fields = ["label", "document__title"]
    raw_id_fields = [
        "document",
        "meeting",
        "participation",
        "post",
        "person",
        "organization",
        "cited_document",
        "decided_by",
    ]
    readonly_fields = ["fingerprint", "decided_at"]
    list_select_related = ["document", "decided_by"]
