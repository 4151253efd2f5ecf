"""What a news item names, read by the extraction pipeline: the records its links are proposed to.

The pipeline reads the item's plain text (title, lead and body, each
language apart) with the registry's gazetteer; its mentions name states by
ISO3 code, organizations by slug and people by id, and its events are matched
to meetings already in the registry the way extraction matches them (same
days, same body or, without one, the same city). Nothing is written here.
"""

import datetime
import re
from dataclasses import dataclass

from django.utils import timezone

from accord.news.sanitize import plain_text

MATCHED_TEXT_LIMIT = 300


@dataclass(frozen=True)
class Named:
    """A record the text names and the words that name it."""

    field: str  # state | organization | person | meeting
    record: object
    matched_text: str


def _norm(text: str) -> str:
    text = (text or "").lower().replace("ё", "е")
    text = re.sub(r"[«»\"“”„']", "", text)
    return re.sub(r"\s+", " ", text).strip(" .,;:")


def _parse_date(value) -> datetime.date | None:
    try:
        return datetime.date.fromisoformat(str(value)[:10])
    except (TypeError, ValueError):
        return None


def item_texts(item) -> list[tuple[str, str]]:
    """(language, plain text) for each language the item is written in."""
    texts = []
    for language in ("ru", "en"):
        parts = [
            getattr(item, f"title_{language}", ""),
            getattr(item, f"lead_{language}", ""),
            plain_text(getattr(item, f"body_{language}", "")),
        ]
        text = "\n\n".join(p.strip() for p in parts if p and p.strip())
        if text:
            texts.append((language, text))
    return texts


def analyses(item) -> list:
    """The pipeline's analysis of each language version; relative days are dated from the publication day."""
    from accord.extraction.pipeline.assemble import analyze
    from accord.extraction.snapshot import gazetteer

    texts = item_texts(item)
    if not texts:
        return []
    registry = gazetteer()
    day = timezone.localdate(item.published_at) if item.published_at else timezone.localdate()
    return [analyze(f"news-{item.pk}-{language}", text, registry, day) for language, text in texts]


class _Collector:
    def __init__(self) -> None:
        self.words: dict[tuple[str, str], str] = {}  # (type, key) → first words that named it
        self.events: list[tuple[dict, object]] = []

    def add(self, analysis) -> None:
        for mention in analysis.mentions:
            if mention.type in ("state", "organization", "person") and mention.key:
                self.words.setdefault((mention.type, str(mention.key)), mention.text)
        events = analysis.contract.get("events") if isinstance(analysis.contract, dict) else None
        for event in events or []:
            if isinstance(event, dict):
                self.events.append((event, analysis))


def _registry(words: dict[tuple[str, str], str]) -> dict[tuple[str, str], object]:
    from django.db.models import Q

    from accord.registry.models import Organization, Person, State

    keys = {kind: {k for t, k in words if t == kind} for kind in ("state", "organization", "person")}
    found: dict[tuple[str, str], object] = {}
    for state in State.objects.filter(iso3__in=keys["state"]):
        found["state", state.iso3] = state
    numeric = {int(k) for k in keys["organization"] if k.isdigit()}
    for org in Organization.objects.filter(Q(slug__in=keys["organization"]) | Q(pk__in=numeric)):
        found["organization", str(org.pk)] = org
        if org.slug:
            found["organization", org.slug] = org
    people = {int(k) for k in keys["person"] if k.isdigit()}
    for person in Person.objects.filter(pk__in=people):
        found["person", str(person.pk)] = person
    return found


def _event_body(event: dict, analysis, organizations: dict[str, object]):
    """The body an event names, by the contract's organizations, else the first body in its sentence."""
    from accord.registry.choices import OrganizationKind
    from accord.registry.models import Organization

    name = _norm(event.get("body") or "")
    contract = analysis.contract if isinstance(analysis.contract, dict) else {}
    if name:
        for item in contract.get("organizations") or []:
            if not isinstance(item, dict) or not item.get("key"):
                continue
            forms = {
                _norm(f) for f in [item.get("name", ""), *(item.get("aliases") or [])] if isinstance(f, str)
            }
            if name in forms and ("organization", str(item["key"])) in organizations:
                return organizations["organization", str(item["key"])]
    begin = event.get("begin")
    if not isinstance(begin, int):
        return None
    sentence = next(((b, e) for b, e in analysis.sentences if b <= begin < e), None)
    if sentence is None:
        return None
    nearby = [
        organizations.get(("organization", str(m.key)))
        for m in analysis.mentions
        if m.type == "organization" and m.key and sentence[0] <= m.begin < sentence[1]
    ]
    nearby = [o for o in nearby if isinstance(o, Organization)]
    bodies = [o for o in nearby if o.kind in (OrganizationKind.BODY, OrganizationKind.IGO)]
    return (bodies or nearby or [None])[0]


def _meeting(event: dict, analysis, organizations: dict[str, object]):
    from accord.extraction.standing import matching_meetings

    start = _parse_date(event.get("start"))
    if start is None:
        return None
    end = _parse_date(event.get("end")) or start
    start, end = min(start, end), max(start, end)
    body = _event_body(event, analysis, organizations)
    place = str(event.get("place") or "")
    meeting = None
    if body is not None:
        meeting = matching_meetings(start, end, body.pk).first()
    if meeting is None and place:
        meeting = matching_meetings(start, end, None, place).first()
    return meeting


def named_records(item) -> list[Named]:
    """The states, bodies, people and meetings the item's text names, each once, in the order found."""
    collector = _Collector()
    for analysis in analyses(item):
        collector.add(analysis)
    registry = _registry(collector.words)
    named: dict[tuple[str, int], Named] = {}
    for (kind, key), words in collector.words.items():
        record = registry.get((kind, key))
        if record is not None:
            named.setdefault((kind, record.pk), Named(kind, record, words[:MATCHED_TEXT_LIMIT]))
    for event, analysis in collector.events:
        meeting = _meeting(event, analysis, registry)
        if meeting is not None:
            words = event.get("title") or event.get("evidence") or str(meeting)
            named.setdefault(
                ("meeting", meeting.pk), Named("meeting", meeting, str(words)[:MATCHED_TEXT_LIMIT])
            )
    return list(named.values())
