"""The extraction stages on sentences written for the tests, with a gazetteer built by hand (no database)."""

import datetime

import pytest

from accord.documents.search.analysis import terms
from accord.extraction.pipeline import morphology, organizations, persons, places, proposals, topics
from accord.extraction.pipeline.assemble import analyze
from accord.extraction.pipeline.dates import RU_MONTHS_GENITIVE
from accord.extraction.pipeline.gazetteer import Entry, Gazetteer, PostRecord
from accord.extraction.pipeline.stages import prepare, recognize


@pytest.fixture(scope="module")
def gazetteer() -> Gazetteer:
    entries = [
        Entry(
            "state", "RUS", "Россия", "Russia", ["Российская Федерация", "Russian Federation", "российский"]
        ),
        Entry("state", "KAZ", "Казахстан", "Kazakhstan", ["Республика Казахстан", "Republic of Kazakhstan"]),
        Entry(
            "state", "UZB", "Узбекистан", "Uzbekistan", ["Республика Узбекистан", "Republic of Uzbekistan"]
        ),
        Entry("state", "TGO", "Того", "Togo", ["Тоголезская Республика"]),
        Entry(
            "organization",
            "cis",
            "Содружество Независимых Государств",
            "Commonwealth of Independent States",
            ["СНГ", "CIS"],
        ),
        Entry(
            "organization",
            "cis-executive-committee",
            "Исполнительный комитет Содружества Независимых Государств",
            "CIS Executive Committee",
            ["Исполнительный комитет СНГ"],
            parent="cis",
        ),
        Entry(
            "organization",
            "cis-anticorruption-council",
            "Межгосударственный совет по противодействию коррупции",
            "Interstate Council for Countering Corruption",
            ["МСПК"],
            parent="cis",
        ),
        Entry(
            "organization",
            "rus-prosecutor-general",
            "Генеральная прокуратура Российской Федерации",
            "Prosecutor General's Office of the Russian Federation",
            ["Генпрокуратура России"],
            state="RUS",
        ),
        Entry("organization", "un", "Организация Объединенных Наций", "United Nations", ["ООН", "UN"]),
        Entry("person", "1", "Игорь Краснов", "Igor Krasnov", ["Игорь Краснов", "Igor Krasnov"]),
        Entry("person", "2", "Александр Гуцан", "Alexander Gutsan", ["Александр Гуцан", "Alexander Gutsan"]),
        Entry("place", "Москва", "Москва", "", ["Москва"], state="RUS"),
        Entry("place", "Moscow", "", "Moscow", [], state="RUS"),
    ]
    posts = [
        PostRecord(
            "1",
            "Генеральный прокурор Российской Федерации",
            "Prosecutor General of the Russian Federation",
            "rus-prosecutor-general",
            "RUS",
            datetime.date(2020, 1, 22),
            datetime.date(2025, 9, 1),
        ),
        PostRecord(
            "2",
            "Генеральный прокурор Российской Федерации",
            "Prosecutor General of the Russian Federation",
            "rus-prosecutor-general",
            "RUS",
            datetime.date(2025, 9, 2),
            None,
        ),
    ]
    return Gazetteer(entries, terms, posts)


def run(text: str, gazetteer: Gazetteer) -> dict:
    return analyze("test.txt", text, gazetteer).contract


# --- gazetteer and states ----------------------------------------------------


def test_gazetteer_finds_inflected_names_and_adjectives(gazetteer):
    result = run("Делегация Российской Федерации и российская сторона прибыли в Казахстан.", gazetteer)
    assert {s["iso3"] for s in result["states"]} == {"RUS", "KAZ"}


def test_a_lower_case_word_is_not_a_state(gazetteer):
    result = run("Кроме того, стороны обсудили сотрудничество с Россией.", gazetteer)
    assert {s["iso3"] for s in result["states"]} == {"RUS"}


def test_a_language_label_is_not_a_state(gazetteer):
    result = run("Distr.: General\nOriginal: Russian\n\nКонференция обсудила доклад.", gazetteer)
    assert result["states"] == []


# --- organizations -------------------------------------------------------------


@pytest.mark.parametrize(
    ("phrase", "nominative"),
    [
        ("Генеральной прокуратуры Российской Федерации", "Генеральная прокуратура Российской Федерации"),
        ("Министерства иностранных дел", "Министерство иностранных дел"),
        ("Секретариата Межгосударственного совета", "Секретариат Межгосударственного совета"),
        ("Агентству по противодействию коррупции", "Агентство по противодействию коррупции"),
        ("СНГ", "СНГ"),
    ],
)
def test_nominative_phrase_declines_the_head_only(phrase, nominative):
    assert morphology.nominative_phrase(phrase) == nominative


def test_a_unit_of_a_registry_body_is_an_organization_of_its_own(gazetteer):
    text = (
        "На семинар приехали сотрудники управления по надзору за соблюдением прав предпринимателей "
        "Генеральной прокуратуры Российской Федерации."
    )
    names = [o["name"] for o in run(text, gazetteer)["organizations"]]
    assert "Генеральная прокуратура Российской Федерации" in names
    assert any(
        n.lower().startswith("управление по надзору за соблюдением прав предпринимателей") for n in names
    )


def test_coordinated_ministries_are_several_organizations(gazetteer):
    text = (
        "Эксперты Казахстана встретились с представителями министерств юстиции, культуры и спорта, "
        "просвещения Республики Казахстан."
    )
    names = {o["name"] for o in run(text, gazetteer)["organizations"]}
    assert {
        "Министерство юстиции Республики Казахстан",
        "Министерство культуры и спорта Республики Казахстан",
        "Министерство просвещения Республики Казахстан",
    } <= names


def test_a_bare_body_resolves_through_the_tree(gazetteer):
    text = "Государства СНГ подготовили доклад. Документ одобрен Исполнительного комитета на заседании."
    keys = {o.get("key") for o in run(text, gazetteer)["organizations"]}
    assert "cis-executive-committee" in keys


def test_an_instrument_is_not_an_organization(gazetteer):
    text = "Стороны обсудили исполнение Конвенции Организации Объединенных Наций против коррупции."
    names = [o["name"] for o in run(text, gazetteer)["organizations"]]
    assert not any("против коррупции" in n and n.startswith("Организация") for n in names)


def test_english_organization_phrases(gazetteer):
    text = "Dana Serikova, Professor of the Academy of Sciences of Kazakhstan, closed the workshop."
    names = [o["name"] for o in run(text, gazetteer)["organizations"]]
    assert "Academy of Sciences of Kazakhstan" in names


def test_english_headlines_in_title_case_are_not_organizations():
    assert organizations.chunk_en("Kazakhstan Will Host Regional Forum Of Audit Chambers In Astana\n") == []


# --- persons and posts -----------------------------------------------------------


def test_title_before_a_name_stops_at_verbs(gazetteer):
    text = "Министр юстиции Казахстана вручил начальнику Службы экономических расследований Узбекистана Рустаму Холматову грамоту."
    people = {p["surname"]: p for p in run(text, gazetteer)["persons"]}
    titles = [p["title"] for p in people["Холматов"]["posts"]]
    assert titles == ["начальник Службы экономических расследований Узбекистана"]


def test_coordinated_names_share_the_title(gazetteer):
    text = "Генпрокуроры Казахстана и Узбекистана Ерлан Досымов и Анвар Рахимов утвердили план."
    people = {p["surname"]: p for p in run(text, gazetteer)["persons"]}
    for surname in ("Досымов", "Рахимов"):
        assert any("прокурор" in p["title"] for p in people[surname]["posts"])


def test_apposition_after_a_name(gazetteer):
    text = (
        "Совещание открыл Олег Лаптев, который также является заместителем председателя "
        "Исполнительного комитета СНГ."
    )
    people = {p["surname"]: p for p in run(text, gazetteer)["persons"]}
    assert any(p["title"].startswith("заместитель председателя") for p in people["Лаптев"]["posts"])


def test_english_titles_before_and_after_names(gazetteer):
    text = "Prosecutor General Igor Krasnov received Dana Serikova, Professor of the Academy of Sciences, in Moscow."
    people = {p["surname"]: p for p in run(text, gazetteer)["persons"]}
    assert people["Krasnov"]["posts"][0]["title"].startswith("Prosecutor General")
    assert people["Serikova"]["posts"][0]["title"].startswith("Professor")


@pytest.mark.parametrize(
    ("surface", "normal", "surname"),
    [
        ("Петром Городовым", "Петр Городовой", "Городов"),
        ("Ашотом Мкртчяном", "Ашот Мкртчян", "Мкртчян"),
        ("Ириной Петровой", "Ирина Петрова", "Петрова"),
        ("Marin MRČELA", "Marin MRČELA", "Mrčela"),
    ],
)
def test_surnames_in_the_nominative(surface, normal, surname):
    assert persons.nominative_surname(surface, normal) == surname


@pytest.mark.parametrize(("day", "holder"), [("2024-11-21", "Краснов"), ("2025-10-21", "Гуцан")])
def test_a_post_phrase_goes_to_whoever_held_it_on_the_texts_date(gazetteer, day, holder):
    date = datetime.date.fromisoformat(day)
    months = RU_MONTHS_GENITIVE
    text = (
        f"{date.day} {months[date.month - 1]} {date.year}\n\n"
        "Генпрокурор России провел встречу. В беседе участвовали Игорь Краснов и Александр Гуцан."
    )
    result = run(text, gazetteer)
    posts = {p["surname"]: p["posts"] for p in result["persons"]}
    assert any("прокурор" in p["title"] for p in posts[holder])
    other = "Гуцан" if holder == "Краснов" else "Краснов"
    assert posts[other] == []


# --- places, dates and events ---------------------------------------------------------


def test_places_from_city_markers_and_a_state_after_the_name(gazetteer):
    result = run("Делегация прибыла в г. Бишкеке. Sharm el-Sheikh, Egypt, hosted the session.", gazetteer)
    names = {p["name"] for p in result["places"]}
    assert "Бишкек" in names


def test_regions_are_not_places():
    found = places.find_places(
        "Страны Центральной Азии и Восточной Европы.",
        "ru",
        [],
        [("LOC", 6, 22, "Центральная Азия"), ("LOC", 25, 41, "Восточная Европа")],
        [],
        [],
    )
    assert found == []


def test_an_event_with_a_range_place_and_format(gazetteer):
    text = (
        "С 13 по 17 декабря 2021 года в Москве в смешанном формате прошла девятая сессия Конференции. "
        "Представители СНГ участвовали в режиме видеоконференцсвязи."
    )
    events = run(text, gazetteer)["events"]
    assert len(events) == 1
    event = events[0]
    assert (event["kind"], event["start"], event["end"], event["place"], event["format"]) == (
        "session",
        "2021-12-13",
        "2021-12-17",
        "Москва",
        "hybrid",
    )
    assert "13 по 17 декабря" in event["evidence"]


def test_a_documents_date_is_no_event(gazetteer):
    text = "Участники обсудили ход реализации решения совета от 26 октября 2022 года."
    assert run(text, gazetteer)["events"] == []


def test_two_numbered_meetings_on_one_day_are_two_events(gazetteer):
    text = "20 сентября 2018 года делегация приняла участие в 28-м заседании Совета и 16-м заседании Группы в Москве."
    events = run(text, gazetteer)["events"]
    assert len(events) == 2
    assert {e["title"].split()[0] for e in events} == {"28-м", "16-м"}


def test_an_online_meeting_without_a_year_takes_the_publication_year(gazetteer):
    text = "21 января 2023\n\nЗаседание МСПК прошло 18 января в онлайн-режиме."
    result = run(text, gazetteer)
    assert result["published"] == "2023-01-21"
    assert [(e["start"], e["format"]) for e in result["events"]] == [("2023-01-18", "online")]


def test_wrapped_lines_are_one_sentence():
    doc = prepare(
        "x", "29 – 30 августа 2012 года в Минске пройдет дополнительное\nзаседание экспертной группы."
    )
    assert len(doc.sentences) == 1


# --- topics and proposals -----------------------------------------------------------


def test_topics_in_both_languages():
    assert topics.topics(terms("Сотрудничество по возврату активов и выдаче лиц")) == [
        "asset_recovery",
        "extradition",
    ]
    assert "money_laundering" in topics.topics(terms("They discussed money laundering typologies."))


def test_proposals_name_the_proposer():
    text = "Игорь Краснов предложил создать рабочую группу по цифровизации."
    found = proposals.find_proposals(text, [(0, len(text))], [(0, 13, "person", "Игорь Краснов")])
    assert [(p.verb, p.proposer, p.text) for p in found] == [
        ("proposed", "Игорь Краснов", "создать рабочую группу по цифровизации")
    ]


# --- mentions -------------------------------------------------------------------------


def test_mentions_carry_spans_keys_and_methods(gazetteer):
    text = "Генеральная прокуратура Российской Федерации сообщила о визите 20 ноября 2024 года."
    analysis = analyze("x", text, gazetteer)
    org = next(m for m in analysis.mentions if m.type == "organization")
    assert (org.key, org.method, analysis.text[org.begin : org.end]) == (
        "rus-prosecutor-general",
        "gazetteer",
        "Генеральная прокуратура Российской Федерации",
    )
    date = next(m for m in analysis.mentions if m.type == "date")
    assert date.normal == "2024-11-20"
    assert analysis.sentence_at(org.begin).startswith("Генеральная прокуратура")


def test_recognize_needs_no_database(gazetteer):
    doc = prepare("x", "Делегация Казахстана прибыла.")
    recognize(doc, gazetteer)
    assert [m.entry.key for m in doc.matches] == ["KAZ"]


def test_a_day_of_a_longer_event_is_the_same_event(gazetteer):
    text = (
        "С 13 по 17 декабря 2021 года проходит девятая сессия Конференции. "
        "17 декабря сессия завершит работу и утвердит доклад."
    )
    assert [(e["start"], e["end"]) for e in run(text, gazetteer)["events"]] == [("2021-12-13", "2021-12-17")]


def test_a_dateline_before_the_events_own_dates_is_not_an_event(gazetteer):
    text = "Астана, 9 марта. Юристы стран СНГ на встрече в Астане 4–5 марта 2015 года обсудили проект."
    assert [(e["start"], e["end"]) for e in run(text, gazetteer)["events"]] == [("2015-03-04", "2015-03-05")]


def test_a_deadline_is_not_an_event(gazetteer):
    text = "Семинар для прокуроров продлится до 26 октября 2021 года."
    assert run(text, gazetteer)["events"] == []


def test_a_day_without_a_year_takes_the_year_of_a_full_date_in_its_month(gazetteer):
    text = "Президент принял делегацию 21 ноября 2024 года. Визит начался 20 ноября. В июне 2025 года пройдет форум."
    starts = {e["start"] for e in run(text, gazetteer)["events"]}
    assert "2024-11-20" in starts


def test_english_titles_before_a_comma_and_in_parentheses(gazetteer):
    text = (
        "The Justice Ministry's envoy-at-large for asset recovery matters, Timur Sadykov, said so. "
        "The session was chaired by Lena HOLMBERG (Bureau member, Norway)."
    )
    people = {p["surname"]: p for p in run(text, gazetteer)["persons"]}
    assert people["Sadykov"]["posts"][0]["title"].startswith("Justice Ministry's envoy-at-large")
    assert people["Holmberg"]["posts"][0]["title"] == "Bureau member"


def test_a_round_table_is_an_event(gazetteer):
    text = "On 20 October 2021 a round table on prosecutorial supervision was held in Moscow."
    assert [(e["kind"], e["start"]) for e in run(text, gazetteer)["events"]] == [("seminar", "2021-10-20")]
