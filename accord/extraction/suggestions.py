"""From a pipeline `Analysis` to unsaved mentions and suggestions: how the contract is read.

The pipeline names things by registry keys and by the words of the text; this
module turns them into rows: mentions linked to the records their keys name,
and suggestions whose payloads hold what accepting would write (ids of known
records, names of new ones) with the sentences that support them. It reads
the registry but writes nothing; `services.store_analysis` stores the result.
Everything the contract may lack (a body, a place's country, participants)
is looked for in the mentions of the same sentence, and left empty otherwise.
"""

import datetime
import hashlib
import json
import re
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Q
from django.utils import timezone

from accord.extraction.choices import MentionMethod, MentionType, SuggestionKind
from accord.extraction.models import Mention, Suggestion
from accord.meetings.choices import MeetingFormat, MeetingKind, MeetingStatus, ParticipationMode
from accord.registry.choices import OrganizationKind, PostRole
from accord.registry.models import Alias, Organization, Person, Post, State

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
AUTHORITY_WORDS = re.compile(
    r"министерств|прокуратур|служб|агентств|комитет|ведомств|управлени|суд|ministry|prosecutor|"
    r"agency|service|office|committee|court|authority|commission",
    re.I,
)
HEAD_WORDS = re.compile(
    r"^(генеральн\w+ прокурор|министр|председател|директор|руководител|глав|начальник|президент|"
    r"посол|prosecutor general|minister|chair|director|head|president|ambassador|secretary-general)",
    re.I,
)
DEPUTY_WORDS = re.compile(r"^(перв\w+ )?(заместител|замести|deputy|vice)", re.I)
MAX_TEXT = 500


def norm(text: str) -> str:
    """Lower case, ё as е, quotes and extra spaces dropped: how names are compared."""
    text = (text or "").lower().replace("ё", "е")
    text = re.sub(r"[«»\"“”„']", "", text)
    text = re.sub(r"[\u2013\u2014-]", "-", text)
    return re.sub(r"\s+", " ", text).strip(" .,;:")


def parse_date(value: Any) -> datetime.date | None:
    if isinstance(value, datetime.date):
        return value
    try:
        return datetime.date.fromisoformat(str(value)[:10])
    except (TypeError, ValueError):
        return None


def event_period(event: dict) -> tuple[datetime.date, datetime.date] | None:
    """An event's first and last day, in order; None when it has no usable start."""
    start = parse_date(event.get("start"))
    if start is None:
        return None
    end = parse_date(event.get("end")) or start
    return min(start, end), max(start, end)


def fingerprint(kind: str, *parts: Any) -> str:
    """A stable identity of what is proposed, so a new run recognizes a decided suggestion."""
    data = json.dumps([kind, *[norm(str(p)) if p is not None else "" for p in parts]], ensure_ascii=False)
    return hashlib.sha1(data.encode("utf-8")).hexdigest()


def _clip(value: Any, limit: int = MAX_TEXT) -> str:
    return str(value or "")[:limit]


@dataclass
class Built:
    """What one analysis amounts to, before storing."""

    mentions: list[Mention] = field(default_factory=list)
    suggestions: list[Suggestion] = field(default_factory=list)


class Reader:
    """Reads one analysis of one document against the registry (a few queries in all)."""

    def __init__(self, document, analysis) -> None:
        self.document = document
        self.analysis = analysis
        self.text = analysis.text or ""
        self.contract: dict = analysis.contract if isinstance(analysis.contract, dict) else {}
        self.language = self.contract.get("language") or document.language or "ru"
        if self.language not in ("ru", "en"):
            self.language = "ru"
        self.published = parse_date(self.contract.get("published")) or document.published_on
        self.raw_mentions = [m for m in (analysis.mentions or []) if 0 <= m.begin < m.end <= len(self.text)]
        self._gazetteer = None
        self._load_registry()

    def gazetteer(self):
        """The registry's gazetteer, to find known names inside a title or a new body's name."""
        if self._gazetteer is None:
            from accord.extraction.snapshot import gazetteer

            self._gazetteer = gazetteer()
        return self._gazetteer

    # ---- registry lookups -------------------------------------------------------------

    def _list(self, key: str) -> list:
        value = self.contract.get(key)
        return [v for v in value if isinstance(v, dict)] if isinstance(value, list) else []

    def _load_registry(self) -> None:
        codes = {m.key for m in self.raw_mentions if m.type == "state" and m.key}
        codes |= {s.get("iso3", "") for s in self._list("states")}
        codes |= {p.get("state", "") for p in self._list("places")}
        for person in self._list("persons"):
            codes |= {p.get("state", "") for p in person.get("posts") or [] if isinstance(p, dict)}
        for event in self._list("events"):
            codes |= {c for c in _codes(event.get("participants")) if c}
        self.states = {s.iso3: s for s in State.objects.filter(iso3__in={c for c in codes if c})}
        keys = {m.key for m in self.raw_mentions if m.type == "organization" and m.key}
        keys |= {o.get("key") for o in self._list("organizations") if o.get("key")}
        numeric = {int(k) for k in keys if str(k).isdigit()}
        self.organizations: dict[str, Organization] = {}
        for org in Organization.objects.filter(Q(slug__in=keys) | Q(pk__in=numeric)):
            self.organizations[str(org.pk)] = org
            if org.slug:
                self.organizations[org.slug] = org
        person_ids = {int(m.key) for m in self.raw_mentions if m.type == "person" and str(m.key).isdigit()}
        self.persons = {str(p.pk): p for p in Person.objects.filter(pk__in=person_ids)}

    def organization_named(self, name: str) -> Organization | None:
        """A registry organization by a name the contract uses for it, or by its own names."""
        if not name:
            return None
        wanted = norm(name)
        for item in self._list("organizations"):
            forms = [item.get("name", ""), *(item.get("aliases") or [])]
            if wanted in {norm(f) for f in forms if isinstance(f, str)} and item.get("key"):
                found = self.organizations.get(str(item["key"]))
                if found:
                    return found
        match = Organization.objects.filter(
            Q(name_ru__iexact=name)
            | Q(name_en__iexact=name)
            | Q(abbreviation_ru__iexact=name)
            | Q(abbreviation_en__iexact=name)
        ).first()
        if match is None:
            alias = Alias.objects.filter(text__iexact=name, organization__isnull=False).first()
            match = alias.organization if alias else None
        return match

    # ---- text helpers ------------------------------------------------------------------

    def sentence_span(self, offset: int | None) -> tuple[int, int] | None:
        if offset is None or not self.text:
            return None
        for begin, end in getattr(self.analysis, "sentences", None) or []:
            if begin <= offset < end:
                return begin, end
        sentence = self.analysis.sentence_at(offset) if hasattr(self.analysis, "sentence_at") else ""
        if sentence:
            begin = self.text.rfind(sentence, 0, offset + len(sentence))
            if begin >= 0:
                return begin, begin + len(sentence)
        return None

    def evidence(self, *offsets: int | None) -> list[dict]:
        items, seen = [], set()
        for offset in offsets:
            span = self.sentence_span(offset)
            if span is None or span in seen:
                continue
            seen.add(span)
            text = self.text[span[0] : span[1]].strip()
            if text:
                items.append({"text": text[:2000], "begin": span[0], "end": span[1]})
        return items

    def mentions_in(self, span: tuple[int, int] | None, kind: str) -> list:
        if span is None:
            return []
        return [m for m in self.raw_mentions if m.type == kind and span[0] <= m.begin < span[1]]

    def paragraph_sentences(self, span: tuple[int, int]) -> list[tuple[int, int]]:
        start = self.text.rfind("\n", 0, span[0]) + 1
        stop = self.text.find("\n", span[1])
        stop = len(self.text) if stop < 0 else stop
        spans = [s for s in getattr(self.analysis, "sentences", None) or [] if start <= s[0] < stop]
        return spans or [span]

    # ---- mentions ------------------------------------------------------------------------

    def mentions(self) -> list[Mention]:
        rows = []
        types = set(MentionType.values)
        methods = set(MentionMethod.values)
        for m in self.raw_mentions:
            if m.type not in types:
                continue
            key = str(m.key or "")
            row = Mention(
                document=self.document,
                begin=m.begin,
                end=m.end,
                type=m.type,
                text=_clip(m.text or self.text[m.begin : m.end]),
                normal=_clip(m.normal),
                key=key[:120],
                method=m.method if m.method in methods else MentionMethod.RULE,
                confidence=_unit(m.confidence),
            )
            if key and m.type == MentionType.STATE:
                row.state = self.states.get(key)
            elif key and m.type == MentionType.ORGANIZATION:
                row.organization = self.organizations.get(key)
            elif key and m.type == MentionType.PERSON:
                row.person = self.persons.get(key)
            rows.append(row)
        return rows

    # ---- suggestions ---------------------------------------------------------------------

    def suggestions(self) -> list[Suggestion]:
        found: dict[str, Suggestion] = {}
        for suggestion in (
            *self.meetings(),
            *self.posts_and_persons(),
            *self.new_organizations(),
            *self.references(),
            *self.initiatives(),
        ):
            known = found.get(suggestion.fingerprint)
            if known is None:
                found[suggestion.fingerprint] = suggestion
                continue
            for item in suggestion.evidence:
                if item not in known.evidence:
                    known.evidence.append(item)
            known.confidence = max(known.confidence, suggestion.confidence)
        return list(found.values())

    def _suggestion(self, kind: str, print_parts: tuple, label: str, payload: dict, evidence, confidence):
        return Suggestion(
            document=self.document,
            kind=kind,
            fingerprint=fingerprint(kind, *print_parts),
            label=_clip(label),
            payload=json.loads(json.dumps({**payload, "language": self.language}, default=str)),
            evidence=evidence,
            confidence=round(_unit(confidence), 2),
        )

    def _event_offset(self, event: dict, start: datetime.date, end: datetime.date) -> int | None:
        if isinstance(event.get("begin"), int):
            return event["begin"]
        wanted = {start.isoformat()} if start == end else {f"{start.isoformat()}/{end.isoformat()}"}
        candidates = [m for m in self.raw_mentions if m.type == "date" and m.normal in wanted]
        for m in candidates:
            span = self.sentence_span(m.begin)
            if span and span[1] - span[0] > (m.end - m.begin) + 15:
                return m.begin
        return candidates[0].begin if candidates else None

    def _country_of(self, place: str, span) -> State | None:
        for item in self._list("places"):
            if norm(item.get("name", "")) == norm(place) and item.get("state"):
                return self.states.get(item["state"])
        # «Sharm el-Sheikh, Egypt»: a state named right after the place.
        for m in self.mentions_in(span, "state"):
            before = self.text[max(0, m.begin - len(place) - 4) : m.begin]
            if place and place in before and self.states.get(m.key):
                return self.states[m.key]
        return None

    def events(self) -> list[dict]:
        """The events the pipeline found in the text (the contract's `events`)."""
        return self._list("events")

    def event_body(self, event: dict, span: tuple[int, int] | None) -> Organization | None:
        """The body an event names, else the first body (or organization) named in its sentence."""
        body = self.organization_named(event.get("body") or "") if event.get("body") else None
        if body is None:
            nearby = [self.organizations.get(m.key) for m in self.mentions_in(span, "organization")]
            nearby = [o for o in nearby if o is not None]
            bodies = [o for o in nearby if o.kind in (OrganizationKind.BODY, OrganizationKind.IGO)]
            body = (bodies or nearby or [None])[0]
        return body

    def _registered_meeting(self, start, end, body: Organization | None, place: str):
        from accord.extraction.standing import matching_meetings

        return matching_meetings(start, end, body.pk if body else None, place).first()

    def registered_meeting(self, event: dict):
        """The meeting already in the registry that an event of the text describes (same days, body or place)."""
        period = event_period(event)
        if period is None:
            return None
        start, end = period
        body = self.event_body(event, self.sentence_span(self._event_offset(event, start, end)))
        return self._registered_meeting(start, end, body, _clip(event.get("place") or "", 200))

    def meetings(self) -> list[Suggestion]:
        out = []
        today = timezone.localdate()
        for event in self._list("events"):
            period = event_period(event)
            if period is None:
                continue
            start, end = period
            offset = self._event_offset(event, start, end)
            span = self.sentence_span(offset)
            body = self.event_body(event, span)
            place = _clip(event.get("place") or "", 200)
            country = self._country_of(place, span) if place else None
            if country is None and isinstance(event.get("country"), str):
                country = (
                    self.states.get(event["country"]) or State.objects.filter(iso3=event["country"]).first()
                )
            codes = [c for c in _codes(event.get("participants")) if c]
            if not codes and span:
                for sentence in self.paragraph_sentences(span):
                    text = self.text[sentence[0] : sentence[1]]
                    if sentence == span or PARTICIPATION_WORDS.search(text):
                        codes.extend(m.key for m in self.mentions_in(sentence, "state"))
            participants = [c for c in dict.fromkeys(codes) if c in self.states]
            fmt = event.get("format") if event.get("format") in MeetingFormat.values else "in_person"
            kind = MEETING_KINDS.get(str(event.get("kind") or ""), MeetingKind.MEETING)
            reference_day = self.published or today
            status = MeetingStatus.HELD if end <= reference_day else MeetingStatus.PLANNED
            payload = {
                "kind": kind,
                "title": _title(event.get("title")),
                "start_on": start.isoformat(),
                "end_on": end.isoformat(),
                "city": place,
                "country": country.iso3 if country else None,
                "country_name": country.name if country else "",
                "format": fmt,
                "status": status,
                "body": body.pk if body else None,
                "body_name": body.name if body else _clip(event.get("body") or ""),
                "participants": participants,
            }
            evidence = self.evidence(offset)
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
                self._suggestion(
                    SuggestionKind.MEETING,
                    (start, end, payload["body"] or place),
                    label,
                    payload,
                    evidence,
                    confidence,
                )
            )
            # A meeting already in the registry: its missing participants are separate proposals.
            existing = self._registered_meeting(start, end, body, place)
            if existing is not None and participants:
                known = set(
                    existing.participations.filter(state__isnull=False).values_list("state__iso3", flat=True)
                )
                mode = (
                    ParticipationMode.VIDEOCONFERENCE
                    if fmt == MeetingFormat.ONLINE
                    else ParticipationMode.IN_PERSON
                )
                for code in participants:
                    if code in known:
                        continue
                    state = self.states[code]
                    out.append(
                        self._suggestion(
                            SuggestionKind.PARTICIPATION,
                            (existing.pk, code),
                            f"{state.name} → {existing.title}",
                            {
                                "meeting": existing.pk,
                                "meeting_name": _clip(str(existing)),
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

    def _person_offset(self, name: str, surname: str) -> int | None:
        stem = norm(surname)[:5]
        for m in self.raw_mentions:
            if m.type == "person" and stem and (stem in norm(m.text) or stem in norm(m.normal)):
                return m.begin
        for probe in (name, surname):
            if probe:
                index = self.text.find(probe)
                if index >= 0:
                    return index
        if len(stem) >= 4:
            index = self.text.lower().replace("ё", "е").find(stem)
            return index if index >= 0 else None
        return None

    def _person_record(self, name: str, surname: str) -> Person | None:
        stem = norm(surname)[:5]
        for m in self.raw_mentions:
            named = stem and (stem in norm(m.text) or stem in norm(m.normal))
            if m.type == "person" and named and m.key in self.persons:
                return self.persons[m.key]
        if not surname:
            return None
        candidates = list(
            Person.objects.filter(Q(family_name_ru__iexact=surname) | Q(family_name_en__iexact=surname))[:5]
        )
        given = norm(name.split()[0]) if len(name.split()) > 1 else ""
        if given:
            exact = [p for p in candidates if given in (norm(p.given_name_ru), norm(p.given_name_en))]
            candidates = exact or candidates
        return candidates[0] if len(candidates) == 1 else None

    def _post_organization(self, post: dict, title: str, person: Person | None) -> Organization | None:
        named = self.organization_named(post.get("organization") or "")
        if named is not None:
            return named
        from accord.documents.search.analysis import terms

        state_code = post.get("state") or ""
        for match in self.gazetteer().find(terms(title)):
            if match.entry.kind == "organization":
                org = Organization.objects.filter(Q(slug=match.entry.key) | _pk(match.entry.key)).first()
                if org is not None:
                    return org
            if match.entry.kind == "state" and not state_code:
                state_code = match.entry.key
        same_title = (
            Post.objects.filter(Q(title_ru__iexact=title) | Q(title_en__iexact=title))
            .select_related("organization")
            .order_by("-start_on")
            .first()
        )
        if same_title is not None:
            return same_title.organization
        if person is not None and state_code:
            held = person.posts.filter(organization__state__iso3=state_code).select_related("organization")
            first = held.order_by("-start_on").first()
            if first is not None:
                return first.organization
        return None

    def posts_and_persons(self) -> list[Suggestion]:
        out = []
        for item in self._list("persons"):
            name = _clip(item.get("name") or "", 300).strip()
            surname = _clip(item.get("surname") or (name.split()[-1] if name else ""), 200).strip()
            if not surname:
                continue
            record = self._person_record(name, surname)
            offset = self._person_offset(name, surname)
            evidence = self.evidence(offset)
            names = _split_name(name, surname, self.language)
            person_name = record.name if record else name or surname
            posts = [p for p in item.get("posts") or [] if isinstance(p, dict) and p.get("title")]
            for post in posts:
                title = _clip(post["title"]).strip()
                organization = self._post_organization(post, title, record)
                payload = {
                    "person": record.pk if record else None,
                    "person_name": person_name,
                    **names,
                    "organization": organization.pk if organization else None,
                    "organization_name": organization.name
                    if organization
                    else _clip(post.get("organization")),
                    "title": title,
                    "role": _post_role(title),
                    "held_on": self.published.isoformat() if self.published else None,
                    "start_on": None,
                    "end_on": None,
                }
                confidence = 0.55 + 0.2 * bool(record) + 0.15 * bool(organization)
                out.append(
                    self._suggestion(
                        SuggestionKind.POST,
                        (record.pk if record else surname, title),
                        f"{person_name} — {title}",
                        payload,
                        evidence,
                        confidence,
                    )
                )
            if not posts and record is None and len(name.split()) >= 2:
                out.append(
                    self._suggestion(
                        SuggestionKind.PERSON,
                        (name,),
                        name,
                        {**names, "person_name": name},
                        evidence,
                        0.45,
                    )
                )
        return out

    def _organization_offset(self, forms: list[str]) -> int | None:
        wanted = {norm(f) for f in forms if f}
        for m in self.raw_mentions:
            if m.type == "organization" and (norm(m.normal) in wanted or norm(m.text) in wanted):
                return m.begin
        for form in forms:
            index = self.text.find(form) if form else -1
            if index >= 0:
                return index
        return None

    def new_organizations(self) -> list[Suggestion]:
        from accord.documents.search.analysis import terms

        out = []
        for item in self._list("organizations"):
            name = _clip(item.get("name") or "").strip()
            if item.get("key") or len(name) < 4 or re.match(r"(?i)^the\s", name):
                continue
            aliases = [a for a in item.get("aliases") or [] if isinstance(a, str)]
            if self.organization_named(name) is not None:
                continue
            parent = state = None
            for match in self.gazetteer().find(terms(name)):
                if match.entry.kind == "organization":
                    parent = Organization.objects.filter(
                        Q(slug=match.entry.key) | _pk(match.entry.key)
                    ).first()
                elif match.entry.kind == "state" and state is None:
                    state = State.objects.filter(iso3=match.entry.key).first()
            if parent is not None and state is None and parent.state_id:
                state = parent.state
            if parent is not None:
                kind = (
                    OrganizationKind.NATIONAL_AUTHORITY
                    if parent.kind == OrganizationKind.NATIONAL_AUTHORITY
                    else OrganizationKind.BODY
                )
            elif state is not None and AUTHORITY_WORDS.search(name):
                kind = OrganizationKind.NATIONAL_AUTHORITY
            else:
                kind = OrganizationKind.OTHER
            abbreviation = next(
                (a for a in aliases if a.isupper() and 2 <= len(a) <= 12 and " " not in a), ""
            )
            offset = self._organization_offset([name, *aliases])
            payload = {
                "name": name,
                "abbreviation": abbreviation[:64],
                "aliases": [a[:MAX_TEXT] for a in aliases[:10]],
                "kind": kind,
                "parent": parent.pk if parent else None,
                "parent_name": parent.name if parent else "",
                "state": state.iso3 if state else None,
                "state_name": state.name if state else "",
            }
            confidence = 0.4 + 0.2 * bool(parent) + 0.1 * bool(state)
            label = f"{name} ({parent.name})" if parent else name
            out.append(
                self._suggestion(
                    SuggestionKind.ORGANIZATION, (name,), label, payload, self.evidence(offset), confidence
                )
            )
        return out

    def references(self) -> list[Suggestion]:
        out = []
        references = (
            self.contract.get("references") if isinstance(self.contract.get("references"), dict) else {}
        )
        own = (self.document.symbol or "").upper()
        for symbol in references.get("symbols") or []:
            if not isinstance(symbol, str) or not symbol.strip() or symbol.upper() == own:
                continue
            symbol = symbol.strip()[:120]
            offset = next(
                (m.begin for m in self.raw_mentions if m.type == "symbol" and m.normal == symbol), None
            )
            out.append(
                self._suggestion(
                    SuggestionKind.REFERENCE,
                    (symbol.upper(),),
                    symbol,
                    {"symbol": symbol},
                    self.evidence(offset),
                    0.8,
                )
            )
        return out

    def initiatives(self) -> list[Suggestion]:
        proposals = [p for p in self.contract.get("proposals") or [] if isinstance(p, dict)]
        for event in self._list("events"):
            proposals.extend(p for p in event.get("proposals") or [] if isinstance(p, dict))
        out = []
        for proposal in proposals:
            text = _clip(proposal.get("text") or "").strip()
            if not text:
                continue
            proposer = _clip(proposal.get("proposer") or "", 300)
            if isinstance(proposal.get("proposer"), dict):
                proposer = _clip(proposal["proposer"].get("name") or "", 300)
            verb = (
                proposal.get("verb")
                if proposal.get("verb") in ("proposed", "supported", "invited")
                else "proposed"
            )
            offset = proposal.get("begin") if isinstance(proposal.get("begin"), int) else None
            evidence = self.evidence(offset)
            if not evidence and isinstance(proposal.get("evidence"), str) and proposal["evidence"].strip():
                evidence = [{"text": proposal["evidence"][:2000], "begin": offset or 0, "end": offset or 0}]
            payload = {
                "proposer": proposer,
                "proposer_kind": _clip(proposal.get("proposer_kind") or "", 20),
                "verb": verb,
                "text": text,
            }
            out.append(
                self._suggestion(
                    SuggestionKind.INITIATIVE,
                    (proposer, verb, text[:200]),
                    f"{proposer}: {text}" if proposer else text,
                    payload,
                    evidence,
                    _unit(proposal.get("confidence", 0.5)),
                )
            )
        return out


def _codes(value) -> list[str]:
    """ISO codes from a participants list: strings, or dicts with `iso3`/`state`."""
    if not isinstance(value, list):
        return []
    codes = []
    for item in value:
        if isinstance(item, str):
            codes.append(item.strip().upper())
        elif isinstance(item, dict):
            codes.append(str(item.get("iso3") or item.get("state") or "").upper())
    return codes


def _title(value: Any) -> str:
    """An event's title when it reads as one («35-е заседание КСГП»), not a fragment of a sentence."""
    title = _clip(value).strip(" ,.;:")
    return title if title[:1].isupper() or title[:1].isdigit() else ""


def _pk(key: str) -> Q:
    return Q(pk=int(key)) if str(key).isdigit() else Q(pk__in=[])


def _unit(value: Any) -> float:
    try:
        number = float(value)
    except (TypeError, ValueError):
        return 0.5
    return min(1.0, max(0.0, number))


def _post_role(title: str) -> str:
    if DEPUTY_WORDS.search(title):
        return PostRole.DEPUTY
    if HEAD_WORDS.search(title):
        return PostRole.HEAD
    return PostRole.OTHER


def _split_name(name: str, surname: str, language: str) -> dict:
    """Given name and patronymic around the surname: «Александр Гуцан», «Гуцан Александр Викторович»."""
    parts = [p for p in name.replace(".", ". ").split() if p]
    stem = norm(surname)[: max(4, len(surname) - 1)]
    others = [p for p in parts if not norm(p).startswith(stem)]  # «Юлдашевым» is the surname too
    given = others[0] if others else ""
    patronymic = others[1] if len(others) > 1 and language == "ru" else ""
    return {"family_name": surname, "given_name": given, "patronymic": patronymic}


def build(document, analysis) -> Built:
    """The mentions and suggestions one analysis of a document amounts to (unsaved)."""
    reader = Reader(document, analysis)
    return Built(mentions=reader.mentions(), suggestions=reader.suggestions())
