"""`localized`: one attribute reads a record's Russian or English text by the active language."""

from types import SimpleNamespace

from django.apps import apps
from django.utils import translation

from accord.core.models import language_order, localized


class Place(SimpleNamespace):
    city = localized("city")
    short = localized("short", other_language=False)
    title = localized("title", fallback=lambda self: f"Place no. {self.number}")


def test_the_active_language_comes_first_and_russian_is_the_default():
    with translation.override("en"):
        assert language_order() == ("en", "ru")
    with translation.override("ru"):
        assert language_order() == ("ru", "en")
    with translation.override(None):
        assert language_order() == ("ru", "en")


def test_each_language_reads_its_own_text():
    place = Place(city_ru="Минск", city_en="Minsk", title_ru="", title_en="", number=1)
    with translation.override("ru"):
        assert place.city == "Минск"
    with translation.override("en"):
        assert place.city == "Minsk"


def test_an_empty_text_falls_back_to_the_other_language_then_to_the_fallback():
    place = Place(city_ru="", city_en="Minsk", title_ru="", title_en="", number=7)
    with translation.override("ru"):
        assert place.city == "Minsk"
        assert place.title == "Place no. 7"
    place.city_en = ""
    assert place.city == ""


def test_it_is_a_read_only_property_typed_as_text():
    """The admin and drf-spectacular inspect properties; the return type documents the API field as a string."""
    assert isinstance(Place.__dict__["city"], property)
    assert Place.__dict__["city"].fget.__annotations__["return"] is str


def test_bilingual_models_read_their_name_through_it():
    state = apps.get_model("registry", "State")(name_ru="Армения", name_en="Armenia")
    with translation.override("en"):
        assert state.name == "Armenia"
    with translation.override("ru"):
        assert state.name == "Армения"


def test_an_abbreviation_never_crosses_languages():
    """КСГП is no abbreviation to an English reader: with none in English, the page falls back to the full name."""
    place = Place(short_ru="КСГП", short_en="", number=1)
    with translation.override("en"):
        assert place.short == ""
    with translation.override("ru"):
        assert place.short == "КСГП"
