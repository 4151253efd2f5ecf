"""English lists of bodies: coordinated names and plural names over a list of states (sentences invented)."""

import pytest

from accord.documents.search.analysis import terms
from accord.extraction.pipeline.assemble import analyze
from accord.extraction.pipeline.gazetteer import Entry, Gazetteer


@pytest.fixture(scope="module")
def gazetteer() -> Gazetteer:
    entries = [
        Entry("state", "KAZ", "Казахстан", "Kazakhstan", ["Republic of Kazakhstan"]),
        Entry("state", "UZB", "Узбекистан", "Uzbekistan", ["Republic of Uzbekistan"]),
        Entry("state", "KGZ", "Киргизия", "Kyrgyzstan", []),
        Entry("state", "TJK", "Таджикистан", "Tajikistan", []),
    ]
    return Gazetteer(entries, terms, [])


def organizations(text: str, gazetteer: Gazetteer) -> list[str]:
    return [o["name"] for o in analyze("test.txt", text, gazetteer).contract["organizations"]]


def test_two_bodies_joined_by_and_are_two(gazetteer):
    names = organizations(
        "The plan was agreed between the Audit Chamber of Kazakhstan and the Anti-Fraud Office of Uzbekistan.",
        gazetteer,
    )
    assert "Audit Chamber of Kazakhstan" in names and "Anti-Fraud Office of Uzbekistan" in names
    assert not any(" and " in n for n in names)


def test_a_name_with_and_inside_stays_whole(gazetteer):
    names = organizations(
        "Officials of the Agency for Trade and Industry of Kazakhstan arrived today.", gazetteer
    )
    assert names == ["Agency for Trade and Industry of Kazakhstan"]


def test_a_plural_body_is_one_body_per_listed_state(gazetteer):
    text = "Similar accords bind the Audit Chambers of Kyrgyzstan, Tajikistan, the Republic of Uzbekistan and Ruritania."
    assert sorted(organizations(text, gazetteer)) == [
        "Audit Chamber of Kyrgyzstan",
        "Audit Chamber of Ruritania",
        "Audit Chamber of Tajikistan",
        "Audit Chamber of the Republic of Uzbekistan",
    ]


def test_a_plural_body_without_states_names_no_body(gazetteer):
    text = "The two Audit Chambers of the region and the Prosecutor's Offices of both sides met."
    assert organizations(text, gazetteer) == []
