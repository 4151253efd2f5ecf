"""Country reviews report their open phase deadlines to focal points and experts."""

import datetime

import pytest

from accord.core.roles import Role
from accord.reviews.deadlines import deadlines
from accord.reviews.models import ReviewExpert
from accord.reviews.tests.factories import CountryReviewFactory
from conftest import make_user

pytestmark = pytest.mark.django_db
TODAY = datetime.date(2024, 5, 1)


def test_focal_point_of_the_state_under_review(focal_point_user, focal_state, other_state):
    due = CountryReviewFactory(
        state=focal_state, phase="desk_review", due_on=TODAY + datetime.timedelta(days=14)
    )
    CountryReviewFactory(state=focal_state, phase="published", due_on=TODAY)  # closed
    CountryReviewFactory(state=other_state, phase="desk_review", due_on=TODAY)  # another state
    late = CountryReviewFactory(
        state=focal_state, phase="dialogue", due_on=TODAY - datetime.timedelta(days=30)
    )
    CountryReviewFactory(state=focal_state, phase="dialogue", due_on=TODAY + datetime.timedelta(days=15))
    found = deadlines(focal_point_user, today=TODAY, within_days=14)
    assert {d.key for d in found} == {
        f"reviews.review:{due.pk}:desk_review",
        f"reviews.review:{late.pk}:dialogue",
    }
    assert all(d.url.startswith("/reviews/") for d in found)


def test_experts_and_others(focal_state):
    expert = make_user("expert", Role.REVIEWER)
    review = CountryReviewFactory(state=focal_state, phase="self_assessment", due_on=TODAY)
    ReviewExpert.objects.create(review=review, user=expert)
    assert [d.due_on for d in deadlines(expert, today=TODAY, within_days=14)] == [TODAY]
    assert deadlines(make_user("nobody"), today=TODAY, within_days=14) == []
    # A focal-point role without a bound state sees nothing of that state.
    assert deadlines(make_user("unbound", Role.FOCAL_POINT), today=TODAY, within_days=14) == []
