"""End to end in a real browser: Playwright driving Debian's /usr/bin/chromium."""

import os

import pytest

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
    """A fresh headless Chromium page; cookies without the TLS flag on the plain-HTTP test server."""
    sync_api = pytest.importorskip("playwright.sync_api")
    # Playwright's sync API runs an event loop in this thread; Django's ORM calls
    # made by the test itself are still synchronous and safe here.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    settings.SESSION_COOKIE_SECURE = False
    settings.CSRF_COOKIE_SECURE = False
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM,
            headless=True,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
            ],
        )
        context = browser.new_context(locale="ru-RU")
        page = context.new_page()
        page.set_default_timeout(15_000)
        try:
            yield page
        finally:
            context.close()
            browser.close()


@pytest.mark.django_db(transaction=True)
def test_login_switch_language_and_find_a_state(live_server, browser_page):
    from accord.core.roles import Role
    from accord.registry.tests.factories import RegionalGroupFactory, StateFactory
    from conftest import make_user

    group = RegionalGroupFactory(
        code="EEG", name_en="Eastern European States", name_ru="Восточноевропейские государства"
    )
    StateFactory(
        iso2="UZ", iso3="UZB", m49="860", name_en="Uzbekistan", name_ru="Узбекистан", regional_group=group
    )
    StateFactory(
        iso2="KZ", iso3="KAZ", m49="398", name_en="Kazakhstan", name_ru="Казахстан", regional_group=group
    )
    make_user("analyst-e2e", Role.ANALYST)

    page = browser_page
    page.goto(f"{live_server.url}/login/")
    page.fill("input[name=username]", "analyst-e2e")
    page.fill("input[name=password]", "pass-12345")
    page.locator("main form button[type=submit]").click()
    page.wait_for_load_state()
    assert "analyst-e2e" in page.content()
    assert page.locator("html").get_attribute("lang") == "ru"

    page.locator("[data-testid=language-en]").click()
    page.wait_for_load_state()
    assert page.locator("html").get_attribute("lang") == "en"

    page.goto(f"{live_server.url}/registry/states/")
    page.fill("input[name=q]", "Uzbek")
    page.keyboard.press("Enter")
    page.wait_for_load_state()
    page.get_by_role("link", name="Uzbekistan").first.click()
    page.wait_for_load_state()
    assert page.url.endswith("/registry/states/UZB/")
    assert "Uzbekistan" in page.locator("h1").inner_text()


@pytest.mark.django_db(transaction=True)
def test_upload_several_files_and_follow_the_job(live_server, browser_page, settings, tmp_path):
    from accord.core.roles import Role
    from accord.documents.models import Document
    from conftest import make_user

    # The worker's part runs in the server here; in production `accord worker` does it.
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    settings.MEDIA_ROOT = tmp_path / "media"
    make_user("secretariat-e2e", Role.SECRETARIAT)
    good = tmp_path / "visit.txt"
    good.write_text(
        "Генеральный прокурор провёл рабочую встречу по вопросам противодействия коррупции.",
        encoding="cp1251",
    )
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")

    page = browser_page
    page.goto(f"{live_server.url}/login/")
    page.fill("input[name=username]", "secretariat-e2e")
    page.fill("input[name=password]", "pass-12345")
    page.locator("main form button[type=submit]").click()
    page.wait_for_load_state()
    page.goto(f"{live_server.url}/documents/upload/")
    page.set_input_files("input[name=files]", [str(good), str(empty)])
    page.locator("[data-testid=upload-submit]").click()
    page.wait_for_url("**/documents/ingest/*/")
    page.wait_for_selector("[data-testid=job-item] >> nth=1")
    assert page.locator("[data-testid=job-item]").count() == 2
    assert Document.objects.count() == 1
    assert page.get_by_role("link", name="Генеральный прокурор провёл рабочую встречу").count() == 1


@pytest.mark.django_db(transaction=True)
def test_secretariat_curates_a_sample_meeting_and_finds_it_in_the_calendar(live_server, browser_page):
    from accord.core.reference import load_all
    from accord.core.roles import Role
    from accord.documents.models import Document
    from accord.extraction.models import Suggestion
    from conftest import make_user

    load_all()
    load_all("sample_loader")  # the sample stories, extracted as `make demo` does
    make_user("curator-e2e", Role.SECRETARIAT)
    story = Document.objects.get(original_name="sample-ksgp-dushanbe-2025.txt")

    page = browser_page
    page.goto(f"{live_server.url}/login/")
    page.fill("input[name=username]", "curator-e2e")
    page.fill("input[name=password]", "pass-12345")
    page.locator("main form button[type=submit]").click()
    page.wait_for_load_state()
    page.goto(f"{live_server.url}{story.get_absolute_url()}")
    page.locator("[data-testid=entities-link]").click()
    page.wait_for_load_state()
    assert page.locator("[data-testid=mention]").count() >= 8
    assert page.locator("[data-testid=mention][data-type=state]").count() >= 2
    assert page.locator("[data-testid=legend]").is_visible()

    row = page.locator("tr[data-testid=suggestion-row][data-kind=meeting]")
    row.locator("[data-testid=accept]").click()
    page.wait_for_selector("tr[data-testid=suggestion-row][data-kind=meeting][data-status=accepted]")
    meeting = Suggestion.objects.get(document=story, kind="meeting").meeting
    assert meeting is not None and meeting.city_ru == "Душанбе"

    page.goto(f"{live_server.url}/meetings/calendar/?month=2025-10")
    page.locator(f"a[href='{meeting.get_absolute_url()}']").first.click()
    page.wait_for_load_state()
    assert page.locator("[data-testid=evidence]").is_visible()
