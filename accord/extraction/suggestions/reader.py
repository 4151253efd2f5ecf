"""The reader of one analysis: what every suggestion builder asks of it, and the builders run in turn."""

import json
from collections.abc import Callable
from dataclasses import dataclass, field

from django.db.models import Q

from accord.extraction.models import Mention, Suggestion
from accord.extraction.suggestions import initiatives, meetings, organizations, posts, references
from accord.extraction.suggestions.common import clip, codes, fingerprint, norm, parse_date, unit
from accord.extraction.suggestions.mentions import mentions
from accord.registry.models import Alias, Organization, Person, State

#: One builder per kind, in the order their suggestions are listed (a duplicate joins the first).
BUILDERS: tuple[Callable[["Reader"], list[Suggestion]], ...] = (
    meetings.suggestions,
    posts.suggestions,
    organizations.suggestions,
    references.suggestions,
    initiatives.suggestions,
)


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

    # ---- what the builders produce ------------------------------------------------------

    def mentions(self) -> list[Mention]:
        """The spans as unsaved mention rows."""
        return mentions(self)

    def suggestions(self) -> list[Suggestion]:
        """Every builder's suggestions, each proposal once: a repeat adds its evidence and confidence."""
        found: dict[str, Suggestion] = {}
        for suggestion in [s for build_kind in BUILDERS for s in build_kind(self)]:
            known = found.get(suggestion.fingerprint)
            if known is None:
                found[suggestion.fingerprint] = suggestion
                continue
            for item in suggestion.evidence:
                if item not in known.evidence:
                    known.evidence.append(item)
            known.confidence = max(known.confidence, suggestion.confidence)
        return list(found.values())

    def suggestion(
        self,
        kind: str,
        print_parts: tuple,
        label: str,
        payload: dict,
        evidence: list[dict],
        confidence: float,
    ) -> Suggestion:
        """An unsaved suggestion of this document, in its language, identified by `print_parts`."""
        return Suggestion(
            document=self.document,
            kind=kind,
            fingerprint=fingerprint(kind, *print_parts),
            label=clip(label),
            payload=json.loads(json.dumps({**payload, "language": self.language}, default=str)),
            evidence=evidence,
            confidence=round(unit(confidence), 2),
        )

    # ---- events, for callers outside (news) -----------------------------------------------

    def events(self) -> list[dict]:
        """The events the pipeline found in the text (the contract's `events`)."""
        return self.items("events")

    def registered_meeting(self, event: dict):
        """The meeting already in the registry that an event of the text describes (same days, body or place)."""
        return meetings.registered_meeting(self, event)

    # ---- registry lookups -------------------------------------------------------------

    def items(self, key: str) -> list[dict]:
        """The contract's list under `key`, its objects only."""
        value = self.contract.get(key)
        return [v for v in value if isinstance(v, dict)] if isinstance(value, list) else []

    def _load_registry(self) -> None:
        found = {m.key for m in self.raw_mentions if m.type == "state" and m.key}
        found |= {s.get("iso3", "") for s in self.items("states")}
        found |= {p.get("state", "") for p in self.items("places")}
        for person in self.items("persons"):
            found |= {p.get("state", "") for p in person.get("posts") or [] if isinstance(p, dict)}
        for event in self.items("events"):
            found |= {c for c in codes(event.get("participants")) if c}
        self.states = {s.iso3: s for s in State.objects.filter(iso3__in={c for c in found if c})}
        keys = {m.key for m in self.raw_mentions if m.type == "organization" and m.key}
        keys |= {o.get("key") for o in self.items("organizations") if o.get("key")}
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
        for item in self.items("organizations"):
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
        """The sentence around an offset, as (begin, end) in the text."""
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
        """The sentences around the offsets, each once: what a reviewer reads beside a suggestion."""
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
        """The spans of one type that start inside `span`."""
        if span is None:
            return []
        return [m for m in self.raw_mentions if m.type == kind and span[0] <= m.begin < span[1]]

    def paragraph_sentences(self, span: tuple[int, int]) -> list[tuple[int, int]]:
        """The sentences of the paragraph holding `span` (at least `span` itself)."""
        start = self.text.rfind("\n", 0, span[0]) + 1
        stop = self.text.find("\n", span[1])
        stop = len(self.text) if stop < 0 else stop
        spans = [s for s in getattr(self.analysis, "sentences", None) or [] if start <= s[0] < stop]
        return spans or [span]


def build(document, analysis) -> Built:
    """The mentions and suggestions one analysis of a document amounts to (unsaved)."""
    reader = Reader(document, analysis)
    return Built(mentions=reader.mentions(), suggestions=reader.suggestions())
