"""Status history and assessments are append-only; who may report, assess and import."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from accord.core.choices import Confidentiality
from accord.core.roles import Role
from accord.followup import services
from accord.followup.deadlines import deadlines
from accord.followup.models import Recommendation, StatusUpdate
from accord.followup.tests.factories import RecommendationFactory
from accord.registry.tests.factories import NationalAuthorityFactory
from accord.reviews import services as review_services
from accord.reviews.choices import ObservationKind, Phase
from accord.reviews.tests.factories import review_setting
from conftest import make_user

pytestmark = pytest.mark.django_db


def test_history_and_assessments_are_append_only(focal_point_user, focal_state, secretariat_user):
    recommendation = RecommendationFactory(state=focal_state)
    first = services.report_progress(
        recommendation, acting_user=focal_point_user, status="in_progress", text="Draft law tabled."
    )
    recommendation.refresh_from_db()
    # A report is a claim: the status changes with the assessment; meanwhile the claim awaits it.
    assert (recommendation.status, recommendation.is_status_assessed) == ("not_started", False)
    assert recommendation.awaiting_status == "in_progress"
    services.assess(first, acting_user=secretariat_user, status=None, comment="")
    recommendation.refresh_from_db()
    assert (recommendation.status, recommendation.is_status_assessed) == ("in_progress", True)
    assert recommendation.awaiting_status == ""
    second = services.report_progress(
        recommendation, acting_user=focal_point_user, status="implemented", text="Law adopted."
    )
    recommendation.refresh_from_db()
    # An assessed status stands until the newer report is assessed.
    assert (recommendation.status, recommendation.awaiting_status) == ("in_progress", "implemented")
    assessment = services.assess(
        second, acting_user=secretariat_user, status="partially", comment="Bylaws missing."
    )
    assert not assessment.agrees
    recommendation.refresh_from_db()
    assert (recommendation.status, recommendation.is_status_assessed) == ("partially", True)
    assert list(recommendation.updates.values_list("status", flat=True)) == ["in_progress", "implemented"]
    first.text = "Changed"
    with pytest.raises(ValidationError):
        first.save()
    with pytest.raises(ValidationError):
        assessment.save()
    assert StatusUpdate.objects.get(pk=first.pk).text == "Draft law tabled."


def test_disagreeing_assessment_needs_a_comment(focal_point_user, focal_state, secretariat_user):
    update = services.report_progress(
        RecommendationFactory(state=focal_state),
        acting_user=focal_point_user,
        status="implemented",
        text="Done.",
    )
    with pytest.raises(ValidationError):
        services.assess(update, acting_user=secretariat_user, status="in_progress", comment="")
    assert not update.assessments.exists()


@pytest.mark.parametrize(
    "who", ["other_focal_point_user", "secretariat_user", "reviewer_user", "analyst_user"]
)
def test_only_own_focal_point_reports(request, who, focal_state):
    recommendation = RecommendationFactory(state=focal_state)
    with pytest.raises(PermissionDenied):
        services.report_progress(
            recommendation, acting_user=request.getfixturevalue(who), status="in_progress", text="x"
        )
    assert not StatusUpdate.objects.exists()


def test_a_report_links_only_documents_the_reporter_may_see(focal_point_user, focal_state):
    """The service's own rule (the form and the API offer the same list): no confidential evidence by id."""
    from accord.documents.tests.factories import DocumentFactory

    recommendation = RecommendationFactory(state=focal_state)
    hidden = DocumentFactory(confidentiality=Confidentiality.CONFIDENTIAL)
    seen = DocumentFactory(confidentiality=Confidentiality.RESTRICTED)
    with pytest.raises(ValidationError):
        services.report_progress(
            recommendation,
            acting_user=focal_point_user,
            status="in_progress",
            text="x",
            documents=[hidden, seen],
        )
    assert not StatusUpdate.objects.exists()
    update = services.report_progress(
        recommendation, acting_user=focal_point_user, status="in_progress", text="x", documents=[seen]
    )
    assert list(update.documents.all()) == [seen]


def test_bad_status_and_empty_text_are_refused(focal_point_user, focal_state):
    recommendation = RecommendationFactory(state=focal_state)
    with pytest.raises(ValidationError):
        services.report_progress(recommendation, acting_user=focal_point_user, status="done", text="x")
    with pytest.raises(ValidationError):
        services.report_progress(recommendation, acting_user=focal_point_user, status="in_progress", text=" ")
    assert not StatusUpdate.objects.exists()


def test_only_secretariat_assesses_and_creates(focal_point_user, focal_state):
    update = services.report_progress(
        RecommendationFactory(state=focal_state), acting_user=focal_point_user, status="in_progress", text="x"
    )
    with pytest.raises(PermissionDenied):
        services.assess(update, acting_user=focal_point_user, status=None, comment="")
    with pytest.raises(PermissionDenied):
        services.create_recommendation(
            acting_user=focal_point_user, source_kind="evaluation", state=focal_state
        )


def test_authority_must_belong_to_the_state(secretariat_user, focal_state):
    foreign = NationalAuthorityFactory()
    with pytest.raises(ValidationError) as error:
        services.create_recommendation(
            acting_user=secretariat_user,
            source_kind="evaluation",
            state=focal_state,
            authority=foreign,
            text_en="x",
        )
    assert "authority" in error.value.message_dict
    own = NationalAuthorityFactory(state=focal_state)
    created = services.create_recommendation(
        acting_user=secretariat_user, source_kind="evaluation", state=focal_state, authority=own, text_en="x"
    )
    assert created.authority == own and created.status == "not_started"


def _published_review(secretariat, reviewer):
    setting = review_setting(reviewer_users=[reviewer], phase=Phase.DESK_REVIEW, by=secretariat)
    review = setting.review
    review_services.add_observation(
        review,
        acting_user=reviewer,
        provision=setting.provisions[0],
        kind=ObservationKind.RECOMMENDATION,
        text_en="Do A.",
    )
    review_services.add_observation(
        review,
        acting_user=reviewer,
        provision=setting.provisions[1],
        kind=ObservationKind.CHALLENGE,
        text_en="Hard B.",
    )
    return setting


def test_import_from_reviews_is_idempotent_and_automatic(secretariat_user, reviewer_user):
    setting = _published_review(secretariat_user, reviewer_user)
    review = setting.review
    assert services.import_from_reviews(acting_user=secretariat_user) == {}
    for phase in (Phase.DIALOGUE, Phase.DRAFT_REPORT, Phase.AGREED):
        review_services.move_review(review, phase, acting_user=secretariat_user, check_permission=False)
        review.refresh_from_db()
    # The receiver imported it when the report was agreed: restricted until published.
    recommendation = Recommendation.objects.get()
    assert recommendation.confidentiality == Confidentiality.RESTRICTED
    assert (recommendation.source_kind, recommendation.state, recommendation.body) == (
        "country_review",
        review.state,
        setting.mechanism.governing_body,
    )
    assert list(recommendation.provisions.all()) == [setting.provisions[0]]
    review_services.save_summary(review, acting_user=secretariat_user, text_ru="", text_en="Summary")
    review_services.move_review(review, Phase.PUBLISHED, acting_user=secretariat_user, check_permission=False)
    recommendation.refresh_from_db()
    assert recommendation.confidentiality == Confidentiality.PUBLIC
    assert services.import_from_reviews(acting_user=secretariat_user, review=review) == {"unchanged": 1}
    assert Recommendation.objects.count() == 1
    with pytest.raises(PermissionDenied):
        services.import_from_reviews(acting_user=reviewer_user)


def test_deadlines_for_focal_points_only(focal_point_user, focal_state, secretariat_user):
    today = datetime.date(2025, 3, 1)
    late = RecommendationFactory(state=focal_state, due_on=datetime.date(2025, 1, 1))
    soon = RecommendationFactory(state=focal_state, due_on=datetime.date(2025, 3, 10))
    RecommendationFactory(state=focal_state, due_on=datetime.date(2025, 6, 1))  # outside the window
    RecommendationFactory(state=focal_state, due_on=datetime.date(2025, 1, 1), status="implemented")
    RecommendationFactory(due_on=datetime.date(2025, 1, 1))  # another state's
    found = deadlines(focal_point_user, today=today, within_days=14)
    assert [d.key for d in found] == [
        f"followup.recommendation:{late.pk}",
        f"followup.recommendation:{soon.pk}",
    ]
    assert found[0].is_overdue(today)
    assert deadlines(secretariat_user, today=today, within_days=14) == []
    assert deadlines(make_user("nobody", Role.ANALYST), today=today, within_days=14) == []


def _agreed_review(secretariat, reviewer):
    setting = _published_review(secretariat, reviewer)
    review = setting.review
    for phase in (Phase.DIALOGUE, Phase.DRAFT_REPORT, Phase.AGREED):
        review_services.move_review(review, phase, acting_user=secretariat, check_permission=False)
        review.refresh_from_db()
    return review


def test_agreeing_a_review_imports_its_recommendations(secretariat_user, reviewer_user):
    review = _agreed_review(secretariat_user, reviewer_user)
    assert Recommendation.objects.filter(observation__review=review).count() == 1


def test_saving_an_agreed_review_for_another_reason_imports_nothing(secretariat_user, reviewer_user):
    review = _agreed_review(secretariat_user, reviewer_user)
    Recommendation.objects.all().delete()
    review.save()
    review_services.set_due_on(
        review, datetime.date(2030, 1, 1), acting_user=secretariat_user, note="More time."
    )
    review_services.set_dialogue(review, acting_user=secretariat_user, dialogue_format="")
    assert not Recommendation.objects.exists()
