"""Row rules: exactly one proposer or supporter, agreement dates, append-only history."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction

from accord.cooperation.models import Agreement, Initiative, InitiativeStep, InitiativeSupport
from accord.cooperation.services import create_initiative, record_initiative_step
from accord.cooperation.tests.factories import AgreementFactory, InitiativeFactory, PlannedActivityFactory
from accord.registry.tests.factories import OrganizationFactory, StateFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]  # the tests read English texts


def test_initiative_needs_exactly_one_proposer():
    state, organization = StateFactory(), OrganizationFactory()
    none = Initiative(title_en="x")
    with pytest.raises(ValidationError, match="exactly one proposer"):
        none.full_clean()
    two = Initiative(title_en="x", proposer_state=state, proposer_organization=organization)
    with pytest.raises(ValidationError, match="exactly one proposer"):
        two.full_clean()
    with pytest.raises(IntegrityError), transaction.atomic():
        Initiative.objects.create(title_en="x")
    Initiative(title_en="x", proposer_organization=organization).full_clean()


def test_initiative_topics_and_title_are_checked():
    with pytest.raises(ValidationError) as error:
        Initiative(proposer_state=StateFactory(), topics=["astrology"]).full_clean()
    assert {"title_ru", "topics"} <= set(error.value.message_dict)


def test_support_needs_exactly_one_supporter_once():
    initiative = InitiativeFactory()
    state = StateFactory()
    with pytest.raises(ValidationError, match="exactly one supporter"):
        InitiativeSupport(initiative=initiative).full_clean()
    InitiativeSupport.objects.create(initiative=initiative, state=state)
    with pytest.raises(ValidationError, match="already supports"):
        InitiativeSupport(initiative=initiative, state=state).full_clean()


def test_agreement_dates_follow_each_other():
    agreement = Agreement(
        kind="bilateral",
        title_en="A",
        status="in_force",
        signed_on=datetime.date(2024, 5, 1),
        entry_into_force_on=datetime.date(2024, 4, 1),
        expires_on=datetime.date(2024, 3, 1),
    )
    with pytest.raises(ValidationError) as error:
        agreement.full_clean()
    assert {"entry_into_force_on", "expires_on"} <= set(error.value.message_dict)
    with pytest.raises(ValidationError) as error:
        Agreement(kind="plan", title_en="A", status="signed").full_clean()
    assert "signed_on" in error.value.message_dict
    Agreement(kind="plan", title_en="A").full_clean()  # a draft needs no dates
    with pytest.raises(IntegrityError), transaction.atomic():
        AgreementFactory(signed_on=datetime.date(2024, 5, 1), entry_into_force_on=datetime.date(2024, 1, 1))


def test_activity_dates_and_meeting_rule():
    activity = PlannedActivityFactory.build(
        agreement=AgreementFactory(), start_on=datetime.date(2025, 3, 1), end_on=datetime.date(2025, 2, 1)
    )
    with pytest.raises(ValidationError) as error:
        activity.full_clean()
    assert "end_on" in error.value.message_dict


def test_history_is_append_only_and_moves_the_status(secretariat_user):
    initiative = create_initiative(
        Initiative(
            title_en="Digital sessions",
            proposer_state=StateFactory(),
            proposed_on=datetime.date(2021, 12, 14),
        ),
        acting_user=secretariat_user,
    )
    first = initiative.steps.get()
    assert (first.status, first.taken_on, first.recorded_by) == (
        "under_discussion",
        datetime.date(2021, 12, 14),
        secretariat_user,
    )
    record_initiative_step(
        initiative, acting_user=secretariat_user, status="implemented", taken_on=datetime.date(2023, 1, 1)
    )
    initiative.refresh_from_db()
    assert initiative.status == "implemented" and initiative.steps.count() == 2
    first.note_ru = "rewritten"
    with pytest.raises(ValidationError, match="append-only"):
        first.save()
    with pytest.raises(ValidationError, match="append-only"):
        first.delete()
    assert InitiativeStep.objects.filter(note_ru="rewritten").count() == 0
    with pytest.raises(ValidationError) as error:
        record_initiative_step(
            initiative, acting_user=secretariat_user, status="implemented", taken_on=datetime.date(2020, 1, 1)
        )
    assert "taken_on" in error.value.message_dict
    assert initiative.steps.count() == 2


def test_only_the_secretariat_records(focal_point_user):
    with pytest.raises(PermissionDenied):
        create_initiative(
            Initiative(title_en="x", proposer_state=StateFactory()), acting_user=focal_point_user
        )
    assert not Initiative.objects.exists()
