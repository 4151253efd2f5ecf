"""The instruments' type-ahead pickers: conventions by name or abbreviation, decisions by number or title."""

from django.db.models import F

from accord.core.pickers import PickerKind, localized_order, register_picker, text_search
from accord.instruments.models import Instrument, Mandate


def register_pickers() -> None:
    """Called once from the instruments app's `ready`."""
    register_picker(
        PickerKind(
            "instrument",
            Instrument,
            text_search("name_ru", "name_en", "abbreviation_ru", "abbreviation_en", "slug"),
            ordering=lambda: localized_order("name"),
        )
    )
    register_picker(
        PickerKind(
            "mandate",
            Mandate,
            text_search(
                "number", "symbol", "title_ru", "title_en", "body__abbreviation_ru", "body__abbreviation_en"
            ),
            ordering=lambda: [F("adopted_on").desc(nulls_last=True), "number"],
        )
    )
