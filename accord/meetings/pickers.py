"""The meetings' type-ahead picker: a meeting found by its title, its body or its city, newest first."""

from django.db.models import F, Q

from accord.core.pickers import PickerKind, record_id, register_picker, text_search
from accord.meetings.models import Meeting


def _held_in(year: str) -> Q:
    """`?year=2023`: the meetings that began that year (a chairmanship programme's)."""
    number = record_id(year)
    if not 1 <= number <= 9999:
        raise ValueError(year)
    return Q(start_on__year=number)


def register_pickers() -> None:
    """Called once from the meetings app's `ready`."""
    register_picker(
        PickerKind(
            "meeting",
            Meeting,
            text_search(
                "title_ru",
                "title_en",
                "body__name_ru",
                "body__name_en",
                "body__abbreviation_ru",
                "body__abbreviation_en",
                "city_ru",
                "city_en",
            ),
            # A meeting is looked for by when it was: the latest first, as in the calendar.
            ordering=lambda: [F("start_on").desc()],
            visible=lambda user: Meeting.objects.visible_to(user).select_related("body"),
            first={"year": _held_in},
        )
    )
