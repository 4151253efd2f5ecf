"""Writes of the meetings app: the one path by which meetings and their parts are created and changed.

Forms and serializers only validate; pages, the API, extraction and
commands call these functions. Each checks that the secretariat acts,
runs `full_clean()`, saves in one transaction and names the actor in the
audit log. The rules that span rows live here once:

* an agenda item added to a meeting goes last (`add_agenda_item`), whoever
  adds it — the page's form and the API alike;
* a meeting proposed by extraction is merged into the meeting already
  recorded for the same days and body (or city), filling only what that
  meeting lacks, and gets the states and the people (heads of delegation)
  the text names as taking part (`create_or_merge_meeting`).
"""

from collections.abc import Iterable

from django.core.exceptions import PermissionDenied
from django.db.models import Max
from django.utils.translation import gettext as _

from accord.core.roles import is_secretariat
from accord.core.services import save_validated, service
from accord.meetings.choices import MeetingFormat, ParticipationMode
from accord.meetings.models import AgendaItem, Meeting, Outcome, Participation

MeetingPart = AgendaItem | Participation | Outcome


def _check_secretariat(user) -> None:
    if not is_secretariat(user):
        raise PermissionDenied(_("Only the secretariat keeps meetings."))


# ---- meetings ------------------------------------------------------------------------------------


@service
def create_meeting(meeting: Meeting, *, acting_user) -> Meeting:
    """Validate and save a new meeting."""
    _check_secretariat(acting_user)
    if meeting.pk is not None:
        raise ValueError("create_meeting saves new meetings only")
    return save_validated(meeting)


@service
def update_meeting(meeting: Meeting, *, acting_user) -> Meeting:
    """Validate and save a changed meeting; a change based on a replaced version raises `StaleEditError`."""
    _check_secretariat(acting_user)
    if meeting.pk is None:
        raise ValueError("update_meeting saves stored meetings only")
    return save_validated(meeting)


@service
def delete_meeting(meeting: Meeting, *, acting_user) -> None:
    """Delete a meeting with its parts; `ProtectedError` (documents refer to it…) reaches the caller."""
    _check_secretariat(acting_user)
    meeting.delete()


def _merge_into(meeting: Meeting, proposed: Meeting) -> bool:
    """Fill what the recorded meeting lacks from the proposed one, never overwrite; True when changed."""
    changed = False
    if (proposed.city_ru or proposed.city_en) and not (meeting.city_ru or meeting.city_en):
        meeting.city_ru, meeting.city_en = proposed.city_ru, proposed.city_en
        meeting.country = meeting.country or proposed.country
        changed = True
    for field in ("title_ru", "title_en"):
        if getattr(proposed, field) and not getattr(meeting, field):
            setattr(meeting, field, getattr(proposed, field))
            changed = True
    return changed


@service
def create_or_merge_meeting(
    proposed: Meeting, *, acting_user, participants: Iterable = (), people: Iterable = ()
) -> tuple[Meeting, bool]:
    """The meeting `proposed` describes, recorded once: (meeting, created).

    A meeting already recorded on the same days, of the same body (or,
    without a body, in the same city) is the same meeting: it gets the
    proposed city (with its country) and titles only where it has none, and
    keeps everything else. Otherwise `proposed` is saved. Each state in
    `participants` not yet taking part is added, in person or by video
    after the meeting's format; so is each person of `people`, given as
    (person, note) where the note says whom they represent and as what
    («Генеральный прокурор Республики X (X)»).
    """
    _check_secretariat(acting_user)
    city = proposed.city_ru or proposed.city_en
    existing = (
        Meeting.objects.same_as(proposed.start_on, proposed.end_on, proposed.body_id, city).first()
        if proposed.start_on
        else None
    )
    if existing is None:
        meeting, created = save_validated(proposed), True
    else:
        meeting, created = existing, False
        if _merge_into(meeting, proposed):
            save_validated(meeting)
    mode = (
        ParticipationMode.VIDEOCONFERENCE
        if meeting.format == MeetingFormat.ONLINE
        else ParticipationMode.IN_PERSON
    )
    present = set(meeting.participations.filter(state__isnull=False).values_list("state_id", flat=True))
    for state in participants:
        if state.pk not in present:
            save_validated(Participation(meeting=meeting, state=state, mode=mode))
            present.add(state.pk)
    attending = set(meeting.participations.filter(person__isnull=False).values_list("person_id", flat=True))
    for person, note in people:
        if person.pk not in attending:
            save_validated(Participation(meeting=meeting, person=person, mode=mode, note=note[:500]))
            attending.add(person.pk)
    return meeting, created


# ---- agenda, participants, outcomes -------------------------------------------------------------


def next_agenda_position(meeting: Meeting) -> int:
    """Where a new item goes: after the last one (1 on an empty agenda)."""
    last = meeting.agenda_items.aggregate(last=Max("position"))["last"]
    return (last or 0) + 1


@service
def add_agenda_item(item: AgendaItem, *, acting_user) -> AgendaItem:
    """Add an item to its meeting's agenda, last: the position is this rule's, not the caller's."""
    _check_secretariat(acting_user)
    if item.pk is not None:
        raise ValueError("add_agenda_item adds new items only")
    # Serializes two additions to one agenda (PostgreSQL); SQLite serializes writes anyway.
    list(Meeting.objects.select_for_update().filter(pk=item.meeting_id).values_list("pk", flat=True))
    item.position = next_agenda_position(item.meeting)
    return save_validated(item)


@service
def add_participation(participation: Participation, *, acting_user) -> Participation:
    """Record that a state, an organization or a person takes part in a meeting."""
    _check_secretariat(acting_user)
    if participation.pk is not None:
        raise ValueError("add_participation adds new participations only")
    return save_validated(participation)


@service
def add_outcome(outcome: Outcome, *, acting_user) -> Outcome:
    """Record what a meeting produced."""
    _check_secretariat(acting_user)
    if outcome.pk is not None:
        raise ValueError("add_outcome adds new outcomes only")
    return save_validated(outcome)


@service
def update_meeting_part(part: MeetingPart, *, acting_user) -> MeetingPart:
    """Validate and save a changed agenda item (a new position moves it), participation or outcome."""
    _check_secretariat(acting_user)
    if part.pk is None:
        raise ValueError("update_meeting_part saves stored records only")
    return save_validated(part)


@service
def remove_meeting_part(part: MeetingPart, *, acting_user) -> None:
    """Remove an agenda item, a participation or an outcome from its meeting."""
    _check_secretariat(acting_user)
    part.delete()


def remove_agenda_item(item: AgendaItem, *, acting_user) -> None:
    """Remove an item from the agenda; the others keep their positions."""
    remove_meeting_part(item, acting_user=acting_user)


def remove_participation(participation: Participation, *, acting_user) -> None:
    """Remove a participant from the meeting."""
    remove_meeting_part(participation, acting_user=acting_user)
