"""Admin for meetings with their agenda, participants and outcomes."""

from django.contrib import admin

from accord.meetings import models


class AgendaItemInline(admin.TabularInline):
    model = models.AgendaItem
    extra = 0
    fields = ["position", "number", "title_ru", "title_en"]


class ParticipationInline(admin.TabularInline):
    model = models.Participation
    extra = 0
    fields = ["state", "organization", "person", "role", "mode", "note"]
    autocomplete_fields = ["state", "organization", "person"]


class OutcomeInline(admin.TabularInline):
    model = models.Outcome
    extra = 0
    fields = ["kind", "agenda_item", "mandate", "elected", "description_ru", "description_en"]
    autocomplete_fields = ["mandate", "elected"]


@admin.register(models.Meeting)
class MeetingAdmin(admin.ModelAdmin):
    list_display = [
        "title_ru",
        "kind",
        "body",
        "start_on",
        "end_on",
        "city_ru",
        "country",
        "format",
        "status",
    ]
    list_filter = ["kind", "format", "status", "confidentiality", "body", "country"]
    search_fields = ["title_ru", "title_en", "city_ru", "city_en"]
    date_hierarchy = "start_on"
    autocomplete_fields = ["body", "country", "parent"]
    inlines = [AgendaItemInline, ParticipationInline, OutcomeInline]


@admin.register(models.AgendaItem)
class AgendaItemAdmin(admin.ModelAdmin):
    list_display = ["meeting", "number", "title_ru"]
    search_fields = ["title_ru", "title_en", "meeting__title_ru"]
    autocomplete_fields = ["meeting"]
