"""The registry's name index, which documents search and extraction's gazetteer both read."""

import pytest

from accord.registry.choices import AliasKind
from accord.registry.models import Alias
from accord.registry.names import ORGANIZATION, PERSON, STATE, name_index
from accord.registry.tests.factories import OrganizationFactory, PersonFactory, StateFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def registry():
    state = StateFactory(
        iso3="QNA",
        name_ru="Нагория",
        name_en="Nagoria",
        official_name_ru="Республика Нагория",
        official_name_en="",
    )
    parent = OrganizationFactory(slug="nag-gov", name_ru="Правительство Нагории", name_en="")
    ministry = OrganizationFactory(
        name_ru="Министерство юстиции Нагории",
        name_en="Ministry of Justice of Nagoria",
        abbreviation_ru="МЮН",
        state=state,
        parent=parent,
    )
    person = PersonFactory(
        given_name_ru="Анна", family_name_ru="Петрова", given_name_en="", family_name_en=""
    )
    Alias.objects.create(text="нагорийский", language="ru", kind=AliasKind.ADJECTIVE, state=state)
    Alias.objects.create(text="Нагорск", language="ru", kind=AliasKind.CAPITAL, state=state)
    Alias.objects.create(text="Минюст Нагории", language="ru", kind=AliasKind.SHORT, organization=ministry)
    return {"state": state, "parent": parent, "ministry": ministry, "person": person}


def test_every_record_with_its_key_names_and_aliases(registry):
    index = name_index()
    state = index.records[(STATE, registry["state"].pk)]
    assert (state.key, state.name_ru, state.name_en) == ("QNA", "Нагория", "Nagoria")
    assert state.other_names == ("Республика Нагория", "")  # official names as stored
    assert [(a.text, a.kind) for a in state.aliases] == [
        ("Нагорск", AliasKind.CAPITAL),
        ("нагорийский", AliasKind.ADJECTIVE),
    ]
    ministry = index.records[(ORGANIZATION, registry["ministry"].pk)]
    assert ministry.key == str(registry["ministry"].pk)  # no slug: its id
    assert (ministry.state, ministry.parent, ministry.other_names) == ("QNA", "nag-gov", ("МЮН",))
    assert [a.text for a in ministry.aliases] == ["Минюст Нагории"]
    person = index.records[(PERSON, registry["person"].pk)]
    assert (person.key, person.name_ru, person.name_en) == (str(registry["person"].pk), "Анна Петрова", "")
    assert person.other_names == ("Анна Петрова",)


def test_names_are_the_complete_names_without_aliases(registry):
    index = name_index()
    assert index.records[(STATE, registry["state"].pk)].names() == {
        "Нагория",
        "Nagoria",
        "Республика Нагория",
    }
    assert index.records[(ORGANIZATION, registry["parent"].pk)].names() == {"Правительство Нагории"}
    lone = PersonFactory(given_name_ru="", family_name_ru="Сидоров", given_name_en="", family_name_en="")
    record = name_index().records[(PERSON, lone.pk)]
    assert record.name_ru == "Сидоров" and record.names() == set()  # a family name alone is not a name


def test_records_and_aliases_keep_the_registry_order(registry):
    index = name_index()
    kinds = [record.kind for record in index.records.values()]
    assert kinds == sorted(kinds, key=[STATE, ORGANIZATION, PERSON].index)
    assert [a.text for a in index.aliases] == sorted(a.text for a in index.aliases)
    assert [r.key for r in index.of_kind(STATE)] == ["QNA"]


def test_the_index_is_kept_until_a_name_changes(registry, django_assert_num_queries):
    first = name_index()
    with django_assert_num_queries(4):  # one look at each table, no rebuild
        assert name_index() is first
    registry["state"].name_en = "Nagoria Republic"
    registry["state"].save()
    changed = name_index()
    assert changed is not first
    assert changed.records[(STATE, registry["state"].pk)].name_en == "Nagoria Republic"


def test_a_recent_look_will_do_when_allowed_but_changes_here_are_seen_at_once(
    registry, django_assert_num_queries
):
    first = name_index()
    with django_assert_num_queries(0):
        assert name_index(max_age=30) is first
    Alias.objects.create(text="Нагорье", language="ru", kind=AliasKind.OTHER, state=registry["state"])
    assert "Нагорье" in {a.text for a in name_index(max_age=30).aliases}  # the signal said so


# ---- Finding records by what people type ---------------------------------------------------------


@pytest.fixture
def president():
    """A person known to the registry by Russian names only: Latin spellings come from transliteration."""
    return PersonFactory(
        family_name_ru="Токаев",
        given_name_ru="Касым-Жомарт",
        patronymic_ru="Кемелевич",
        family_name_en="",
        given_name_en="",
    )


@pytest.mark.parametrize(
    "typed",
    [
        "Tokayev",
        "Tokaev",
        "tokaev",
        "Kassym-Jomart",
        "Kasym-Zhomart Tokayev",
        "TOKAYEV",
        "Токаев",
        "токаева",
        "Tok",
    ],
)
def test_a_person_is_found_by_any_common_latin_spelling_of_a_cyrillic_name(president, typed):
    found = name_index().find(typed)
    assert [(r.kind, r.pk) for r in found][:1] == [(PERSON, president.pk)]


def test_a_latin_spelling_that_names_someone_else_finds_nobody(president):
    assert name_index().find("Tokarev") == []
    assert name_index().find("Kassym Petrov") == []


def test_a_body_is_found_by_its_english_abbreviation_and_a_state_by_an_inflected_name(registry):
    OrganizationFactory(name_ru="Управление ООН по наркотикам и преступности", abbreviation_en="UNODC")
    assert [r.name_ru for r in name_index().find("unodc")] == ["Управление ООН по наркотикам и преступности"]
    assert [r.kind for r in name_index().find("Нагории")][:1] == [STATE]
    assert name_index().find("Nagoria", kinds=(ORGANIZATION,))[0].name_en == "Ministry of Justice of Nagoria"


def test_a_near_miss_is_answered_with_the_nearest_names(president, registry):
    assert name_index().find("Tokaiev") == []
    suggested = name_index().suggest("Tokaiev")
    assert suggested and suggested[0][0].pk == president.pk
    assert name_index().suggest("Qwxzv") == []


def test_fold_ignores_case_diacritics_yo_and_doubled_letters():
    from accord.registry.names import fold, latin_spellings

    assert fold("Kassym-Jomart  TOKAYEV") == "kasym jomart tokayev"
    assert fold("Ёлкин Šćukin") == "елкин scukin"
    assert {"tokayev", "tokaev"} <= latin_spellings("Токаев")
    assert latin_spellings("Tokayev") == set()
    # Kazakh letters are spelled as Russian spells them.
    assert "kasymuly" in latin_spellings("Қасымұлы")
