"""News's entry in the public menu (core's `public_menu` hook), current on every news page."""

from django.urls import reverse
from django.utils.translation import gettext as _

from accord.core.menus import MenuItem


def public_menu(request) -> list[MenuItem]:
    return [MenuItem(reverse("news:news_list"), _("News"), "nav-news", section=True)]
