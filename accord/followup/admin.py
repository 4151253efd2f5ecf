"""The register in the admin; history rows are read-only there as everywhere."""

from django.contrib import admin

from accord.followup.models import Assessment, Evidence, Recommendation, StatusUpdate


class ReadOnlyHistoryAdmin(admin.ModelAdmin):
    """Updates and assessments are appended by the services, never changed here."""

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False

    def has_add_permission(self, request) -> bool:
        return False


@admin.register(Recommendation)
class RecommendationAdmin(admin.ModelAdmin):
    list_display = ["__str__", "state", "authority", "source_kind", "status", "is_status_assessed", "due_on"]
    list_filter = ["source_kind", "status", "priority", "confidentiality", "state"]
    search_fields = ["text_ru", "text_en", "source_title_ru", "source_title_en"]
    raw_id_fields = ["observation", "document", "meeting", "body", "authority"]
    filter_horizontal = ["provisions"]
    readonly_fields = ["status", "is_status_assessed"]


@admin.register(StatusUpdate)
class StatusUpdateAdmin(ReadOnlyHistoryAdmin):
    list_display = ["recommendation", "status", "reported_by", "reported_at"]
    list_filter = ["status"]


@admin.register(Assessment)
class AssessmentAdmin(ReadOnlyHistoryAdmin):
    list_display = ["update", "agrees", "status", "assessed_by", "assessed_at"]


@admin.register(Evidence)
class EvidenceAdmin(ReadOnlyHistoryAdmin):
    list_display = ["name", "update"]
