"""Admin for documents."""

from django.contrib import admin

from accord.documents import models


@admin.register(models.Document)
class DocumentAdmin(admin.ModelAdmin):
    list_display = ["symbol", "language", "title", "kind", "published_on", "confidentiality"]
    list_filter = ["kind", "language", "confidentiality", "publisher"]
    search_fields = ["symbol", "title"]
    date_hierarchy = "published_on"
    autocomplete_fields = ["publisher", "meeting", "agenda_item", "version_of"]
    readonly_fields = ["symbol_root", "content_hash"]
