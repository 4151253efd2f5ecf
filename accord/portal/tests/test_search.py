"""The one search page: names first (any language, Latin spellings), then documents and news; nothing hidden leaks."""

import re

import pytest
from django.urls import reverse
from django.utils import translation

from accord.core.choices import Confidentiality
from accord.core.roles import Role
from accord.documents.tests.factories import DocumentFactory
from accord.news.tests.factories import NewsItemFactory, PublishedNewsItemFactory
from accord.registry.choices import OrganizationKind
from accord.registry.tests.factories import OrganizationFactory, PersonFactory, PostFactory, StateFactory
from conftest import make_user

pytestmark = pytest.mark.django_db
URL = "/search/"


def answer(client, query: str, language: str = "ru") -> str:
    response = client.get(URL, {"q": query}, HTTP_ACCEPT_LANGUAGE=language)
    assert response.status_code == 200
    return response.content.decode()


def count(html: str, testid: str) -> int:
    return int(re.search(rf'data-testid="{testid}">\D*(\d+)', html).group(1))


def section(html: str, testid: str) -> str:
    match = re.search(rf'data-testid="{testid}">(.*?)</ul>', html, re.S)
    return match.group(1) if match else ""


@pytest.fixture
def world():
    kazakhstan = StateFactory(iso3="QKZ", name_ru="Казахия", name_en="Kazakhia")
    office = OrganizationFactory(
        kind=OrganizationKind.IGO,
        slug="unodc-test",
        name_ru="Управление ООН по наркотикам и преступности",
        name_en="United Nations Office on Drugs and Crime",
        abbreviation_ru="УНП ООН",
        abbreviation_en="UNODC",
    )
    president = PersonFactory(
        family_name_ru="Токаев",
        given_name_ru="Касым-Жомарт",
        patronymic_ru="Кемелевич",
        family_name_en="",
        given_name_en="",
    )
    PostFactory(person=president, title_ru="Президент", title_en="President")
    hidden = PersonFactory(
        family_name_ru="Тайнов", given_name_ru="Тимур", family_name_en="", given_name_en="", is_public=False
    )
    PostFactory(person=hidden)
    DocumentFactory(
        title="Записка о технической помощи", text="Доклад (СТОС/СОР/WG.10/2019/5) представлен Конференции."
    )
    DocumentFactory(
        title="Закрытая записка",
        text="Доклад (СТОС/СОР/WG.10/2019/5) и мнение Тайнова.",
        confidentiality=Confidentiality.RESTRICTED,
    )
    PublishedNewsItemFactory(title_ru="Визит в Ташкент", lead_ru="Прокуроры встретились в Ташкенте.")
    NewsItemFactory(title_ru="Черновик о Ташкенте", lead_ru="Не опубликовано.")
    return {"state": kazakhstan, "office": office, "president": president, "hidden": hidden}


@pytest.mark.parametrize("typed", ["Tokayev", "Tokaev", "Kassym-Jomart", "токаев"])
def test_a_person_is_found_by_a_latin_spelling_of_a_cyrillic_name(client, world, typed):
    entities = section(answer(client, typed), "search-entities")
    assert "Токаев" in entities
    assert reverse("portal:person_short", kwargs={"pk": world["president"].pk}) in entities


def test_a_body_is_found_by_its_english_abbreviation_on_the_russian_site(client, world):
    html = answer(client, "UNODC", "ru")
    assert '<html lang="ru"' in html
    entities = section(html, "search-entities")
    assert "Управление ООН по наркотикам и преступности" in entities
    assert "/bodies/unodc-test/" in entities


def test_a_document_is_found_by_a_look_alike_symbol_in_its_text(client, world):
    for typed in ("СТОС/СОР/WG.10/2019/5", "CTOC/COP/WG.10/2019/5"):
        html = answer(client, typed)
        assert "Записка о технической помощи" in html
        assert count(html, "search-document-count") == 1


def test_news_are_found_whatever_the_case(client, world):
    for typed in ("Ташкент", "ташкент"):
        html = answer(client, typed)
        assert "Визит в Ташкент" in html
        assert count(html, "search-news-count") == 1


def test_nothing_found_offers_the_nearest_names(client, world):
    html = answer(client, "Tokaiev", "en")
    assert 'data-testid="search-nothing"' in html
    assert "Did you mean" in html
    assert re.search(r'data-testid="search-suggestion">Токаев', html) or "Tokaev" in html or "Токаев" in html
    with translation.override("ru"):
        assert "Вы имели в виду" in answer(client, "Tokaiev", "ru")


def test_restricted_records_never_reach_the_public_not_even_as_counts(client, world):
    html = answer(client, "СТОС/СОР/WG.10/2019/5")
    assert "Закрытая записка" not in html
    assert count(html, "search-document-count") == 1
    html = answer(client, "ташкент")
    assert "Черновик" not in html and count(html, "search-news-count") == 1
    # A person who is not public is neither listed nor suggested.
    for typed in ("Tainov", "Тайнов", "Tainiv"):
        html = answer(client, typed)
        assert 'data-testid="search-nothing"' in html, typed  # the restricted note naming him is not counted
        assert "Тайнов</a>" not in html and "search-suggestion" not in html, typed


def test_members_see_what_their_role_may_read(client, world):
    client.force_login(make_user("clerk", Role.SECRETARIAT))
    html = answer(client, "СТОС/СОР/WG.10/2019/5")
    assert "Закрытая записка" in html and count(html, "search-document-count") == 2
    assert "Черновик о Ташкенте" in answer(client, "ташкент")
    assert "Тайнов" in section(answer(client, "Tainov"), "search-entities")


def test_a_search_box_on_every_page_leads_to_the_search_page(client, world):
    for url in ("/", "/states/", reverse("documents:document_list"), reverse("news:news_list")):
        html = client.get(url).content.decode()
        assert 'data-testid="site-search"' in html, url
        assert f'action="{URL}"' in html
    client.force_login(make_user("analyst", Role.ANALYST))
    html = client.get(reverse("home")).content.decode()
    assert 'data-testid="site-search"' in html


def test_bad_queries_get_a_message(client, world):
    assert 'data-testid="search-error"' in answer(client, "NOT")
    response = client.get(URL, {"q": "x" * 600})
    assert response.status_code == 200 and "is-invalid" in response.content.decode()
    assert client.get(URL, {"q": "ташкент", "page": "abc"}).status_code == 200
    assert client.get(URL).status_code == 200


def test_the_api_answers_as_the_page_does_and_hides_the_same(client, world):
    url = reverse("search_everything")
    data = client.get(url, {"q": "Tokayev"}).json()
    assert [(e["kind"], e["name"]) for e in data["entities"]][:1] == [("person", str(world["president"]))]
    data = client.get(url, {"q": "СТОС/СОР/WG.10/2019/5"}).json()
    assert data["documents_count"] == 1 and data["documents"][0]["title"] == "Записка о технической помощи"
    data = client.get(url, {"q": "ташкент"}).json()
    assert data["news_count"] == 1 and data["news"][0]["title"] == "Визит в Ташкент"
    data = client.get(url, {"q": "Tokaiev"}).json()
    assert data["entities"] == [] and data["suggestions"][0]["kind"] == "person"
    assert client.get(url, {"q": "Tainov"}).json()["entities"] == []
    for bad in ({}, {"q": "NOT"}, {"q": "x", "page": "0"}):
        response = client.get(url, bad)
        assert response.status_code == 400 and response.json()["code"] == "validation_error"


def test_meetings_are_found_by_their_body_and_their_title_and_hidden_ones_are_not(client, world):
    from accord.meetings.tests.factories import MeetingFactory

    MeetingFactory(body=world["office"], title_ru="Совещание экспертов УНП ООН", title_en="Expert meeting")
    MeetingFactory(title_ru="Семинар по экстрадиции", title_en="Extradition seminar")
    MeetingFactory(
        title_ru="Закрытый семинар по экстрадиции",
        title_en="Closed seminar",
        confidentiality=Confidentiality.RESTRICTED,
    )
    assert "Совещание экспертов УНП ООН" in section(answer(client, "UNODC"), "search-meetings")
    meetings = section(answer(client, "семинар"), "search-meetings")
    assert "Семинар по экстрадиции" in meetings and "Закрытый" not in meetings
