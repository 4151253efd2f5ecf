"""Template filters for the portal's clean addresses: `{{ state|state_url }}`."""

from django import template

from accord.portal import addresses

register = template.Library()


@register.filter
def body_url(organization) -> str:
    return addresses.body_url(organization)


@register.filter
def state_url(state) -> str:
    return addresses.state_url(state)


@register.filter
def person_url(person) -> str:
    return addresses.person_url(person)


def _day(value, precision: str) -> str:
    from django.utils.dateformat import format as date_format

    pattern = {"year": "Y", "month": "m.Y"}.get(precision, "d.m.Y")
    return date_format(value, pattern)


@register.filter
def period(row) -> str:
    """«01.2020 — 2025», «… — now»: a post's or membership's dates as precisely as they are known."""
    from django.utils.translation import gettext

    start = _day(row.start_on, row.start_precision) if row.start_on else "…"
    end = _day(row.end_on, row.end_precision) if row.end_on else gettext("now")
    if start == end:
        return start
    return f"{start} — {end}"


@register.filter
def body_link(organization, style: str = "") -> str:
    """A link to the body's portal page; other organizations (authorities, outlets) have none, so just the name.

    `"short"` shows the abbreviation where there is one; `"secondary"` a muted link.
    """
    from django.utils.html import format_html

    from accord.portal.profiles import BODY_KINDS

    if organization is None:
        return ""
    name = (organization.abbreviation or organization.name) if "short" in style else organization.name
    if organization.kind not in BODY_KINDS:
        return format_html("{}", name)
    if "secondary" in style:
        return format_html(
            '<a href="{}" class="link-secondary">{}</a>', addresses.body_url(organization), name
        )
    return format_html('<a href="{}">{}</a>', addresses.body_url(organization), name)
