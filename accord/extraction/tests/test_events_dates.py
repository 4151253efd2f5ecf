"""Events, dates, mandates and places on shapes the first rules missed (issue 18, items 4–6).

Every sentence here is invented for the test.
"""

import datetime

import pytest

from accord.extraction.pipeline.dates import find_dates, publication_date

D = datetime.date


def published(text: str) -> D | None:
    return publication_date(text, find_dates(text))


# Dates and the publication date ------------------------------------------------


@pytest.mark.parametrize(
    ("text", "day"),
    [
        ("Lyon 03/11/2021\n\nThe board met twice.", D(2021, 11, 3)),
        ("Date2022-04-30\n\nA title", D(2022, 4, 30)),
        ("Экономика 7 марта 2019\n\nЗаголовок новости", D(2019, 3, 7)),
        ("Symbol X/Y/2020/1 Distr.: General 9 March 2020 Original: French", D(2020, 3, 9)),
        ("Заголовок\n\n14 мая\n\n2018, 09:15\n\nТекст.", D(2018, 5, 14)),
    ],
)
def test_header_shapes_give_the_publication_date(text, day):
    assert published(text) == day


@pytest.mark.parametrize(
    "text",
    [
        "Совещание коллегии 5 мая 2024 года",  # a headline dated in a sentence, with «года»
        "Москва, 14 мая\n\n2018 год выдался трудным.",  # a year that opens a sentence is not a header
    ],
)
def test_sentences_do_not_give_the_publication_date(text):
    assert published(text) is None


@pytest.mark.parametrize(
    ("text", "start"),
    [
        ("Visit of 03/11/2021 to the port", D(2021, 11, 3)),
        ("прошло 15 мая, 2021 г. в Омске", D(2021, 5, 15)),
    ],
)
def test_slashed_days_and_a_comma_before_the_year(text, start):
    assert [s.start for s in find_dates(text)] == [start]


@pytest.mark.parametrize("text", ["resolution 73/190", "A/73/190", "pages 12/10/20"])
def test_slashed_numbers_that_are_not_days(text):
    assert find_dates(text) == []
