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


@register.filter
def period(row) -> str:
    """A post's or membership's dates as precisely as they are known, in the site's one date style."""
    from accord.core.templatetags.accord import period as core_period

    return core_period(row)


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


@register.simple_tag
def meeting_items(meetings, empty_text: str = "") -> str:
    """A list of meetings (dates, title to its page, body, place), as `<ul>`, drawn in Python.

    The portal's most repeated list (home, calendar, bodies, states): a calendar
    page holds a hundred of them, and the template engine spent most of that
    page's time on their twenty lookups each.
    """
    from django.utils.dateformat import format as date_format
    from django.utils.html import format_html, format_html_join
    from django.utils.safestring import mark_safe
    from django.utils.translation import gettext

    def day(value) -> str:
        return date_format(value, "j E Y")

    def row(meeting) -> tuple:
        dates = day(meeting.start_on)
        if meeting.end_on and meeting.end_on != meeting.start_on:
            dates = f"{dates} — {day(meeting.end_on)}"
        status = ""
        if meeting.status == "cancelled":
            status = format_html(
                ' <span class="badge text-bg-secondary">{}</span>', meeting.get_status_display()
            )
        place = body_link(meeting.body, "short secondary") if meeting.body else ""
        if meeting.city:
            where = f"{meeting.city}, {meeting.country.name}" if meeting.country else meeting.city
            place = format_html("{}{}{}", place, " · " if meeting.body else "", where)
        if meeting.format != "in_person":
            place = format_html("{} · {}", place, meeting.get_format_display())
        return (
            meeting.start_on.isoformat(),
            dates,
            meeting.get_absolute_url(),
            meeting.title,
            status,
            place,
        )

    rows = [row(meeting) for meeting in meetings]
    if not rows:
        return format_html(
            '<ul class="list-unstyled mb-3">\n  <li class="text-body-secondary">{}</li>\n</ul>',
            empty_text or gettext("No meetings."),
        )
    items = format_html_join(
        "\n",
        '  <li class="mb-2">\n'
        '    <time datetime="{}" class="text-body-secondary small d-block">{}</time>\n'
        '    <a href="{}">{}</a>{}\n'
        '    <span class="small d-block">{}</span>\n'
        "  </li>",
        rows,
    )
    return format_html('<ul class="list-unstyled mb-3">\n{}\n</ul>', mark_safe(items))
