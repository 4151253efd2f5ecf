"""The main public pages in a real browser: axe-core finds no serious or critical violation, in Russian
and in English, and every page shows the same main content without JavaScript.

One Chromium for the module; each test seeds a small world of its own (the
live server reads the test's database, which is emptied after every test).
"""

import datetime

import pytest

from conftest import BROWSER_MARKS, serious_accessibility_violations

pytestmark = BROWSER_MARKS


@pytest.fixture(scope="module")
def browser(chromium):
    pytest.importorskip("axe_playwright_python")
    return chromium


def seed_public_world() -> dict[str, str]:
    """A body with members and an official, a state with its instruments, review and figures, news:
    the addresses of the pages to check, by name."""
    from django.utils import timezone

    from accord.documents.tests.factories import DocumentFactory
    from accord.followup.choices import Status
    from accord.followup.tests.factories import RecommendationFactory
    from accord.instruments.tests.factories import MandateFactory, PartyFactory
    from accord.meetings.tests.factories import MeetingFactory, ParticipationFactory
    from accord.news.models import NewsItem, NewsLink
    from accord.portal.addresses import body_url, person_url, state_url
    from accord.registry.choices import MembershipRole, OrganizationKind
    from accord.registry.tests.factories import (
        MembershipFactory,
        OrganizationFactory,
        PersonFactory,
        PostFactory,
        RegionalGroupFactory,
        StateFactory,
    )
    from accord.reviews.models import Summary
    from accord.reviews.tests.factories import CountryReviewFactory

    today = timezone.localdate()
    group = RegionalGroupFactory(
        code="EEG", name_en="Eastern European States", name_ru="Восточноевропейские государства"
    )
    kazakhstan = StateFactory(
        iso2="KZ", iso3="KAZ", m49="398", name_en="Kazakhstan", name_ru="Казахстан", regional_group=group
    )
    uzbekistan = StateFactory(
        iso2="UZ", iso3="UZB", m49="860", name_en="Uzbekistan", name_ru="Узбекистан", regional_group=group
    )
    cis = OrganizationFactory(
        slug="cis",
        name_en="Commonwealth of Independent States",
        name_ru="Содружество Независимых Государств",
        abbreviation_ru="СНГ",
        abbreviation_en="CIS",
    )
    council = OrganizationFactory(
        slug="iacc",
        kind=OrganizationKind.BODY,
        parent=cis,
        name_en="Interstate Council for Countering Corruption",
        name_ru="Межгосударственный совет по противодействию коррупции",
        abbreviation_ru="МСПК",
        description_en="The council of the heads of anti-corruption authorities.",
        description_ru="Совет руководителей антикоррупционных органов.",
    )
    MembershipFactory(
        body=council, state=kazakhstan, role=MembershipRole.CHAIR, start_on=today.replace(month=1, day=1)
    )
    MembershipFactory(body=council, state=uzbekistan, role=MembershipRole.MEMBER)
    person = PersonFactory(
        given_name_en="Asel", family_name_en="Nurova", given_name_ru="Асель", family_name_ru="Нурова"
    )
    PostFactory(
        person=person,
        organization=council,
        title_en="Secretary of the council",
        title_ru="Секретарь совета",
        start_on=datetime.date(2022, 1, 1),
    )
    PostFactory(
        person=person,
        organization__state=kazakhstan,
        title_en="Prosecutor",
        title_ru="Прокурор",
        start_on=datetime.date(2015, 1, 1),
        end_on=datetime.date(2021, 12, 31),
    )
    past = MeetingFactory(
        body=council,
        title_en="Twelfth meeting",
        title_ru="Двенадцатое заседание",
        start_on=today - datetime.timedelta(days=30),
        end_on=None,
        country=kazakhstan,
        city_en="Astana",
        city_ru="Астана",
    )
    MeetingFactory(
        body=council,
        title_en="Thirteenth meeting",
        title_ru="Тринадцатое заседание",
        start_on=today + datetime.timedelta(days=30),
        end_on=None,
        country=uzbekistan,
    )
    ParticipationFactory(meeting=past, state=kazakhstan)
    ParticipationFactory(meeting=past, state=None, person=person)
    DocumentFactory(
        title="Решение о плане действий",
        meeting=past,
        published_on=today - datetime.timedelta(days=29),
        symbol="",
    )
    MandateFactory(body=council, number="12/1", title_en="On the action plan", title_ru="О плане действий")
    PartyFactory(
        state=kazakhstan,
        instrument__name_en="UN Convention against Corruption",
        instrument__name_ru="Конвенция ООН против коррупции",
        signed_on=datetime.date(2003, 12, 9),
        consent="ratification",
        consent_on=datetime.date(2008, 6, 18),
    )
    review = CountryReviewFactory(state=kazakhstan, year=2017, phase="published")
    Summary.objects.create(
        review=review,
        text_en="Kazakhstan has made progress.",
        text_ru="Казахстан добился успехов.",
        published_at=timezone.now(),
    )
    RecommendationFactory(state=kazakhstan, status=Status.IMPLEMENTED)
    RecommendationFactory(state=kazakhstan, status=Status.IN_PROGRESS)
    item = NewsItem.objects.create(
        slug="council-meets",
        title_en="The council met in Astana",
        title_ru="Совет провёл заседание в Астане",
        lead_en="The council adopted an action plan.",
        lead_ru="Совет принял план действий.",
        body_en="<p>The council adopted an action plan.</p>",
        body_ru="<p>Совет принял план действий.</p>",
        status="published",
        published_at=timezone.now() - datetime.timedelta(hours=2),
    )
    NewsLink.objects.create(news=item, state=kazakhstan)
    pages = {
        "home": "/",
        "bodies": "/bodies/",
        "body": body_url(council),
        "states": "/states/",
        "state": state_url(kazakhstan),
        "person": person_url(person),
        "calendar": "/calendar/",
    }
    try:
        pages["news_list"] = _reverse("news:news_list")
        pages["news_item"] = item.get_absolute_url()
    except Exception:  # the news pages are optional for the portal
        pass
    return pages


#: Something each page must show from the server alone.
EXPECTED = {
    "home": "Тринадцатое заседание",
    "bodies": "Межгосударственный совет по противодействию коррупции",
    "body": "Узбекистан",
    "states": "Казахстан",
    "state": "Конвенция ООН против коррупции",
    "person": "Секретарь совета",
    "calendar": "Двенадцатое заседание",
    "news_list": "Совет провёл заседание в Астане",
    "news_item": "Совет принял план действий.",
}


def _reverse(name: str) -> str:
    from django.urls import reverse

    return reverse(name)


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("language", ["ru", "en"])
def test_public_pages_pass_axe(live_server, browser, language):
    pages = seed_public_world()
    context = browser.new_context(locale="ru-RU")
    page = context.new_page()
    page.set_default_timeout(15_000)
    problems: dict[str, list[str]] = {}
    try:
        page.goto(f"{live_server.url}/")
        page.locator(f"[data-testid=language-{language}]").click()
        page.wait_for_load_state()
        for name, url in pages.items():
            response = page.goto(f"{live_server.url}{url}")
            assert response is not None and response.status == 200, (name, url)
            assert page.locator("html").get_attribute("lang") == language, name
            assert page.locator("h1").count() == 1, name
            assert page.title().strip(), name
            found = serious_accessibility_violations(page)
            if found:
                problems[f"{name} {url}"] = found
    finally:
        context.close()
    assert not problems, "\n".join(f"{page}: {v}" for page, items in problems.items() for v in items)


@pytest.mark.slow
@pytest.mark.django_db(transaction=True)
def test_public_pages_show_their_content_without_javascript(live_server, browser):
    pages = seed_public_world()
    with_js = browser.new_context(locale="ru-RU")
    without_js = browser.new_context(locale="ru-RU", java_script_enabled=False)
    try:
        for name, url in pages.items():
            texts = []
            for context in (with_js, without_js):
                page = context.new_page()
                page.goto(f"{live_server.url}{url}")
                texts.append(page.locator("main").inner_text())
                page.close()
            assert texts[0] == texts[1], name
            assert EXPECTED[name] in texts[1], name
    finally:
        with_js.close()
        without_js.close()
