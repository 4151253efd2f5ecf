"""Events, dates, mandates and places on shapes the first rules missed (issue 18, items 4–6).

Every sentence here is invented for the test.
"""

import datetime
import re

import pytest

from accord.documents.search.analysis import terms
from accord.extraction.pipeline import places
from accord.extraction.pipeline.assemble import analyze
from accord.extraction.pipeline.dates import find_dates, publication_date
from accord.extraction.pipeline.gazetteer import Entry, Gazetteer
from accord.extraction.pipeline.references import find_mandates, find_symbols

D = datetime.date


@pytest.fixture(scope="module")
def gazetteer() -> Gazetteer:
    entries = [
        Entry("state", "KAZ", "Казахстан", "Kazakhstan", ["Республика Казахстан"]),
        Entry("organization", "un", "Организация Объединенных Наций", "United Nations", ["ООН", "UN"]),
        Entry("place", "Омск", "Омск", "", ["Омск"], state="RUS"),
        Entry("place", "Geneva", "", "Geneva", [], state="CHE"),
    ]
    return Gazetteer(entries, terms, [])


def events(text: str, gazetteer: Gazetteer) -> list[tuple[str, str, str]]:
    """(kind, start, end) of each event found."""
    found = analyze("test.txt", text, gazetteer).contract["events"]
    return [(e["kind"], e["start"], e["end"]) for e in found]


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


# Events -------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        # a resolution's date, though the sentence names a conference
        "Recalling its resolutions 12/3 of 5 May 2001 and 14/2 of 7 June 2003, the Conference agreed.",
        "The treaty entered into force on 3 March 2010, and many states have signed it since.",
        "The Assembly adopted the text on 9 April 2015 after a long session.",
        # the day of a report, not of the meeting it reports
        "Встреча прошла в Омске в дружеской обстановке, сообщили в пресс-службе 14 мая 2019 года.",
        "14 мая 2019 года сообщалось, что по итогам заседания список не изменился.",
    ],
)
def test_document_and_report_dates_are_no_events(text, gazetteer):
    assert events(text, gazetteer) == []


@pytest.mark.parametrize(
    ("text", "kind", "day"),
    [
        ("The two ministers met in Geneva on 4 May 2022 to discuss extradition.", "meeting", "2022-05-04"),
        ("Генпрокурор 19 ноября 2020 года встретился с послом Казахстана.", "meeting", "2020-11-19"),
        ("Делегация посетила Омск 3 июня 2021 года.", "visit", "2021-06-03"),
    ],
)
def test_verbs_without_an_event_noun_are_triggers(text, kind, day, gazetteer):
    assert events(text, gazetteer) == [(kind, day, day)]


def test_an_adjective_and_a_noun_with_one_ordinal_are_one_meeting(gazetteer):
    text = "12-е пленарное заседание группы прошло 5 мая 2022 года в Омске."
    assert events(text, gazetteer) == [("meeting", "2022-05-05", "2022-05-05")]
    text = "At its 7th Plenary Meeting (Geneva, 1-3 June 2020), the Group adopted two reports."
    assert events(text, gazetteer) == [("meeting", "2020-06-01", "2020-06-03")]


def test_a_press_conference_is_not_the_conference_it_belongs_to(gazetteer):
    text = (
        "12 October 2012\n\nThe session of the Conference runs from 15-19 October in Geneva. "
        "A press conference for reporters follows on Tuesday 16 October."
    )
    assert events(text, gazetteer) == [
        ("conference", "2012-10-15", "2012-10-19"),
        ("other", "2012-10-16", "2012-10-16"),
    ]


@pytest.mark.parametrize(
    "text",
    [
        # a plan's year and a document's year do not date a day written without one
        "Заседание совета пройдёт 27 сентября в Омске. Совет рассмотрит план работы на 2018 год.",
        "Решение, принятое в феврале 2021 года, осталось в силе. С 3 по 5 февраля в Омске прошла сессия.",
        # a full date of another month in another sentence does not either
        "Визит состоялся ещё 30 мая 2018 года.\n\nВстреча генпрокуроров прошла 19 апреля в Омске.",
    ],
)
def test_days_without_a_year_are_not_dated_by_other_years(text, gazetteer):
    assert [e for e in events(text, gazetteer) if not e[1].startswith("2018-05")] == []


def test_a_day_without_a_year_takes_the_year_the_text_places_itself_in(gazetteer):
    text = "В 2019 году работа шла активно. 5 мая в Омске прошло заседание комиссии."
    assert events(text, gazetteer) == [("meeting", "2019-05-05", "2019-05-05")]


def test_a_weekday_confirms_the_publication_date(gazetteer):
    text = "9 марта 2021, 12:00\n\nПрокурор выступил во вторник на торжественном заседании."
    assert events(text, gazetteer) == [("meeting", "2021-03-09", "2021-03-09")]
    # another weekday is not counted back from the date
    text = "9 марта 2021, 12:00\n\nПрокурор выступил в пятницу на торжественном заседании."
    assert events(text, gazetteer) == []


def test_a_dateline_over_an_ended_session_is_not_its_day(gazetteer):
    text = "4 June 2020\n\nGENEVA, 4 June (Agency) - The third session of the Conference has concluded with a declaration."
    assert events(text, gazetteer) == []


# Places -------------------------------------------------------------------------


def place_names(text: str, language: str, ner=(), state_spans=(), taken=()) -> list[str]:
    return [p.name for p in places.find_places(text, language, [], list(ner), list(taken), list(state_spans))]


def test_a_city_named_after_its_state_and_a_dateline_in_capitals():
    # "X City" is a city though X is read as a state
    assert place_names("The ministers met in Ruritania City.", "en", state_spans=[(21, 30, "RUR")]) == [
        "Ruritania City"
    ]
    # a dateline in capitals names a place though a recognizer took it for something else
    assert place_names("ДОХА, 5 мая. /Агентство/. Делегации прибыли.", "ru", taken=[(0, 4)]) == ["Доха"]


@pytest.mark.parametrize(
    ("text", "language", "names"),
    [
        ("Pune, Mar 3 (Agency) The delegates arrived on time.", "en", ["Pune"]),
        ("Тараз. 22 сентября. Агентство – делегаты прибыли.", "ru", ["Тараз"]),
        ("Thu, 05 Mar 2020\n\nThe delegates arrived.", "en", []),
        ("The leaflet is printed in Spanish and sent by post.", "en", []),
        ("He is Director at Senior Expert Level in the bank.", "en", []),
        ("The treaty was signed on 3 May in Lyon by both sides.", "en", ["Lyon"]),
        ("Жалобу рассмотрела прокуратура Омской области.", "ru", ["Омская область"]),
    ],
)
def test_place_shapes(text, language, names):
    assert place_names(text, language) == names


def test_one_more_item_of_a_list_of_states_is_not_a_place():
    text = "The offices of Greece, Ruritania, Serbia signed it."
    states = [(15, 21, "GRC"), (34, 40, "SRB")]
    assert place_names(text, "en", state_spans=states) == []
    text = "They met at the Grand Hotel, Lyon, France."
    assert place_names(text, "en", state_spans=[(35, 41, "FRA")]) == ["Lyon"]


def test_a_location_that_begins_with_a_common_noun_is_not_a_place():
    text = "Посол Вернер выразил признательность."
    assert place_names(text, "ru", ner=[("LOC", 0, 12, "Посол Вернер")]) == []


def test_a_capital_read_as_its_state_stays_a_place(gazetteer):
    text = "Делегация прибудет в Тирасполь на следующей неделе."
    entries = [
        Entry("state", "MDA", "Молдова", "Moldova", ["Тирасполь"]),
        Entry("place", "Тирасполь", "Тирасполь", "", ["Тирасполь"], state="MDA"),
    ]
    contract = analyze("t.txt", text, Gazetteer(entries, terms, [])).contract
    assert [p["name"] for p in contract["places"]] == ["Тирасполь"]


def test_an_event_takes_the_city_rather_than_its_region(gazetteer):
    text = "Заседание прошло 5 мая 2022 года в Омске Омской области."
    found = analyze("t.txt", text, gazetteer).contract["events"]
    assert [e["place"] for e in found] == ["Омск"]


# Mandates -----------------------------------------------------------------------


def mandates(text: str) -> list[str]:
    return [number for _b, _e, number in find_mandates(text, find_symbols(text))]


def test_a_list_of_resolutions_each_with_its_date_and_a_footnote():
    text = (
        "Recalling its resolutions 41/2 of 3 May 2001, 42/7 of 9 June\n2002 and 43/1 of\n"
        "4 July 2003, and 2 44/5 of 1 March 2004 3 and 45/6,"
    )
    assert mandates(text) == ["41/2", "42/7", "43/1", "44/5", "45/6"]


def test_numbers_a_table_of_contents_lists_before_their_titles():
    text = "Содержание\nA. Резолюции\n4/1. О мерах по возврату активов\n4/2. О технической помощи\nB. Прочее"
    assert mandates(text) == ["4/1", "4/2"]
    # without resolutions or decisions in the text, such a number is something else
    assert mandates("Contents\n3/4. Annual figures\n") == []


def test_an_event_word_after_a_documents_verb_keeps_the_event(gazetteer):
    text = "Было принято решение провести заседание комиссии 5 мая 2023 года в Омске."
    assert events(text, gazetteer) == [("meeting", "2023-05-05", "2023-05-05")]


def test_a_headline_names_the_event_its_first_paragraph_dates(gazetteer):
    text = (
        "Новости 18 октября 2023\n\nМеждународная конференция по вопросам экстрадиции собрала гостей в Омске\n\n"
        "17-18 октября в Омске работали представители двенадцати государств."
    )
    assert events(text, gazetteer) == [("conference", "2023-10-17", "2023-10-18")]


@pytest.mark.parametrize(
    ("text", "day"),
    [
        ("Ранее, 5 февраля 2024 года, в Омске прошли консультации экспертов.", "2024-02-05"),
        ("On 2 May 2021 the delegation held talks with the agency in Geneva.", "2021-05-02"),
        ("Experts gathered in Geneva on 2 May 2021.", "2021-05-02"),
    ],
)
def test_consultations_talks_and_gatherings_are_meetings(text, day, gazetteer):
    assert events(text, gazetteer) == [("meeting", day, day)]


def test_a_sentence_with_a_date_of_its_own_lends_no_place(gazetteer):
    text = (
        "Встреча состоялась 11 марта 2024 года. 5 февраля 2024 года в Омске прошли консультации. "
        "Гости из Тулы вернулись в Тулу."
    )
    entries = [*gazetteer.entries, Entry("place", "Тула", "Тула", "", ["Тула"], state="RUS")]
    found = analyze("t.txt", text, Gazetteer(entries, terms, [])).contract["events"]
    assert [(e["start"], e["place"]) for e in found] == [("2024-03-11", "Тула"), ("2024-02-05", "Омск")]


def test_a_delegations_day_is_a_visit_where_no_better_word_names_it(gazetteer):
    text = "5 апреля 2021 года прокурор Омска принял делегацию из Казахстана."
    assert events(text, gazetteer) == [("visit", "2021-04-05", "2021-04-05")]
    text = "5 апреля 2021 года делегация Казахстана приняла участие в заседании."
    assert events(text, gazetteer) == [("meeting", "2021-04-05", "2021-04-05")]


@pytest.mark.parametrize(
    ("text", "ner", "name"),
    [
        ("Форум прошёл в Шарм-эль-Шейхе, Египет.", [], "Шарм-эль-Шейх"),
        ("Делегаты прибыли в Сане утром.", [("LOC", 19, 23, "Сан")], "Сана"),
    ],
)
def test_places_in_the_locative_come_back_to_the_nominative(text, ner, name):
    states = [(m.start(), m.end(), "EGY") for m in re.finditer("Египет", text)]
    assert place_names(text, "ru", ner=ner, state_spans=states) == [name]


def test_a_dateline_whose_city_ends_with_a_full_stop(gazetteer):
    text = "Омск. 22 сентября 2018. Агентство – 27 сентября в Омске пройдёт заседание совета."
    result = analyze("t.txt", text, gazetteer).contract
    assert result["published"] == "2018-09-22"
    assert [(e["start"], e["place"]) for e in result["events"]] == [("2018-09-27", "Омск")]


def test_a_slashed_date_with_no_such_month_is_read_month_first():
    assert [s.start for s in find_dates("Posted 09/29/2017 by the desk")] == [D(2017, 9, 29)]
