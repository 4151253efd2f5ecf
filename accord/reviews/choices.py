"""Vocabularies of the review mechanism: phases, answers, observations, draws."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class Phase(models.TextChoices):
    """The workflow of one country review, in order (DESIGN.md: `CountryReview`)."""

    SELECTED = "selected", _("Selected for review")
    ASSIGNED = "assigned", _("Reviewers assigned")
    SELF_ASSESSMENT = "self_assessment", _("Self-assessment")
    DESK_REVIEW = "desk_review", _("Desk review")
    DIALOGUE = "dialogue", _("Constructive dialogue")
    DRAFT_REPORT = "draft_report", _("Draft report")
    AGREED = "agreed", _("Report agreed")
    PUBLISHED = "published", _("Summary published")

    @classmethod
    def ordered(cls) -> list[str]:
        return list(cls.values)


class DurationUnit(models.TextChoices):
    DAYS = "days", _("days")
    WEEKS = "weeks", _("weeks")
    MONTHS = "months", _("months")


class ReviewUnit(models.TextChoices):
    """What a pair of reviewers is drawn for."""

    REVIEW = "review", _("The review as a whole")
    INSTRUMENT = "instrument", _("Each instrument the state is party to")


class DrawKind(models.TextChoices):
    SELECTION = "selection", _("States under review by year")
    REVIEWERS = "reviewers", _("Reviewing states")
    REDRAW = "redraw", _("Redraw for one state")


class QuestionKind(models.TextChoices):
    """The questions asked of every provision a cycle covers."""

    IMPLEMENTATION = "implementation", _("Is the provision implemented?")
    LEGAL_TEXT = "legal_text", _("Legal text in force")
    EXAMPLES = "examples", _("Examples of implementation")
    STATISTICS = "statistics", _("Statistics")
    ASSISTANCE = "assistance", _("Technical-assistance needs")


class Implementation(models.TextChoices):
    FULLY = "fully", _("Fully")
    PARTLY = "partly", _("Partly")
    NOT = "not", pgettext_lazy("implementation", "Not implemented")


class VersionStatus(models.TextChoices):
    """A refused concurrent save is kept beside the one that won, never dropped."""

    CURRENT = "current", _("Current")
    SUPERSEDED = "superseded", _("Superseded")
    CONFLICT = "conflict", _("Refused: edited meanwhile by someone else")


class ObservationKind(models.TextChoices):
    GOOD_PRACTICE = "good_practice", _("Good practice")
    CHALLENGE = "challenge", _("Challenge")
    RECOMMENDATION = "recommendation", _("Recommendation")
    ASSISTANCE = "assistance", _("Technical-assistance need")


class DialogueFormat(models.TextChoices):
    NONE = "", _("No visit or meeting")
    VISIT = "visit", _("Country visit")
    JOINT_MEETING = "joint_meeting", _("Joint meeting")


class Side(models.TextChoices):
    """Who speaks in a comment thread or works on a review."""

    REVIEWER = "reviewer", _("Reviewing state")
    UNDER_REVIEW = "under_review", _("State under review")
    SECRETARIAT = "secretariat", _("Secretariat")
