"""The frame's navigation: grouped menus that fit a laptop and a phone, visible focus, a favicon."""

import re

import pytest
from django.contrib.staticfiles import finders

from conftest import BROWSER_MARKS, make_user

#: The roles whose menu is longest (every group, the secretariat's extra entries).
BUSIEST = "secretariat"


@pytest.mark.django_db
def test_members_menu_is_grouped_and_keeps_logout_and_language_on_the_bar(client):
    from accord.core.roles import Role

    client.force_login(make_user(BUSIEST, Role.SECRETARIAT))
    page = client.get("/registry/states/").content.decode()
    top_level = re.findall(r'<li class="nav-item[^"]*">\s*<a class="nav-link', page)
    assert len(top_level) <= 8, "the members' bar holds a few groups, not every page"
    for group in ("nav-portal", "nav-registry", "nav-documents", "nav-followup", "nav-cooperation"):
        assert f'data-testid="{group}"' in page
    assert 'data-testid="logout"' in page
    collapse_end = page.index('data-testid="logout"')
    assert page.index('data-testid="language-switch"') > collapse_end  # outside the collapsing part


@pytest.mark.django_db
def test_public_sees_the_public_menu_on_every_page(client):
    for path in ("/", "/registry/states/", "/meetings/", "/documents/"):
        page = client.get(path).content.decode()
        assert 'data-testid="nav-bodies"' in page, path
        assert 'data-testid="nav-registry"' not in page and 'data-testid="nav-followup"' not in page, path


@pytest.mark.django_db
def test_favicon_is_a_static_file_linked_by_every_frame(client):
    assert finders.find("accord/favicon.svg") and finders.find("accord/favicon.ico")
    page = client.get("/").content.decode()
    assert 'rel="icon"' in page and "accord/favicon.svg" in page
    from django.template.loader import get_template

    assert "favicon.svg" in get_template("error_static.html").template.source


def in_browser(test):
    """BROWSER_MARKS on one test of a module whose other tests need no browser."""
    for mark in BROWSER_MARKS:
        test = mark(test)
    return test


@in_browser
@pytest.mark.django_db(transaction=True)
def test_the_busiest_menu_fits_a_laptop_and_a_phone_in_russian(live_server, new_browser_page):
    from accord.core.roles import Role

    make_user(BUSIEST, Role.SECRETARIAT)
    for width, height in ((1366, 900), (390, 844)):
        page = new_browser_page(viewport={"width": width, "height": height})
        page.goto(f"{live_server.url}/login/")
        page.fill("input[name=username]", BUSIEST)
        page.fill("input[name=password]", "pass-12345")
        page.locator("main form button[type=submit]").click()
        page.wait_for_load_state()
        page.goto(f"{live_server.url}/registry/organizations/")
        assert page.locator("html").get_attribute("lang") == "ru"
        assert page.evaluate("document.querySelector('nav.navbar').scrollWidth") <= width
        assert page.evaluate("document.documentElement.scrollWidth") <= width
        switch = page.locator("[data-testid=language-switch]").bounding_box()
        assert switch and switch["x"] + switch["width"] <= width  # on the bar, never behind the toggler
        if width < 992:
            page.locator(".navbar-toggler").click()
            page.locator("#main-nav.show").wait_for()
        logout = page.locator("[data-testid=logout]")
        assert logout.is_visible() and logout.bounding_box()["x"] + logout.bounding_box()["width"] <= width

        # The skip link, when focused, is the topmost thing where it is painted.
        page.goto(f"{live_server.url}/registry/organizations/")
        page.keyboard.press("Tab")
        assert page.evaluate(
            """() => {
                const link = document.querySelector('[data-testid=skip-link]');
                const box = link.getBoundingClientRect();
                const top = document.elementFromPoint(box.x + box.width / 2, box.y + box.height / 2);
                return document.activeElement === link && box.width > 0 && (top === link || link.contains(top));
            }"""
        )
        # Nav links show a solid focus ring, not Bootstrap's faint halo.
        page.locator("[data-testid=nav-portal]" if width >= 992 else ".navbar-toggler").focus()
        outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
        assert outline == "solid"
