"""Observation and summary services: who may write, what is valid, what publishing freezes."""

from dataclasses import dataclass

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import override_settings

from accord.core.roles import Role
from accord.instruments.tests.factories import ProvisionFactory
from accord.registry.tests.factories import StateFactory
from accord.reviews import services
from accord.reviews.choices import ObservationKind, Phase, VersionStatus
from accord.reviews.models import Observation, Response, ResponseVersion, Summary
from accord.reviews.observations import can_write_summary, recommendations
from accord.reviews.services import add_observation, delete_observation, edit_observation, save_summary
from accord.reviews.tests.factories import review_setting
from conftest import make_user

pytestmark = pytest.mark.django_db


@dataclass
class World:
    """A review of Uzbekistan in the desk review, its people, and a second review with its own people."""

    setting: object
    review: object
    provision: object
    secretariat: object
    reviewer: object
    focal: object
    other_reviewer: object
    other_focal: object
    analyst: object
    other: object


def quick_user(username: str, *roles: str, **extra):
    """`make_user` with a cheap password hash: the pages log users in with `force_login`."""
    with override_settings(PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"]):
        return make_user(username, *roles, **extra)


def make_world(phase: str = Phase.DESK_REVIEW) -> World:
    secretariat = quick_user("secretariat", Role.SECRETARIAT)
    state = StateFactory(name_ru="Узбекистан", name_en="Uzbekistan", iso3="UZB")
    reviewer = quick_user("reviewer", Role.REVIEWER)
    focal = quick_user("focal", Role.FOCAL_POINT, state=state)
    setting = review_setting(state=state, reviewer_users=[reviewer], phase=phase, by=secretariat)
    other_reviewer = quick_user("reviewer-other", Role.REVIEWER)
    other_state = StateFactory(name_ru="Казахстан", name_en="Kazakhstan")
    other_focal = quick_user("focal-other", Role.FOCAL_POINT, state=other_state)
    other = review_setting(state=other_state, reviewer_users=[other_reviewer], phase=phase, by=secretariat)
    return World(
        setting=setting,
        review=setting.review,
        provision=setting.provisions[0],
        secretariat=secretariat,
        reviewer=reviewer,
        focal=focal,
        other_reviewer=other_reviewer,
        other_focal=other_focal,
        analyst=quick_user("analyst", Role.ANALYST),
        other=other,
    )


def answer(review, provision, kind: str, *, text: str = "", implementation: str = "", author) -> None:
    """A current answer written straight into the models (the questionnaire's services are tested there)."""
    question = review.cluster.questions.get(provision=provision, kind=kind)
    response = Response.objects.create(review=review, question=question, version=1)
    ResponseVersion.objects.create(
        response=response,
        number=1,
        status=VersionStatus.CURRENT,
        implementation=implementation,
        text=text,
        author=author,
    )


def publish(review, secretariat) -> None:
    """Take a review from the desk review to the published summary (it needs a summary and observations)."""
    if not Summary.objects.filter(review=review).exists():
        save_summary(
            review, acting_user=secretariat, text_ru="Резюме обзора", text_en="Summary of the review"
        )
    if not review.observations.exists():
        add_observation(
            review,
            acting_user=secretariat,
            provision=review.cluster.provisions.first(),
            kind=ObservationKind.CHALLENGE,
            text_ru="Нет статистики",
        )
    for phase in (Phase.DIALOGUE, Phase.DRAFT_REPORT, Phase.AGREED, Phase.PUBLISHED):
        services.move_review(review, phase, acting_user=secretariat)
    review.refresh_from_db()


@pytest.fixture
def world():
    return make_world()


OUTSIDERS = ["other_reviewer", "focal", "other_focal", "analyst", "anonymous", "no_role"]


def outsider(world, who: str):
    """Someone who may not write the review's observations: by name in `OUTSIDERS`."""
    if who == "anonymous":
        return AnonymousUser()
    if who == "no_role":
        return quick_user("nobody")
    return getattr(world, who)


def observe(world, actor=None, **kwargs) -> Observation:
    values = {"provision": world.provision, "kind": ObservationKind.GOOD_PRACTICE, "text_ru": "Хорошо"}
    return add_observation(world.review, acting_user=actor or world.reviewer, **{**values, **kwargs})


def test_assigned_reviewer_and_secretariat_record_observations(world):
    first = observe(world, text_ru="  Независимый орган  ")
    assert first.text_ru == "Независимый орган" and first.author == world.reviewer
    second = observe(world, world.secretariat, kind=ObservationKind.RECOMMENDATION, text_en="Adopt a law")
    assert list(world.review.observations.all()) == [first, second]
    assert list(recommendations(world.review.observations.all())) == [second]
    assert list(recommendations()) == [second]


@pytest.mark.parametrize("who", OUTSIDERS)
def test_others_cannot_write_observations(world, who):
    actor = outsider(world, who)
    with pytest.raises(PermissionDenied):
        observe(world, actor)
    existing = observe(world)
    with pytest.raises(PermissionDenied):
        edit_observation(existing, acting_user=actor, text_ru="Иначе")
    with pytest.raises(PermissionDenied):
        delete_observation(existing, acting_user=actor)
    assert Observation.objects.get().text_ru == "Хорошо"


@pytest.mark.parametrize("phase", [Phase.SELF_ASSESSMENT, Phase.AGREED, Phase.PUBLISHED])
def test_observations_only_from_desk_review_to_draft_report(phase):
    world = make_world(phase)
    with pytest.raises(PermissionDenied):
        observe(world)


def test_observation_needs_text_a_kind_and_a_provision_of_the_cluster(world):
    with pytest.raises(ValidationError) as error:
        observe(world, text_ru="   ", text_en="")
    assert "text_ru" in error.value.message_dict
    with pytest.raises(ValidationError) as error:
        observe(world, provision=ProvisionFactory())
    assert error.value.error_dict["provision"][0].code == "provision"
    with pytest.raises(ValidationError) as error:
        observe(world, provision=world.other.provisions[0])
    assert error.value.error_dict["provision"][0].code == "provision"
    with pytest.raises(ValidationError) as error:
        observe(world, kind="opinion")
    assert error.value.error_dict["kind"][0].code == "kind"
    assert not Observation.objects.exists()


def test_edit_and_delete(world):
    observation = observe(world)
    edited = edit_observation(
        observation,
        acting_user=world.secretariat,
        kind=ObservationKind.CHALLENGE,
        provision=world.setting.provisions[1],
        text_en="Lacks staff",
    )
    assert (edited.kind, edited.provision, edited.text_ru, edited.text_en) == (
        ObservationKind.CHALLENGE,
        world.setting.provisions[1],
        "Хорошо",
        "Lacks staff",
    )
    with pytest.raises(ValidationError):
        edit_observation(observation, acting_user=world.reviewer, text_ru="", text_en=" ")
    with pytest.raises(ValidationError):
        edit_observation(observation, acting_user=world.reviewer, provision=ProvisionFactory())
    delete_observation(observation, acting_user=world.reviewer)
    assert not Observation.objects.exists()


def test_summary_is_written_by_reviewers_and_secretariat_until_published(world):
    for who in OUTSIDERS:
        actor = outsider(world, who)
        assert not can_write_summary(actor, world.review)
        with pytest.raises(PermissionDenied):
            save_summary(world.review, acting_user=actor, text_ru="Резюме", text_en="")
    summary = save_summary(world.review, acting_user=world.reviewer, text_ru=" Резюме ", text_en="")
    assert summary.text_ru == "Резюме" and not summary.is_published
    summary = save_summary(world.review, acting_user=world.secretariat, text_ru="Резюме", text_en="Summary")
    assert Summary.objects.get() == summary and summary.text_en == "Summary"
    observe(world)  # the draft report needs observations
    for phase in (Phase.DIALOGUE, Phase.DRAFT_REPORT, Phase.AGREED):
        services.move_review(world.review, phase, acting_user=world.secretariat)
    world.review.refresh_from_db()
    assert can_write_summary(world.reviewer, world.review)
    services.move_review(world.review, Phase.PUBLISHED, acting_user=world.secretariat)
    world.review.refresh_from_db()
    summary.refresh_from_db()
    assert summary.is_published
    for actor in (world.reviewer, world.secretariat):
        assert not can_write_summary(actor, world.review)
        with pytest.raises(PermissionDenied):
            save_summary(world.review, acting_user=actor, text_ru="Другое", text_en="")
