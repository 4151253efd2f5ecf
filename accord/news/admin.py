"""News in the admin: saves go through the service, so bodies are sanitized and links proposed there too."""

from django.contrib import admin

from accord.news import services
from accord.news.models import NewsAttachment, NewsItem, NewsLink


class NewsAttachmentInline(admin.TabularInline):
    model = NewsAttachment
    extra = 0
    fields = ["file", "title_ru", "title_en"]


class NewsLinkInline(admin.TabularInline):
    model = NewsLink
    extra = 0
    fields = ["status", "state", "organization", "person", "meeting", "matched_text"]
    raw_id_fields = ["state", "organization", "person", "meeting"]
    readonly_fields = ["matched_text"]


@admin.register(NewsItem)
class NewsItemAdmin(admin.ModelAdmin):
    list_display = ["__str__", "status", "published_at", "updated_at", "author"]
    list_filter = ["status"]
    search_fields = ["title_ru", "title_en", "slug"]
    date_hierarchy = "published_at"
    # The workflow (status, time) is the editor's buttons; the address is set once.
    readonly_fields = ["slug", "status", "published_at", "author", "created_at", "updated_at"]
    fields = [
        "slug",
        ("title_ru", "title_en"),
        ("lead_ru", "lead_en"),
        ("body_ru", "body_en"),
        "lead_image",
        ("lead_image_alt_ru", "lead_image_alt_en"),
        ("status", "published_at"),
        ("author", "created_at", "updated_at"),
    ]
    inlines = [NewsAttachmentInline, NewsLinkInline]

    def save_model(self, request, obj, form, change) -> None:
        services.save_news_item(obj, acting_user=request.user)
