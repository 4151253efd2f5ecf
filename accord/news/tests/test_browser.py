"""The editor in a real browser: write an item, confirm the proposed links with one click (htmx), publish."""

import os

import pytest

from accord.news.tests.conftest import NEWS_BODY_RU

CHROMIUM = "/usr/bin/chromium"

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(
        not os.path.exists(CHROMIUM),
        reason="Chromium is not installed at /usr/bin/chromium (apt-get install chromium)",
    ),
]


@pytest.fixture
def browser_page(settings):
    sync_api = pytest.importorskip("playwright.sync_api")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    settings.SESSION_COOKIE_SECURE = False
    settings.CSRF_COOKIE_SECURE = False
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM,
            headless=True,
            args=["--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking"],
        )
        context = browser.new_context(locale="en-US")
        page = context.new_page()
        page.set_default_timeout(20_000)
        try:
            yield page
        finally:
            context.close()
            browser.close()


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
