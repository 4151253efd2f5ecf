"""The list of participants (UN INF form), the credentials report, badge data and the delegation table.

The Word and PDF files are written by the reviews' document model and
writers (`accord.reviews.outputs`), so the house has one way to write them:
the list is built as blocks (headings, lists) in the document's language,
and DOCX and PDF render the same blocks.
"""

from dataclasses import dataclass

from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, override

from accord.delegations.choices import (
    FUNCTION_ORDER,
    HOLDS_PLACE,
    STATE_CATEGORIES,
    Credentials,
    DelegateStatus,
    DelegationCategory,
    LetterKind,
)
from accord.delegations.models import Delegate, Delegation, Registration
from accord.meetings.choices import ParticipationMode
from accord.reviews.outputs import (
    CONTENT_TYPES,
    Document,
    Heading,
    Items,
    Output,
    Paragraph,
    render_docx,
    render_pdf,
)

FORMATS = ("pdf", "docx")
#: Organizations follow the states in this order on the list.
ORGANIZATION_SECTIONS = (
    (DelegationCategory.IGO, gettext_lazy("Intergovernmental organizations")),
    (DelegationCategory.NGO, gettext_lazy("Non-governmental organizations")),
    (DelegationCategory.MEDIA, gettext_lazy("Media")),
)


def collation_key(text: str) -> str:
    """Alphabetical order of either language: case folded, «ё» with «е» as Russian dictionaries sort it."""
    return text.casefold().replace("ё", "е")


def sender_name(delegation: Delegation, language: str) -> str:
    sender = delegation.sender
    return getattr(sender, f"name_{language}", "") or sender.name_ru or sender.name_en


def approved_by_delegation(registration: Registration) -> list[tuple[Delegation, list[Delegate]]]:
    """Delegations with their approved delegates, head first, then by function and name."""
    delegates = (
        Delegate.objects.filter(delegation__registration=registration, status=DelegateStatus.APPROVED)
        .select_related("person", "delegation__state", "delegation__organization")
        .order_by("pk")
    )
    grouped: dict[int, tuple[Delegation, list[Delegate]]] = {}
    for delegate in delegates:
        grouped.setdefault(delegate.delegation_id, (delegate.delegation, []))[1].append(delegate)
    for _delegation, members in grouped.values():
        members.sort(key=lambda d: (FUNCTION_ORDER.get(d.function, 99), collation_key(d.sort_name)))
    return list(grouped.values())


def is_final(registration: Registration) -> bool:
    return registration.is_list_final


def _delegate_line(delegate: Delegate, language: str) -> str:
    with override(language):
        parts = [delegate.name, str(delegate.get_function_display())]
        position = getattr(delegate, f"position_{language}") or delegate.position
        if position:
            parts.append(position)
        if delegate.mode != ParticipationMode.IN_PERSON:
            parts.append(str(delegate.get_mode_display()).lower())
    return ", ".join(parts)


def participants_document(registration: Registration, language: str) -> Document:
    """The list of participants in `language`: states alphabetically in it, then organizations by kind."""
    meeting = registration.meeting
    groups = approved_by_delegation(registration)
    with override(language):
        title = (
            _("Final list of participants")
            if is_final(registration)
            else _("Provisional list of participants")
        )
        dates = date_format(meeting.start_on, "DATE_FORMAT")
        if meeting.end_on and meeting.end_on != meeting.start_on:
            dates = f"{dates} — {date_format(meeting.end_on, 'DATE_FORMAT')}"
        place = ", ".join(p for p in (meeting.city, meeting.country.name if meeting.country_id else "") if p)
        blocks: list = [Paragraph(meeting.title), Paragraph(" · ".join(p for p in (dates, place) if p))]
        if not groups:
            blocks.append(Paragraph(_("No delegate has been approved yet."), muted=True))
        states = sorted(
            (g for g in groups if g[0].category in STATE_CATEGORIES),
            key=lambda g: collation_key(sender_name(g[0], language)),
        )
        if states:
            blocks.append(Heading(_("States"), 1))
        for delegation, members in states:
            blocks.append(Heading(sender_name(delegation, language), 2))
            blocks.append(Items(tuple(_delegate_line(d, language) for d in members)))
        for category, label in ORGANIZATION_SECTIONS:
            section = sorted(
                (g for g in groups if g[0].category == category),
                key=lambda g: collation_key(sender_name(g[0], language)),
            )
            if not section:
                continue
            blocks.append(Heading(str(label), 1))
            for delegation, members in section:
                blocks.append(Heading(sender_name(delegation, language), 2))
                blocks.append(Items(tuple(_delegate_line(d, language) for d in members)))
        kind = "final" if is_final(registration) else "provisional"
        return Document(
            name="participants",
            language=language,
            title=str(title),
            stem=f"participants-{meeting.pk}-{kind}-{language}",
            blocks=blocks,
        )


@dataclass(frozen=True)
class CredentialsRow:
    delegation: Delegation
    credentials: str
    note: str
    has_note_verbale: bool
    has_credentials_letter: bool


def credentials_rows(registration: Registration) -> dict[str, list[CredentialsRow]]:
    """The states with delegates still nominated or approved, by what credentials they presented."""
    delegations = (
        registration.delegations.filter(state__isnull=False, delegates__status__in=HOLDS_PLACE)
        .distinct()
        .select_related("state")
        .prefetch_related("letters")
    )
    found: dict[str, list[CredentialsRow]] = {value: [] for value in Credentials.values}
    for delegation in delegations:
        kinds = {letter.kind for letter in delegation.letters.all()}
        found[delegation.credentials].append(
            CredentialsRow(
                delegation,
                delegation.credentials,
                delegation.credentials_note,
                LetterKind.NOTE_VERBALE in kinds,
                LetterKind.CREDENTIALS in kinds,
            )
        )
    for rows in found.values():
        rows.sort(key=lambda r: collation_key(r.delegation.state.name))
    return found


def credentials_document(registration: Registration, language: str) -> Document:
    """The credentials report of the session: which states presented formal credentials, copies, none."""
    with override(language):
        rows = credentials_rows(registration)
        blocks: list = [Paragraph(registration.meeting.title)]
        for value, label in Credentials.choices:
            blocks.append(Heading(f"{label} ({len(rows[value])})", 1))
            names = tuple(
                sender_name(r.delegation, language) + (f" — {r.note}" if r.note else "") for r in rows[value]
            )
            blocks.append(Items(names) if names else Paragraph("—", muted=True))
        return Document(
            name="participants",
            language=language,
            title=str(_("Report on credentials")),
            stem=f"credentials-{registration.meeting_id}-{language}",
            blocks=blocks,
        )


def render(document: Document, fmt: str) -> Output:
    """The document as a PDF or DOCX file; ValueError for another format."""
    if fmt not in FORMATS:
        raise ValueError(f"Unknown format {fmt!r}")
    content = render_pdf(document) if fmt == "pdf" else render_docx(document)
    return Output(document.filename(fmt), CONTENT_TYPES[fmt], content)


def badge_rows(registration: Registration) -> tuple[list[str], list[list]]:
    """One row per approved delegate: what a badge prints and the desk checks."""
    header = [
        _("Family name"),
        _("Given name"),
        _("Delegation"),
        _("Category"),
        _("Function"),
        _("Mode"),
        _("Position"),
    ]
    rows = []
    for delegation, members in approved_by_delegation(registration):
        for d in members:
            person = d.person
            rows.append(
                [
                    person.family_name if person else d.family_name_ru or d.family_name_en,
                    (person.given_name_ru or person.given_name_en)
                    if person
                    else d.given_name_ru or d.given_name_en,
                    delegation.sender.name,
                    delegation.get_category_display(),
                    d.get_function_display(),
                    d.get_mode_display(),
                    d.position,
                ]
            )
    rows.sort(key=lambda r: (collation_key(r[2]), collation_key(r[0])))
    return header, rows


def delegation_rows(registration: Registration) -> tuple[list[str], list[list]]:
    """One row per delegation: delegates by status and mode, letters and credentials."""
    header = [
        _("Delegation"),
        _("Category"),
        _("Approved"),
        _("Pending"),
        _("Returned"),
        _("Withdrawn"),
        _("In person"),
        _("Online"),
        _("Note verbale"),
        _("Credentials"),
    ]
    rows = []
    delegations = registration.delegations.select_related("state", "organization").prefetch_related(
        "delegates", "letters"
    )
    for delegation in delegations:
        delegates = list(delegation.delegates.all())
        count = {s: sum(1 for d in delegates if d.status == s) for s in DelegateStatus.values}
        placed = [d for d in delegates if d.status in HOLDS_PLACE]
        has_note = any(letter.kind == LetterKind.NOTE_VERBALE for letter in delegation.letters.all())
        rows.append(
            [
                delegation.sender.name,
                delegation.get_category_display(),
                count[DelegateStatus.APPROVED],
                count[DelegateStatus.PENDING],
                count[DelegateStatus.RETURNED],
                count[DelegateStatus.WITHDRAWN],
                sum(1 for d in placed if d.mode == ParticipationMode.IN_PERSON),
                sum(1 for d in placed if d.mode != ParticipationMode.IN_PERSON),
                _("yes") if has_note else _("no"),
                delegation.get_credentials_display(),
            ]
        )
    rows.sort(key=lambda r: collation_key(r[0]))
    return header, rows
