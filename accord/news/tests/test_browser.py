"""The editor in a real browser: write an item, confirm the proposed links with one click (htmx), publish."""

import pytest

from accord.news.tests.conftest import NEWS_BODY_RU
from conftest import BROWSER_MARKS

pytestmark = BROWSER_MARKS


@pytest.fixture
def browser_page(new_browser_page):
    return new_browser_page("en-US", timeout_ms=20_000)


@pytest.mark.django_db(transaction=True)
def test_write_confirm_all_links_in_one_click_and_publish(live_server, browser_page, world):
    from accord.core.roles import Role
    from accord.news.choices import LinkStatus
    from accord.news.models import NewsItem
    from conftest import make_user

    make_user("editor-e2e", Role.SECRETARIAT)
    page = browser_page
    page.goto(f"{live_server.url}/login/")
    page.fill("input[name=username]", "editor-e2e")
    page.fill("input[name=password]", "pass-12345")
    page.locator("main form button[type=submit]").click()
    page.wait_for_load_state()

    page.goto(f"{live_server.url}/news/manage/new/")
    page.fill("#id_title_ru", "Заседание КСГП в Бишкеке")
    page.fill("#id_body_ru", NEWS_BODY_RU)
    page.locator("main form button[type=submit]").first.click()
    page.wait_for_selector("[data-testid=proposed-link]")
    assert page.locator("[data-testid=proposed-link]").count() == 4
    url = page.url

    page.locator("[data-testid=confirm-all]").click()
    page.wait_for_selector("[data-testid=confirmed-link]")
    assert page.locator("[data-testid=confirmed-link]").count() == 4
    assert page.url == url  # swapped in place by htmx
    item = NewsItem.objects.get()
    assert set(item.links.values_list("status", flat=True)) == {LinkStatus.CONFIRMED}

    page.locator("[data-testid=submit-review]").click()
    page.wait_for_selector("[data-testid=publish]")
    page.locator("[data-testid=publish]").click()
    page.wait_for_selector("[data-testid=return-draft]")
    item.refresh_from_db()
    assert item.is_public

    page.goto(f"{live_server.url}{item.get_absolute_url()}")
    assert page.locator("[data-testid=news-links] a").count() == 4
