"""In a real browser: the evidence of a progress report and a programme item's meeting, chosen by typing (issue 20).

The evidence box opens on the addressee state's own documents; the
chairmanship programme's meeting box on the meetings of the programme's year.
Both pages pass axe with their pickers in place.
"""

from datetime import date

import pytest

from conftest import BROWSER_MARKS, serious_accessibility_violations

pytestmark = BROWSER_MARKS
PASSWORD = "pass-12345"


def _sign_in(page, base: str, username: str) -> None:
    page.goto(f"{base}/login/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", PASSWORD)
    page.locator("main form button[type=submit]").click()
    page.wait_for_load_state()


def _open(page, select: str):
    """Click the picker of `select` open and wait for the server's first offers."""
    wrapper = page.locator(f"{select} + .ts-wrapper")
    with page.expect_response(lambda r: "autocomplete" in r.url):
        wrapper.locator(".ts-control").click()
    page.locator(".ts-dropdown .option").first.wait_for()
    return wrapper


@pytest.mark.django_db(transaction=True)
def test_the_evidence_picker_opens_on_the_addressee_states_documents(live_server, browser_page):
    from accord.core.roles import Role
    from accord.documents.tests.factories import DocumentFactory
    from accord.followup.tests.factories import RecommendationFactory
    from accord.registry.tests.factories import NationalAuthorityFactory, StateFactory
    from conftest import make_user

    state, other = StateFactory(name_ru="Казахстан"), StateFactory(name_ru="Армения")
    own = DocumentFactory(
        title="План действий министерства",
        publisher=NationalAuthorityFactory(state=state),
        published_on=date(2019, 5, 1),
    )
    for n in range(3):  # newer, and from elsewhere: offered after the state's own
        DocumentFactory(
            title=f"Доклад соседей {n}",
            publisher=NationalAuthorityFactory(state=other),
            published_on=date(2024, 1, n + 1),
        )
    recommendation = RecommendationFactory(state=state)
    make_user("evidence-focal", Role.FOCAL_POINT, state=state)

    page = browser_page
    _sign_in(page, live_server.url, "evidence-focal")
    page.goto(f"{live_server.url}{recommendation.get_absolute_url()}")
    _open(page, "select[name=documents]")
    offers = page.locator(".ts-dropdown .option").all_inner_texts()
    assert offers[0] == own.title and len(offers) == 4, offers
    page.keyboard.press("Enter")  # the first offer, the state's own document
    page.keyboard.press("Escape")
    chosen = page.eval_on_selector("select[name=documents]", "s => [...s.selectedOptions].map(o => o.text)")
    assert chosen == [own.title]
    assert serious_accessibility_violations(page) == []
    page.select_option("select[name=status]", "in_progress")
    page.fill("textarea[name=text]", "Министерство утвердило план.")
    page.locator("main form[enctype='multipart/form-data'] button[type=submit]").click()
    page.wait_for_load_state()
    assert list(recommendation.updates.get().documents.all()) == [own]


@pytest.mark.django_db(transaction=True)
def test_a_programme_items_meeting_is_typed_for_its_years_first(live_server, browser_page):
    from accord.chairmanship.models import ProgrammeItem
    from accord.chairmanship.tests.factories import ProgrammeItemFactory
    from accord.core.roles import Role
    from accord.meetings.tests.factories import MeetingFactory
    from conftest import make_user

    item = ProgrammeItemFactory(programme__year=2022)
    held = MeetingFactory(
        title_ru="Заседание совета 2022", start_on=date(2022, 6, 1), end_on=date(2022, 6, 2)
    )
    MeetingFactory(title_ru="Заседание совета 2024", start_on=date(2024, 6, 1), end_on=date(2024, 6, 2))
    make_user("programme-secretariat", Role.SECRETARIAT)

    page = browser_page
    _sign_in(page, live_server.url, "programme-secretariat")
    page.goto(f"{live_server.url}/chairmanship/{item.programme.body_id}/2022/")
    select = f"#item-{item.pk}-meeting"
    _open(page, select)
    assert page.locator(".ts-dropdown .option").first.inner_text().startswith(held.title_ru)
    page.keyboard.press("Enter")
    assert serious_accessibility_violations(page) == []
    form = page.locator("[data-testid=item-status-form]").first
    form.locator("select[name=status]").select_option("held")
    with page.expect_response(lambda r: "/status/" in r.url):
        form.locator("button[type=submit]").click()
    page.locator("#programme").get_by_role("link", name=held.title_ru).wait_for()
    item = ProgrammeItem.objects.get(pk=item.pk)
    assert item.meeting == held and item.status == "held"
