"""The reader of an analysis: one builder per kind, run in order, a repeated proposal merged into the first."""

import datetime

import pytest

from accord.documents.models import Document
from accord.extraction.choices import SuggestionKind
from accord.extraction.pipeline.assemble import Analysis
from accord.extraction.suggestions import reader as reader_module
from accord.extraction.suggestions.common import codes, event_period, fingerprint, norm
from accord.extraction.suggestions.posts import post_role, split_name

TEXT = "Первое предложение о встрече. Второе предложение о ней же."


def _analysis() -> Analysis:
    return Analysis(
        text=TEXT,
        contract={"language": "ru"},
        mentions=[],
        sentences=[(0, 29), (30, len(TEXT))],
    )


def test_every_kind_has_its_builder_in_the_listed_order():
    assert [b.__module__.rsplit(".", 1)[-1] for b in reader_module.BUILDERS] == [
        "meetings",
        "posts",
        "organizations",
        "references",
        "initiatives",
    ]


@pytest.mark.django_db
def test_a_proposal_two_builders_make_is_listed_once_with_both_sentences(monkeypatch):
    def first(reader):
        return [reader.suggestion(SuggestionKind.REFERENCE, ("A/1",), "A/1", {}, reader.evidence(0), 0.4)]

    def second(reader):
        return [
            reader.suggestion(SuggestionKind.REFERENCE, ("a/1",), "A/1", {}, reader.evidence(31), 0.9),
            reader.suggestion(SuggestionKind.REFERENCE, ("B/2",), "B/2", {}, [], 0.5),
        ]

    monkeypatch.setattr(reader_module, "BUILDERS", (first, second))
    document = Document(language="ru", published_on=datetime.date(2025, 1, 10), symbol="")
    merged, other = reader_module.Reader(document, _analysis()).suggestions()
    assert [e["begin"] for e in merged.evidence] == [0, 30]
    assert merged.confidence == 0.9 and merged.payload == {"language": "ru"}
    assert other.label == "B/2"


def test_shared_helpers():
    assert norm(" «Совет»  Ёлки. ") == "совет елки"
    assert fingerprint("meeting", "Совет") == fingerprint("meeting", "совет")
    assert event_period({"start": "2025-03-05", "end": "2025-03-01"}) == (
        datetime.date(2025, 3, 1),
        datetime.date(2025, 3, 5),
    )
    assert event_period({"start": "soon"}) is None
    assert codes(["kaz ", {"iso3": "uzb"}, {"state": "Tjk"}, 3]) == ["KAZ", "UZB", "TJK"]


def test_a_post_title_gives_the_role_and_a_name_its_parts():
    assert post_role("заместитель министра юстиции") == "deputy"
    assert post_role("Министр юстиции") == "head"
    assert split_name("Петров Иван Сергеевич", "Петров", "ru") == {
        "family_name": "Петров",
        "given_name": "Иван",
        "patronymic": "Сергеевич",
    }
