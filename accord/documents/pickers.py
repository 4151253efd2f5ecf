"""The documents' type-ahead picker: a document found by its symbol or the words of its title.

Documents are too many to read for each keystroke: the database matches
(`database_search`), the reader's language first, then the newest; `?state=<id>`
puts that state's own documents before all others (the follow-up evidence picker).
"""

from django.db.models import Case, F, IntegerField, Q, Value, When

from accord.core.models import active_language
from accord.core.pickers import PickerKind, database_search, record_id, register_picker
from accord.documents.models import Document


def _ordering() -> list:
    in_reader_language = Case(
        When(language=active_language(), then=Value(0)), default=Value(1), output_field=IntegerField()
    )
    return [in_reader_language, F("published_on").desc(nulls_last=True)]


def _label(document: Document) -> str:
    title = document.title[:120]
    return f"{document.symbol} — {title}" if document.symbol else title


def _published_in(state_id: str) -> Q:
    """`?state=<id>`: the documents a state's own organizations published (a progress report's evidence)."""
    return Q(publisher__state_id=record_id(state_id))


def register_pickers() -> None:
    """Called once from the documents app's `ready`."""
    register_picker(
        PickerKind(
            "document",
            Document,
            database_search("symbol", "title"),
            ordering=_ordering,
            label=_label,
            first={"state": _published_in},
        )
    )
