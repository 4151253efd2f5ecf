"""Reminder e-mails: once per item and due date, in the user's language, within 14 days or overdue."""

import datetime
import json

import pytest
from django.core import mail
from django.core.management import CommandError, call_command
from django.urls import reverse
from django.utils import timezone

from accord.chairmanship.models import ReminderSent
from accord.chairmanship.reminders import send_reminders
from accord.core.roles import Role
from accord.reviews import deadlines as review_deadlines
from accord.reviews.models import ReviewExpert
from accord.reviews.tests.factories import CountryReviewFactory
from conftest import make_user

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]  # the tests read English texts
TODAY = datetime.date(2024, 5, 1)


@pytest.fixture(autouse=True)
def _only_reviews(monkeypatch):
    """Other apps' sources are theirs to test; these tests count the reviews' deadlines only."""
    monkeypatch.setattr("accord.core.deadlines.loaders", lambda attribute: [review_deadlines.deadlines])


@pytest.fixture
def focal(focal_state):
    return make_user("focal", Role.FOCAL_POINT, state=focal_state, email="focal@example.org")


def _review(state, due_on, phase="self_assessment"):
    return CountryReviewFactory(state=state, phase=phase, due_on=due_on)


def test_run_twice_sends_once(focal, focal_state):
    _review(focal_state, TODAY + datetime.timedelta(days=10))
    first = send_reminders(today=TODAY)
    second = send_reminders(today=TODAY)
    assert (first.emails, first.items) == (1, 1)
    assert (second.emails, second.already_sent) == (0, 1)
    assert len(mail.outbox) == 1
    assert ReminderSent.objects.filter(user=focal).count() == 1


def test_changed_due_date_is_reminded_again(focal, focal_state):
    review = _review(focal_state, TODAY + datetime.timedelta(days=10))
    send_reminders(today=TODAY)
    review.due_on = TODAY + datetime.timedelta(days=12)
    review.save()
    send_reminders(today=TODAY)
    assert len(mail.outbox) == 2


def test_window_and_overdue(focal, focal_state):
    _review(focal_state, TODAY + datetime.timedelta(days=15))  # beyond 14 days
    _review(focal_state, TODAY - datetime.timedelta(days=3))  # overdue
    _review(focal_state, TODAY - datetime.timedelta(days=3), phase="published")  # closed
    run = send_reminders(today=TODAY)
    assert run.items == 1
    message = mail.outbox[0]
    assert message.to == ["focal@example.org"]
    assert message.subject == "Accord: 1 просроченная позиция"  # Russian when the user's language is unknown
    assert focal_state.name_ru in message.body  # Russian when the user's language is unknown
    assert "3" in message.body and "/reviews/" in message.body


def test_email_in_the_users_language(focal, focal_state):
    focal.language = "en"
    _review(focal_state, TODAY + datetime.timedelta(days=2))
    from accord.chairmanship.reminders import render_reminder
    from accord.core.deadlines import deadlines_for

    subject, body = render_reminder(focal, deadlines_for(focal, today=TODAY), today=TODAY)
    assert subject == "Accord: 1 deadline soon"
    assert "2 days left" in body
    assert "You receive this reminder once for each item and due date." in body


def test_experts_are_reminded_and_no_address_no_mail(focal_state):
    expert = make_user("expert", Role.REVIEWER, email="expert@example.org")
    silent = make_user("silent", Role.FOCAL_POINT, state=focal_state)  # no e-mail address
    review = _review(focal_state, TODAY)
    ReviewExpert.objects.create(review=review, user=expert)
    run = send_reminders(today=TODAY)
    assert [m.to for m in mail.outbox] == [["expert@example.org"]]
    assert run.emails == 1
    assert not ReminderSent.objects.filter(user=silent).exists()


def test_dry_run_sends_and_logs_nothing(focal, focal_state):
    _review(focal_state, TODAY)
    run = send_reminders(today=TODAY, dry_run=True)
    assert run.emails == 1
    assert mail.outbox == [] and not ReminderSent.objects.exists()


def test_command(focal, focal_state, capsys):
    _review(focal_state, TODAY)
    call_command("send_reminders", "--today", TODAY.isoformat(), "--format", "json")
    assert json.loads(capsys.readouterr().out)["emails"] == 1
    call_command("send_reminders", "--today", TODAY.isoformat(), "--dry-run")
    assert "0" in capsys.readouterr().out
    with pytest.raises(CommandError, match="YYYY-MM-DD"):
        call_command("send_reminders", "--today", "01.05.2024")


def test_task_runs_the_service(focal, focal_state, settings, machine_far_from_utc):
    from accord.chairmanship.tasks import send_daily_reminders

    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    _review(focal_state, timezone.localdate())
    result = send_daily_reminders.enqueue()
    assert result.return_value["emails"] == 1


def test_home_page_lists_my_deadlines(client, focal, focal_state, machine_far_from_utc):
    review = _review(focal_state, timezone.localdate() + datetime.timedelta(days=5))
    client.force_login(focal)
    page = client.get(reverse("home")).content.decode()
    assert 'data-testid="my-deadlines"' in page
    assert review.get_absolute_url() in page
    client.logout()
    assert 'data-testid="my-deadlines"' not in client.get(reverse("home")).content.decode()


def test_my_deadlines_api(api_client, focal, focal_state, machine_far_from_utc):
    _review(focal_state, timezone.localdate() - datetime.timedelta(days=1))
    assert api_client.get("/api/my-deadlines/").status_code in (401, 403)
    api_client.force_authenticate(focal)
    rows = api_client.get("/api/my-deadlines/").json()
    assert [(r["is_overdue"], r["days_left"]) for r in rows] == [(True, -1)]
    assert api_client.get("/api/my-deadlines/?within_days=x").status_code == 400
