"""One definition of a record's confidentiality level, read the same way by every app."""

from django.apps import apps
from django.utils import translation

from accord.core.choices import Confidentiality
from accord.core.models import confidentiality_field


def test_the_field_is_a_short_choice_of_levels_restricted_unless_told():
    field = confidentiality_field()
    assert field.max_length == 16
    assert field.choices == Confidentiality.choices
    assert field.default == Confidentiality.RESTRICTED
    with translation.override("en"):
        assert str(field.verbose_name) == "confidentiality"


def test_a_default_and_a_help_text_are_the_records_own():
    field = confidentiality_field(default=Confidentiality.PUBLIC, help_text="who reads it")
    assert field.default == Confidentiality.PUBLIC
    assert field.help_text == "who reads it"


def test_every_record_with_a_level_declares_it_through_the_factory():
    """Beside its default and help text, each model's column deconstructs like the shared one."""
    shared = confidentiality_field().deconstruct()
    declared = []
    for model in apps.get_models():
        field = next(
            (f for f in model._meta.concrete_fields if f.name == "confidentiality" and f.choices), None
        )
        if field is None:
            continue
        declared.append(model._meta.label)
        _name, path, args, kwargs = field.deconstruct()
        kwargs.pop("help_text", None)
        kwargs["default"] = Confidentiality.RESTRICTED
        assert (path, args, kwargs) == shared[1:], model._meta.label
    assert {"meetings.Meeting", "documents.Document", "followup.Recommendation"} <= set(declared)
