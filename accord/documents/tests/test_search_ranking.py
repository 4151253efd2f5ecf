"""Ranking of the visible matches (the newest ones above the threshold) and the capped count, on SQLite FTS5 and PostgreSQL (CI runs both)."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.urls import reverse
from django.utils import translation

from accord.core.roles import Role
from accord.documents.search import engine
from accord.documents.search.engine import prune, search
from accord.documents.search.query import And, Not, Or, Phrase, Term
from accord.documents.tests.factories import DocumentFactory
from conftest import make_user

pytestmark = pytest.mark.django_db
ANONYMOUS = AnonymousUser()


def ids(query: str, user=ANONYMOUS, **kwargs) -> tuple[engine.SearchPage, list[int]]:
    with translation.override("en"):
        result = search(user, query, **kwargs)
    assert not result.error, result.error
    return result, [hit.document.pk for hit in result.hits]


def test_the_best_match_comes_first_however_old_it_is():
    strong = DocumentFactory(title="Коррупция", text="Коррупция, коррупция и снова коррупция.")
    weak = [
        DocumentFactory(title=f"Отчет {i}", text=f"Закупки, отчеты и много других слов; коррупция {i}.")
        for i in range(30)
    ]
    result, found = ids("коррупция", per_page=5)
    assert result.total == 31 and result.total_is_exact
    assert found[0] == strong.pk
    # Equal ranks: newest first.
    assert found[1:] == sorted((d.pk for d in weak), reverse=True)[:4]


def test_pages_follow_the_rank_order_without_gaps_or_repeats():
    documents = [DocumentFactory(title=f"Доклад {i}", text="коррупция " * (1 + i % 4)) for i in range(11)]
    DocumentFactory(title="Другое", text="закупки")
    first, _ = ids("коррупция", per_page=3)
    assert first.total == 11 and first.pages == 4
    flat = [pk for page in range(1, 5) for pk in ids("коррупция", page=page, per_page=3)[1]]
    assert sorted(flat) == sorted(d.pk for d in documents)
    ranks = [hit.rank for page in range(1, 5) for hit in ids("коррупция", page=page, per_page=3)[0].hits]
    assert ranks == sorted(ranks, reverse=True)


def test_the_count_is_exact_up_to_the_threshold_and_a_lower_bound_above(monkeypatch):
    monkeypatch.setattr(engine, "TOTAL_EXACT_UP_TO", 5)
    for i in range(8):
        DocumentFactory(title=f"Визит {i}", text="Рабочий визит делегации.")
    result, found = ids("визит", per_page=2)
    assert (result.total, result.total_is_exact, result.pages, len(found)) == (5, False, 3, 2)
    assert len(ids("визит", page=3, per_page=2)[1]) == 1  # pages stop at the threshold
    beyond, found = ids("визит", page=4, per_page=2)
    assert (found, beyond.total, beyond.total_is_exact) == ([], 5, False)
    monkeypatch.setattr(engine, "TOTAL_EXACT_UP_TO", 8)
    result, _ = ids("визит", per_page=2)
    assert (result.total, result.total_is_exact) == (8, True)


def test_documents_a_reader_may_not_see_are_neither_counted_nor_ranked(monkeypatch):
    monkeypatch.setattr(engine, "TOTAL_EXACT_UP_TO", 3)
    public = [DocumentFactory(title="Отчет", text=f"Экстрадиция, раз {i}.") for i in range(3)]
    secret = [
        DocumentFactory(title="Экстрадиция", text="Экстрадиция экстрадиция.", confidentiality="confidential")
        for _ in range(2)
    ]
    result, found = ids("экстрадиция", per_page=10)
    assert (result.total, result.total_is_exact) == (3, True)
    assert sorted(found) == sorted(d.pk for d in public)
    secretariat = make_user("secretariat", Role.SECRETARIAT)
    result, found = ids("экстрадиция", user=secretariat, per_page=10)
    assert result.total_is_exact is False and set(found[:2]) == {d.pk for d in secret}


def test_a_phrase_beside_one_of_its_words_in_an_or_is_dropped():
    tree = Or([Phrase(("республика", "узбекистан")), Term("узбекистан"), Phrase(("kyrgyz", "republ"))])
    assert prune(tree) == Or([Term("узбекистан"), Phrase(("kyrgyz", "republ"))])
    assert prune(And([Term("a"), Or([Phrase(("b", "c")), Term("c")])])) == And([Term("a"), Term("c")])
    assert prune(Not(Or([Phrase(("b", "c")), Term("b")]))) == Not(Term("b"))


def test_phrases_match_the_same_with_filters_and_exclusions():
    DocumentFactory(title="Визит", text="Рабочий визит прокурора в Ташкент.", kind="news")
    DocumentFactory(title="Поездка", text="Визит был рабочий, в Бишкек.", kind="news")
    DocumentFactory(title="Отчет", text="Рабочий визит делегации.", kind="report")
    DocumentFactory(title="Ташкент", text="Ташкент принимает гостей.", kind="news")

    def titles(query: str, **filters) -> set[str]:
        result, _ = ids(query, filters=filters, per_page=50)
        assert result.total == len(result.hits)
        return {hit.document.title for hit in result.hits}

    assert titles('"рабочий визит"') == {"Визит", "Отчет"}
    assert titles('"рабочий визит"', kind="news") == {"Визит"}
    assert titles('"рабочий визит" OR Ташкент') == {"Визит", "Отчет", "Ташкент"}
    assert titles('"рабочий визит" OR Ташкент', kind="news") == {"Визит", "Ташкент"}
    assert titles('визит NOT "рабочий визит"') == {"Поездка"}
    assert titles('визит -"рабочий визит"') == {"Поездка"}
    assert titles('(визит OR Ташкент) NOT "рабочий визит"') == {"Поездка", "Ташкент"}


def test_the_page_and_the_api_say_when_the_count_stops(monkeypatch, client, api_client):
    monkeypatch.setattr(engine, "TOTAL_EXACT_UP_TO", 2)
    for i in range(3):
        DocumentFactory(title=f"Меморандум {i}", text="Меморандум о сотрудничестве.")
    page = client.get(reverse("documents:document_search"), {"q": "меморандум"}).content.decode()
    assert "Найдено более 2 документов" in page
    data = api_client.get("/api/search/", {"q": "меморандум"}).json()
    assert (data["count"], data["count_is_exact"]) == (2, False)
    monkeypatch.setattr(engine, "TOTAL_EXACT_UP_TO", 3)
    data = api_client.get("/api/search/", {"q": "меморандум"}).json()
    assert (data["count"], data["count_is_exact"]) == (3, True)


def test_above_the_threshold_the_newest_matches_are_ranked(monkeypatch):
    monkeypatch.setattr(engine, "TOTAL_EXACT_UP_TO", 4)
    oldest_best = DocumentFactory(title="Ратификация", text="Ратификация, ратификация и ратификация.")
    plain = [DocumentFactory(title=f"Сводка {i}", text=f"Новости недели; ратификация {i}.") for i in range(4)]
    newest_best = DocumentFactory(title="Ратификация", text="Ратификация договора.")
    result, found = ids("ратификация", per_page=10)
    assert (result.total, result.total_is_exact, len(found)) == (4, False, 4)
    # The best match among the newest four first; the oldest is past them: neither ranked nor listed.
    assert found == [newest_best.pk, *sorted((d.pk for d in plain[1:]), reverse=True)]
    # Pages cut the same ranked set: no gap, no repeat.
    pages = [ids("ратификация", page=page, per_page=3)[1] for page in (1, 2)]
    assert pages[0] + pages[1] == found and len(pages[1]) == 1
    monkeypatch.setattr(engine, "TOTAL_EXACT_UP_TO", 6)
    result, found = ids("ратификация", per_page=10)
    assert (result.total, result.total_is_exact) == (6, True)
    assert oldest_best.pk in found[:2]  # under the threshold every match is ranked, on both databases


def test_the_newest_matches_ranked_above_the_threshold_are_the_ones_the_reader_may_see(monkeypatch):
    monkeypatch.setattr(engine, "TOTAL_EXACT_UP_TO", 3)
    # The oldest public one matches best; the three after it are the newest the public may see.
    public = [DocumentFactory(title="Депозитарий", text="Депозитарий, депозитарий.")]
    public += [DocumentFactory(title="Отчет", text=f"Депозитарий, отметка {i}.") for i in range(3)]
    secret = [
        DocumentFactory(title="Депозитарий", text="Депозитарий депозитарий.", confidentiality="confidential")
        for _ in range(2)
    ]
    result, found = ids("депозитарий", per_page=10)
    assert (result.total, result.total_is_exact, len(found)) == (3, False, 3)
    assert not set(found) & {d.pk for d in secret}
    # The newest three the reader may see, not the newest three matches of which two are hidden.
    assert sorted(found) == sorted(d.pk for d in public[1:])
    secretariat = make_user("secretariat", Role.SECRETARIAT)
    result, found = ids("депозитарий", user=secretariat, per_page=10)
    assert (result.total, result.total_is_exact) == (3, False)
    assert set(found[:2]) == {d.pk for d in secret}
