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
def participant_url(participant) -> str:
    """The public page of a state, body or person taking part in a meeting."""
    from accord.registry.models import Organization, Person, State

    if isinstance(participant, State):
        return addresses.state_url(participant)
    if isinstance(participant, Person):
        return addresses.person_url(participant)
    if isinstance(participant, Organization):
        return addresses.body_url(participant)
    return ""


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
    return f"{start} — {end}"
