"""Vocabularies of the follow-up register: sources, statuses, priorities, themes."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from accord.core.choices import Topic


class SourceKind(models.TextChoices):
    """Where a recommendation comes from."""

    COUNTRY_REVIEW = "country_review", _("Country review")
    INTEGRITY_REVIEW = "integrity_review", _("Integrity review")
    EVALUATION = "evaluation", _("Evaluation")
    MEETING_DECISION = "meeting_decision", _("Meeting decision")
    AGREEMENT = "agreement", _("Agreement")


class Status(models.TextChoices):
    """How far a recommendation is implemented (DESIGN.md: `StatusUpdate`)."""

    NOT_STARTED = "not_started", _("Not started")
    IN_PROGRESS = "in_progress", _("In progress")
    PARTIALLY_IMPLEMENTED = "partially", _("Partially implemented")
    IMPLEMENTED = "implemented", _("Implemented")
    NO_LONGER_RELEVANT = "not_relevant", _("No longer relevant")


# A recommendation in one of these statuses is no longer an open commitment.
CLOSED_STATUSES = frozenset({Status.IMPLEMENTED, Status.NO_LONGER_RELEVANT})


class Priority(models.TextChoices):
    HIGH = "high", _("High")
    MEDIUM = "medium", _("Medium")
    LOW = "low", _("Low")


Theme = Topic  # one vocabulary with extraction and the other apps
