"""The follow-up register's public table in the open-data package (its AppConfig `opendata_tables`)."""

from django.utils.translation import gettext_lazy as _

from accord.core.opendata import Table, anonymous, col, model_table, semicolon_list, url_col, visible_fk


def tables() -> list[Table]:
    """Public recommendations; their document and meeting only where those are public too."""
    from accord.documents.models import Document
    from accord.followup.models import Recommendation
    from accord.meetings.models import Meeting

    public = anonymous()
    meetings = Meeting.objects.visible_to(public)
    documents = Document.objects.visible_to(public)
    return [
        model_table(
            "recommendations",
            _("Recommendations"),
            _("Public recommendations to states and the current status of their implementation."),
            [
                col(Recommendation, "id"),
                col(Recommendation, "source_kind"),
                col(Recommendation, "source_title_ru"),
                col(Recommendation, "source_title_en"),
                col(Recommendation, "body_id"),
                col(Recommendation, "state_id"),
                col(Recommendation, "authority_id"),
                col(
                    Recommendation,
                    "themes",
                    _("Themes, their keys separated by semicolons."),
                    convert=semicolon_list,
                ),
                col(Recommendation, "text_ru"),
                col(Recommendation, "text_en"),
                col(Recommendation, "priority"),
                col(Recommendation, "due_on"),
                col(Recommendation, "status"),
                col(Recommendation, "is_status_assessed"),
                col(Recommendation, "document_id", source="public_document_id"),
                col(Recommendation, "meeting_id", source="public_meeting_id"),
                url_col("followup:recommendation_detail"),
            ],
            lambda: Recommendation.objects.visible_to(public).annotate(
                public_document_id=visible_fk("document", documents),
                public_meeting_id=visible_fk("meeting", meetings),
            ),
            foreign_keys=(
                ("body_id", "organizations", "id"),
                ("state_id", "states", "id"),
                ("authority_id", "organizations", "id"),
                ("document_id", "documents", "id"),
                ("meeting_id", "meetings", "id"),
            ),
        ),
    ]
