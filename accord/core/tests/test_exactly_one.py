"""`ExactlyOne`: a row names one of several records, kept by the database and by `clean()` alike."""

from types import SimpleNamespace

import pytest
from django.apps import apps
from django.core.exceptions import ValidationError
from django.db import models

from accord.core.models import ExactlyOne

ACTOR = ExactlyOne(
    ("state", "organization", "person"),
    name="thing_exactly_one_actor",
    message="Name one actor.",
)


def row(**ids) -> SimpleNamespace:
    """A stand-in row: only the `<field>_id` attributes the rule reads."""
    return SimpleNamespace(**{f"{name}_id": ids.get(name) for name in ("state", "organization", "person")})


def test_the_constraint_allows_each_field_alone_and_nothing_else():
    constraint = ACTOR.constraint()
    assert constraint.name == "thing_exactly_one_actor"
    assert constraint.condition == (
        models.Q(state__isnull=False, organization__isnull=True, person__isnull=True)
        | models.Q(state__isnull=True, organization__isnull=False, person__isnull=True)
        | models.Q(state__isnull=True, organization__isnull=True, person__isnull=False)
    )


def test_a_prefix_names_the_columns():
    rule = ExactlyOne(("state", "person"), name="x", message="m", prefix="proposer_")
    assert rule.constraint().condition == models.Q(
        proposer_person__isnull=True, proposer_state__isnull=False
    ) | (models.Q(proposer_person__isnull=False, proposer_state__isnull=True))
    assert rule.chosen(SimpleNamespace(proposer_state_id=None, proposer_person_id=4)) == ["person"]


def test_validate_returns_the_one_field_set():
    assert ACTOR.validate(row(organization=7)) == "organization"
    assert ACTOR.is_satisfied(row(person=1))


@pytest.mark.parametrize("ids", [{}, {"state": 1, "person": 2}, {"state": 1, "organization": 2, "person": 3}])
def test_none_or_several_is_refused_with_the_declared_message(ids):
    assert not ACTOR.is_satisfied(row(**ids))
    with pytest.raises(ValidationError) as raised:
        ACTOR.validate(row(**ids))
    assert raised.value.messages == ["Name one actor."]


def test_the_models_that_name_one_record_declare_it_through_the_helper():
    """Their CHECK constraints are those the helper builds (same names, so no migration to the database)."""
    expected = {
        "meetings.Participation": "participation_exactly_one_participant",
        "registry.Alias": "alias_exactly_one_target",
        "registry.Membership": "membership_exactly_one_member",
        "news.NewsLink": "newslink_exactly_one_target",
        "cooperation.Initiative": "initiative_exactly_one_proposer",
        "cooperation.InitiativeSupport": "initiative_support_exactly_one_supporter",
        "cooperation.AgreementParty": "agreement_party_exactly_one",
    }
    for label, name in expected.items():
        model = apps.get_model(label)
        constraint = next(c for c in model._meta.constraints if c.name == name)
        alternatives = constraint.condition.children
        assert constraint.condition.connector == models.Q.OR, label
        assert all(sum(value is False for _lookup, value in alt.children) == 1 for alt in alternatives), label
        assert len(alternatives) == len(alternatives[0].children), label
