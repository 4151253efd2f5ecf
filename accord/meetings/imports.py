"""Spreadsheet import of meetings with their participants: one participant per row.

Rows of one meeting repeat its dates and body (or title); the first creates
the meeting (`create_meeting`), each row adds or updates its participant
(`add_participation`, `update_meeting_part`): the meetings app's own
services, so the secretariat's rule, `full_clean()` and the audit log hold
as for the forms. Reading, dry run and all-or-nothing are core's
(`accord.core.imports`).
"""

from django.db.models import Q
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from accord.core.imports import (
    CHANGED,
    CREATED,
    UNCHANGED,
    Column,
    ImportKind,
    RowError,
    changed_fields,
    parse_choice,
    parse_date,
)
from accord.meetings.choices import (
    MeetingFormat,
    MeetingKind,
    MeetingStatus,
    ParticipantRole,
    ParticipationMode,
)
from accord.meetings.models import Meeting, Participation
from accord.meetings.services import add_participation, create_meeting, update_meeting_part
from accord.registry.imports import find_organization, find_person, find_state


class MeetingImport(ImportKind):
    """A meeting and one of its participants per row (no participant: the meeting alone)."""

    name = "meetings"
    title = gettext_lazy("Meetings with participants")
    model = Participation
    columns = (
        Column("start_on", gettext_lazy("First day of the meeting (2024-05-31)."), required=True),
        Column("end_on", gettext_lazy("Last day; empty for a one-day meeting.")),
        Column(
            "kind",
            gettext_lazy("Kind: session, meeting, visit, seminar, conference, summit, expert_group."),
            required=True,
        ),
        Column("body", gettext_lazy("Organizing body: its key, abbreviation or name.")),
        Column("title_ru", gettext_lazy("Title in Russian.")),
        Column("title_en", gettext_lazy("Title in English.")),
        Column("city_ru", gettext_lazy("City in Russian.")),
        Column("city_en", gettext_lazy("City in English.")),
        Column("country", gettext_lazy("Host country (ISO code or name); required with a city.")),
        Column("format", gettext_lazy("Format: in_person, hybrid, online.")),
        Column("status", gettext_lazy("Status: planned, held… (planned if empty).")),
        Column("participant_state", gettext_lazy("A participating state (ISO code or name).")),
        Column("participant_organization", gettext_lazy("Or a participating organization.")),
        Column("participant_person", gettext_lazy("Or a participating person (“Family Given”).")),
        Column("role", gettext_lazy("Role: member, observer, chair, host, guest, speaker.")),
        Column("mode", gettext_lazy("Mode: in_person, videoconference.")),
        Column("note", gettext_lazy("Note on the participant.")),
    )
    example = (
        {
            "start_on": "2025-10-14",
            "end_on": "2025-10-15",
            "kind": "session",
            "body": "Anti-Corruption Council",
            "title_ru": "Заседание совета",
            "title_en": "Meeting of the council",
            "city_en": "Astana",
            "country": "KAZ",
            "participant_state": "KAZ",
            "role": "host",
        },
        {
            "start_on": "2025-10-14",
            "end_on": "2025-10-15",
            "kind": "session",
            "body": "Anti-Corruption Council",
            "title_ru": "Заседание совета",
            "participant_state": "UZB",
            "mode": "videoconference",
        },
    )

    def _meeting(self, values: dict[str, str], *, acting_user) -> tuple[Meeting, bool]:
        get = values.get
        start_on = parse_date(get("start_on", ""), "start_on")
        if start_on is None:
            raise RowError(_("%(column)s is required.") % {"column": "start_on"})
        end_on = parse_date(get("end_on", ""), "end_on")
        body = find_organization(get("body", ""), "body")
        city = get("city_ru") or get("city_en") or ""
        if not (body or city or get("title_ru") or get("title_en")):
            raise RowError(
                _("Give the organizing body, a title or a city: they tell which meeting the row belongs to.")
            )
        existing = Meeting.objects.same_as(start_on, end_on, body.pk if body else None, city).first()
        if existing is None:
            titles = Q()
            for field in ("title_ru", "title_en"):
                if get(field):
                    titles |= Q(**{f"{field}__iexact": get(field)})
            if titles:
                existing = Meeting.objects.filter(titles, start_on=start_on).first()
        if existing is not None:
            return existing, False
        meeting = Meeting(
            start_on=start_on,
            end_on=end_on,
            kind=parse_choice(get("kind", ""), MeetingKind, "kind"),
            body=body,
            title_ru=get("title_ru", ""),
            title_en=get("title_en", ""),
            city_ru=get("city_ru", ""),
            city_en=get("city_en", ""),
            country=find_state(get("country", ""), "country"),
            format=parse_choice(get("format", ""), MeetingFormat, "format", default=MeetingFormat.IN_PERSON),
            status=parse_choice(get("status", ""), MeetingStatus, "status", default=MeetingStatus.PLANNED),
        )
        return create_meeting(meeting, acting_user=acting_user), True

    def import_row(self, values: dict[str, str], *, acting_user) -> tuple[str, str]:
        get = values.get
        participant = {
            "state": find_state(get("participant_state", ""), "participant_state"),
            "organization": find_organization(
                get("participant_organization", ""), "participant_organization"
            ),
            "person": find_person(get("participant_person", ""), "participant_person"),
        }
        given = {key: value for key, value in participant.items() if value is not None}
        if len(given) > 1:
            raise RowError(_("Name one participant per row: a state, an organization or a person."))
        meeting, created = self._meeting(values, acting_user=acting_user)
        label = f"{meeting.start_on.isoformat()} {meeting.title}"
        if not given:
            return (CREATED if created else UNCHANGED), label
        ((field, who),) = given.items()
        fields = {
            "role": parse_choice(get("role", ""), ParticipantRole, "role", default=ParticipantRole.MEMBER),
            "mode": parse_choice(
                get("mode", ""), ParticipationMode, "mode", default=ParticipationMode.IN_PERSON
            ),
        }
        if get("note"):
            fields["note"] = get("note", "")
        label = f"{label}: {who}"
        participation = meeting.participations.filter(**{field: who}).first()
        if participation is None:
            participation = Participation(meeting=meeting, **{field: who})
            changed_fields(participation, fields)
            add_participation(participation, acting_user=acting_user)
            return CREATED, label
        if not changed_fields(participation, fields):
            return UNCHANGED, label
        update_meeting_part(participation, acting_user=acting_user)
        return CHANGED, label


KINDS = [MeetingImport]
