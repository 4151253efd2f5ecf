"""Personal names read through morphology: the nominative, the surname, East Asian order, particles, namesakes."""

import pytest

from accord.documents.search.analysis import terms
from accord.extraction.pipeline import names
from accord.extraction.pipeline.assemble import analyze
from accord.extraction.pipeline.gazetteer import Gazetteer


@pytest.fixture(scope="module")
def gazetteer() -> Gazetteer:
    return Gazetteer([], terms, [])


def persons(text: str, gazetteer: Gazetteer) -> dict[str, dict]:
    return {p["surname"]: p for p in analyze("test.txt", text, gazetteer).contract["persons"]}


@pytest.mark.parametrize(
    ("surface", "name", "surname"),
    [
        # the case every word of the name agrees in, the gender of the given name
        ("Томаса Райтера", "Томас Райтер", "Райтер"),
        ("Ольги Петровой", "Ольга Петрова", "Петрова"),
        ("Петром Городовым", "Пётр Городов", "Городов"),
        ("Виталия Рымашевского", "Виталий Рымашевский", "Рымашевский"),
        ("Юрию Мильнеру", "Юрий Мильнер", "Мильнер"),
        ("Дмитрия Уса", "Дмитрий Ус", "Ус"),
        ("Иогана Меркеля", "Иоган Меркель", "Меркель"),
        # a woman's foreign surname does not decline
        ("Аллы Бут", "Алла Бут", "Бут"),
        ("Сабрины Шрофф", "Сабрина Шрофф", "Шрофф"),
        # an unknown given name: parallel endings, the guessed gender, or the name as written
        ("Ашитом Митталом", "Ашит Миттал", "Миттал"),
        ("Нигматилла Юлдашева", "Нигматилла Юлдашев", "Юлдашев"),
        ("Матлуба Абдуллоева", "Матлуба Абдуллоева", "Абдуллоева"),
        ("Шерхони Салимзода", "Шерхони Салимзода", "Салимзода"),
        ("Ара Хзмаляна", "Ара Хзмалян", "Хзмалян"),
        # initials before or after the surname
        ("О.Муродовым", "О.Муродов", "Муродов"),
        ("Абдуллаев И.Б.", "Абдуллаев И.Б.", "Абдуллаев"),
        # a surname alone
        ("Ратманским", "Ратманский", "Ратманский"),
        ("Обамы", "Обама", "Обама"),
        # East Asian names put the family name first
        ("Ху Цзиньтао", "Ху Цзиньтао", "Ху"),
        ("Ким Чен Ира", "Ким Чен Ира", "Ким"),
        ("Xi Jinping", "Xi Jinping", "Xi"),
        ("Ян Кубиш", "Ян Кубиш", "Кубиш"),
        ("Danny Lee", "Danny Lee", "Lee"),
        # particles belong to the surname
        ("Жан-Мари Ле Пен", "Жан-Мари Ле Пен", "Ле Пен"),
        ("Усамы бин Ладена", "Усама бин Ладен", "бин Ладен"),
        ("Juan de la Cruz", "Juan de la Cruz", "de la Cruz"),
        ("Marin MRČELA", "Marin MRČELA", "Mrčela"),
    ],
)
def test_a_name_is_read_in_the_nominative(surface, name, surname):
    read = names.read_name(surface)
    assert (read.name, read.surname) == (name, surname)


def test_a_given_name_and_patronymic_alone_are_no_surname():
    read = names.read_name("Бориса Николаевича")
    assert read.given_only and read.given == "Борис"


def test_a_surname_alone_takes_the_form_the_full_name_shows():
    settled = names.settle([names.read_name("Оливера Кана"), names.read_name("Каном")])
    assert [n.surname for n in settled] == ["Кан", "Кан"]
    settled = names.settle([names.read_name("Кими Райкконена"), names.read_name("Райкконен")])
    assert settled[0].surname == "Райкконен"


def test_a_given_name_alone_joins_its_owner_or_is_dropped():
    settled = names.settle(
        [names.read_name("Виктора Бута"), names.read_name("Виктор"), names.read_name("Лиза")]
    )
    assert settled[1].surname == "Бут" and not settled[1].given_only
    assert settled[2].given_only


def test_namesakes_stay_apart_and_a_bare_surname_goes_to_the_nearest():
    keys = names.person_keys(
        [
            ("Алла Бут", "Бут"),
            ("Бут", "Бут"),
            ("Виктор Бут", "Бут"),
            ("Бут", "Бут"),
            ("Иван Петров", "Петров"),
        ]
    )
    assert keys[0] == keys[1] != keys[2] == keys[3]
    assert keys[4] == "петров"
    assert len(set(names.person_keys([("Т. Нарбаева", "Нарбаева"), ("Танзила Нарбаева", "Нарбаева")]))) == 1


def test_the_family_name_the_recognizer_left_out_is_taken_back():
    text = "Прокурор провинции Ли Вэньхуа прибыл."
    begin = text.index("Вэньхуа")
    assert text[names.east_asian_start(text, begin, begin + len("Вэньхуа")) :].startswith("Ли Вэньхуа")


def test_people_in_a_text_are_read_through_morphology(gazetteer):
    text = (
        "Министр встретился с Томасом Райтером и Ольгой Петровой. "
        "Райтера поблагодарили за визит, а Петрова выступила с докладом."
    )
    found = persons(text, gazetteer)
    assert {"Райтер", "Петрова"} <= set(found)
    assert "Райтера" not in found


def test_two_people_with_one_surname_are_two_people(gazetteer):
    text = "На встречу пришли Анна Соколова и Мария Соколова. Анна Соколова рассказала о проекте."
    found = analyze("test.txt", text, gazetteer).contract["persons"]
    assert sorted(p["name"] for p in found if p["surname"] == "Соколова") == [
        "Анна Соколова",
        "Мария Соколова",
    ]


@pytest.mark.parametrize(
    ("text", "cases"),
    [
        ("Письмо пришло от", {"gent"}),
        ("Они говорили с", {"ablt", "gent"}),
        ("Гол забил нападающий", set()),  # a nominative noun: the name is read as written
        ("Визит помощника министра Франции", {"gent", "accs"}),
        ("В отчёте центра", set()),  # an inanimate noun may head a chain the name is not in
    ],
)
def test_the_context_gives_the_case_of_a_name(text, cases):
    assert names.context_cases(text + " ", len(text) + 1) == cases


def test_a_foreign_name_in_an_oblique_case_after_a_person_noun():
    assert (
        names.read_name("Кими Райкконена", names.context_cases("Визит гонщика ", 14)).surname == "Райкконен"
    )
    assert names.read_name("Хорхе Ларрионда").surname == "Ларрионда"  # nothing says it is declined
    assert names.read_name("Нэнси Пелоси", frozenset({"gent", "accs"})).surname == "Пелоси"
    assert names.read_name("Лужкова", frozenset({"gent"})).surname == "Лужков"


def test_declined_east_asian_names_plural_surnames_and_one_given_name_in_two_forms():
    assert names.read_name("Кима Чен Ира").surname == "Ким"
    assert "Ямадаев" in names.read_name("Ямадаевых").readings  # «братьев Ямадаевых»
    assert names.read_name("Сейджи Маехары").surname == "Маехара"  # no surname ends in «-ы»
    keys = names.person_keys(
        [("Сулим Ямадаев", "Ямадаев"), ("Сулимы Ямадаев", "Ямадаев"), ("Иса Ямадаев", "Ямадаев")]
    )
    assert keys[0] == keys[1] != keys[2]
    keys = names.person_keys([("Мария Иванова", "Иванова"), ("Марина Иванова", "Иванова")])
    assert keys[0] != keys[1]


def test_a_recognized_span_with_a_comma_names_two_people_and_a_bracket_ends_a_name():
    from accord.extraction.pipeline.people import _name_spans
    from accord.extraction.pipeline.stages import prepare

    doc = prepare("test.txt", "Голы: Смирнов, Кузнецов. Гость Иван Орлов (Ivan Orlov) приехал.")
    first = doc.text.index("Смирнов")
    second = doc.text.index("Иван")
    doc.ner = [("PER", first, doc.text.index("."), ""), ("PER", second, doc.text.index(")") + 1, "")]
    spans = [doc.text[b:e] for b, e in _name_spans(doc, [])]
    assert spans == ["Смирнов", "Кузнецов", "Иван Орлов"]


@pytest.mark.parametrize("surface", ["", "  ", "(", "И.", "123", "А-", "de la", "«Иван»", "x"])
def test_odd_spans_are_read_without_an_error(surface):
    read = names.read_name(surface)
    assert isinstance(read.surname, str)


def test_initials_after_a_surname_without_a_last_dot():
    assert names.read_name("Иванов И.И").surname == "Иванов"
