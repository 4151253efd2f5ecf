"""Vocabularies of the follow-up register: sources, statuses, priorities, themes."""

from django.db import models
from django.utils.translation import gettext_lazy as _


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


class Theme(models.TextChoices):
    """The topics of DESIGN.md §4, the same keys the extraction pipeline finds in texts."""

    CORRUPTION = "corruption", _("Corruption")
    ASSET_RECOVERY = "asset_recovery", _("Asset recovery")
    MUTUAL_LEGAL_ASSISTANCE = "mutual_legal_assistance", _("Mutual legal assistance")
    EXTRADITION = "extradition", _("Extradition")
    TERRORISM = "terrorism", _("Terrorism")
    EXTREMISM = "extremism", _("Extremism")
    CYBERCRIME = "cybercrime", _("Cybercrime")
    ILLEGAL_MIGRATION = "illegal_migration", _("Illegal migration")
    TRAFFICKING_IN_PERSONS = "trafficking_in_persons", _("Trafficking in persons")
    SMUGGLING_OF_MIGRANTS = "smuggling_of_migrants", _("Smuggling of migrants")
    FIREARMS = "firearms", _("Firearms")
    DRUGS = "drugs", _("Drugs")
    MONEY_LAUNDERING = "money_laundering", _("Money laundering")
    INTEGRITY = "integrity", _("Integrity and ethics")
    TECHNICAL_ASSISTANCE = "technical_assistance", _("Technical assistance")
    DIGITALIZATION = "digitalization", _("Digitalization")
