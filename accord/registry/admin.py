"""Admin for the registry: search and filters on every list, history via auditlog."""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from accord.registry import models


class AliasInline(admin.TabularInline):
    model = models.Alias
    extra = 0
    fields = ["text", "language", "kind"]


class PostInline(admin.TabularInline):
    model = models.Post
    extra = 0
    autocomplete_fields = ["person", "organization"]
    fields = [
        "person",
        "organization",
        "title_ru",
        "title_en",
        "role",
        "start_on",
        "start_precision",
        "end_on",
        "end_precision",
    ]


class MembershipInline(admin.TabularInline):
    model = models.Membership
    fk_name = "body"
    extra = 0
    autocomplete_fields = ["state", "organization"]
    fields = [
        "state",
        "organization",
        "role",
        "start_on",
        "start_precision",
        "end_on",
        "end_precision",
        "note",
    ]


@admin.register(models.RegionalGroup)
class RegionalGroupAdmin(admin.ModelAdmin):
    list_display = ["code", "name_ru", "name_en", "abbreviation_ru", "abbreviation_en"]
    search_fields = ["code", "name_ru", "name_en"]


@admin.register(models.State)
class StateAdmin(admin.ModelAdmin):
    list_display = ["iso3", "iso2", "m49", "name_ru", "name_en", "regional_group", "un_status"]
    list_filter = ["regional_group", "un_status"]
    search_fields = [
        "iso2",
        "iso3",
        "m49",
        "name_ru",
        "name_en",
        "official_name_ru",
        "official_name_en",
        "aliases__text",
    ]
    inlines = [AliasInline]


@admin.register(models.Organization)
class OrganizationAdmin(admin.ModelAdmin):
    list_display = ["name_ru", "abbreviation_ru", "kind", "parent", "state"]
    list_filter = ["kind", "state__regional_group", "state"]
    search_fields = ["name_ru", "name_en", "abbreviation_ru", "abbreviation_en", "aliases__text"]
    autocomplete_fields = ["parent", "state"]
    list_select_related = ["parent", "state"]
    inlines = [AliasInline, MembershipInline, PostInline]


@admin.register(models.Person)
class PersonAdmin(admin.ModelAdmin):
    list_display = [
        "family_name_ru",
        "given_name_ru",
        "patronymic_ru",
        "family_name_en",
        "given_name_en",
        "is_public",
    ]
    list_filter = ["is_public"]
    search_fields = ["family_name_ru", "given_name_ru", "family_name_en", "given_name_en", "aliases__text"]
    inlines = [AliasInline, PostInline]


@admin.register(models.Post)
class PostAdmin(admin.ModelAdmin):
    list_display = ["person", "title_ru", "organization", "role", "start_on", "end_on"]
    list_filter = ["role", "organization__kind", "organization__state"]
    search_fields = [
        "title_ru",
        "title_en",
        "person__family_name_ru",
        "person__family_name_en",
        "organization__name_ru",
    ]
    autocomplete_fields = ["person", "organization"]
    list_select_related = ["person", "organization"]
    date_hierarchy = "start_on"


@admin.register(models.Membership)
class MembershipAdmin(admin.ModelAdmin):
    list_display = ["body", "member", "role", "start_on", "end_on"]
    list_filter = ["role", "body"]
    search_fields = [
        "body__name_ru",
        "body__name_en",
        "state__name_ru",
        "state__name_en",
        "organization__name_ru",
    ]
    autocomplete_fields = ["body", "state", "organization"]
    list_select_related = ["body", "state", "organization"]

    @admin.display(description=_("member"))
    def member(self, obj: models.Membership):
        return obj.member


@admin.register(models.Alias)
class AliasAdmin(admin.ModelAdmin):
    list_display = ["text", "language", "kind", "target"]
    list_filter = ["language", "kind"]
    search_fields = ["text"]
    autocomplete_fields = ["state", "organization", "person"]
    list_select_related = ["state", "organization", "person"]

    @admin.display(description=_("refers to"))
    def target(self, obj: models.Alias):
        return obj.target


@admin.register(models.FocalPoint)
class FocalPointAdmin(admin.ModelAdmin):
    list_display = ["user", "state"]
    search_fields = ["user__username", "state__name_ru", "state__name_en", "state__iso3"]
    autocomplete_fields = ["state"]


@admin.register(models.OrganizationContact)
class OrganizationContactAdmin(admin.ModelAdmin):
    list_display = ["user", "organization"]
    search_fields = ["user__username", "organization__name_ru", "organization__name_en"]
    autocomplete_fields = ["organization"]
