"""What a reviewer and a focal point see first: reviewing states named once, the self-assessment deadline."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.formats import date_format

from accord.core.roles import Role
from accord.instruments.tests.factories import InstrumentFactory
from accord.registry.tests.factories import StateFactory
from accord.reviews.choices import Phase
from accord.reviews.models import ReviewerAssignment
from accord.reviews.tests.factories import review_setting
from conftest import make_user

pytestmark = pytest.mark.django_db


def test_my_reviews_and_the_board_name_each_reviewing_state_once(client):
    secretariat = make_user("sec", Role.SECRETARIAT)
    setting = review_setting(by=secretariat)
    first, second = setting.reviewers
    first.name_ru, second.name_ru = "Германия", "Кыргызстан"
    first.save()
    second.save()
    # A mechanism drawing per instrument: the same two states drawn again for a second instrument.
    other = InstrumentFactory()
    for assignment in list(ReviewerAssignment.objects.filter(review=setting.review)):
        ReviewerAssignment.objects.create(
            review=setting.review,
            state=assignment.state,
            instrument=other,
            draw=assignment.draw,
            same_group=assignment.same_group,
        )
    client.force_login(secretariat)
    for page in (
        reverse("reviews:review_list"),
        reverse("reviews:cycle_board", args=[setting.cluster.cycle_id]),
    ):
        body = client.get(page).content.decode()
        assert body.count("Германия") == 1 and body.count("Кыргызстан") == 1, page
        assert "Германия, Кыргызстан" in body


def test_the_focal_points_workspace_shows_the_self_assessment_deadline(client):
    state = StateFactory()
    setting = review_setting(state=state)
    due = timezone.localdate() + datetime.timedelta(days=45)  # beyond the reminders' two weeks
    setting.review.due_on = due
    setting.review.save()
    focal = make_user("focal", Role.FOCAL_POINT, state=state)
    client.force_login(focal)
    page = client.get(reverse("home")).content.decode()
    assert 'data-testid="questionnaires-to-answer"' in page
    with translation.override("ru"):
        assert date_format(due, "DATE_FORMAT") in page  # the site's one date style, «3 марта 2027 г.»
    assert reverse("reviews:questionnaire", args=[setting.review.pk]) in page
    # Submitted, or someone else's state: nothing to answer.
    setting.review.phase = Phase.DESK_REVIEW
    setting.review.save()
    assert 'data-testid="questionnaires-to-answer"' not in client.get(reverse("home")).content.decode()
    client.force_login(make_user("other", Role.FOCAL_POINT, state=StateFactory()))
    assert 'data-testid="questionnaires-to-answer"' not in client.get(reverse("home")).content.decode()
