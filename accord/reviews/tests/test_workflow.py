"""The workflow of a country review, and who sees which review."""

import datetime

import pytest
from dateutil.relativedelta import relativedelta
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone, translation

from accord.core.roles import Role
from accord.registry.tests.factories import StateFactory
from accord.reviews import services, threads
from accord.reviews.choices import Phase, Side
from accord.reviews.models import CountryReview, Observation, Summary
from accord.reviews.permissions import can_answer, can_comment, can_observe, can_work
from accord.reviews.tests.factories import review_setting
from conftest import make_user

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _english():
    """The messages are matched in English."""
    with translation.override("en"):
        yield


@pytest.fixture
def people(db):
    state = StateFactory()
    return {
        "secretariat": make_user("sec", Role.SECRETARIAT),
        "reviewer": make_user("rev", Role.REVIEWER),
        "other_reviewer": make_user("rev2", Role.REVIEWER),
        "focal": make_user("focal", Role.FOCAL_POINT, state=state),
        "other_focal": make_user("focal2", Role.FOCAL_POINT, state=StateFactory()),
        "analyst": make_user("analyst", Role.ANALYST),
        "state": state,
    }


@pytest.fixture
def setting(people):
    return review_setting(
        state=people["state"],
        reviewer_users=[people["reviewer"]],
        phase=Phase.SELECTED,
        by=people["secretariat"],
    )


def test_moves_forward_one_phase_with_the_rules_deadline(setting, people):
    review = setting.review
    transition = services.move_review(review, Phase.ASSIGNED, acting_user=people["secretariat"])
    review.refresh_from_db()
    assert review.phase == Phase.ASSIGNED
    assert review.due_on == timezone.localdate() + datetime.timedelta(weeks=3)
    assert transition.by == people["secretariat"] and transition.from_phase == Phase.SELECTED
    services.move_review(review, Phase.SELF_ASSESSMENT, acting_user=people["secretariat"])
    review.refresh_from_db()
    assert review.due_on == timezone.localdate() + relativedelta(months=2)


def test_cannot_skip_phases_or_go_back_without_a_reason(setting, people):
    with pytest.raises(ValidationError, match="one phase at a time"):
        services.move_review(setting.review, Phase.DESK_REVIEW, acting_user=people["secretariat"])
    services.move_review(setting.review, Phase.ASSIGNED, acting_user=people["secretariat"])
    with pytest.raises(ValidationError, match="why"):
        services.move_review(setting.review, Phase.SELECTED, acting_user=people["secretariat"])
    services.move_review(
        setting.review, Phase.SELECTED, acting_user=people["secretariat"], note="Redraw requested"
    )
    assert CountryReview.objects.get(pk=setting.review.pk).phase == Phase.SELECTED


def test_only_the_secretariat_moves_a_review(setting, people):
    for name in ("reviewer", "focal", "analyst"):
        with pytest.raises(PermissionDenied):
            services.move_review(setting.review, Phase.ASSIGNED, acting_user=people[name])


def test_blockers_name_what_is_missing(setting, people):
    review = setting.review
    review.phase = Phase.SELF_ASSESSMENT
    review.save()
    with pytest.raises(ValidationError, match="not submitted"):
        services.move_review(review, Phase.DESK_REVIEW, acting_user=people["secretariat"])
    review.questionnaire_submitted_at = timezone.now()
    review.save()
    services.move_review(review, Phase.DESK_REVIEW, acting_user=people["secretariat"])
    services.move_review(review, Phase.DIALOGUE, acting_user=people["secretariat"])
    with pytest.raises(ValidationError, match="no observations"):
        services.move_review(review, Phase.DRAFT_REPORT, acting_user=people["secretariat"])
    Observation.objects.create(
        review=review,
        provision=setting.provisions[0],
        kind="challenge",
        text_en="Gap",
        author=people["reviewer"],
    )
    services.move_review(review, Phase.DRAFT_REPORT, acting_user=people["secretariat"])
    services.move_review(review, Phase.AGREED, acting_user=people["secretariat"])
    with pytest.raises(ValidationError, match="summary"):
        services.move_review(review, Phase.PUBLISHED, acting_user=people["secretariat"])
    Summary.objects.create(review=review, text_en="The state has…")
    services.move_review(review, Phase.PUBLISHED, acting_user=people["secretariat"])
    assert Summary.objects.get(review=review).published_at is not None
    assert [t.to_phase for t in review.transitions.all()][-1] == Phase.PUBLISHED


def test_a_dialogue_with_a_visit_needs_its_meeting(setting, people):
    from accord.meetings.tests.factories import MeetingFactory

    review = setting.review
    review.phase = Phase.DESK_REVIEW
    review.questionnaire_submitted_at = timezone.now()
    review.save()
    services.set_dialogue(review, acting_user=people["secretariat"], dialogue_format="visit")
    with pytest.raises(ValidationError, match="meeting"):
        services.move_review(review, Phase.DIALOGUE, acting_user=people["secretariat"])
    services.set_dialogue(
        review, acting_user=people["secretariat"], dialogue_format="visit", meeting=MeetingFactory()
    )
    services.move_review(review, Phase.DIALOGUE, acting_user=people["secretariat"])


def test_overdue_reviews_stand_out(setting):
    review = setting.review
    review.due_on = timezone.localdate() - datetime.timedelta(days=3)
    review.save()
    assert review.is_overdue and review.days_overdue == 3
    assert list(CountryReview.objects.overdue(timezone.localdate())) == [review]


# The permissions matrix: who sees a review, who reads its confidential material, who acts.


def test_visibility_matrix(setting, people):
    review = setting.review
    other = review_setting(phase=Phase.SELF_ASSESSMENT, reviewer_users=[people["other_reviewer"]]).review
    visible = {
        name: set(CountryReview.objects.visible_to(user)) for name, user in people.items() if name != "state"
    }
    assert visible["secretariat"] == {review, other}
    assert visible["reviewer"] == {review}
    assert visible["other_reviewer"] == {other}
    assert visible["focal"] == {review}
    assert visible["other_focal"] == set()
    assert visible["analyst"] == set()
    from django.contrib.auth.models import AnonymousUser

    assert not CountryReview.objects.visible_to(AnonymousUser()).exists()
    Summary.objects.create(review=other, text_en="Published", published_at=timezone.now())
    assert set(CountryReview.objects.visible_to(AnonymousUser())) == {other}
    # Published means readable, not workable: its answers stay with the people on it.
    assert not can_work(people["reviewer"], other)
    assert set(CountryReview.objects.workable_by(people["analyst"])) == set()


def test_actions_matrix(setting, people):
    review = setting.review
    review.phase = Phase.SELF_ASSESSMENT
    review.save()
    assert can_answer(people["focal"], review)
    assert not can_answer(people["reviewer"], review)
    assert not can_answer(people["other_focal"], review)
    assert not can_answer(people["secretariat"], review)
    review.phase = Phase.DESK_REVIEW
    review.save()
    assert can_observe(people["reviewer"], review)
    assert not can_observe(people["focal"], review)
    assert not can_observe(people["other_reviewer"], review)
    assert can_comment(people["focal"], review) and can_comment(people["reviewer"], review)
    assert not can_comment(people["analyst"], review)


def test_comments_carry_the_speakers_side(setting, people):
    review = setting.review
    comment = services.add_comment(
        review, acting_user=people["focal"], text="See the new law", provision=setting.provisions[1]
    )
    assert comment.side == Side.UNDER_REVIEW
    services.add_comment(review, acting_user=people["reviewer"], text="General question")
    grouped = threads.threads(review)
    assert grouped[0].provision is None and grouped[1].provision == setting.provisions[1]
    with pytest.raises(PermissionDenied):
        services.add_comment(review, acting_user=people["other_focal"], text="Hello")
    with pytest.raises(ValidationError):
        services.add_comment(review, acting_user=people["focal"], text="   ")


def test_experts_belong_to_a_drawn_state(setting, people):
    review = setting.review
    user = make_user("expert")
    with pytest.raises(ValidationError):
        services.add_expert(
            review, acting_user=people["secretariat"], user=user, side=Side.REVIEWER, state=StateFactory()
        )
    expert = services.add_expert(
        review, acting_user=people["secretariat"], user=user, side=Side.REVIEWER, state=setting.reviewers[1]
    )
    assert review in CountryReview.objects.workable_by(user)
    with pytest.raises(PermissionDenied):
        services.add_expert(review, acting_user=people["focal"], user=user, side=Side.UNDER_REVIEW)
    services.remove_expert(review, acting_user=people["secretariat"], expert_id=expert.pk)
    assert review not in CountryReview.objects.workable_by(user)
