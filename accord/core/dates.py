"""Partial dates: «2025», «2025-09», «2025-09-01» and back, with their precision; and how pages show them."""

import calendar
import datetime
import re

from django.utils.formats import date_format, get_format_modules
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from accord.core.models import DatePrecision

_PARTIAL_DATE = re.compile(r"^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?$")


def parse_partial_date(text: str | None, *, end: bool = False) -> tuple[datetime.date | None, str]:
    """«2025-09» → (2025-09-01, "month"); empty → (None, "day"); raises ValueError when malformed.

    An `end` date is stored as the last day it can mean («until 2025» is
    2025-12-31), so that "who held the post on that day" stays a plain
    range comparison.
    """
    if text is None or str(text).strip() == "":
        return None, DatePrecision.DAY
    text = str(text).strip()
    match = _PARTIAL_DATE.match(text)
    if not match:
        raise ValueError(
            _("“%(value)s” is not a date of the form YYYY, YYYY-MM or YYYY-MM-DD.") % {"value": text}
        )
    year, month, day = match.groups()
    if month and day:
        precision = DatePrecision.DAY
    elif month:
        precision = DatePrecision.MONTH
    else:
        precision = DatePrecision.YEAR
    try:
        if end and not day:
            last_month = int(month or 12)
            value = datetime.date(int(year), last_month, calendar.monthrange(int(year), last_month)[1])
        else:
            value = datetime.date(int(year), int(month or 1), int(day or 1))
    except ValueError as exc:
        raise ValueError(_("“%(value)s” is not a real date.") % {"value": text}) from exc
    return value, precision


def format_partial_date(value: datetime.date | None, precision: str = DatePrecision.DAY) -> str:
    """The inverse of `parse_partial_date`: only as much of the date as is known."""
    if value is None:
        return ""
    if precision == DatePrecision.YEAR:
        return f"{value.year:04d}"
    if precision == DatePrecision.MONTH:
        return f"{value.year:04d}-{value.month:02d}"
    return value.isoformat()


def local_format(name: str, default: object = None) -> object:
    """One of Accord's own entries of the active language's format module (accord/formats/<lang>/formats.py)."""
    for module in get_format_modules(get_language()):
        if hasattr(module, name):
            return getattr(module, name)
    return default


def display_date(
    value: datetime.date | None, precision: str = DatePrecision.DAY, *, since: bool = False
) -> str:
    """A partly known date as a sentence shows it: «2025 г.», «сентябрь 2025 г.», «22 января 2020 г.».

    `since` gives the form that follows «с» (from): the genitive of a
    Russian month, «с апреля 2023 г.», not «с Апрель 2023 г.».
    """
    if not value:
        return ""
    if precision == DatePrecision.YEAR:
        return date_format(value, local_format("YEAR_FORMAT", "Y"))
    if precision == DatePrecision.MONTH:
        if since:
            return date_format(value, local_format("SINCE_YEAR_MONTH_FORMAT", "YEAR_MONTH_FORMAT"))
        text = date_format(value, "YEAR_MONTH_FORMAT")
        # Django's month names stand alone (capitalized); inside a sentence a Russian one is not.
        return text if local_format("MONTH_NAMES_CAPITALIZED", True) else text[:1].lower() + text[1:]
    return date_format(value, "DATE_FORMAT")
