"""The pipeline's shared morphology helpers (`pipeline.morphology`): plain functions, no database."""

from accord.extraction.pipeline import morphology


def test_readings_lemmas_cases_and_parts_of_speech():
    assert morphology.lemma("Прокуратуры") == "прокуратура"
    assert morphology.lemma("Объём") == "объем"  # ё read as е
    assert "gent" in morphology.cases("совета")
    assert "NOUN" in morphology.pos("Комитет")
    assert morphology.parses("совет") is morphology.parses("совет")  # one cache for every stage


def test_abbreviations_names_and_capitals():
    assert morphology.is_abbreviation("СНГ") and morphology.is_abbreviation("UNODC")
    assert not morphology.is_abbreviation("Совет") and not morphology.is_abbreviation("A")
    assert morphology.is_name("Ивановым") and not morphology.is_name("ивановым")
    assert morphology.restore_case("КНДР", "кндр") == "КНДР"
    assert morphology.restore_case("Северо-Западной", "северо-западная") == "Северо-Западная"
    assert morphology.restore_case("совета", "совет") == "совет"


def test_a_phrase_in_the_nominative_keeps_its_complement():
    assert morphology.nominative_phrase("Постоянного комитета Совета безопасности") == (
        "Постоянный комитет Совета безопасности"
    )
    assert morphology.nominative_phrase("ОДКБ") == "ОДКБ"


def test_a_genitive_chain_ends_before_the_verb():
    text = "заседание Совета министров обороны прошло спокойно"
    end = morphology.genitive_chain_end(text, len("заседание"), len(text))
    assert text[:end] == "заседание Совета министров обороны"
