"""E-mail reminders of deadlines: each user hears once about each item and each of its due dates.

The deadlines come from every app's `deadline_source` (`accord.core.deadlines`);
`ReminderSent` remembers (user, item, due date), so that running daily — by
the task or by cron calling `accord send-reminders` — never repeats itself,
while a moved deadline is announced again.
"""

import datetime
from dataclasses import dataclass, field

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import Q
from django.template.loader import render_to_string
from django.utils import translation

from accord.chairmanship.models import ReminderSent
from accord.core.deadlines import Deadline, deadlines_for
from accord.core.roles import Role

WITHIN_DAYS = 14


def recipients():
    """Active users with an address who answer for deadlines: focal points bound to a state, organizations'
    contacts bound to an organization (registration of delegations), review experts."""
    from accord.reviews.models import ReviewExpert

    experts = ReviewExpert.objects.values("user_id")
    focal_points = Q(groups__name=Role.FOCAL_POINT, focal_point__isnull=False)
    contacts = Q(groups__name=Role.ORGANIZATION_CONTACT, organization_contact__isnull=False)
    return (
        get_user_model()
        .objects.filter(is_active=True)
        .exclude(email="")
        .filter(focal_points | contacts | Q(pk__in=experts))
        .distinct()
        .order_by("pk")
    )


def user_language(user) -> str:
    """The user's language where an account records one, else Russian (the network's working language)."""
    language = str(getattr(user, "language", "") or "")[:2]
    return language if language in dict(settings.LANGUAGES) else "ru"


@dataclass
class ReminderRun:
    """What one run sent (or, in a dry run, would send)."""

    today: datetime.date
    dry_run: bool = False
    users: int = 0
    emails: int = 0
    items: int = 0
    already_sent: int = 0
    sent_to: list[str] = field(default_factory=list)

    def as_dict(self) -> dict:
        return {
            "today": self.today.isoformat(),
            "dry_run": self.dry_run,
            "users": self.users,
            "emails": self.emails,
            "items": self.items,
            "already_sent": self.already_sent,
        }


def render_reminder(user, items: list[Deadline], *, today: datetime.date) -> tuple[str, str]:
    """Subject and body of a reminder, in the user's language."""
    with translation.override(user_language(user)):
        context = {
            "user": user,
            "today": today,
            "overdue": [d for d in items if d.is_overdue(today)],
            "upcoming": [d for d in items if not d.is_overdue(today)],
            "rows": [(d, d.days_left(today), -d.days_left(today)) for d in items],
            "base_url": settings.ACCORD_BASE_URL,
            "within_days": WITHIN_DAYS,
        }
        subject = render_to_string("chairmanship/email/reminder_subject.txt", context)
        body = render_to_string("chairmanship/email/reminder_body.txt", context)
    return " ".join(subject.split()), body


def send_reminders(*, today: datetime.date, dry_run: bool = False) -> ReminderRun:
    """E-mail every recipient the deadlines (overdue or due within 14 days) not yet reminded.

    One message per user and run, listing only new items; the log rows are
    written in the same transaction as the message is handed to the mail
    backend, so a failed send is retried the next day.
    """
    run = ReminderRun(today=today, dry_run=dry_run)
    for user in recipients():
        with translation.override(user_language(user)):  # titles and kinds in the reader's language
            due = deadlines_for(user, today=today, within_days=WITHIN_DAYS)
        if not due:
            continue
        sent = set(
            ReminderSent.objects.filter(user=user, key__in=[d.key for d in due]).values_list("key", "due_on")
        )
        new = [d for d in due if (d.key, d.due_on) not in sent]
        run.already_sent += len(due) - len(new)
        if not new:
            continue
        run.users += 1
        run.emails += 1
        run.items += len(new)
        run.sent_to.append(user.email)
        if dry_run:
            continue
        subject, body = render_reminder(user, new, today=today)
        with transaction.atomic():
            ReminderSent.objects.bulk_create(
                [ReminderSent(user=user, key=d.key, due_on=d.due_on) for d in new], ignore_conflicts=True
            )
            send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [user.email])
    return run
