"""Admin for the review mechanism: the secretariat edits the rules here; draws stay read-only."""

from django.contrib import admin

from accord.reviews import models


class MechanismInstrumentInline(admin.TabularInline):
    model = models.MechanismInstrument
    extra = 0
    autocomplete_fields = ["instrument"]


class PhaseRuleInline(admin.TabularInline):
    model = models.PhaseRule
    extra = 0
    fields = ["phase", "duration", "unit", "description_ru", "description_en", "verified", "source"]


@admin.register(models.Mechanism)
class MechanismAdmin(admin.ModelAdmin):
    list_display = ["slug", "abbreviation_en", "governing_body", "review_unit", "reviewers_per_unit"]
    search_fields = ["slug", "name_ru", "name_en", "abbreviation_ru", "abbreviation_en"]
    autocomplete_fields = ["governing_body", "mandate"]
    inlines = [MechanismInstrumentInline, PhaseRuleInline]


class ClusterInline(admin.StackedInline):
    model = models.Cluster
    extra = 0
    filter_horizontal = ["provisions"]


@admin.register(models.Cycle)
class CycleAdmin(admin.ModelAdmin):
    list_display = ["__str__", "starts_on", "ends_on", "first_year"]
    list_filter = ["mechanism"]
    inlines = [ClusterInline]


@admin.register(models.Draw)
class DrawAdmin(admin.ModelAdmin):
    """A draw is evidence: it is re-run, never edited."""

    list_display = ["__str__", "kind", "year", "seed", "performed_by", "created_at"]
    list_filter = ["kind", "cycle"]

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


class ReviewerInline(admin.TabularInline):
    model = models.ReviewerAssignment
    extra = 0
    fields = ["state", "instrument", "same_group", "draw", "replaced_by"]
    readonly_fields = fields

    def has_add_permission(self, request, obj=None) -> bool:
        return False


class ExpertInline(admin.TabularInline):
    model = models.ReviewExpert
    extra = 0
    autocomplete_fields = ["user", "state"]


@admin.register(models.CountryReview)
class CountryReviewAdmin(admin.ModelAdmin):
    list_display = ["state", "cycle", "cluster", "year", "phase", "due_on"]
    list_filter = ["cycle", "phase", "year"]
    search_fields = ["state__name_ru", "state__name_en", "state__iso3"]
    autocomplete_fields = ["state", "dialogue_meeting"]
    inlines = [ReviewerInline, ExpertInline]


@admin.register(models.Observation)
class ObservationAdmin(admin.ModelAdmin):
    list_display = ["review", "provision", "kind", "author"]
    list_filter = ["kind"]
    search_fields = ["text_ru", "text_en"]
    raw_id_fields = ["review", "provision"]


@admin.register(models.Summary)
class SummaryAdmin(admin.ModelAdmin):
    list_display = ["review", "published_at"]
    raw_id_fields = ["review"]
