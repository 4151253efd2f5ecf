"""The documents' public table in the open-data package (its AppConfig `opendata_tables`).

Metadata only, without the texts: a text is read on the document's page, and
10⁵ texts would make a package nobody downloads.
"""

from django.db.models.functions import Length
from django.utils.translation import gettext_lazy as _

from accord.core.opendata import Column, Table, anonymous, col, model_table, url_col, visible_fk


def tables() -> list[Table]:
    """Public documents, their meeting and earlier version only where those are public too."""
    from accord.documents.models import Document
    from accord.meetings.models import Meeting

    public = anonymous()
    meetings = Meeting.objects.visible_to(public)
    documents = Document.objects.visible_to(public)
    return [
        model_table(
            "documents",
            _("Documents"),
            _("Public documents: metadata only; the text is read on the document's page."),
            [
                col(Document, "id"),
                col(Document, "symbol"),
                col(Document, "language"),
                col(Document, "title"),
                col(Document, "kind"),
                col(Document, "published_on"),
                col(Document, "publisher_id"),
                col(Document, "meeting_id", source="public_meeting_id"),
                col(Document, "version_of_id", source="public_version_of_id"),
                col(Document, "source_url"),
                col(Document, "author"),
                col(Document, "content_hash", _("SHA-256 of the extracted text.")),
                Column(
                    "text_length",
                    "integer",
                    _("Length of the extracted text, in characters."),
                    source="text_length",
                ),
                url_col("documents:document_detail"),
            ],
            lambda: Document.objects.visible_to(public).annotate(
                public_meeting_id=visible_fk("meeting", meetings),
                public_version_of_id=visible_fk("version_of", documents),
                text_length=Length("text"),
            ),
            foreign_keys=(
                ("publisher_id", "organizations", "id"),
                ("meeting_id", "meetings", "id"),
                ("version_of_id", "", "id"),
            ),
        ),
    ]
