"""The inherited-visibility queryset: a child row is seen exactly when its parent is.

Core sits below every app, so the models come from the app registry by label,
never by import.
"""

import pytest
from django.apps import apps
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import EmptyResultSet, ImproperlyConfigured

from accord.core.querysets import InheritedVisibilityQuerySet


def inheriting_models() -> list:
    """Every installed model whose default queryset inherits its visibility."""
    return [
        model
        for model in apps.get_models()
        if isinstance(model._default_manager.all(), InheritedVisibilityQuerySet)
    ]


def sql(queryset) -> str:
    """The statement a queryset runs, or "empty" when Django knows it matches nothing."""
    try:
        return str(queryset.query)
    except EmptyResultSet:
        return "empty"


def test_the_children_of_meetings_documents_requests_initiatives_agreements_and_recommendations_inherit():
    labels = {model._meta.label for model in inheriting_models()}
    assert {
        "meetings.AgendaItem",
        "meetings.Participation",
        "meetings.Outcome",
        "extraction.Extraction",
        "extraction.Mention",
        "legal_cooperation.RequestEvent",
        "cooperation.InitiativeSupport",
        "cooperation.AgreementParty",
        "followup.StatusUpdate",
        "followup.Evidence",
    } <= labels


@pytest.mark.django_db
@pytest.mark.parametrize("who", ["anonymous", "no_role", "secretariat", "focal_point"])
def test_a_child_is_filtered_by_its_parents_own_rule(who, request):
    user = AnonymousUser() if who == "anonymous" else request.getfixturevalue(f"{who}_user")
    for model in inheriting_models():
        queryset = model._default_manager.all()
        path = queryset.parent_path
        parent = queryset.parent_model(model)
        parents = getattr(parent._default_manager.all(), queryset.parent_method)(user)
        expected = model._default_manager.filter(**{f"{path}__in": parents})
        # A child may narrow further (a follow-up report is public only once assessed): the
        # inherited part is what this test pins, the narrowing is its app's to test.
        inherited = InheritedVisibilityQuerySet.visible_to(queryset, user)
        assert sql(inherited) == sql(expected), model._meta.label


def test_a_path_of_two_relations_is_walked_to_the_grandparent():
    model = apps.get_model("meetings", "Outcome")

    class ThroughAgendaItem(InheritedVisibilityQuerySet):
        parent_path = "agenda_item__meeting"

    assert ThroughAgendaItem.parent_model(model) is apps.get_model("meetings", "Meeting")


def test_the_parents_method_can_be_named():
    model = apps.get_model("meetings", "Participation")
    meeting = apps.get_model("meetings", "Meeting")

    class EditableWithMeeting(InheritedVisibilityQuerySet):
        parent_path = "meeting"
        parent_method = "editable_by"

    queryset = EditableWithMeeting(model=model).visible_to(AnonymousUser())
    expected = model._default_manager.filter(
        meeting__in=meeting._default_manager.editable_by(AnonymousUser())
    )
    assert sql(queryset) == sql(expected)


def test_a_missing_or_wrong_parent_path_is_a_configuration_error():
    model = apps.get_model("meetings", "Participation")

    class Orphan(InheritedVisibilityQuerySet):
        pass

    class NotARelation(InheritedVisibilityQuerySet):
        parent_path = "note"

    with pytest.raises(ImproperlyConfigured):
        Orphan.parent_model(model)
    with pytest.raises(ImproperlyConfigured):
        NotARelation.parent_model(model)
