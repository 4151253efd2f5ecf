"""The public menu: entries the apps above offer through `public_menu`, drawn by core's frame."""

import pytest
from django.urls import reverse

from accord.core.menus import MenuItem, menu


def test_a_section_entry_is_current_below_its_address_a_page_entry_only_on_it():
    assert MenuItem("/news/", "News", "nav-news", section=True).is_current("/news/some-item/")
    assert not MenuItem("/calendar/", "Calendar", "nav-calendar").is_current("/calendar/2020/")
    assert MenuItem("/calendar/", "Calendar", "nav-calendar").is_current("/calendar/")


def test_entries_come_in_the_apps_order_with_the_current_one_marked(rf):
    entries = menu("public_menu", rf.get("/bodies/cis/"))
    assert [item.testid for item, _ in entries] == [
        "nav-news",
        "nav-bodies",
        "nav-states",
        "nav-calendar",
        "nav-opendata",
    ]
    assert [item.testid for item, current in entries if current] == ["nav-bodies"]


@pytest.mark.django_db
def test_news_pages_sit_in_the_public_frame_with_news_current(client):
    page = client.get(reverse("news:news_list")).content.decode()
    assert 'data-testid="nav-news" aria-current="page"' in page
    assert 'data-testid="nav-bodies"' in page and 'property="og:title"' in page
