"""Organizations: the chunkers' anchoring, head nouns, acronym definitions and linking (sentences written for the tests)."""

import pytest

from accord.documents.search.analysis import terms
from accord.extraction.pipeline import organizations
from accord.extraction.pipeline.assemble import analyze
from accord.extraction.pipeline.gazetteer import Entry, Gazetteer


@pytest.fixture(scope="module")
def gazetteer() -> Gazetteer:
    entries = [
        Entry("state", "RUS", "Россия", "Russia", ["Российская Федерация", "Russian Federation"]),
        Entry("state", "KAZ", "Казахстан", "Kazakhstan", ["Республика Казахстан", "Republic of Kazakhstan"]),
        Entry("organization", "un", "Организация Объединенных Наций", "United Nations", ["ООН", "UN"]),
        Entry(
            "organization",
            "un-ga",
            "Генеральная Ассамблея Организации Объединенных Наций",
            "United Nations General Assembly",
            ["Генеральная Ассамблея ООН", "Генеральная Ассамблея", "General Assembly"],
            parent="un",
        ),
        Entry("organization", "interpol", "Интерпол", "Interpol", ["INTERPOL"]),
        Entry(
            "organization",
            "kaz-anticorruption",
            "Агентство по противодействию коррупции Республики Казахстан",
            "Anti-Corruption Agency of the Republic of Kazakhstan",
            [],
            state="KAZ",
        ),
        Entry(
            "organization",
            "cosp",
            "Конференция государств – участников Конвенции ООН против коррупции",
            "Conference of the States Parties to the United Nations Convention against Corruption",
            [],
            parent="un",
        ),
        Entry(
            "organization",
            "cop",
            "Конференция участников Конвенции ООН против транснациональной организованной преступности",
            "Conference of the Parties to the United Nations Convention against Transnational Organized Crime",
            [],
            parent="un",
        ),
    ]
    return Gazetteer(entries, terms)


def names(text: str, gazetteer: Gazetteer) -> list[str]:
    return [o["name"] for o in analyze("test.txt", text, gazetteer).contract["organizations"]]


def chunk_names(text: str) -> list[str]:
    return [span.name for span in organizations.chunk_en(text)]


# --- English chunker -------------------------------------------------------------


def test_a_long_sentence_naming_many_bodies_is_no_headline():
    text = (
        "The delegates met the Evaluations and Compliance Group, the Budget, Finance and Audit Committee, "
        "the Working Group on Data, Standards and Market Integrity, and the Steering Committee.\n"
    )
    assert chunk_names(text) == [
        "Evaluations and Compliance Group",
        "Budget, Finance and Audit Committee",
        "Working Group on Data, Standards and Market Integrity",
        "Steering Committee",
    ]


def test_title_case_headlines_are_still_left_out():
    assert chunk_names("Ministers Of The Region Meet In The Capital To Talk About The Council\n") == []


def test_modifiers_coordinated_before_the_head_belong_to_the_name():
    text = "Officers of the Economic and Financial Crimes Commission visited the Office of the Mayor and the Ministry of Health."
    assert chunk_names(text) == [
        "Economic and Financial Crimes Commission",
        "Office of the Mayor",
        "Ministry of Health",
    ]


def test_a_head_word_used_as_a_modifier_is_no_name():
    text = "She works as a Programme Analyst near the Government Complex Sejong."
    assert chunk_names(text) == []


def test_a_name_ends_before_a_month_or_a_place():
    assert chunk_names("The National Police in July arrested him.") == ["National Police"]
    assert chunk_names("The Supreme Court in Lagos ruled.") == ["Supreme Court"]
    assert chunk_names("The Embassy in Vienna issued visas.") == ["Embassy in Vienna"]


def test_a_conference_is_no_organization_but_the_conference_of_the_parties_is():
    assert chunk_names("The Annual Conference in Geneva opened.") == []
    assert chunk_names("The Regional Conference opened.") == []
    assert chunk_names("The Conference of the Parties met.") == ["Conference of the Parties"]


def test_plural_offices_of_named_countries_are_one_office_each():
    text = "Until now, the Prosecutor's Offices of Chile, Peru and Bolivia had no agreement."
    assert chunk_names(text) == [
        "Prosecutor's Office of Chile",
        "Prosecutor's Office of Peru",
        "Prosecutor's Office of Bolivia",
    ]


# --- Russian chunker: names whose complement has no capital ---------------------


def ru_chunks(text: str, named: list[tuple[int, int]] = ()) -> list[tuple[str, bool, bool]]:
    from accord.extraction.pipeline.stages import _sentences

    return [
        (c.name, c.anchored, c.named) for c in organizations.chunk_ru(text, _sentences(text), [], [], named)
    ]


def test_a_capital_inside_a_sentence_makes_a_name():
    text = "Жалобу отклонил Верховный суд, а письмо ушло в Министерство культуры и Общественную палату."
    assert ru_chunks(text) == [
        ("Верховный суд", False, True),
        ("Министерство культуры", False, True),
        ("Общественная палата", False, True),
    ]


def test_at_the_start_of_a_sentence_a_capital_needs_the_ner_models_word():
    text = "Федеральная антимонопольная служба возбудила дело."
    assert ru_chunks(text) == [("Федеральная антимонопольная служба", False, False)]
    assert ru_chunks(text, [(0, 34)]) == [("Федеральная антимонопольная служба", False, True)]


def test_a_social_network_is_no_organization():
    assert ru_chunks("Он написал об этом в социальной сети Twitter.") == []


def test_bodies_named_in_lower_case_after_a_capital_are_found(gazetteer):
    text = "Проект обсудили в Государственной думе, затем его поддержала Общественная палата и Министерство культуры."
    found = names(text, gazetteer)
    assert {"Государственная дума", "Общественная палата", "Министерство культуры"} <= set(found)


def test_a_repeated_short_name_is_the_body_already_found(gazetteer):
    text = (
        "В Москве прошло заседание Координационного совета по вопросам миграции Республики Казахстан. "
        "Члены совета одобрили план, и Координационный совет завершил работу."
    )
    found = names(text, gazetteer)
    assert [n for n in found if n.startswith("Координационный совет")] == [
        "Координационный совет по вопросам миграции Республики Казахстан"
    ]


# --- acronyms the text defines ----------------------------------------------------


def forms(text: str, gazetteer: Gazetteer) -> dict[str, list[str]]:
    return {o["name"]: o["aliases"] for o in analyze("test.txt", text, gazetteer).contract["organizations"]}


def test_an_english_definition_gives_the_acronym_and_later_uses_join_it(gazetteer):
    text = "The Coastal Fisheries Protection Agency (CFPA) opened an office. Later the CFPA hired inspectors."
    found = forms(text, gazetteer)
    assert "CFPA" in found["Coastal Fisheries Protection Agency"]
    assert list(found) == ["Coastal Fisheries Protection Agency"]


def test_a_name_spelled_by_its_acronym_is_found_without_a_head_segment_start():
    from accord.extraction.pipeline.organizations import acronym_definitions, defined_name

    text = "Reporters of the Press Trust of India (PTI) and the Mutual Evaluation Report (MER) were cited."
    spelled = [defined_name(text, a, "en") for a in acronym_definitions(text)]
    assert spelled == [(text.index("Press"), "Press Trust of India"), None]


def test_a_russian_definition_gives_the_acronym_to_the_longest_name_before_it(gazetteer):
    text = (
        "Об этом сообщило Национальное агентство по охране лесов (НАОЛ). "
        "Специалисты Продовольственной программы ООН (ППООН) приехали позже, НАОЛ их встретило."
    )
    found = forms(text, gazetteer)
    assert "НАОЛ" in found["Национальное агентство по охране лесов"]
    assert "ППООН" not in found["Организация Объединенных Наций"]
    assert "НАОЛ" not in found


# --- one-word names from the NER model --------------------------------------------


@pytest.mark.parametrize(
    ("surface", "proper", "initial", "kept"),
    [
        ("Вести", True, True, "Вести"),  # «Вести» in quotes
        ("Маяк", False, False, "Маяк"),  # capitalized inside a sentence
        ("Маяк", False, True, None),  # a capital at the start of a sentence says nothing
        ("СМИ", False, False, None),  # the press at large
        ("ЮНЕСКО", False, True, "ЮНЕСКО"),
    ],
)
def test_a_common_word_is_a_name_only_when_the_text_marks_it(surface, proper, initial, kept):
    assert organizations.usable_ner_name(surface, set(), proper, initial) == kept


def test_a_name_the_text_defines_an_acronym_for_needs_no_capital_inside():
    name = "Народный фронт за демократию"
    assert organizations.usable_ner_name(name, set()) is None
    assert organizations.usable_ner_name(name, set(), proper=True) == name


def test_the_title_in_quotes_is_a_name_of_the_body(gazetteer):
    text = "Акции ОАО «Северный пароход» подешевели, сообщил его представитель."
    found = forms(text, gazetteer)
    assert any("Северный пароход" in aliases for aliases in found.values())


def test_abbreviations_then_a_place_are_one_body():
    text = "Задержание подтвердили в ГУ МВД по г. Самаре и в УФСИН России по Тверской области."
    assert ru_chunks(text) == [
        ("ГУ МВД по г. Самаре", True, False),
        ("УФСИН России по Тверской области", True, False),
    ]


# --- Russian chunker: what is not one body ------------------------------------------


def test_bodies_of_several_states_and_gatherings_are_no_body():
    assert ru_chunks("Встретились представители прокуратуры стран Азии.") == []
    found = ru_chunks("Делегаты провели общее собрание Международной ассоциации юристов.")
    assert [name for name, _a, _n in found] == ["Международная ассоциация юристов"]


def test_a_second_title_after_a_dash_ends_the_name():
    text = "Выступил председатель исполкома – исполнительный секретарь Содружества."
    assert not any("секретарь" in name for name, _a, _n in ru_chunks(text))


def test_a_body_attached_to_the_president_in_lower_case():
    text = "Лекцию прочли в Академии государственного управления при президенте Республики Казахстан."
    assert ru_chunks(text)[0][0] == "Академия государственного управления при президенте Республики Казахстан"


def test_the_countrys_prosecutor_is_the_texts_states(gazetteer):
    text = (
        "Республика Казахстан приняла закон. Казахстан готовит реформу, сообщила Генпрокуратура страны. "
        "Генпрокуратуры двух стран подписали план."
    )
    found = names(text, gazetteer)
    assert not any("страны" in n or "стран" in n for n in found)


@pytest.mark.parametrize(("surface", "kept"), [("Агентства", None), ("Сенат", "Сенат")])
def test_a_bare_head_refers_back_but_a_legislature_is_named_alone(surface, kept):
    assert organizations.usable_ner_name(surface, set(), False, False) == kept


# --- linking ---------------------------------------------------------------------


def test_another_bodys_general_assembly_is_not_the_uns(gazetteer):
    found = names("Генеральная ассамблея Интерпола собралась в Лионе.", gazetteer)
    assert "Генеральная Ассамблея Организации Объединенных Наций" not in found
    found = names(
        "The INTERPOL General Assembly met in Lyon. The General Assembly elected a president.", gazetteer
    )
    assert "United Nations General Assembly" not in found


def test_the_uns_general_assembly_when_the_text_names_the_un(gazetteer):
    found = names("Доклад ООН обсудит Генеральная Ассамблея.", gazetteer)
    assert "Генеральная Ассамблея Организации Объединенных Наций" in found


def test_a_bare_conference_of_the_parties_goes_to_the_convention_the_text_names(gazetteer):
    text = (
        "The United Nations Convention against Transnational Organized Crime turned twenty. "
        "The Conference of the Parties met in Vienna to review it."
    )
    found = names(text, gazetteer)
    assert (
        "Conference of the Parties to the United Nations Convention against Transnational Organized Crime"
        in found
    )
    assert "Conference of the States Parties to the United Nations Convention against Corruption" not in found


def test_a_kind_of_body_before_its_title_gives_the_title_as_a_name(gazetteer):
    found = forms("Сделку одобрил фонд Northern Lights Capital, сообщил его представитель.", gazetteer)
    assert any("Northern Lights Capital" in aliases for aliases in found.values())


def test_a_post_word_does_not_start_a_body():
    assert ru_chunks("Он стал главой администрации Президента.")[0][0] == "администрация Президента"


def test_a_capitalized_short_name_is_the_registry_body_of_the_texts_state(gazetteer):
    text = "В Казахстане начата проверка. Об этом сообщило Агентство по противодействию коррупции."
    found = analyze("test.txt", text, gazetteer).contract["organizations"]
    assert [o.get("key") for o in found] == ["kaz-anticorruption"]
    assert "Агентство по противодействию коррупции" in found[0]["aliases"]


def test_an_abbreviation_with_a_case_ending_is_the_abbreviation():
    assert organizations.usable_ner_name("МИДе", set(), False, False) == "МИД"


def test_an_office_is_a_head_noun():
    assert ru_chunks("Деньги выделил Офис переходных инициатив.")[0][0] == "Офис переходных инициатив"
