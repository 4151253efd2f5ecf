"""Meeting suggestions from the contract's dated events, and the participations a registered meeting lacks."""

import datetime
import re
from typing import TYPE_CHECKING, Any

from django.utils import timezone

from accord.extraction.choices import SuggestionKind
from accord.extraction.models import Suggestion
from accord.extraction.pipeline.morphology import nominative_phrase, parses
from accord.extraction.suggestions.common import clip, codes, event_period, norm
from accord.meetings.choices import MeetingFormat, MeetingKind, MeetingStatus, ParticipationMode
from accord.registry.choices import OrganizationKind
from accord.registry.models import Organization, State

if TYPE_CHECKING:
    from accord.extraction.suggestions.reader import Reader

MEETING_KINDS = {
    "session": MeetingKind.SESSION,
    "meeting": MeetingKind.MEETING,
    "visit": MeetingKind.VISIT,
    "seminar": MeetingKind.SEMINAR,
    "conference": MeetingKind.CONFERENCE,
    "summit": MeetingKind.SUMMIT,
}
PARTICIPATION_WORDS = re.compile(
    r"участ|делегац|присутств|приня\w* участие|took part|delegat|particip|attend|represent", re.I
)
#: Words that lead the people after them as their states' delegates («делегацию возглавил …», "led by").
DELEGATION_WORDS = re.compile(r"делегац|возглав|участ|присутств|delegat|led by|headed|particip|attend", re.I)


def event_offset(reader: "Reader", event: dict, start: datetime.date, end: datetime.date) -> int | None:
    """Where the text speaks of the event: its own offset, else a mention of its dates inside a sentence."""
    if isinstance(event.get("begin"), int):
        return event["begin"]
    wanted = {start.isoformat()} if start == end else {f"{start.isoformat()}/{end.isoformat()}"}
    candidates = [m for m in reader.raw_mentions if m.type == "date" and m.normal in wanted]
    for m in candidates:
        span = reader.sentence_span(m.begin)
        if span and span[1] - span[0] > (m.end - m.begin) + 15:
            return m.begin
    return candidates[0].begin if candidates else None


def event_body(reader: "Reader", event: dict, span: tuple[int, int] | None) -> Organization | None:
    """The body an event names, else the first body (or organization) named in its sentence."""
    body = reader.organization_named(event.get("body") or "") if event.get("body") else None
    if body is None:
        nearby = [reader.organizations.get(m.key) for m in reader.mentions_in(span, "organization")]
        nearby = [o for o in nearby if o is not None]
        bodies = [o for o in nearby if o.kind in (OrganizationKind.BODY, OrganizationKind.IGO)]
        body = (bodies or nearby or [None])[0]
    return body


def matching_meeting(start: datetime.date, end: datetime.date, body: Organization | None, place: str):
    """The registered meeting on those days with that body or in that place, if any."""
    from accord.extraction.standing import matching_meetings

    return matching_meetings(start, end, body.pk if body else None, place).first()


def registered_meeting(reader: "Reader", event: dict):
    """The meeting already in the registry that an event of the text describes (same days, body or place)."""
    period = event_period(event)
    if period is None:
        return None
    start, end = period
    body = event_body(reader, event, reader.sentence_span(event_offset(reader, event, start, end)))
    return matching_meeting(start, end, body, clip(event.get("place") or "", 200))


def country_of(reader: "Reader", place: str, span: tuple[int, int] | None) -> State | None:
    """The state a place lies in: as the contract places it, else a state named right after it."""
    for item in reader.items("places"):
        if norm(item.get("name", "")) == norm(place) and item.get("state"):
            return reader.states.get(item["state"])
    # «Sharm el-Sheikh, Egypt»: a state named right after the place.
    for m in reader.mentions_in(span, "state"):
        before = reader.text[max(0, m.begin - len(place) - 4) : m.begin]
        if place and place in before and reader.states.get(m.key):
            return reader.states[m.key]
    return None


def title(value: Any, language: str = "ru") -> str:
    """An event's title when it reads as one («35-е заседание КСГП»), not a fragment of a sentence.

    A Russian title the text gives in running prose («… состоялось заседание
    Координационного совета …») starts lower-case: when it is a noun (after
    its adjectives) followed by a capitalized name, it is the event's own name,
    put in the nominative and capitalized («Заседание Координационного совета …»).
    """
    text = clip(value).strip(" ,.;:")
    if text[:1].isupper() or text[:1].isdigit():
        return text
    if language != "ru" or not _names_an_event(text.split()):
        return ""
    text = nominative_phrase(text)
    return text[:1].upper() + text[1:]


def _names_an_event(words: list[str]) -> bool:
    """Lower-case adjectives, a singular noun, then a capitalized word: «пленарное заседание Совета …»."""
    for index, word in enumerate(words[:-1]):
        readings = parses(word.lower())
        if not word[:1].islower() or not readings:
            return False
        if readings[0].tag.POS == "NOUN":
            return readings[0].tag.number == "sing" and words[index + 1][:1].isupper()
        if readings[0].tag.POS not in ("ADJF", "PRTF"):
            return False
    return False


def _state_in(reader: "Reader", words: list[str]) -> str | None:
    """The state a title names, itself or as the state of a body it names («прокурор Республики X»)."""
    for match in reader.gazetteer().find(words):
        entry = match.entry
        if entry.kind == "state":
            return entry.key
        if entry.kind == "organization" and getattr(entry, "state", None):
            return entry.state
    return None


def delegates(reader: "Reader", span: tuple[int, int] | None, whole_text: bool) -> list[dict]:
    """The people the text names as their states' delegates to the event, with their post and state.

    A person counts when named, with a post whose title (or the post's own
    `state`) names a state, in a sentence of the event's paragraph that speaks
    of delegations or taking part — or anywhere in a text about one event only
    (`whole_text`: a short news item).
    """
    from accord.documents.search.analysis import terms
    from accord.extraction.suggestions.posts import person_offset, person_record, split_name

    if span is None:
        return []
    sentences = reader.paragraph_sentences(span)
    if whole_text:
        sentences = getattr(reader.analysis, "sentences", None) or sentences
    sentences = [s for s in sentences if DELEGATION_WORDS.search(reader.text[s[0] : s[1]])]
    out = []
    for item in reader.items("persons"):
        name = clip(item.get("name") or "", 300).strip()
        surname = clip(item.get("surname") or "", 200).strip()
        offset = person_offset(reader, name, surname) if surname else None
        if offset is None or not any(b <= offset < e for b, e in sentences):
            continue
        for post in item.get("posts") or []:
            title_text = clip(post.get("title") if isinstance(post, dict) else "").strip()
            code = post.get("state") if isinstance(post, dict) else None
            if not code and title_text:
                code = _state_in(reader, terms(title_text))
            state = reader.states.get(code or "") or (
                State.objects.filter(iso3=code).first() if code else None
            )
            if not title_text or state is None:
                continue
            record = person_record(reader, name, surname)
            out.append(
                {
                    "person": record.pk if record else None,
                    "person_name": record.name if record else name,
                    **split_name(name, surname, reader.language),
                    "title": title_text,
                    "state": state.iso3,
                    "state_name": state.name,
                }
            )
            break
    return out


def suggestions(reader: "Reader") -> list[Suggestion]:
    """A meeting per dated event; for one already registered, a participation per state it lacks."""
    out = []
    today = timezone.localdate()
    dated = [e for e in reader.items("events") if event_period(e) is not None]
    for event in reader.items("events"):
        period = event_period(event)
        if period is None:
            continue
        start, end = period
        offset = event_offset(reader, event, start, end)
        span = reader.sentence_span(offset)
        body = event_body(reader, event, span)
        place = clip(event.get("place") or "", 200)
        country = country_of(reader, place, span) if place else None
        if country is None and isinstance(event.get("country"), str):
            country = (
                reader.states.get(event["country"]) or State.objects.filter(iso3=event["country"]).first()
            )
        found = [c for c in codes(event.get("participants")) if c]
        if not found and span:
            for sentence in reader.paragraph_sentences(span):
                text = reader.text[sentence[0] : sentence[1]]
                if sentence == span or PARTICIPATION_WORDS.search(text):
                    found.extend(m.key for m in reader.mentions_in(sentence, "state"))
        people = delegates(reader, span, whole_text=len(dated) == 1)
        found.extend(d["state"] for d in people)
        participants = [c for c in dict.fromkeys(found) if c in reader.states]
        fmt = event.get("format") if event.get("format") in MeetingFormat.values else "in_person"
        kind = MEETING_KINDS.get(str(event.get("kind") or ""), MeetingKind.MEETING)
        reference_day = reader.published or today
        status = MeetingStatus.HELD if end <= reference_day else MeetingStatus.PLANNED
        payload = {
            "kind": kind,
            "title": title(event.get("title"), reader.language),
            "start_on": start.isoformat(),
            "end_on": end.isoformat(),
            "city": place,
            "country": country.iso3 if country else None,
            "country_name": country.name if country else "",
            "format": fmt,
            "status": status,
            "body": body.pk if body else None,
            "body_name": body.name if body else clip(event.get("body") or ""),
            "participants": participants,
            "delegates": people,
        }
        evidence = reader.evidence(offset)
        if isinstance(event.get("evidence"), str) and not evidence:
            evidence = [{"text": event["evidence"][:2000], "begin": offset or 0, "end": offset or 0}]
        confidence = 0.5 + 0.15 * bool(body) + 0.15 * bool(place) + 0.1 * bool(participants)
        if isinstance(event.get("confidence"), (int, float)):
            confidence *= float(event["confidence"])
        dates = start.isoformat() if start == end else f"{start.isoformat()} — {end.isoformat()}"
        label = " · ".join(
            p for p in (payload["title"] or str(kind.label), payload["body_name"], dates, place) if p
        )
        out.append(
            reader.suggestion(
                SuggestionKind.MEETING,
                (start, end, payload["body"] or place),
                label,
                payload,
                evidence,
                confidence,
            )
        )
        # A meeting already in the registry: its missing participants are separate proposals.
        existing = matching_meeting(start, end, body, place)
        if existing is not None and participants:
            out.extend(_missing_participations(reader, existing, participants, fmt, evidence, confidence))
    return out


def _missing_participations(
    reader: "Reader", existing, participants: list[str], fmt: str, evidence: list[dict], confidence: float
) -> list[Suggestion]:
    known = set(existing.participations.filter(state__isnull=False).values_list("state__iso3", flat=True))
    mode = ParticipationMode.VIDEOCONFERENCE if fmt == MeetingFormat.ONLINE else ParticipationMode.IN_PERSON
    out = []
    for code in participants:
        if code in known:
            continue
        state = reader.states[code]
        out.append(
            reader.suggestion(
                SuggestionKind.PARTICIPATION,
                (existing.pk, code),
                f"{state.name} → {existing.title}",
                {
                    "meeting": existing.pk,
                    "meeting_name": clip(str(existing)),
                    "state": code,
                    "state_name": state.name,
                    "role": "member",
                    "mode": mode,
                },
                evidence,
                confidence * 0.9,
            )
        )
    return out
