"""Storing what extraction found and deciding on its suggestions.

`store_analysis` guarantees that a document's mentions and pending
suggestions are exactly those of its latest analysis, written in one
transaction, and that running it twice on the same analysis writes nothing
new; suggestions already accepted or rejected are kept with their decision
and are not proposed again. `accept_suggestion` validates the payload (with
the curator's changes) through the same form as the queue, has the apps
that own the records create or update them through their services (the
meetings service merges a meeting already recorded), and links them to the
suggestion, all or nothing.
"""

import logging
from dataclasses import dataclass

from auditlog.context import disable_auditlog, set_actor
from django.core.exceptions import NON_FIELD_ERRORS, PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accord.core.roles import is_secretariat
from accord.documents import services as document_services
from accord.documents.choices import DocumentKind
from accord.documents.models import Document
from accord.extraction.choices import SuggestionKind, SuggestionStatus
from accord.extraction.models import Extraction, Mention, Suggestion
from accord.extraction.payloads import UnknownFieldsError, form_for
from accord.extraction.suggestions import build, parse_date
from accord.meetings import services as meeting_services
from accord.meetings.models import Meeting, Participation
from accord.registry import services as registry_services
from accord.registry.models import Organization, Person, Post

logger = logging.getLogger(__name__)


@dataclass
class Stored:
    """What one `store_analysis` call changed."""

    mentions: int = 0
    mentions_changed: bool = False
    created: int = 0
    updated: int = 0
    removed: int = 0
    kept: int = 0

    @property
    def changed(self) -> bool:
        return self.mentions_changed or bool(self.created or self.updated or self.removed)

    def as_dict(self) -> dict:
        return dict(self.__dict__)


def _mention_row(m: Mention) -> tuple:
    return (
        m.begin,
        m.end,
        m.type,
        m.text,
        m.normal,
        m.key,
        m.state_id,
        m.organization_id,
        m.person_id,
        m.method,
        round(m.confidence, 4),
    )


@transaction.atomic
def store_analysis(document: Document, analysis) -> Stored:
    """Make the document's mentions and pending suggestions those of `analysis`, in one transaction."""
    # Serializes two workers on the same document (PostgreSQL); SQLite's writes are serialized anyway.
    list(Document.objects.select_for_update().filter(pk=document.pk).values_list("pk", flat=True))
    built = build(document, analysis)
    stored = Stored(mentions=len(built.mentions))
    contract = analysis.contract if isinstance(analysis.contract, dict) else {}
    with disable_auditlog():  # machine-written rows; decisions are what the log is for
        Extraction.objects.update_or_create(
            document=document,
            defaults={
                "language": str(contract.get("language") or "")[:8],
                "published_on": parse_date(contract.get("published")),
                "contract": contract,
                "text_hash": Document.hash_text(analysis.text or ""),
                "extracted_at": timezone.now(),
            },
        )
        existing = list(document.mentions.order_by("begin", "-end", "pk"))
        new_rows = sorted(built.mentions, key=lambda m: (m.begin, -m.end))
        if [_mention_row(m) for m in existing] != [_mention_row(m) for m in new_rows]:
            document.mentions.all().delete()
            Mention.objects.bulk_create(new_rows, batch_size=500)
            stored.mentions_changed = True
        previous = {s.fingerprint: s for s in document.suggestions.all()}
        wanted = {s.fingerprint for s in built.suggestions}
        for suggestion in built.suggestions:
            old = previous.get(suggestion.fingerprint)
            if old is None:
                suggestion.full_clean(exclude=["document"], validate_unique=False, validate_constraints=False)
                suggestion.save()
                stored.created += 1
            elif old.status != SuggestionStatus.PENDING:
                stored.kept += 1
            elif (old.payload, old.evidence, old.confidence, old.label) != (
                suggestion.payload,
                suggestion.evidence,
                suggestion.confidence,
                suggestion.label,
            ):
                old.payload, old.evidence = suggestion.payload, suggestion.evidence
                old.confidence, old.label = suggestion.confidence, suggestion.label
                old.save(update_fields=["payload", "evidence", "confidence", "label", "updated_at"])
                stored.updated += 1
        stale = [
            s.pk for fp, s in previous.items() if fp not in wanted and s.status == SuggestionStatus.PENDING
        ]
        if stale:
            Suggestion.objects.filter(pk__in=stale).delete()
            stored.removed = len(stale)
    return stored


def extract_document(document: Document) -> Stored:
    """Run the pipeline over the document's stored text with the registry's gazetteer, and store it."""
    from accord.extraction.pipeline.assemble import analyze
    from accord.extraction.snapshot import gazetteer

    source = document.original_name or f"document-{document.pk}"
    # Relative days («вчера») are dated from the document's own date when its text shows none.
    received_on = document.published_on or (document.created_at.date() if document.created_at else None)
    analysis = analyze(source, document.text or "", gazetteer(), received_on)
    stored = store_analysis(document, analysis)
    contract = analysis.contract if isinstance(analysis.contract, dict) else {}
    document_services.complete_from_text(
        document, published_on=date_from_text(contract), kind=kind_from_text(document, contract)
    )
    return stored


def date_from_text(contract: dict):
    """The date a text shows as its own, else the last day of the one event it reports.

    A news item without a dateline is written about the one meeting it
    reports, so it dates from that meeting's last day; a text that reports
    several events or none gives no date of its own.
    """
    published = parse_date(contract.get("published"))
    if published is not None:
        return published
    events = [e for e in contract.get("events") or [] if isinstance(e, dict) and parse_date(e.get("start"))]
    if len(events) == 1:
        return parse_date(events[0].get("end")) or parse_date(events[0].get("start"))
    return None


#: The longest text still read as a news item (a report or a paper runs longer).
NEWS_ITEM_CHARS = 8000


def kind_from_text(document: Document, contract: dict) -> str:
    """The kind of document a text is by its form, or '' when it cannot tell.

    A short text without a document symbol that dates an event it reports
    is a news item.
    """
    if document.symbol or len(document.text or "") > NEWS_ITEM_CHARS:
        return ""
    events = contract.get("events")
    if isinstance(events, list) and any(isinstance(e, dict) and e.get("start") for e in events):
        return DocumentKind.NEWS
    return ""


def extract_documents(ids, *, progress=None) -> dict[str, int]:
    """Extract each document by id; a failure is logged and counted, and the others go on."""
    counts = {"documents": 0, "failed": 0, "mentions": 0, "suggestions": 0}
    for document in Document.objects.filter(pk__in=list(ids)).order_by("pk").iterator(chunk_size=100):
        try:
            stored = extract_document(document)
        except Exception:
            logger.exception("Extraction failed for document %s", document.pk)
            counts["failed"] += 1
        else:
            counts["documents"] += 1
            counts["mentions"] += stored.mentions
            counts["suggestions"] += stored.created
        if progress:
            progress(document)
    return counts


# ---- decisions ---------------------------------------------------------------------------


def _check_curator(user) -> None:
    if not is_secretariat(user):
        raise PermissionDenied(_("Only the secretariat decides on suggestions."))


def _locked_pending(suggestion: Suggestion) -> Suggestion:
    locked = Suggestion.objects.select_for_update().select_related("document").get(pk=suggestion.pk)
    if locked.status != SuggestionStatus.PENDING:
        raise ValidationError(
            _("This suggestion was already decided: %(status)s.") % {"status": locked.get_status_display()},
            code="decided",
        )
    return locked


def _remapped(error: ValidationError, names: dict[str, str], fields) -> ValidationError:
    """A model's errors under the payload's field names (title_ru → title), the rest as general errors."""
    if not hasattr(error, "error_dict"):
        return error
    mapped: dict[str, list] = {}
    for field, errors in error.error_dict.items():
        target = names.get(field, field)
        target = target if target in fields else NON_FIELD_ERRORS
        mapped.setdefault(target, []).extend(errors)
    return ValidationError(mapped)


@transaction.atomic
def accept_suggestion(suggestion: Suggestion, *, acting_user, changes=None) -> Suggestion:
    """Create or update the records a suggestion proposes and link them to it, all or nothing.

    `changes` are the curator's corrections (field → value, as the queue's
    form posts them); the accepted values are kept as the payload. Raises
    `ValidationError` with the payload's field names when the data is not
    valid, and when the suggestion was already decided.
    """
    _check_curator(acting_user)
    suggestion = _locked_pending(suggestion)
    try:
        form = form_for(suggestion, changes, user=acting_user)
    except UnknownFieldsError as exc:
        raise ValidationError(
            _("Unknown fields for this kind of suggestion: %(names)s.") % {"names": ", ".join(exc.names)},
            code="unknown_fields",
        ) from exc
    if not form.is_valid():
        raise ValidationError(form.errors.as_data())
    with set_actor(acting_user):
        try:
            with transaction.atomic():
                ACCEPT[suggestion.kind](suggestion, form.cleaned_data, acting_user=acting_user)
                _accept_by_apps(suggestion, acting_user=acting_user, data=form.cleaned_data)
        except ValidationError as exc:
            raise _remapped(exc, form.model_fields, form.fields) from exc
        suggestion.payload = {**suggestion.payload, **form.to_payload()}
        suggestion.status = SuggestionStatus.ACCEPTED
        suggestion.decided_by = acting_user
        suggestion.decided_at = timezone.now()
        suggestion.save()
    return suggestion


@transaction.atomic
def reject_suggestion(suggestion: Suggestion, *, acting_user, note: str = "") -> Suggestion:
    """Mark the suggestion rejected; a later run of extraction does not propose it again."""
    _check_curator(acting_user)
    suggestion = _locked_pending(suggestion)
    with set_actor(acting_user):
        suggestion.status = SuggestionStatus.REJECTED
        suggestion.decided_by = acting_user
        suggestion.decided_at = timezone.now()
        suggestion.note = (note or "")[:500]
        suggestion.save()
    return suggestion


def _language(suggestion: Suggestion) -> str:
    language = suggestion.payload.get("language") or suggestion.document.language
    return "en" if language == "en" else "ru"


# Each kind's records are written by the app that owns them (meetings, registry, documents).


def _accept_meeting(suggestion: Suggestion, data: dict, *, acting_user) -> None:
    lang = _language(suggestion)
    start, end = data["start_on"], data.get("end_on") or data["start_on"]
    proposed = Meeting(
        kind=data["kind"],
        body=data.get("body"),
        start_on=start,
        end_on=end if end != start else None,
        country=data.get("country"),
        format=data["format"],
        status=data["status"],
    )
    setattr(proposed, f"title_{lang}", data.get("title") or "")
    setattr(proposed, f"city_{lang}", data.get("city") or "")
    # The heads of delegation of the states the curator kept among the participants.
    states = {state.iso3 for state in data.get("participants") or []}
    people = [
        (_delegate_person(lang, delegate, acting_user=acting_user), _delegate_note(delegate))
        for delegate in suggestion.payload.get("delegates") or []
        if isinstance(delegate, dict)
        and delegate.get("state") in states
        and (delegate.get("person") or delegate.get("family_name"))
    ]
    suggestion.meeting, _created = meeting_services.create_or_merge_meeting(
        proposed, acting_user=acting_user, participants=data.get("participants") or [], people=people
    )


def _delegate_person(lang: str, delegate: dict, *, acting_user) -> Person:
    """The registered person a delegate is, else a new one (found again by name by a later post)."""
    found = (
        Person.objects.filter(pk=delegate["person"]).first()
        if str(delegate.get("person")).isdigit()
        else None
    )
    return found or _person_named(lang, delegate, acting_user=acting_user)


def _delegate_note(delegate: dict) -> str:
    """Whom a delegate represents and as what: «Генеральный прокурор Республики X (X)»."""
    title, state = str(delegate.get("title") or ""), str(delegate.get("state_name") or "")
    return f"{title} ({state})" if title and state else title or state


def _accept_participation(suggestion: Suggestion, data: dict, *, acting_user) -> None:
    meeting, state = data["meeting"], data["state"]
    participation = meeting.participations.filter(state=state).first()
    if participation is None:
        participation = meeting_services.add_participation(
            Participation(meeting=meeting, state=state, role=data["role"], mode=data["mode"]),
            acting_user=acting_user,
        )
    suggestion.meeting, suggestion.participation = meeting, participation


def _person_named(lang: str, data: dict, *, acting_user) -> Person:
    """The only person recorded under this family and given name, else a new one.

    Accepting a meeting's delegates and then the same person's post must
    not record them twice.
    """
    family, given = (data.get("family_name") or "").strip(), (data.get("given_name") or "").strip()
    if family and given:
        same = list(
            Person.objects.filter(
                **{f"family_name_{lang}__iexact": family, f"given_name_{lang}__iexact": given}
            )[:2]
        )
        if len(same) == 1:
            return same[0]
    return _new_person(lang, data, acting_user=acting_user)


def _new_person(lang: str, data: dict, *, acting_user) -> Person:
    person = Person()
    setattr(person, f"family_name_{lang}", (data.get("family_name") or "").strip())
    setattr(person, f"given_name_{lang}", (data.get("given_name") or "").strip())
    if lang == "ru":
        person.patronymic_ru = (data.get("patronymic") or "").strip()
    return registry_services.save_registry_record(person, acting_user=acting_user)


def _accept_post(suggestion: Suggestion, data: dict, *, acting_user) -> None:
    from accord.extraction.standing import same_title

    lang = _language(suggestion)
    person = data.get("person") or _person_named(lang, data, acting_user=acting_user)
    organization = data["organization"]
    title = data["title"].strip()
    # The same test as the queue's "already holds this post", so the two never disagree.
    existing = next(
        (
            post
            for post in person.posts.filter(organization=organization)
            if same_title(post.title_ru, title) or same_title(post.title_en, title)
        ),
        None,
    )
    if existing is None:
        post = Post(
            person=person,
            organization=organization,
            role=data["role"],
            start_on=data.get("start_on"),
            end_on=data.get("end_on"),
        )
        setattr(post, f"title_{lang}", title)
        held_on = parse_date(suggestion.payload.get("held_on"))
        if held_on:
            post.note = _("Held on %(date)s according to “%(document)s”.") % {
                "date": held_on.isoformat(),
                "document": str(suggestion.document)[:300],
            }
            post.note = post.note[:500]
        existing = registry_services.save_registry_record(post, acting_user=acting_user)
    suggestion.person, suggestion.post = person, existing
    suggestion.payload = {**suggestion.payload, "person": person.pk, "person_name": person.name}


def _accept_person(suggestion: Suggestion, data: dict, *, acting_user) -> None:
    suggestion.person = _new_person(_language(suggestion), data, acting_user=acting_user)


def _accept_organization(suggestion: Suggestion, data: dict, *, acting_user) -> None:
    lang = _language(suggestion)
    organization = Organization(kind=data["kind"], parent=data.get("parent"), state=data.get("state"))
    setattr(organization, f"name_{lang}", data["name"].strip())
    setattr(organization, f"abbreviation_{lang}", (data.get("abbreviation") or "").strip())
    suggestion.organization = registry_services.save_registry_record(organization, acting_user=acting_user)


def _accept_reference(suggestion: Suggestion, data: dict, *, acting_user) -> None:
    suggestion.cited_document = document_services.register_cited_document(
        data["symbol"], cited_by=suggestion.document, acting_user=acting_user
    )


def _accept_initiative(suggestion: Suggestion, data: dict, *, acting_user) -> None:
    """Extraction keeps no initiatives: an app above does, through `_accept_by_apps`."""


def _accept_by_apps(suggestion: Suggestion, *, acting_user, data: dict) -> None:
    """Let the installed apps create the record a kind they keep proposes (cooperation: initiatives).

    Each app's AppConfig `suggestion_acceptor` answers with the record it
    created, or None when the kind is not its own; extraction never imports
    them. The record is linked in the payload (`record`: model, id, page),
    since the suggestion has no foreign key to models above it.
    """
    from accord.core.reference import loaders

    for accept in loaders("suggestion_acceptor"):
        record = accept(suggestion, acting_user=acting_user, data=data)
        if record is not None:
            suggestion.payload = {
                **suggestion.payload,
                "record": {
                    "model": record._meta.label_lower,
                    "id": record.pk,
                    "url": record.get_absolute_url() if hasattr(record, "get_absolute_url") else "",
                    "display": str(record)[:300],
                },
            }
            return


ACCEPT = {
    SuggestionKind.MEETING: _accept_meeting,
    SuggestionKind.PARTICIPATION: _accept_participation,
    SuggestionKind.POST: _accept_post,
    SuggestionKind.PERSON: _accept_person,
    SuggestionKind.ORGANIZATION: _accept_organization,
    SuggestionKind.REFERENCE: _accept_reference,
    SuggestionKind.INITIATIVE: _accept_initiative,
}
