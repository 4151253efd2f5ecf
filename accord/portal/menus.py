"""The portal's entries in the public menu (core's `public_menu` hook)."""

import contextlib

from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext as _

from accord.core.menus import MenuItem


def public_menu(request) -> list[MenuItem]:
    """Bodies, states, the calendar and, where its address is wired, the open data page."""
    items = [
        MenuItem(reverse("portal:body_list"), _("Bodies"), "nav-bodies", section=True),
        MenuItem(reverse("portal:state_list"), _("States"), "nav-states", section=True),
        MenuItem(reverse("portal:calendar"), _("Calendar"), "nav-calendar"),
    ]
    with contextlib.suppress(NoReverseMatch):
        items.append(MenuItem(reverse("portal:opendata"), _("Open data"), "nav-opendata"))
    return items
