"""Bounded ranking and the query rewrites behind it, on SQLite FTS5 and PostgreSQL (CI runs both)."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.utils import translation

from accord.documents.search import engine
from accord.documents.search.engine import prune, search
from accord.documents.search.query import And, Not, Or, Phrase, Term, parse, to_tsquery
from accord.documents.tests.factories import DocumentFactory

pytestmark = pytest.mark.django_db
ANONYMOUS = AnonymousUser()


def pages(query: str, per_page: int) -> tuple[int, list[list[int]]]:
    with translation.override("en"):
        first = search(ANONYMOUS, query, per_page=per_page)
        out = [[hit.document.pk for hit in first.hits]]
        for page in range(2, first.pages + 1):
            out.append(
                [hit.document.pk for hit in search(ANONYMOUS, query, page=page, per_page=per_page).hits]
            )
    return first.total, out


def test_only_the_newest_candidates_are_ranked_and_later_pages_go_on_newest_first(monkeypatch):
    monkeypatch.setattr(engine, "RANKED_CANDIDATES", 4)
    documents = [DocumentFactory(title=f"Доклад {i}", text="коррупция " * (1 + i % 3)) for i in range(10)]
    DocumentFactory(title="Другое", text="закупки")
    ids = [d.pk for d in documents]
    total, found = pages("коррупция", per_page=3)
    assert total == 10 and [len(p) for p in found] == [3, 3, 3, 1]
    flat = [pk for page in found for pk in page]
    assert sorted(flat) == sorted(ids)  # every match once, on some page
    newest_first = sorted(ids, reverse=True)
    assert set(flat[:4]) == set(newest_first[:4])  # the ranked candidates: the newest four
    assert flat[4:] == newest_first[4:]  # then the older ones, newest first


def test_rank_orders_the_candidates(monkeypatch):
    monkeypatch.setattr(engine, "RANKED_CANDIDATES", 3)
    weak = DocumentFactory(title="Отчет", text="Закупки и коррупция в регионе, много других слов здесь.")
    strong = DocumentFactory(title="Коррупция", text="Коррупция, коррупция и снова коррупция.")
    DocumentFactory(title="Другое", text="Закупки.")
    with translation.override("en"):
        result = search(ANONYMOUS, "коррупция")
    assert [hit.document.pk for hit in result.hits] == [strong.pk, weak.pk]


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
        with translation.override("en"):
            result = search(ANONYMOUS, query, filters=filters, per_page=50)
        assert result.total == len(result.hits)
        return {hit.document.title for hit in result.hits}

    assert titles('"рабочий визит"') == {"Визит", "Отчет"}
    assert titles('"рабочий визит"', kind="news") == {"Визит"}
    assert titles('"рабочий визит" OR Ташкент') == {"Визит", "Отчет", "Ташкент"}
    assert titles('"рабочий визит" OR Ташкент', kind="news") == {"Визит", "Ташкент"}
    assert titles('визит NOT "рабочий визит"') == {"Поездка"}
    assert titles('визит -"рабочий визит"') == {"Поездка"}
    assert titles('(визит OR Ташкент) NOT "рабочий визит"') == {"Поездка", "Ташкент"}


def test_postgres_rewrites_cover_exactly_the_phrase_query():
    tree = parse('"рабочий визит" OR Ташкент')
    loose, sure = engine._without_phrases(tree), engine._phrase_free(tree)
    assert "<->" not in to_tsquery(loose) and "<->" not in to_tsquery(sure)
    assert engine._phrase_free(parse('"рабочий визит"')) is None
    assert engine._without_phrases(parse('визит NOT "рабочий визит"')) == parse("визит")
