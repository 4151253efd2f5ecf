"""Every name the registry knows, in one index: states, organizations and persons with their aliases.

Documents search (a name in a query stands for all the names of its record)
and extraction's gazetteer (names found in texts) both read the registry's
names; they read them here, with one query per table, kept until a name
changes. Each turns the records into its own structure (search terms, pipeline
entries): this module knows the registry, not how its names are matched.

A record's `key` is how the rest of Accord refers to it without the database:
a state's ISO3 code, an organization's slug (or its id), a person's id.

`NameIndex.find` answers what a reader types (the site's search, type-ahead
pickers): any name or alias in either language, or a Latin spelling of a
Cyrillic one under the common romanization schemes (iuliia), with case,
diacritics, ё and doubled letters folded away. `NameIndex.suggest` offers the
nearest names when nothing matched (difflib).
"""

import bisect
import difflib
import functools
import re
import time
import unicodedata
from dataclasses import dataclass

import iuliia
from django.db.models import Count, Max

from accord.registry.models import Alias, Organization, Person, State

#: How the index names its records.
STATE, ORGANIZATION, PERSON = "state", "organization", "person"


@dataclass(frozen=True)
class AliasName:
    """One alias (псевдоним) as the index keeps it, with the record it names."""

    owner: tuple[str, int]  # (kind, pk) of the record
    text: str
    kind: str  # AliasKind
    language: str


@dataclass(frozen=True)
class NamedRecord:
    """A state, organization or person with the names it goes by.

    `name_ru`/`name_en` are its names in each language: for a person the full
    name ("given family") when both parts are known, else the family name.
    `other_names` are the record's further names as stored: a state's official
    names in Russian and English (empty when unknown), an organization's
    abbreviations (those it has), a person's full names (those complete).
    """

    kind: str
    pk: int
    key: str
    name_ru: str
    name_en: str
    other_names: tuple[str, ...] = ()
    aliases: tuple[AliasName, ...] = ()
    state: str = ""  # an organization's state (ISO3)
    parent: str = ""  # an organization's parent (its key)

    def names(self) -> set[str]:
        """Every complete name of the record, without its aliases; a family name alone is not one."""
        if self.kind == PERSON:
            return set(self.other_names)
        return {self.name_ru, self.name_en, *self.other_names} - {""}


@dataclass(frozen=True, eq=False)
class NameIndex:
    """The registry's names at one moment; compared (and cached by its users) by identity."""

    records: dict[tuple[str, int], NamedRecord]  # states, organizations, persons, each in registry order
    aliases: tuple[AliasName, ...]  # every alias, in registry order (by text)

    def of_kind(self, kind: str) -> list[NamedRecord]:
        return [record for record in self.records.values() if record.kind == kind]

    @functools.cached_property
    def spellings(self) -> "Spellings":
        """Every name and alias folded, with their Latin transliterations: what `find` and `suggest` read."""
        return Spellings(self)

    def find(self, text: str, *, kinds: tuple[str, ...] = (), limit: int = 20) -> list["NamedRecord"]:
        """Records one of whose names (or aliases, or their Latin spellings) holds every word typed.

        A word matches a name's word it begins («Tok» → Tokayev) or shares its
        stem with («России» → «Россия», "Tokayeva" → "Tokayev"); case, ё,
        diacritics and doubled letters do not count ("Kassym" is "Kasym").
        Best first: whole names (in any form), then whole words, then beginnings.
        """
        return self.spellings.find(text, kinds=kinds, limit=limit)

    def suggest(self, text: str, *, limit: int = 5) -> list[tuple["NamedRecord", str]]:
        """Near misses for a query that found nothing: (record, the spelling that came closest)."""
        return self.spellings.suggest(text, limit=limit)


def _signature() -> tuple:
    """Changes whenever a name does (a row added, changed or removed), so the index is rebuilt only then."""
    return tuple(
        tuple(model.objects.aggregate(n=Count("pk"), t=Max("updated_at")).values())
        for model in (Alias, Organization, State, Person)
    )


def _full_name(given: str, family: str) -> str:
    return f"{given} {family}" if given and family else ""


@functools.lru_cache(maxsize=2)
def _build(signature: tuple) -> NameIndex:
    fields: dict[tuple[str, int], dict] = {}
    for pk, iso3, name_ru, name_en, official_ru, official_en in State.objects.values_list(
        "pk", "iso3", "name_ru", "name_en", "official_name_ru", "official_name_en"
    ):
        fields[(STATE, pk)] = {
            "key": iso3,
            "name_ru": name_ru,
            "name_en": name_en,
            "other_names": (official_ru, official_en),
        }
    organizations = Organization.objects.values_list(
        "pk",
        "slug",
        "name_ru",
        "name_en",
        "abbreviation_ru",
        "abbreviation_en",
        "state__iso3",
        "parent_id",
        "parent__slug",
    )
    for pk, slug, name_ru, name_en, abbr_ru, abbr_en, state, parent_id, parent_slug in organizations:
        fields[(ORGANIZATION, pk)] = {
            "key": slug or str(pk),
            "name_ru": name_ru,
            "name_en": name_en,
            "other_names": tuple(a for a in (abbr_ru, abbr_en) if a),
            "state": state or "",
            "parent": (parent_slug or str(parent_id)) if parent_id else "",
        }
    for pk, family_ru, given_ru, family_en, given_en in Person.objects.values_list(
        "pk", "family_name_ru", "given_name_ru", "family_name_en", "given_name_en"
    ):
        full_ru, full_en = _full_name(given_ru, family_ru), _full_name(given_en, family_en)
        fields[(PERSON, pk)] = {
            "key": str(pk),
            "name_ru": full_ru or family_ru,
            "name_en": full_en or family_en,
            "other_names": tuple(n for n in (full_ru, full_en) if n),
        }
    aliases = []
    by_owner: dict[tuple[str, int], list[AliasName]] = {}
    for text, kind, language, state_id, organization_id, person_id in Alias.objects.values_list(
        "text", "kind", "language", "state_id", "organization_id", "person_id"
    ):
        owner = (
            (STATE, state_id)
            if state_id
            else ((ORGANIZATION, organization_id) if organization_id else (PERSON, person_id))
        )
        if owner not in fields:
            continue  # its record was added after the records were read
        alias = AliasName(owner, text, kind, language)
        aliases.append(alias)
        by_owner.setdefault(owner, []).append(alias)
    records = {
        owner: NamedRecord(owner[0], owner[1], aliases=tuple(by_owner.get(owner, ())), **values)
        for owner, values in fields.items()
    }
    return NameIndex(records, tuple(aliases))


# ---- Spellings: case, diacritics and alphabets folded away -------------------

#: Russian names are romanized by several schemes (a passport's ICAO, the press's
#: Wikipedia and BGN/PCGN, the police's MVD, scholars' GOST 7.79): a reader may
#: type any of them.
SCHEMES = (
    iuliia.WIKIPEDIA,
    iuliia.ICAO_DOC_9303,
    iuliia.BGN_PCGN,
    iuliia.MVD_782,
    iuliia.GOST_7034,
    iuliia.TELEGRAM,
    iuliia.SCIENTIFIC,
    iuliia.YANDEX_MAPS,
)
# Kazakh, Kyrgyz, Uzbek and Tajik letters the Russian schemes do not know, as Russian spells them.
_CENTRAL_ASIAN = str.maketrans(
    dict(zip("әғқңөұүһіӣӯҳўӘҒҚҢӨҰҮҺІӢӮҲЎ", "агкноуухииухуАГКНОУУХИИУХУ", strict=True))
    | {"ҷ": "дж", "Ҷ": "Дж"}
)
_CYRILLIC_LETTER = re.compile(r"[\u0400-\u04FF]")
_WORD = re.compile(r"[^\W_]+", re.UNICODE)
_DOUBLED = re.compile(r"(.)\1+")
#: Shortest stem two words must share to match by stem («Росси-я», «Росси-и»).
STEM = 4
#: How close (difflib's ratio) a name must come to a query to be offered as "did you mean".
NEAR = 0.75


def fold(text: str) -> str:
    """Lower case, without diacritics or ё, doubled letters single, punctuation as spaces: "Kassym-Jomart" → "kasym jomart"."""
    text = unicodedata.normalize("NFKD", (text or "").lower().replace("ё", "е").replace("й", "и"))
    text = "".join(c for c in text if not unicodedata.combining(c))
    return " ".join(_DOUBLED.sub(r"\1", w) for w in _WORD.findall(text))


@functools.lru_cache(maxsize=100_000)
def _latin_word(word: str) -> tuple[str, ...]:
    """A Cyrillic word in each scheme (cached: given names and patronymics repeat)."""
    word = word.translate(_CENTRAL_ASIAN)
    return tuple(scheme.translate(word) for scheme in SCHEMES)


def romanizations(text: str) -> set[str]:
    """A Cyrillic text in Latin letters, one spelling per scheme in `SCHEMES` (none for a Latin text)."""
    if not _CYRILLIC_LETTER.search(text or ""):
        return set()
    words = [_latin_word(w) for w in _WORD.findall(text)]
    # Scheme by scheme: a name is spelled by one scheme at a time.
    return {" ".join(w[i] for w in words) for i in range(len(SCHEMES))} - {""}


def latin_spellings(text: str) -> set[str]:
    """The romanizations of a Cyrillic text, folded (`fold`): what a reader's Latin spelling is compared with."""
    return {fold(r) for r in romanizations(text)} - {""}


def _word_matches(typed: str, word: str) -> int:
    """3 the same word, 2 a beginning of it, 1 the same stem, 0 no match."""
    if typed == word:
        return 3
    if word.startswith(typed):
        return 2
    common = len(_common_prefix(typed, word))
    return 1 if common >= max(STEM, len(typed) - 2, len(word) - 2) else 0


def _common_prefix(a: str, b: str) -> str:
    n = 0
    for x, y in zip(a, b, strict=False):
        if x != y:
            break
        n += 1
    return a[:n]


class Spellings:
    """Folded spellings of every record's names, with a sorted word list for prefix look-ups."""

    def __init__(self, index: NameIndex) -> None:
        self.index = index
        self.by_word: dict[str, set[tuple[str, int]]] = {}
        self.of_record: dict[tuple[str, int], set[str]] = {}
        for key, record in index.records.items():
            texts = record.names() | {a.text for a in record.aliases}
            if record.kind == PERSON:
                texts |= {record.name_ru, record.name_en} - {""}
            spelled = set()
            for text in texts:
                spelled.add(fold(text))
                spelled |= latin_spellings(text)
            spelled.discard("")
            self.of_record[key] = spelled
            for spelling in spelled:
                for word in spelling.split():
                    self.by_word.setdefault(word, set()).add(key)
        self.words = sorted(self.by_word)

    def _candidates(self, typed: str) -> set[tuple[str, int]]:
        stem = typed if len(typed) <= STEM else typed[: max(STEM, len(typed) - 2)]
        keys: set[tuple[str, int]] = set()
        position = bisect.bisect_left(self.words, stem)
        while position < len(self.words) and self.words[position].startswith(stem):
            word = self.words[position]
            if _word_matches(typed, word):
                keys |= self.by_word[word]
            position += 1
        return keys

    def score(self, key: tuple[str, int], typed: list[str]) -> int:
        best = 0
        for spelling in self.of_record[key]:
            words = spelling.split()
            points = [max((_word_matches(t, w) for w in words), default=0) for t in typed]
            if all(points):
                # Every word of the name typed (in some form) beats a word of a longer name.
                whole = 10 if len(words) == len(typed) else 0
                best = max(best, whole + sum(points))
        return best

    def find(self, text: str, *, kinds: tuple[str, ...] = (), limit: int = 20) -> list[NamedRecord]:
        typed = fold(text).split()
        if not typed:
            return []
        keys: set[tuple[str, int]] | None = None
        for word in typed:
            found = self._candidates(word)
            keys = found if keys is None else keys & found
            if not keys:
                return []
        if kinds:
            keys = {k for k in keys if k[0] in kinds}
        scored = [(self.score(k, typed), k) for k in keys]
        order = {STATE: 0, ORGANIZATION: 1, PERSON: 2}
        scored.sort(key=lambda item: (-item[0], order.get(item[1][0], 3), item[1][1]))
        return [self.index.records[k] for points, k in scored[:limit] if points]

    def suggest(self, text: str, *, limit: int = 5) -> list[tuple[NamedRecord, str]]:
        typed = fold(text)
        if not typed:
            return []
        # Word by word first (cheap), then whole spellings of the records those words lead to.
        keys: set[tuple[str, int]] = set()
        for word in typed.split():
            for near in difflib.get_close_matches(word, self.words, n=5, cutoff=0.7):
                keys |= self.by_word[near]
        ranked = []
        width = len(typed.split())
        for key in keys:
            # Against as many consecutive words of a name as were typed: "tokaiev" is near "tokayev" in a full name.
            ratio, spelling = max(
                (difflib.SequenceMatcher(None, typed, " ".join(words[i : i + width])).ratio(), s)
                for s in self.of_record[key]
                for words in [s.split()]
                for i in range(max(1, len(words) - width + 1))
            )
            ranked.append((ratio, key, spelling))
        ranked.sort(key=lambda item: (-item[0], item[1]))
        return [
            (self.index.records[key], spelling) for ratio, key, spelling in ranked[:limit] if ratio >= NEAR
        ]


_checked: dict = {"at": 0.0, "signature": None}


def names_changed(**kwargs) -> None:
    """A registry name changed in this process: the next `name_index` looks again (a signal receiver)."""
    _checked["signature"] = None


def name_index(*, max_age: float = 0.0) -> NameIndex:
    """The registry's names as they are now.

    With `max_age`, a look at the registry up to that many seconds old will do
    (search asks on every query and can afford to see another process's change
    half a minute late); changes made in this process are seen at once.
    """
    now = time.monotonic()
    if _checked["signature"] is None or now - _checked["at"] >= max_age:
        _checked["signature"], _checked["at"] = _signature(), now
    return _build(_checked["signature"])


def connect_signals() -> None:
    """Called once from the registry app's `ready`."""
    from django.db.models.signals import post_delete, post_save

    from accord.core.reference import (
        records_written,
    )  # the reference loader writes in bulk, with no post_save

    for model in (Alias, Organization, Person, State):
        post_save.connect(names_changed, sender=model, dispatch_uid=f"registry-names-{model.__name__}")
        post_delete.connect(names_changed, sender=model, dispatch_uid=f"registry-names-del-{model.__name__}")
        records_written.connect(
            names_changed, sender=model, dispatch_uid=f"registry-names-bulk-{model.__name__}"
        )
