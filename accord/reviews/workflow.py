"""The workflow of a country review: phases in order, deadlines from the mechanism's rules.

Each move is a `Transition` (who, when, the new deadline). The secretariat
moves a review forward, or back one phase with a reason; submitting the
questionnaire moves it to the desk review by itself. This module answers
what may happen next; the moves themselves are `services.move_review`,
`services.set_dialogue` and `services.set_due_on`.
"""

import datetime

from django.utils.translation import gettext as _

from accord.reviews.choices import Phase
from accord.reviews.models import CountryReview, Summary

ORDER = Phase.ordered()


def next_phase(phase: str) -> str | None:
    index = ORDER.index(phase)
    return ORDER[index + 1] if index + 1 < len(ORDER) else None


def previous_phase(phase: str) -> str | None:
    index = ORDER.index(phase)
    return ORDER[index - 1] if index > 0 else None


def deadline(review: CountryReview, phase: str, start: datetime.date) -> datetime.date | None:
    """The deadline the mechanism's rules give a phase starting on `start`; None when no rule sets one."""
    rule = review.cycle.mechanism.phase_rule(phase)
    return rule.due_from(start) if rule else None


def blockers(review: CountryReview, to_phase: str) -> list[str]:
    """Why the review cannot enter `to_phase` yet; empty when it can."""
    problems = []
    if to_phase == Phase.ASSIGNED and not review.active_reviewers().exists():
        problems.append(_("Draw the reviewing states first."))
    if to_phase == Phase.DESK_REVIEW and review.questionnaire_submitted_at is None:
        problems.append(_("The state under review has not submitted its questionnaire."))
    if to_phase == Phase.DIALOGUE and review.dialogue_format and not review.dialogue_meeting_id:
        problems.append(_("Link the meeting of the country visit or joint meeting, or choose no visit."))
    if to_phase in (Phase.DRAFT_REPORT, Phase.AGREED) and not review.observations.exists():
        problems.append(_("The reviewers have recorded no observations yet."))
    if to_phase == Phase.PUBLISHED:
        summary = Summary.objects.filter(review=review).first()
        if summary is None or not (summary.text_ru.strip() or summary.text_en.strip()):
            problems.append(_("Write the summary before publishing it."))
    return problems
