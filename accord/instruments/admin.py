"""Admin for instruments, provisions, parties and mandates."""

from django.contrib import admin

from accord.instruments import models


class ProvisionInline(admin.TabularInline):
    model = models.Provision
    extra = 0
    fields = ["position", "kind", "number", "parent", "title_ru", "title_en"]
    autocomplete_fields = ["parent"]


class PartyInline(admin.TabularInline):
    model = models.Party
    extra = 0
    fields = ["state", "status", "signed_on", "consent", "consent_on", "entry_into_force_on", "withdrawn_on"]
    autocomplete_fields = ["state"]


@admin.register(models.Instrument)
class InstrumentAdmin(admin.ModelAdmin):
    list_display = ["name_ru", "abbreviation_en", "kind", "adopted_on", "entry_into_force_on"]
    list_filter = ["kind", "organization"]
    search_fields = ["name_ru", "name_en", "abbreviation_ru", "abbreviation_en", "slug"]
    autocomplete_fields = ["parent", "organization", "establishes"]
    inlines = [ProvisionInline, PartyInline]


@admin.register(models.Provision)
class ProvisionAdmin(admin.ModelAdmin):
    list_display = ["instrument", "kind", "number", "title_ru", "title_en"]
    list_filter = ["instrument", "kind"]
    search_fields = ["number", "title_ru", "title_en"]
    autocomplete_fields = ["instrument", "parent"]


@admin.register(models.Party)
class PartyAdmin(admin.ModelAdmin):
    list_display = ["state", "instrument", "status", "signed_on", "consent", "consent_on"]
    list_filter = ["instrument", "status", "consent", "state__regional_group"]
    search_fields = ["state__name_ru", "state__name_en", "state__iso3"]
    autocomplete_fields = ["instrument", "state"]


@admin.register(models.Mandate)
class MandateAdmin(admin.ModelAdmin):
    list_display = ["number", "kind", "body", "session_number", "adopted_on", "title_ru"]
    list_filter = ["kind", "body"]
    search_fields = ["number", "title_ru", "title_en", "symbol"]
    autocomplete_fields = ["body", "establishes", "instruments"]
