"""Template helpers: partly known dates and periods, in the UI language."""

import datetime

from django import template
from django.utils.translation import gettext as _

from accord.core.dates import display_date
from accord.core.models import DatePrecision

register = template.Library()


@register.filter
def partial_date(value: datetime.date | None, precision: str = DatePrecision.DAY) -> str:
    """«2025 г.», «сентябрь 2025 г.», «22 января 2020 г.»: only as much as is known."""
    return display_date(value, precision)


@register.simple_tag
def period(obj) -> str:
    """A `PeriodModel` row as «2020 г. — сентябрь 2025 г.», «с апреля 2016 г.», «по 2009 г.» or «dates unknown»."""
    start = display_date(obj.start_on, obj.start_precision)
    end = display_date(obj.end_on, obj.end_precision)
    if start and end:
        return start if start == end else f"{start} — {end}"
    if start:
        return _("since %(date)s") % {"date": display_date(obj.start_on, obj.start_precision, since=True)}
    if end:
        return _("until %(date)s") % {"date": end}
    return _("dates unknown")


@register.simple_tag(takes_context=True)
def record_panels(context, obj) -> str:
    """What apps above add to a record's page (extraction's evidence), each via its AppConfig `record_panel`.

    `core` and the app showing the page never import those apps: an app that
    is not installed simply adds nothing.
    """
    from django.utils.html import conditional_escape
    from django.utils.safestring import mark_safe

    from accord.core.reference import loaders

    request = context.get("request")
    parts = [panel(request, obj) for panel in loaders("record_panel")]
    # Panels render templates (already escaped); anything else is escaped here.
    return mark_safe("".join(conditional_escape(p) for p in parts if p))


@register.simple_tag(takes_context=True)
def workspace_panels(context) -> str:
    """What apps above add to the workspace start page (chairmanship's chairs), via their AppConfig `workspace_panel`."""
    from django.utils.html import conditional_escape
    from django.utils.safestring import mark_safe

    from accord.core.reference import loaders

    request = context.get("request")
    parts = [panel(request) for panel in loaders("workspace_panel")]
    return mark_safe("".join(conditional_escape(p) for p in parts if p))


@register.inclusion_tag("core/_public_menu.html", takes_context=True)
def public_menu(context) -> dict:
    """The public pages' menu: `news`, `portal` and any app above add entries via their AppConfig `public_menu`."""
    from accord.core.menus import menu

    return {"items": menu("public_menu", context.get("request"))}


@register.inclusion_tag("core/_public_menu_items.html", takes_context=True)
def public_menu_items(context) -> dict:
    """The same entries as `public_menu`, as items of the members' «Portal» dropdown."""
    return public_menu(context)
