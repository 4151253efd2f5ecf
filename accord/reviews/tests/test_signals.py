"""The workflow's named events: sent when a review is agreed or published, never on other saves."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from accord.core.roles import Role
from accord.reviews import services, signals
from accord.reviews.choices import ObservationKind, Phase
from accord.reviews.tests.factories import review_setting
from conftest import make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def heard():
    """Every event sent during the test, as (signal name, review pk)."""
    events: list[tuple[str, int]] = []

    def listener(name):
        def receive(sender, review, **kwargs):
            events.append((name, review.pk))

        return receive

    agreed, published = listener("agreed"), listener("published")
    signals.review_agreed.connect(agreed, dispatch_uid="test-agreed")
    signals.review_published.connect(published, dispatch_uid="test-published")
    yield events
    signals.review_agreed.disconnect(dispatch_uid="test-agreed")
    signals.review_published.disconnect(dispatch_uid="test-published")


def _to_draft_report():
    secretariat = make_user("sec", Role.SECRETARIAT)
    reviewer = make_user("rev", Role.REVIEWER)
    setting = review_setting(reviewer_users=[reviewer], phase=Phase.DESK_REVIEW, by=secretariat)
    review = setting.review
    services.add_observation(
        review,
        acting_user=reviewer,
        provision=setting.provisions[0],
        kind=ObservationKind.RECOMMENDATION,
        text_en="Adopt a law.",
    )
    for phase in (Phase.DIALOGUE, Phase.DRAFT_REPORT):
        services.move_review(review, phase, acting_user=secretariat)
    review.refresh_from_db()
    return review, secretariat


def test_agreeing_then_publishing_sends_each_event_once(heard):
    review, secretariat = _to_draft_report()
    assert heard == []
    services.move_review(review, Phase.AGREED, acting_user=secretariat)
    assert heard == [("agreed", review.pk)]
    services.save_summary(review, acting_user=secretariat, text_ru="", text_en="In short.")
    services.move_review(review, Phase.PUBLISHED, acting_user=secretariat)
    assert heard == [("agreed", review.pk), ("published", review.pk)]


def test_other_saves_of_an_agreed_review_send_nothing(heard):
    review, secretariat = _to_draft_report()
    services.move_review(review, Phase.AGREED, acting_user=secretariat)
    review.refresh_from_db()
    heard.clear()
    review.save()
    services.set_due_on(review, datetime.date(2031, 5, 1), acting_user=secretariat, note="Later.")
    services.set_dialogue(review, acting_user=secretariat, dialogue_format="")
    assert heard == []


def test_a_refused_move_sends_nothing(heard):
    review, secretariat = _to_draft_report()
    with pytest.raises(ValidationError):  # one phase at a time
        services.move_review(review, Phase.PUBLISHED, acting_user=secretariat)
    assert heard == []
