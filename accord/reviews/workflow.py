"""The workflow of a country review: phases in order, deadlines from the mechanism's rules.

Each move is a `Transition` (who, when, the new deadline). The secretariat
moves a review forward, or back one phase with a reason; submitting the
questionnaire moves it to the desk review by itself.
"""

import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accord.reviews.choices import DialogueFormat, Phase
from accord.reviews.models import CountryReview, Summary, Transition
from accord.reviews.permissions import can_manage

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


@transaction.atomic
def move(
    review: CountryReview,
    to_phase: str,
    *,
    acting_user,
    note: str = "",
    due_on: datetime.date | None = None,
    check_permission: bool = True,
) -> Transition:
    """Move a review to the next phase (or back one, with a note), computing the new deadline."""
    if check_permission and not can_manage(acting_user, review):
        raise PermissionDenied(_("Only the secretariat moves a review from phase to phase."))
    review = CountryReview.objects.select_for_update().get(pk=review.pk)
    if to_phase not in ORDER:
        raise ValidationError(_("Unknown phase “%(phase)s”.") % {"phase": to_phase})
    forward = to_phase == next_phase(review.phase)
    backward = to_phase == previous_phase(review.phase)
    if not (forward or backward):
        raise ValidationError(
            _("A review moves one phase at a time: from “%(current)s” it can go to “%(next)s”.")
            % {
                "current": review.get_phase_display(),
                "next": Phase(next_phase(review.phase) or review.phase).label,
            }
        )
    if backward and not note.strip():
        raise ValidationError(_("Say why the review goes back a phase."))
    if forward:
        problems = blockers(review, to_phase)
        if problems:
            raise ValidationError(problems)
    today = timezone.localdate()
    transition = Transition.objects.create(
        review=review,
        from_phase=review.phase,
        to_phase=to_phase,
        by=acting_user,
        due_on=due_on or deadline(review, to_phase, today),
        note=note.strip(),
    )
    review.phase = to_phase
    review.phase_started_on = today
    review.due_on = transition.due_on
    if to_phase == Phase.PUBLISHED:
        Summary.objects.filter(review=review).update(published_at=timezone.now())
    if backward and transition.from_phase == Phase.PUBLISHED:
        Summary.objects.filter(review=review).update(published_at=None)
    if backward and to_phase in (Phase.ASSIGNED, Phase.SELF_ASSESSMENT):
        review.questionnaire_submitted_at = None
        review.questionnaire_submitted_by = None
    review.save()
    return transition


@transaction.atomic
def set_dialogue(review: CountryReview, *, acting_user, dialogue_format: str, meeting=None) -> CountryReview:
    """Record whether the dialogue has a country visit or joint meeting, and which meeting record it is."""
    if not can_manage(acting_user, review):
        raise PermissionDenied(_("Only the secretariat plans the constructive dialogue."))
    if dialogue_format not in DialogueFormat.values:
        raise ValidationError(_("Unknown format of the dialogue."))
    review.dialogue_format = dialogue_format
    review.dialogue_meeting = meeting if dialogue_format else None
    review.full_clean()
    review.save(update_fields=["dialogue_format", "dialogue_meeting", "updated_at"])
    return review


@transaction.atomic
def set_due_on(review: CountryReview, due_on: datetime.date, *, acting_user, note: str = "") -> Transition:
    """The secretariat, consulting both sides, sets a review's timetable (UNCAC ToR para 25)."""
    if not can_manage(acting_user, review):
        raise PermissionDenied(_("Only the secretariat sets a review's timetable."))
    review.due_on = due_on
    review.save(update_fields=["due_on", "updated_at"])
    return Transition.objects.create(
        review=review,
        from_phase=review.phase,
        to_phase=review.phase,
        by=acting_user,
        due_on=due_on,
        note=note.strip() or _("Deadline changed."),
    )
