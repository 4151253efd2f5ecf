"""The registry as the pipeline sees it: names by their lemmas, nothing from the database.

`Entry` is a state, an organization, a person or a place with every name it
goes by; `Gazetteer.find` matches them in tokenized text on lemma sequences,
longest first, so «Генеральной прокуратуры Российской Федерации» and
«российская сторона» are both found.
"""

import datetime
from dataclasses import dataclass, field

MAX_SPAN = 14
PREFIX_TERMS = 6  # "conference of the states parties": a short name the longer registry name starts with


@dataclass
class Entry:
    kind: str  # state | organization | person | place
    key: str  # ISO3, organization slug or id, person id, place name
    name_ru: str = ""
    name_en: str = ""
    aliases: list[str] = field(default_factory=list)
    state: str = ""  # ISO3 of a place's or an authority's state
    parent: str = ""  # an organization's parent key

    def name(self, language: str) -> str:
        return (self.name_en or self.name_ru) if language == "en" else (self.name_ru or self.name_en)


@dataclass
class PostRecord:
    """A post the registry knows: who held which title in which organization, when."""

    person: str  # person key
    title_ru: str
    title_en: str
    organization: str  # organization key
    state: str  # ISO3 of the organization's state, if any
    start: datetime.date | None = None
    end: datetime.date | None = None

    def held_on(self, day: datetime.date) -> bool:
        return (self.start is None or self.start <= day) and (self.end is None or day <= self.end)


@dataclass
class Match:
    entry: Entry
    first: int  # token index
    last: int  # token index, exclusive
    via: str  # the registry name that matched


class Gazetteer:
    def __init__(self, entries: list[Entry], analyze, posts: list[PostRecord] = ()) -> None:
        """`analyze(text) -> list[str]` turns a name into index terms, the same way as the text."""
        self.entries = entries
        self.posts = list(posts)
        self.persons = {e.key: e for e in entries if e.kind == "person"}
        self.organizations = {e.key: e for e in entries if e.kind == "organization"}
        self.states = {e.key: e for e in entries if e.kind == "state"}
        # Each post's title as index terms, read once rather than on every lookup.
        self._post_terms = [
            set(analyze(p.title_ru or p.title_en)) | set(analyze(p.title_en)) for p in self.posts
        ]
        self.analyze = analyze
        self._state_terms: dict[str, set[str]] | None = None
        self.index: dict[tuple[str, ...], list[tuple[Entry, str]]] = {}
        for entry in entries:
            # In a fixed order (not a set's): the first form recorded for a span must not vary with the hash seed.
            for text in dict.fromkeys(t for t in (entry.name_ru, entry.name_en, *entry.aliases) if t):
                terms = tuple(analyze(text))
                if terms and not (len(terms) == 1 and len(terms[0]) < 3 and not text.isupper()):
                    self.index.setdefault(terms, []).append((entry, text))
        self.longest = min(MAX_SPAN, max((len(k) for k in self.index), default=1))
        self.prefixes: dict[tuple[str, ...], list[Entry]] = {}
        for terms, hits in self.index.items():
            for entry, _via in hits:
                if entry.kind != "organization":
                    continue
                for length in range(1, min(len(terms), PREFIX_TERMS + 1)):
                    bucket = self.prefixes.setdefault(terms[:length], [])
                    if entry not in bucket:
                        bucket.append(entry)

    def holders(self, head: str, organization: str, state: str, day: datetime.date | None) -> list[Entry]:
        """Who held a post whose title has the head lemma `head` in that organization or state on `day`.

        Without a day, the answer is given only when the post had one holder.
        """
        found = []
        for post, title_terms in zip(self.posts, self._post_terms, strict=True):
            if organization and post.organization != organization and post.state != state:
                continue
            if not organization and post.state != state:
                continue
            if head not in title_terms:
                continue
            if day is not None and not post.held_on(day):
                continue
            person = self.persons.get(post.person)
            if person is not None and person not in found:
                found.append(person)
        return found if day is not None or len(found) == 1 else []

    def state_terms(self, iso3: str) -> set[str]:
        """The index terms of a state's names («россия», «российский», «федерация»…)."""
        if self._state_terms is None:
            self._state_terms = {}
            for entry in self.entries:
                if entry.kind == "state":
                    bucket = self._state_terms.setdefault(entry.key, set())
                    for name in {entry.name_ru, entry.name_en, *entry.aliases} - {""}:
                        bucket.update(t for t in self.analyze(name) if len(t) > 3)
        return self._state_terms.get(iso3, set())

    def generic(self, entry: Entry, via: str) -> bool:
        """A name of a body that does not name its parent («Генеральная Ассамблея», "General Assembly").

        Many organizations have a body called so; the name is the registry
        body's only in a text that names its parent.
        """
        parent = self.organizations.get(entry.parent)
        if parent is None or (via.isupper() and len(via) > 1):
            return False
        parent_terms = {
            t for name in (parent.name_ru, parent.name_en, *parent.aliases) for t in self.analyze(name)
        }
        return not set(self.analyze(via)) & parent_terms

    def by_prefix(self, terms: tuple[str, ...]) -> list[Entry]:
        """Organizations one of whose names starts with these terms («исполнительный комитет …»)."""
        return self.prefixes.get(tuple(terms), [])

    def find(
        self, terms: list[str], first: int = 0, last: int | None = None, longest: int | None = None
    ) -> list[Match]:
        """Matches in `terms[first:last]`, longest first, without overlaps."""
        last = len(terms) if last is None else last
        longest = self.longest if longest is None else longest
        matches, i = [], first
        while i < last:
            for length in range(min(longest, last - i), 0, -1):
                hits = self.index.get(tuple(terms[i : i + length]))
                if hits:
                    seen = set()
                    for entry, via in hits:
                        if id(entry) not in seen:
                            seen.add(id(entry))
                            matches.append(Match(entry, i, i + length, via))
                    i += length
                    break
            else:
                i += 1
        return matches

    def find_nested(self, terms: list[str], outer: list[Match]) -> list[Match]:
        """Names inside longer names: «ООН» in «Конвенции ООН против коррупции», Гонконг in ICAC's name."""
        nested = []
        for match in outer:
            if match.last - match.first < 2:
                continue
            for inner in self.find(terms, match.first, match.last, longest=match.last - match.first - 1):
                if inner.entry is not match.entry and inner.entry.kind in ("organization", "place"):
                    nested.append(inner)
        return nested
