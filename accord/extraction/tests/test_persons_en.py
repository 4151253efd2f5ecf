"""English persons and posts: names marked by a given-name lexicon, honorifics, titles and lists.

Every sentence and every name here is invented for the tests.
"""

import pytest

from accord.documents.search.analysis import terms
from accord.extraction.pipeline import persons_en
from accord.extraction.pipeline.assemble import analyze
from accord.extraction.pipeline.gazetteer import Entry, Gazetteer


@pytest.fixture(scope="module")
def gazetteer() -> Gazetteer:
    entries = [
        Entry("state", "RUS", "Россия", "Russia", ["Russian Federation"]),
        Entry("state", "KAZ", "Казахстан", "Kazakhstan", ["Republic of Kazakhstan"]),
        Entry("organization", "undp", "ПРООН", "United Nations Development Programme", ["UNDP"]),
        Entry("person", "7", "Марта Новак", "Marta Novák", ["Marta Novák", "Marta Novak"]),
        Entry("place", "Geneva", "", "Geneva", [], state="CHE"),
    ]
    return Gazetteer(entries, terms, [])


def people(text: str, gazetteer: Gazetteer) -> dict[str, list[str]]:
    """Surname → post titles."""
    found = analyze("test.txt", text, gazetteer).contract["persons"]
    return {p["surname"]: [post["title"] for post in p["posts"]] for p in found}


def test_the_lexicon_ships_with_a_package_and_holds_given_names_only():
    names = persons_en.given_names()
    assert {"maria", "tomasz", "hamid"} <= names
    assert "thematic" not in names
    assert "money" not in persons_en.common_given_names()  # rare as a name: no person on its own


def test_a_common_given_name_marks_a_person_without_a_title(gazetteer):
    assert set(people("The draft was prepared by Helena Marwick and circulated in Geneva.", gazetteer)) == {
        "Marwick"
    }


def test_capitalized_words_without_a_given_name_are_no_person(gazetteer):
    text = (
        "The Thematic Review Panel noted the Money Supply Index. "
        "Delegates from the Crown Estate and the Basel Institute attended."
    )
    assert people(text, gazetteer) == {}


def test_bare_titles_and_abbreviations_of_bodies_are_no_people(gazetteer):
    text = "The Deputy Secretary and the Resident Representative of UNDP visited the ARB Chairperson."
    assert people(text, gazetteer) == {}


def test_honorifics_initials_particles_and_suffixes(gazetteer):
    text = (
        "The session was opened by H.E. Tomasz K. Wielgosz. Speakers included Dr. Hamid bin Rashid "
        "Al-Qasimi, Ludwig van der Berg and Robert E. Marsh Jr., Chair of the Audit Panel."
    )
    found = people(text, gazetteer)
    assert set(found) == {"Wielgosz", "Al-Qasimi", "van der Berg", "Marsh"}
    assert found["Marsh"] == ["Chair of the Audit Panel"]


def test_a_family_name_of_two_words_after_the_given_name(gazetteer):
    text = "The Attorney General, Lucia Ferreira Montalvo, received the delegation."
    assert people(text, gazetteer) == {"Ferreira Montalvo": ["Attorney General"]}


def test_an_east_asian_name_keeps_its_family_name_first(gazetteer):
    text = "Commissioner Zhao Mingde and Ms Kim Sun-Hee, Director of the Bureau, signed the plan."
    found = people(text, gazetteer)
    assert set(found) == {"Zhao", "Kim"}
    assert found["Kim"] == ["Director of the Bureau"]


def test_an_apposition_does_not_swallow_the_next_delegates_title(gazetteer):
    text = (
        "Reporters may question the Director of the Regional Office (RO) Pavel Horak, the Minister of "
        "Finance of Kazakhstan, Elena Castell, the Minister of Trade of Kazakhstan, Oscar Lindgren, and others."
    )
    found = people(text, gazetteer)
    assert found["Horak"] == ["Director of the Regional Office (RO)"]
    assert found["Castell"] == ["Minister of Finance of Kazakhstan"]
    assert found["Lindgren"] == ["Minister of Trade of Kazakhstan"]


def test_titles_after_the_names_stay_with_them(gazetteer):
    text = (
        "The forum was opened by Mr Samuel Okafor, Chief Justice of Kazakhstan, Ms Irene Dubois, "
        "Chair of the Council and Head of the Bureau, and other guests."
    )
    found = people(text, gazetteer)
    assert found["Okafor"] == ["Chief Justice of Kazakhstan"]
    assert sorted(found["Dubois"]) == ["Chair of the Council", "Head of the Bureau"]


def test_list_items_end_at_semicolons(gazetteer):
    text = (
        "The course was opened by Peter Hollis, Head of the Unit; Ambassador Greta Solberg, Head of "
        "the Mission; and Daniel Osei, Senior Adviser at the Secretariat."
    )
    found = people(text, gazetteer)
    assert found["Hollis"] == ["Head of the Unit"]
    assert sorted(found["Solberg"]) == ["Ambassador", "Head of the Mission"]
    assert found["Osei"] == ["Senior Adviser at the Secretariat"]


def test_a_hyphenated_title_is_one_title(gazetteer):
    found = people("Prosecutor-General Viktor Lindholm said the review was over.", gazetteer)
    assert found == {"Lindholm": ["Prosecutor-General"]}


def test_a_title_before_a_comma_and_an_honorific_is_joined_to_the_name(gazetteer):
    text = "The meeting heard the Prosecutor General of Kazakhstan, Mr. Anton Vasko, on extradition."
    assert people(text, gazetteer) == {"Vasko": ["Prosecutor General of Kazakhstan"]}


def test_a_title_before_an_honorific_phrase(gazetteer):
    text = "It will be opened by the Honourable Minister of Justice of Kazakhstan, His Excellency, Mr. Karim Seitov."
    assert people(text, gazetteer) == {"Seitov": ["Minister of Justice of Kazakhstan"]}


def test_two_posts_joined_by_a_slash(gazetteer):
    text = "Ms Clara Benning, President of the Audit Board/Secretary of the Treasury, spoke first."
    assert sorted(people(text, gazetteer)["Benning"]) == [
        "President of the Audit Board",
        "Secretary of the Treasury",
    ]


def test_coordinated_items_each_take_their_own_title(gazetteer):
    text = "The Chief Prosecutor of Kazakhstan, Arman Tulegen and Russia's Chief Prosecutor, Ivan Sokolov, signed it."
    found = people(text, gazetteer)
    assert found["Tulegen"] == ["Chief Prosecutor of Kazakhstan"]
    assert found["Sokolov"] == ["Russia's Chief Prosecutor"]


def test_a_plural_title_is_no_post_of_the_name_before_it(gazetteer):
    text = "The President of the Assembly, Oscar Lindgren, Ministers from four states and experts attended."
    assert people(text, gazetteer) == {"Lindgren": ["President of the Assembly"]}


def test_a_registry_person_keeps_the_surname_as_the_text_spells_it(gazetteer):
    found = people("The report was presented by Marta NOVAK, Rapporteur of the Panel.", gazetteer)
    assert list(found) == ["Novak"]


def test_a_title_after_the_name_without_a_comma_and_a_lower_case_title_before_it(gazetteer):
    text = "Present were Sarah Lindqvist Programme Analyst; and the ARB chief Omar Haddad."
    found = people(text, gazetteer)
    assert found["Lindqvist"] == ["Programme Analyst"]
    assert found["Haddad"] == ["ARB chief"]


def test_a_surname_after_a_title_alone_and_a_possessive(gazetteer):
    text = "President Tarkhanov said the law would pass. Helena Marwick's report and Minister Ovezov's visit followed."
    assert set(people(text, gazetteer)) == {"Tarkhanov", "Marwick", "Ovezov"}


def test_a_title_word_before_a_common_word_is_no_person(gazetteer):
    text = "The Deputy Director Level posts and the Vice-Minister Level of the office were discussed."
    assert people(text, gazetteer) == {}


def test_english_persons_are_mentions_and_a_short_mention_names_the_full_person(gazetteer):
    text = "Ambassador Greta Solberg opened the course. Later Ambassador Solberg closed it."
    analysis = analyze("test.txt", text, gazetteer)
    mentions = [(m.text, m.normal) for m in analysis.mentions if m.type == "person"]
    assert mentions == [("Greta Solberg", "Greta Solberg"), ("Solberg", "Greta Solberg")]
    assert [p["surname"] for p in analysis.contract["persons"]] == ["Solberg"]


def test_a_post_given_as_a_predicate(gazetteer):
    text = "The Bureau elected Ms. Maria Oyelaran (Ruritania) as Chair and Mr. Peter Holm as Rapporteur."
    assert people(text, gazetteer) == {"Oyelaran": ["Chair"], "Holm": ["Rapporteur"]}


def test_place_names_that_begin_with_a_given_name_are_no_people(gazetteer):
    text = "Delegates travelled from Saint Petersburg and Victoria Falls to the session."
    assert people(text, gazetteer) == {}


def test_a_title_runs_back_over_the_bodys_name_but_not_over_a_weekday(gazetteer):
    text = "On Monday Anti-Fraud Agency Chairman Olzhas Temirov said the plan was fulfilled."
    assert people(text, gazetteer) == {"Temirov": ["Anti-Fraud Agency Chairman"]}


def test_one_post_described_twice_is_one_post(gazetteer):
    text = (
        "Dr. Selim Haddad, Head of the Unit, opened the day. Later Dr. Selim Haddad, Head of the "
        "Financial Unit, and Ms Ana Ruiz, Head of Protocol and Chair of the Board, closed it."
    )
    found = people(text, gazetteer)
    assert found["Haddad"] == ["Head of the Unit"]
    assert sorted(found["Ruiz"]) == ["Chair of the Board", "Head of Protocol"]


def test_labelled_lists_and_names_alone_on_their_lines(gazetteer):
    text = (
        "Elected: Chair: Mr. Tomas Varga (Ruritania); Vice-Chairs: Ms. Ana Ruiz (Kazakhstan) and "
        "Mr. Kofi Mensah (Russia).\n\nPanel\nMr. Jonas Petrauskas\nDirector, Crime Service\n"
    )
    found = people(text, gazetteer)
    assert found["Varga"] == ["Chair"]
    assert found["Ruiz"] == found["Mensah"] == ["Vice-Chair"]
    assert found["Petrauskas"] == ["Director"]


def test_a_plural_title_before_coordinated_names_is_each_ones_post(gazetteer):
    text = "The Prosecutors General of Ruritania and Kazakhstan, Anna Vardan and Irakli Shota, attended."
    found = people(text, gazetteer)
    assert found["Vardan"] == found["Shota"] == ["Prosecutor General of Ruritania and Kazakhstan"]


def test_header_labels_and_generational_suffixes(gazetteer):
    text = "Distr.: General\nOriginal: English\n\nThe prize was shared by Martin Van Buren III and Mr Charles de Gaulle Jr."
    assert set(people(text, gazetteer)) == {"Van Buren", "de Gaulle"}
