"""Russian posts around a name: ranks, predicates, appositions, enumerations, abstract nouns.

Sentences written for these tests; people invented.
"""

import pytest

from accord.extraction.pipeline import persons
from accord.extraction.tests.test_pipeline import gazetteer, run

__all__ = ["gazetteer"]  # the module's fixture, used by name below


def posts(text: str, gazetteer) -> dict[str, list[str]]:
    return {p["surname"]: [t["title"] for t in p["posts"]] for p in run(text, gazetteer)["persons"]}


def test_a_rank_between_the_title_and_the_name_is_skipped(gazetteer):
    text = (
        "Совещание открыл Генеральный прокурор Республики Казахстан генерал-полковник юстиции Ерлан Досымов."
    )
    assert posts(text, gazetteer)["Досымов"] == ["Генеральный прокурор Республики Казахстан"]


def test_a_class_rank_in_an_oblique_case_is_skipped_too(gazetteer):
    text = (
        "Гости встретились с заместителем генерального прокурора Узбекистана государственным советником "
        "юстиции 2 класса Анваром Рахимовым."
    )
    assert posts(text, gazetteer)["Рахимов"] == ["заместитель генерального прокурора Узбекистана"]


def test_a_rank_alone_is_no_post(gazetteer):
    assert posts("Делегацию возглавил полковник полиции Тимур Алиев.", gazetteer)["Алиев"] == []


@pytest.mark.parametrize(
    ("text", "surname", "title"),
    [
        ("Олег Кравец избран председателем Совета министров юстиции.", "Кравец", "председатель Совета"),
        (
            "Ирина Лебедева назначена заместителем министра финансов Казахстана.",
            "Лебедева",
            "заместитель министра финансов Казахстана",
        ),
        (
            "Тимур Алиев назначен на должность первого заместителя директора агентства.",
            "Алиев",
            "первый заместитель директора агентства",
        ),
        ("Председателем комиссии избран Олег Кравец.", "Кравец", "председатель комиссии"),
    ],
)
def test_a_post_given_by_a_predicate(gazetteer, text, surname, title):
    assert any(t.lower().startswith(title.lower()) for t in posts(text, gazetteer)[surname])


def test_an_apposition_ends_at_a_colon_and_may_start_with_an_adjective(gazetteer):
    text = "Сергей Волков, первый заместитель министра юстиции: - Мы готовы к диалогу."
    assert posts(text, gazetteer)["Волков"] == ["первый заместитель министра юстиции"]


def test_an_enumeration_inside_the_titles_complement(gazetteer):
    text = (
        "Министр принял заместителя председателя комитета по делам молодежи, спорта и туризма Ивана Сомова."
    )
    assert posts(text, gazetteer)["Сомов"] == [
        "заместитель председателя комитета по делам молодежи, спорта и туризма"
    ]


def test_titles_joined_by_a_dash_hyphenated_titles_and_quoted_names(gazetteer):
    text = (
        "Выступил заместитель председателя комитета – ответственный секретарь Бахыт Омаров. "
        "Об этом сообщил пресс-секретарь министерства Тимур Алиев. "
        'Гостей встретил директор музея "Эрмитаж" Павел Орлов.'
    )
    found = posts(text, gazetteer)
    assert found["Омаров"][0].startswith("заместитель председателя комитета")
    assert found["Алиев"] == ["пресс-секретарь министерства"]
    assert found["Орлов"] == ['директор музея "Эрмитаж"']


@pytest.mark.parametrize(
    "word", ["председательство", "председательством", "секретариат", "президентский", "консультации"]
)
def test_abstract_nouns_bodies_and_adjectives_are_not_titles(word):
    assert not persons.is_title_word(word, "ru")


@pytest.mark.parametrize("word", ["председателем", "глава", "главой", "пресс-секретарь", "секретаря"])
def test_title_nouns_in_any_case_are_titles(word):
    assert persons.is_title_word(word, "ru")


def test_a_chairmanship_before_a_name_is_no_post(gazetteer):
    text = "Председательство Казахстана в Совете поддержал Ерлан Досымов."
    assert posts(text, gazetteer)["Досымов"] == []


def test_a_superlative_in_a_title_keeps_its_own_stem(gazetteer):
    text = "В пятницу министр принял Высшего государственного представителя Республики Того Жана Коффи."
    assert posts(text, gazetteer)["Коффи"] == ["Высший государственный представитель Республики Того"]


def test_an_apposition_after_initials_ends_at_the_line(gazetteer):
    text = "Сомов И.П., первый заместитель министра юстиции Республики Казахстан\n\nНовости недели"
    assert posts(text, gazetteer)["Сомов"] == ["первый заместитель министра юстиции Республики Казахстан"]


def test_a_preposition_that_pymorphy_also_reads_as_a_verb_stays_in_the_title(gazetteer):
    text = "Ирина Лебедева, ректор академии управления при президенте Казахстана:\n«Мы рады гостям»."
    assert posts(text, gazetteer)["Лебедева"] == ["ректор академии управления при президенте Казахстана"]


def test_a_complement_noun_that_may_be_genitive_does_not_end_the_title(gazetteer):
    text = "Завершилась поездка главы агентства по делам госслужбы и спорта Казахстана Сергея Нурланова."
    assert posts(text, gazetteer)["Нурланов"] == ["глава агентства по делам госслужбы и спорта Казахстана"]


def test_an_apposition_holding_the_next_persons_name_is_not_the_first_persons(gazetteer):
    text = "На встрече были Олег Кравец, директор музея «Новый век» Павел Орлов и другие."
    found = posts(text, gazetteer)
    assert found["Кравец"] == []
    assert found["Орлов"] == ["директор музея «Новый век»"]
