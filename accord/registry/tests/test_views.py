"""Registry pages: content, who sees what, htmx fragments, and bounded query counts."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from accord.core.roles import Role
from accord.registry.tests.factories import (
    MembershipFactory,
    NationalAuthorityFactory,
    OrganizationFactory,
    PersonFactory,
    PostFactory,
    StateFactory,
)
from conftest import make_user

pytestmark = pytest.mark.django_db


def count_queries(client, url: str) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(queries)


def test_home_and_lists_render_in_russian_by_default(client):
    StateFactory(name_ru="Узбекистан", name_en="Uzbekistan", iso3="UZB", iso2="UZ")
    response = client.get(reverse("home"))
    assert response.status_code == 200
    assert response["Content-Language"] == "ru"
    response = client.get(reverse("registry:state_list"))
    assert "Узбекистан" in response.content.decode()


def test_state_search_and_htmx_fragment(client):
    StateFactory(name_ru="Узбекистан", name_en="Uzbekistan")
    StateFactory(name_ru="Казахстан", name_en="Kazakhstan")
    page = client.get(reverse("registry:state_list"), {"q": "Узбек"}).content.decode()
    assert "Узбекистан" in page and "Казахстан" not in page and "<html" in page
    fragment = client.get(reverse("registry:state_list"), {"q": "Казах"}, HTTP_HX_REQUEST="true")
    text = fragment.content.decode()
    assert "Казахстан" in text and "<html" not in text and "<nav" not in text


def test_bad_filter_and_page_numbers_do_not_fail(client):
    StateFactory()
    assert client.get(reverse("registry:state_list"), {"regional_group": "nope"}).status_code == 200
    assert client.get(reverse("registry:state_list"), {"page": "999"}).status_code == 200
    assert client.get(reverse("registry:state_list"), {"page": "abc"}).status_code == 200
    assert client.get(reverse("registry:state_detail", kwargs={"iso3": "ZZZ"})).status_code == 404


def test_state_profile_shows_memberships_authorities_and_officials(client):
    state = StateFactory(name_ru="Узбекистан")
    cis = OrganizationFactory(name_ru="Содружество Независимых Государств")
    MembershipFactory(body=cis, state=state)
    authority = NationalAuthorityFactory(state=state, name_ru="Генеральная прокуратура")
    PostFactory(organization=authority, person=PersonFactory(family_name_ru="Юлдашев"))
    PostFactory(
        organization=authority,
        person=PersonFactory(family_name_ru="Прежний"),
        start_on="2001-01-01",
        end_on="2005-01-01",
    )
    # The registry's address leads to the state's one page (the portal's).
    page = client.get(state.get_absolute_url(), follow=True).content.decode()
    for text in ("Содружество Независимых Государств", "Генеральная прокуратура", "Юлдашев", "Прежний"):
        assert text in page


def test_hidden_person_is_404_for_the_public_and_visible_to_members(client):
    person = PersonFactory(is_public=False, family_name_ru="Скрытый")
    assert client.get(person.get_absolute_url()).status_code == 404
    assert "Скрытый" not in client.get(reverse("registry:person_list")).content.decode()
    client.force_login(make_user("analyst", Role.ANALYST))
    assert client.get(person.get_absolute_url()).status_code == 200


def test_history_is_shown_to_members_only(client):
    organization = OrganizationFactory(name_ru="Старое имя")
    organization.name_ru = "Новое имя"
    organization.save()
    url = organization.get_absolute_url()
    assert 'data-testid="history"' not in client.get(url, follow=True).content.decode()
    client.force_login(make_user("secretariat", Role.SECRETARIAT))
    page = client.get(url, follow=True).content.decode()
    history = page[page.index('data-testid="history"') :]
    assert history.count("<tr>") == 3  # the header, the creation and the rename


def test_organization_tree_and_profile(client):
    cis = OrganizationFactory(name_ru="СНГ-тест")
    committee = OrganizationFactory(name_ru="Исполком-тест", parent=cis, kind="body")
    department = OrganizationFactory(name_ru="Департамент-тест", parent=committee, kind="body")
    tree = client.get(reverse("registry:organization_tree")).content.decode()
    assert tree.index("СНГ-тест") < tree.index("Исполком-тест") < tree.index("Департамент-тест")
    profile = client.get(department.get_absolute_url(), follow=True).content.decode()
    assert "СНГ-тест" in profile and "Исполком-тест" in profile


def test_person_timeline_lists_posts_in_order(client):
    person = PersonFactory()
    PostFactory(person=person, title_ru="Второй пост", start_on="2020-01-22")
    PostFactory(person=person, title_ru="Первый пост", start_on="2010-05-01", end_on="2019-12-31")
    # The person's one page (the portal's) lists the current post first, then the past ones.
    page = client.get(person.get_absolute_url(), follow=True).content.decode()
    assert page.index("Второй пост") < page.index("Первый пост")


def test_english_switch(client):
    response = client.post(
        reverse("set_language"), {"language": "en", "next": reverse("registry:state_list")}
    )
    assert response.status_code == 302
    page = client.get(reverse("registry:state_list")).content.decode()
    assert 'lang="en"' in page and "States" in page


def _grow(n: int) -> None:
    for _ in range(n):
        state = StateFactory()
        authority = NationalAuthorityFactory(state=state)
        PostFactory(organization=authority)
        MembershipFactory(state=state, body=authority)


@pytest.mark.parametrize(
    "url_name",
    [
        "home",
        "registry:state_list",
        "registry:organization_tree",
        "registry:organization_list",
        "registry:person_list",
    ],
)
def test_list_pages_run_a_bounded_number_of_queries(client, url_name):
    client.force_login(make_user("analyst", Role.ANALYST))
    _grow(2)
    small = count_queries(client, reverse(url_name))
    _grow(18)
    assert count_queries(client, reverse(url_name)) == small


def test_detail_pages_run_a_bounded_number_of_queries(client):
    client.force_login(make_user("analyst", Role.ANALYST))
    state = StateFactory()
    body = OrganizationFactory()
    authority = NationalAuthorityFactory(state=state)
    person = PersonFactory()

    def add(n: int) -> None:
        for _ in range(n):
            MembershipFactory(state=state, body=body)
            PostFactory(organization=authority)
            PostFactory(person=person)
            NationalAuthorityFactory(state=state)
            OrganizationFactory(parent=body, kind="body")

    add(2)
    # Where a registry address leads to the record's one page, that page is the one counted.
    urls = [
        client.get(url, follow=True).request["PATH_INFO"]
        for url in (
            state.get_absolute_url(),
            body.get_absolute_url(),
            authority.get_absolute_url(),
            person.get_absolute_url(),
        )
    ]
    small = [count_queries(client, url) for url in urls]
    add(18)
    for url in urls:  # the edits renewed the cache generation: the shared sets are read once again
        client.get(url)
    assert [count_queries(client, url) for url in urls] == small


def test_focal_points_do_not_reach_the_admin(client, focal_point_user):
    """The admin writes the registry past the focal points' rule: it is the staff's (the secretariat's) only."""
    client.force_login(focal_point_user)
    for url in ("/admin/", "/admin/registry/person/", "/admin/registry/post/add/"):
        response = client.get(url)
        assert response.status_code == 302 and response["Location"].startswith("/admin/login/")


# ---- two languages, each whole ----------------------------------------------------------------

CYRILLIC = __import__("re").compile(r"[А-Яа-яЁё]")


def headings_and_crumbs(page: str) -> str:
    """The text of the page's headings, breadcrumbs and title, where an abbreviation names the record."""
    import re

    parts = re.findall(r"<(h[1-6]|title)[^>]*>(.*?)</\1>", page, re.S)
    crumbs = re.findall(r'<li class="breadcrumb-item[^"]*"[^>]*>(.*?)</li>', page, re.S)
    return " ".join([text for _, text in parts] + crumbs)


def test_an_english_page_shows_no_russian_abbreviation(client, english):
    council = OrganizationFactory(
        name_ru="Координационный совет генеральных прокуроров",
        name_en="Coordination Council of Prosecutors General",
        abbreviation_ru="КСГП",
        abbreviation_en="",
        kind="body",
    )
    OrganizationFactory(
        name_ru="Секретариат", name_en="Secretariat", abbreviation_ru="СКС", parent=council, kind="body"
    )
    page = client.get(council.get_absolute_url(), follow=True).content.decode()
    assert "Coordination Council of Prosecutors General" in page
    assert not CYRILLIC.search(headings_and_crumbs(page)), headings_and_crumbs(page)
    assert "КСГП" not in page and "СКС" not in page
    listing = client.get(reverse("registry:organization_list")).content.decode()
    assert "КСГП" not in listing


def test_a_russian_page_shows_no_english_group_name(client):
    from accord.registry.tests.factories import RegionalGroupFactory

    group = RegionalGroupFactory(
        code="GRULAC",
        abbreviation_ru="ГРУЛАК",
        abbreviation_en="GRULAC",
        name_ru="Группа государств Латинской Америки и Карибского бассейна",
        name_en="Latin American and Caribbean Group",
    )
    africa = RegionalGroupFactory(
        code="AG", abbreviation_ru="", abbreviation_en="AG", name_ru="Группа африканских государств"
    )
    from django.utils import translation

    with translation.override("ru"):
        assert group.short_name == "ГРУЛАК"
        assert africa.short_name == "Группа африканских государств"
    with translation.override("en"):
        assert group.short_name == "GRULAC"


def test_the_russian_state_list_is_in_russian_alphabetical_order(client):
    """Sorted by the English names, «Китай» (China) came before «Германия» (Germany)."""
    for ru, en, iso3, iso2 in [
        ("Франция", "France", "FRA", "FR"),
        ("Япония", "Japan", "JPN", "JP"),
        ("Германия", "Germany", "DEU", "DE"),
        ("Китай", "China", "CHN", "CN"),
    ]:
        StateFactory(name_ru=ru, name_en=en, iso3=iso3, iso2=iso2)
    page = client.get(reverse("registry:state_list"), follow=True).content.decode()
    positions = [page.index(name) for name in ("Германия", "Китай", "Франция", "Япония")]
    assert positions == sorted(positions)


def test_change_history_speaks_the_readers_language(client, settings):
    organization = OrganizationFactory(name_ru="Старое имя", website="")
    organization.name_ru = "Новое имя"
    organization.website = "https://example.org"
    organization.save()
    client.force_login(make_user("secretariat", Role.SECRETARIAT))
    page = client.get(organization.get_absolute_url(), follow=True).content.decode()
    history = page[page.index('data-testid="history"') :]
    assert "изменение" in history and "создание" in history
    assert "Название (русское), Веб-сайт" in history, history[:1500]
    for raw in ("name_ru", "website", "create", "update"):
        assert raw not in history, raw
    settings.LANGUAGE_CODE = "en"
    from django.utils import translation

    with translation.override("en"):
        english = client.get(organization.get_absolute_url(), follow=True).content.decode()
    history = english[english.index('data-testid="history"') :]
    assert "changed" in history and "Name (Russian)" in history
    assert not CYRILLIC.search(history.split("</table>")[0])
