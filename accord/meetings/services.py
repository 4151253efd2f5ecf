"""Writes of the meetings app: the one path by which meetings and their parts are created and changed.

Forms and serializers only validate; pages, the API, extraction and
commands call these functions. Each checks that the secretariat acts,
runs `full_clean()`, saves in one transaction and names the actor in the
audit log. The rules that span rows live here once:

* an agenda item added to a meeting goes last (`add_agenda_item`), whoever
  adds it — the page's form and the API alike; moving one renumbers the agenda
  1…n (`move_agenda_item`): a position is this module's, never the caller's;
* many participants come at once with one role and mode (`add_participants`),
  the people nobody had recorded created with them, all or nothing;
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
from accord.meetings.choices import MeetingFormat, ParticipantRole, ParticipationMode
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
    _lock_agenda(item.meeting_id)
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
def add_participants(
    meeting: Meeting,
    *,
    acting_user,
    states: Iterable = (),
    organizations: Iterable = (),
    people: Iterable = (),
    new_people: Iterable = (),
    role: str = ParticipantRole.MEMBER,
    mode: str = ParticipationMode.IN_PERSON,
) -> list[Participation]:
    """Add many participants at once, with one role and mode; all or nothing.

    `new_people` are unsaved persons (a pasted name nobody had recorded, which
    the secretariat chose to create): they are saved in the registry first,
    through its own service. A participant already taking part is passed over,
    not doubled. Returns the participations added, in the order given.
    """
    from accord.registry.services import save_registry_record

    _check_secretariat(acting_user)
    created = [save_registry_record(person, acting_user=acting_user) for person in new_people]
    present = {
        field: set(
            meeting.participations.filter(**{f"{field}__isnull": False}).values_list(f"{field}_id", flat=True)
        )
        for field in ("state", "organization", "person")
    }
    added = []
    for field, records in (
        ("state", states),
        ("organization", organizations),
        ("person", [*people, *created]),
    ):
        for record in records:
            if record.pk in present[field]:
                continue
            present[field].add(record.pk)
            participation = Participation(meeting=meeting, role=role, mode=mode, **{field: record})
            added.append(save_validated(participation))
    return added


@service
def add_outcome(outcome: Outcome, *, acting_user) -> Outcome:
    """Record what a meeting produced."""
    _check_secretariat(acting_user)
    if outcome.pk is not None:
        raise ValueError("add_outcome adds new outcomes only")
    return save_validated(outcome)


def _lock_agenda(meeting_id: int) -> None:
    """Serializes changes to one agenda (PostgreSQL); SQLite serializes writes anyway."""
    list(Meeting.objects.select_for_update().filter(pk=meeting_id).values_list("pk", flat=True))


def _place(item: AgendaItem, place: int) -> None:
    """Put `item` at `place` (1 = first) of its agenda and number the items 1…n in their order."""
    others = list(item.meeting.agenda_items.exclude(pk=item.pk).order_by("position", "pk"))
    place = min(max(place, 1), len(others) + 1)
    others.insert(place - 1, item)
    for number, each in enumerate(others, start=1):
        if each.position != number:
            each.position = number
            save_validated(each)


@service
def move_agenda_item(item: AgendaItem, *, to: int, acting_user) -> AgendaItem:
    """Move an item to place `to` of its agenda (1 = first; beyond the end = last); the others close up."""
    _check_secretariat(acting_user)
    if item.pk is None:
        raise ValueError("move_agenda_item moves stored items only")
    _lock_agenda(item.meeting_id)
    _place(item, to)
    return item


def agenda_place(item: AgendaItem) -> int:
    """Where `item` stands on its agenda now (1 = first)."""
    order = list(item.meeting.agenda_items.order_by("position", "pk").values_list("pk", flat=True))
    return order.index(item.pk) + 1


@service
def update_meeting_part(part: MeetingPart, *, acting_user) -> MeetingPart:
    """Validate and save a changed agenda item, participation or outcome.

    An agenda item sent with another position is moved to that place
    (`move_agenda_item`): the agenda is renumbered 1…n, so no two items share
    a place and no gap is left, whatever number the caller sent.
    """
    _check_secretariat(acting_user)
    if part.pk is None:
        raise ValueError("update_meeting_part saves stored records only")
    if isinstance(part, AgendaItem):
        _lock_agenda(part.meeting_id)
        stored = AgendaItem.objects.get(pk=part.pk)
        requested, part.position = part.position, stored.position
        save_validated(part)
        if requested != stored.position:
            _place(part, requested)
        return part
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
