"""Template helpers: partly known dates and periods, in the UI language."""

import datetime

from django import template
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from accord.core.models import DatePrecision

register = template.Library()


@register.filter
def partial_date(value: datetime.date | None, precision: str = DatePrecision.DAY) -> str:
    """«2025», «сентябрь 2025», «22 января 2020 г.»: only as much as is known."""
    if not value:
        return ""
    if precision == DatePrecision.YEAR:
        return str(value.year)
    if precision == DatePrecision.MONTH:
        return date_format(value, "YEAR_MONTH_FORMAT")
    return date_format(value, "DATE_FORMAT")


@register.simple_tag
def period(obj) -> str:
    """A `PeriodModel` row as «2020 — сентябрь 2025», «с 2016», «по 2009» or «dates unknown»."""
    start = partial_date(obj.start_on, obj.start_precision)
    end = partial_date(obj.end_on, obj.end_precision)
    if start and end:
        return start if start == end else f"{start} — {end}"
    if start:
        return _("since %(date)s") % {"date": start}
    if end:
        return _("until %(date)s") % {"date": end}
    return _("dates unknown")
