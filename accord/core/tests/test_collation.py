"""Alphabetical order in the reader's language, in SQL (`by_name`) and in Python (`sort_key`, choice lists)."""

import pytest
from django import forms
from django.utils import translation

from accord.core.collation import by_name, collated, sort_key
from accord.core.forms import BootstrapFormMixin
from accord.registry.models import State
from accord.registry.tests.factories import StateFactory

# Russian and English alphabetical orders of these four disagree.
NAMES = [("Франция", "France"), ("Япония", "Japan"), ("Германия", "Germany"), ("Китай", "China")]
RUSSIAN_ORDER = ["Германия", "Китай", "Франция", "Япония"]
ENGLISH_ORDER = ["China", "France", "Germany", "Japan"]


def test_sort_key_follows_the_alphabet_of_the_language():
    russian = [ru for ru, _ in NAMES]
    assert collated(russian, language="ru") == RUSSIAN_ORDER
    assert collated(["Ёлка", "Ель", "Египет", "Жуковка", "Евразия"], language="ru") == [
        "Евразия",
        "Египет",
        "Ёлка",
        "Ель",
        "Жуковка",
    ]
    assert collated(["Zambia", "Åland", "Côte d'Ivoire", "Cuba", "Austria"], language="en") == [
        "Åland",
        "Austria",
        "Côte d'Ivoire",
        "Cuba",
        "Zambia",
    ]


def test_each_language_lists_its_own_script_first():
    assert sort_key("Яна", "ru") < sort_key("Anna", "ru")
    assert sort_key("Anna", "en") < sort_key("Яна", "en")


@pytest.mark.django_db
def test_by_name_orders_rows_in_the_database_by_the_readers_collation():
    """On PostgreSQL the ICU collations; on SQLite the same names, registered on each connection."""
    for ru, en in NAMES:
        StateFactory(name_ru=ru, name_en=en)
    states = State.objects.filter(name_ru__in=RUSSIAN_ORDER)
    with translation.override("ru"):
        assert [s.name for s in states.order_by(by_name())] == RUSSIAN_ORDER
    with translation.override("en"):
        assert [s.name for s in states.order_by(by_name())] == ENGLISH_ORDER


class StateChoiceForm(BootstrapFormMixin, forms.Form):
    state = forms.ModelChoiceField(queryset=State.objects.filter(name_en__in=ENGLISH_ORDER), empty_label="—")


@pytest.mark.django_db
def test_a_choice_list_of_states_is_in_the_readers_order_whatever_the_querysets():
    """The queryset is built once, at import, ordered by English name: a Russian reader still sees А–Я."""
    for ru, en in NAMES:
        StateFactory(name_ru=ru, name_en=en)
    with translation.override("ru"):
        labels = [label for value, label in StateChoiceForm().fields["state"].choices]
        assert labels == ["—", *RUSSIAN_ORDER]
        assert "Германия" in str(StateChoiceForm()["state"]).split("Китай")[0]
    with translation.override("en"):
        assert [label for value, label in StateChoiceForm().fields["state"].choices] == ["—", *ENGLISH_ORDER]
