"""Entering a meeting at the speed people work, in a real browser: the sample meeting in at most 12 clicks.

The sample (issue 20) is a session with 3 agenda items, with times, and 7
participants: four states picked by typing, a body and two people pasted as
a list, one of them unknown to the registry and created on the spot. Every
mouse click goes through `click`, which counts it; text is typed, and a
picker's choice is taken with Enter, as people do. The Content-Security-
Policy is watched throughout: the pickers' library must run under it.
"""

from urllib.parse import quote

import pytest

from conftest import BROWSER_MARKS

pytestmark = BROWSER_MARKS

MAX_CLICKS = 12

LISTENER = """
document.addEventListener('securitypolicyviolation', (event) => {
  (window.__cspViolations = window.__cspViolations || []).push(
    `${event.effectiveDirective} refused ${event.blockedURI || 'inline'} at ${event.sourceFile}:${event.lineNumber}`
  );
});
"""


class Counted:
    """A page whose clicks are counted."""

    def __init__(self, page) -> None:
        self.page, self.clicks = page, 0
        self.violations: list[str] = []

    def click(self, selector_or_locator) -> None:
        locator = (
            self.page.locator(selector_or_locator)
            if isinstance(selector_or_locator, str)
            else selector_or_locator
        )
        locator.click()
        self.clicks += 1

    def pick(self, select_name: str, *typed: str, scope: str = "main") -> None:
        """Open the picker of `select_name` with one click, then type each name and take the offer with Enter."""
        wrapper = self.page.locator(f"{scope} select[name={select_name}] + .ts-wrapper")
        self.click(wrapper.locator(".ts-control"))
        for text in typed:
            # The server's answer to this very text, not an offer left from the last one.
            with self.page.expect_response(
                lambda r, text=text: "autocomplete" in r.url and f"q={quote(text)}" in r.url
            ):
                self.page.keyboard.type(text)
            offer = self.page.locator(".ts-dropdown .option.active", has_text=text[:4]).first
            offer.wait_for()
            name = offer.inner_text()
            self.page.keyboard.press("Enter")
            wrapper.locator(".ts-control .item", has_text=name).wait_for()

    def note_violations(self) -> None:
        self.violations += self.page.evaluate("window.__cspViolations || []")


@pytest.mark.django_db(transaction=True)
def test_the_sample_meeting_takes_at_most_twelve_clicks(live_server, browser_page):
    from accord.core.roles import Role
    from accord.meetings.models import Meeting
    from accord.registry.models import Person
    from accord.registry.tests.factories import (
        AliasFactory,
        OrganizationFactory,
        PersonFactory,
        StateFactory,
    )
    from conftest import make_user

    for name_ru, name_en in (
        ("Казахстан", "Kazakhstan"),
        ("Кыргызстан", "Kyrgyzstan"),
        ("Узбекистан", "Uzbekistan"),
        ("Таджикистан", "Tajikistan"),
        ("Туркменистан", "Turkmenistan"),
    ):
        StateFactory(name_ru=name_ru, name_en=name_en)
    council = OrganizationFactory(
        name_ru="Совет прокуроров", name_en="Council of Prosecutors", abbreviation_ru="СП"
    )
    AliasFactory(organization=council, state=None, text="Прокурорский совет")
    OrganizationFactory(name_ru="Исполнительный комитет", name_en="Executive Committee")
    known = PersonFactory(
        family_name_ru="Петров", given_name_ru="Пётр", family_name_en="Petrov", given_name_en="Petr"
    )
    make_user("secretariat-entry", Role.SECRETARIAT)

    page = browser_page
    page.add_init_script(LISTENER)
    page.goto(f"{live_server.url}/login/")
    page.fill("input[name=username]", "secretariat-entry")
    page.fill("input[name=password]", "pass-12345")
    page.locator("main form button[type=submit]").click()
    page.wait_for_load_state()
    page.goto(f"{live_server.url}/meetings/")
    run = Counted(page)  # counting starts on the calendar

    # The meeting: titles side by side, dates on one row, the body picked by typing an alias.
    run.click(page.get_by_role("link", name="Новое мероприятие"))
    page.wait_for_load_state()
    title_ru, title_en = (
        page.locator("#id_title_ru").bounding_box(),
        page.locator("#id_title_en").bounding_box(),
    )
    start, end = page.locator("#id_start_on").bounding_box(), page.locator("#id_end_on").bounding_box()
    assert abs(title_ru["y"] - title_en["y"]) < 2 and title_en["x"] > title_ru["x"]
    assert abs(start["y"] - end["y"]) < 2 and end["x"] > start["x"]
    page.select_option("select[name=kind]", "session")
    run.pick("body", "прокурорский")
    page.fill("#id_title_ru", "Девятое заседание Совета прокуроров")
    page.fill("#id_title_en", "Ninth meeting of the Council of Prosecutors")
    page.fill("#id_start_on", "2026-03-10")
    page.fill("#id_end_on", "2026-03-11")
    run.note_violations()
    run.click("main form button[type=submit]")
    page.wait_for_url("**/meetings/*/")
    meeting = Meeting.objects.get()
    assert meeting.body == council

    # The agenda: the form stays open, each item numbered for the user.
    run.click(page.get_by_role("button", name="Добавить пункт"))
    for title, starts, ends in (
        ("Открытие заседания", "10:00", "10:30"),
        ("Доклады делегаций", "10:30", "12:30"),
        ("Закрытие заседания", "14:00", ""),
    ):
        form = page.locator("#agenda form")
        form.locator("input[name=title_ru]").fill(title)
        form.locator("input[name=starts_at]").fill(starts)
        if ends:
            form.locator("input[name=ends_at]").fill(ends)
        before = meeting.agenda_items.count()
        run.click(form.locator("button[type=submit]"))
        page.locator("#agenda [data-testid=agenda-item]").nth(before).wait_for()
    assert page.locator("#agenda form input[name=number]").input_value() == "4"

    # The participants: four states picked, a body and two people pasted, one of them new.
    run.click(page.get_by_role("button", name="Добавить участников"))
    page.locator("#participants select[name=states] + .ts-wrapper").wait_for()
    run.pick("states", "казах", "кыргыз", "узбек", "таджик", scope="#participants")
    page.keyboard.press("Escape")
    page.locator("#participants textarea[name=names]").fill(
        "Исполнительный комитет\nПетров Пётр\nСидоров Сидор Сидорович\n"
    )
    run.click("#participants form button[type=submit]")
    page.locator("[data-testid=pasted-names]").wait_for()
    assert meeting.participations.count() == 0  # nothing saved while a name waits for a decision
    assert page.locator("#line-3-family").input_value() == "Сидоров"
    run.click(page.get_by_label("Создать персону:"))
    run.note_violations()
    run.click("#participants form button[type=submit]")
    page.locator("#participants [role=status]").wait_for()

    assert run.clicks <= MAX_CLICKS, f"{run.clicks} clicks"
    assert list(meeting.agenda_items.values_list("number", "title_ru")) == [
        ("1", "Открытие заседания"),
        ("2", "Доклады делегаций"),
        ("3", "Закрытие заседания"),
    ]
    assert str(meeting.agenda_items.get(number="2").starts_at) == "10:30:00"
    created = Person.objects.get(family_name_ru="Сидоров")
    participants = meeting.participations.select_related("state", "organization", "person")
    assert sorted(str(p.participant) for p in participants if p.state) == [
        "Казахстан",
        "Кыргызстан",
        "Таджикистан",
        "Узбекистан",
    ]
    assert {p.person_id for p in participants if p.person} == {known.pk, created.pk}
    assert [p.organization.name_ru for p in participants if p.organization] == ["Исполнительный комитет"]
    assert len(participants) == 7
    run.note_violations()
    assert run.violations == []
