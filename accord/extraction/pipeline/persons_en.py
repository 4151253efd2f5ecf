"""People named in English text, and the posts a list gives each of them.

A name is a run of capitalized words (with initials, particles such as "bin"
or "van der", hyphens and apostrophes, and a generational suffix) that the
text marks as a person in one of these ways: an honorific before it ("Mr",
"H.E.", "Dr."), a title before it ("Chief Prosecutor Jane Doe"), a title in
apposition after it ("Jane Doe, Head of …"), a verb of saying after it, or
a first word that is a given name in the lexicon of the PyPI package
`nomquamgender` (given names from 36 national and international sources,
MIT licence, read from the installed package; nothing is downloaded). Titles
and names of bodies inside the run are never part of a name, so "ARB
Chairperson" and "Deputy Resident Representative" are no people.

Posts come from segments of the sentence: a list item ends at ";", at
"and" before a new item, and at the next person. In "X, Title of A, Y,
Title of B, Z" the titles go with the names after them when the list began
"Title Name", and with the names before them otherwise.
"""

from __future__ import annotations

import bisect
import functools
import importlib.util
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from accord.extraction.pipeline.dates import EN_MONTH_NAMES
from accord.extraction.pipeline.persons import EN_BARRIERS, TITLE_WORDS_EN

if TYPE_CHECKING:
    from accord.extraction.pipeline.stages import Text

LEXICON_PACKAGE = "nomquamgender"
LEXICON_FILE = "name_data.json"
MIN_SOURCES = 3  # a given name attested by at least this many of the lexicon's sources …
MIN_COUNT = 20  # … and this many times: rarer entries are mostly noise
# Alone (no title, honorific or apposition beside it) a name must be a common given name: the
# lexicon also holds words that were entered as names now and then ("Money", "Crown", "English").
STRONG_SOURCES = 8
STRONG_COUNT = 200

TITLES = TITLE_WORDS_EN | {
    "attorney",
    "attorney-general",
    "analyst",
    "assistant",
    "commander",
    "consul",
    "councillor",
    "delegate",
    "diplomat",
    "emir",
    "investigator",
    "inspector",
    "justice",
    "lawyer",
    "leader",
    "magistrate",
    "marshal",
    "premier",
    "registrar",
    "senator",
    "speaker",
    "treasurer",
    "vice-chairman",
    "vice-chair",
    "vice-minister",
    "auditor",
    "auditor-general",
    "ceo",
    "rapporteur",
    "counsel",
    "moderator",
    "facilitator",
    "ombudsperson",
    "comptroller",
    "prosecutor-general",
    "procurator",
}
# Words that qualify a title and are no part of a name: "Programme Analyst", "Resident Representative".
TITLE_MODIFIERS = {
    "acting",
    "assistant",
    "associate",
    "chief",
    "deputy",
    "executive",
    "first",
    "general",
    "interim",
    "lead",
    "legal",
    "permanent",
    "principal",
    "programme",
    "program",
    "project",
    "regional",
    "resident",
    "senior",
    "special",
    "technical",
    "vice",
    "national",
    "divisional",
    "district",
    "former",
}
HONORIFICS = {
    "mr",
    "mrs",
    "ms",
    "miss",
    "dr",
    "prof",
    "sir",
    "dame",
    "madam",
    "sheikh",
    "hon",
    "honourable",
    "honorable",
    "excellency",
    "h.e",
}
# An honorific right before a name ("Mr", "H.E.", "His Excellency, Mr.", a judge's "Justice").
HONORIFIC_END = re.compile(
    r"(?:\b(?:Mr|Mrs|Ms|Miss|Dr|Prof|Sir|Dame|Madam|Sheikh|Hon)\.?|\bH\.\s?E\.?|\b(?:(?:His|Her)\s+)?Excellency|"
    r"\bHon(?:ou)?rable|(?<!of )\bJustice)[\s,]*$"
)
# Bodies, things and places that a capitalized run can hold: a run with one of them is no name.
THING_WORDS = {
    "academy",
    "agency",
    "agreement",
    "airport",
    "assembly",
    "association",
    "authority",
    "avenue",
    "award",
    "bank",
    "board",
    "building",
    "bureau",
    "center",
    "centre",
    "chamber",
    "charter",
    "city",
    "club",
    "college",
    "commission",
    "committee",
    "company",
    "complex",
    "conference",
    "congress",
    "convention",
    "corporation",
    "council",
    "court",
    "declaration",
    "department",
    "directorate",
    "division",
    "embassy",
    "federation",
    "force",
    "forum",
    "foundation",
    "fund",
    "government",
    "group",
    "headquarters",
    "hospital",
    "hotel",
    "index",
    "initiative",
    "institute",
    "island",
    "islands",
    "league",
    "ministry",
    "mission",
    "network",
    "news",
    "office",
    "organisation",
    "organization",
    "palace",
    "parliament",
    "party",
    "plan",
    "plenary",
    "police",
    "post",
    "prize",
    "procedure",
    "procedures",
    "programme",
    "program",
    "project",
    "protocol",
    "province",
    "region",
    "report",
    "republic",
    "road",
    "school",
    "secretariat",
    "senate",
    "service",
    "session",
    "square",
    "state",
    "states",
    "street",
    "summit",
    "system",
    "times",
    "treaty",
    "tribunal",
    "union",
    "unit",
    "university",
    "week",
    "bay",
    "beach",
    "canal",
    "coast",
    "desert",
    "falls",
    "lake",
    "mountain",
    "mountains",
    "ocean",
    "park",
    "peninsula",
    "river",
    "sea",
    "strait",
    "valley",
}
STOP_WORDS = {
    "a",
    "about",
    "after",
    "all",
    "also",
    "among",
    "an",
    "and",
    "any",
    "as",
    "at",
    "before",
    "between",
    "both",
    "but",
    "by",
    "during",
    "each",
    "every",
    "for",
    "from",
    "he",
    "her",
    "his",
    "how",
    "i",
    "if",
    "in",
    "into",
    "it",
    "its",
    "many",
    "more",
    "most",
    "new",
    "no",
    "not",
    "of",
    "on",
    "one",
    "or",
    "our",
    "over",
    "she",
    "since",
    "so",
    "some",
    "such",
    "that",
    "the",
    "their",
    "these",
    "they",
    "this",
    "those",
    "through",
    "to",
    "under",
    "until",
    "upon",
    "we",
    "what",
    "when",
    "where",
    "which",
    "while",
    "who",
    "why",
    "with",
    "within",
    "without",
    "you",
    *EN_MONTH_NAMES,
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
    "photo",
    "credit",
    "source",
    "page",
    "item",
    "annex",
    "article",
    "chapter",
    "section",
    "paragraph",
    "north",
    "south",
    "east",
    "west",
    "central",
    "international",
    "national",
    "united",
    "anti-corruption",
    "saint",
    "santa",
    "san",
    "sao",
    "st",
    "los",
    "las",
    "port",
    "fort",
    "mount",
    "cape",
    "rio",
    "puerto",
    "porto",
    "see",
    "ibid",
    "official",
    "annual",
    "will",
    "shall",
    "can",
    "must",
    "please",
    "dear",
    "welcome",
}
# Capitalized words a title phrase does not run back over.
TITLE_BREAKS = {
    w
    for w in STOP_WORDS
    if w not in ("anti-corruption", "international", "national", "united", "central", "official", "annual")
    and w not in ("north", "south", "east", "west")
} - {"of", "the", "for", "on", "at", "against", "in", "to", "and"}
# Lower-case particles inside a name ("Khalid bin Nasser", "Ludwig van der Berg").
PARTICLES = {
    "bin",
    "binti",
    "bint",
    "ibn",
    "al",
    "el",
    "de",
    "da",
    "das",
    "del",
    "della",
    "der",
    "den",
    "di",
    "do",
    "dos",
    "du",
    "la",
    "le",
    "ter",
    "ten",
    "van",
    "von",
    "y",
}
# Particles that open a family name: "Aba Zaid", "Bin Salem", "Al Harbi", "van der Berg".
SURNAME_PARTICLES = PARTICLES | {"aba", "abu", "abd", "ba", "st", "mac", "o"}
SUFFIXES = {"jr", "sr", "ii", "iii", "iv", "v"}
ABBREVIATIONS = HONORIFICS | {"mrs", "prof", "hon", "gen", "col", "capt", "amb", "rev"}
REGION_WORDS = {
    "africa",
    "america",
    "americas",
    "arctic",
    "asia",
    "atlantic",
    "balkans",
    "caribbean",
    "caucasus",
    "eurasia",
    "europe",
    "gulf",
    "latin",
    "middle",
    "oceania",
    "pacific",
}
# Endings of English common nouns and participles that a family name hardly has ("Laundering", "Discussion").
COMMON_ENDING = re.compile(
    r"(?:tion|sion|ment|ness|ity|ency|ancy|ance|ence|ism|ies|ering|ating|ising|izing|ended)$"
)
SAYING = re.compile(
    r"^,?\s+(?:said|says|stated|states|noted|notes|told|added|stressed|emphasi[sz]ed|underlined|"
    r"welcomed|greeted|explained|announced|recalled|reported|declared|highlighted|who|whose)\b"
)
# Common romanized East Asian family names, written first: "Zhao Mingde", "Kim Sun-Hee".
EAST_ASIAN_FAMILY_NAMES = {
    "an", "bai", "cai", "cao", "chang", "chen", "cheng", "cheung", "cho", "choi", "chong", "chow", "chu",
    "chung", "cui", "dai", "deng", "ding", "dong", "du", "fan", "fang", "feng", "fu", "gao", "gong", "gu",
    "guo", "han", "hao", "he", "ho", "hong", "hou", "hu", "hua", "huang", "hwang", "jang", "jeon", "jeong",
    "jia", "jiang", "jin", "jung", "kang", "kim", "ko", "kong", "kwon", "lai", "lam", "lau", "lee", "lei",
    "leung", "li", "liang", "liao", "lim", "lin", "liu", "lu", "luo", "lv", "ma", "mao", "meng", "moon",
    "ng", "nguyen", "pan", "park", "peng", "qian", "qin", "ren", "seo", "shen", "shi", "shin", "song",
    "su", "sun", "tan", "tang", "tian", "tran", "wan", "wang", "wei", "wen", "wong", "woo", "wu", "xi",
    "xia", "xiao", "xie", "xu", "xue", "yan", "yang", "yao", "ye", "yi", "yin", "yoon", "yu", "yuan",
    "zeng", "zhang", "zhao", "zheng", "zhou", "zhu", "zou",
}  # fmt: skip
# A romanized Chinese or Korean given name: one to three syllables, hyphens allowed ("Sun-Hee", "Mingde").
_SYLLABLE = r"(?:[bcdfghjklmnpqrstwxyz]{0,2}h?[aeiouy]{1,3}(?:ng|n|m|l|k|p|t|r)?)"
EAST_ASIAN_GIVEN = re.compile(rf"(?:{_SYLLABLE}){{1,3}}(?:-(?:{_SYLLABLE}){{1,3}})?")
PATRONYMIC = re.compile(r"(?:ovich|evich|ich|ovna|evna|ogly|oglu|kyzy|uly|ovitch)$")

_UPPER = r"[^\W\d_a-zß-ÿ]"  # an upper-case letter of any script (approximately)
_TOKEN = re.compile(r"(?:[^\W\d_]\.){2,}|[^\W\d_]+(?:[-'’][^\W\d_]+)*\.?|\d+|\n|[^\w\s]")
_POSSESSIVE = re.compile(r"[’']s$")
_DOTTED = re.compile(r"(?:[^\W\d_]\.){2,}")  # "L.I.", "J.R."
_GLUED_HONORIFIC = re.compile(r"^([^\W\d_]*[a-z])((?:Mr|Mrs|Ms|Dr)\.)$")  # "AffairsDr."


@dataclass
class Token:
    text: str
    begin: int
    end: int

    @property
    def core(self) -> str:
        return self.text.rstrip(".")

    @property
    def lower(self) -> str:
        return self.core.lower()


@dataclass
class Name:
    """A person's name found in the text: its span, its words and what marked it."""

    tokens: list[Token]
    honorific: bool = False
    titled: bool = False
    surname: str = ""
    extra: dict = field(default_factory=dict)

    @property
    def begin(self) -> int:
        return self.tokens[0].begin

    @property
    def end(self) -> int:
        return self.tokens[-1].end


def given_names() -> frozenset[str]:
    """Given names of the lexicon (lower case, no accents)."""
    return _lexicon()[0]


def common_given_names() -> frozenset[str]:
    """The given names common enough to mark a person on their own."""
    return _lexicon()[1]


@functools.cache
def _lexicon() -> tuple[frozenset[str], frozenset[str]]:
    """Given names of the lexicon, lower case and without accents; empty when the package is absent.

    The JSON maps a name to [sources, count, p(female), …]; it is scanned
    with a regular expression rather than parsed, which keeps 700,000 entries
    out of memory at once (about 0.5 s and 50 MB, once per process).
    """
    spec = importlib.util.find_spec(LEXICON_PACKAGE)
    if spec is None or not spec.submodule_search_locations:
        return frozenset(), frozenset()
    path = Path(next(iter(spec.submodule_search_locations))) / LEXICON_FILE
    if not path.exists():
        return frozenset(), frozenset()
    raw = path.read_text(encoding="utf-8")
    names, common = set(), set()
    for m in re.finditer(r'"([^"\\&<>;]{2,30})": \[(\d+), (\d+),', raw):
        sources, count = int(m.group(2)), int(m.group(3))
        if sources >= MIN_SOURCES and count >= MIN_COUNT:
            names.add(fold(m.group(1)))
            if sources >= STRONG_SOURCES and count >= STRONG_COUNT:
                common.add(fold(m.group(1)))
    return frozenset(names), frozenset(common)


@functools.lru_cache(maxsize=65536)
def fold(word: str) -> str:
    """Lower case without accents: "Ángel" → "angel"."""
    decomposed = unicodedata.normalize("NFKD", word.lower())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def is_given_name(word: str) -> bool:
    return fold(word.rstrip(".")) in given_names()


def tokenize(text: str, offset: int = 0) -> list[Token]:
    """Words and punctuation; a word keeps its full stop only when it is an initial or an abbreviation."""
    out = []
    for m in _TOKEN.finditer(text):
        begin, end, word = m.start() + offset, m.end() + offset, m.group()
        glued = _GLUED_HONORIFIC.match(word)
        if glued:
            split = begin + len(glued.group(1))
            out += [Token(glued.group(1), begin, split), Token(glued.group(2), split, end)]
            continue
        possessive = _POSSESSIVE.search(word) if word[-1:] == "s" else None
        if possessive and len(word) > 3:  # "Smith's": the name, then the possessive
            split = begin + possessive.start()
            out += [Token(word[: possessive.start()], begin, split), Token(possessive.group(), split, end)]
            continue
        core = word.rstrip(".")
        if word.endswith(".") and len(core) > 2 and "." not in core and core.lower() not in ABBREVIATIONS:
            out += [Token(core, begin, end - 1), Token(".", end - 1, end)]
            continue
        out.append(Token(word, begin, end))
    return out


def _upper_first(word: str) -> bool:
    return bool(word) and word[0].isupper()


def _is_caps(word: str) -> bool:
    letters = [c for c in word if c.isalpha()]
    return len(letters) >= 2 and all(c.isupper() for c in letters)


def _is_initial(token: Token) -> bool:
    core = token.core
    if _DOTTED.fullmatch(token.text):
        return True
    return len(core) <= 2 and core.isupper()  # "J.", "KC"


@functools.lru_cache(maxsize=65536)
def _is_title(word: str) -> bool:
    lower = word.lower().rstrip(".")
    lower = _POSSESSIVE.sub("", lower)
    return lower in TITLES or any(part in TITLES for part in lower.split("-"))


def _plural_title(word: str) -> bool:
    lower = word.lower()
    return lower.endswith("s") and lower not in TITLES and lower[:-1] in TITLES


def _is_honorific(token: Token) -> bool:
    return token.lower in HONORIFICS or token.text in ("H.E.", "H.E")


def _is_suffix(token: Token) -> bool:
    return token.lower in SUFFIXES and (token.core.isupper() or token.text in ("Jr.", "Sr.", "Jr", "Sr"))


def _name_word(token: Token, blocked: bytearray) -> bool:
    """A word that may stand in a name (a title, a body's word or a known state or body may not)."""
    core = token.core
    if not core or not core[0].isalpha():
        return False
    if 1 in blocked[token.begin : token.end]:
        return False
    lower = fold(core)
    if lower in PARTICLES and not _upper_first(core):
        return True
    if not _upper_first(core):
        return False
    if lower in STOP_WORDS or lower in THING_WORDS or lower in REGION_WORDS:
        return False
    if _is_title(core) or _plural_title(core):
        return False
    if lower in TITLE_MODIFIERS and not is_given_name(core):
        return False
    return not _is_honorific(token)


def _lower_words(text: str) -> frozenset[str]:
    return frozenset(re.findall(r"(?<![\w’'-])[a-z][a-z'-]+", text))


def find(doc: Text) -> list[Name]:
    """Every person's name in an English text, with its surname, left to right."""
    text = doc.text
    blocked = bytearray(len(text))  # 1 under a state, a body or a place the registry knows
    for m in doc.matches:
        if m.entry.kind in ("state", "organization", "place"):
            begin, end = doc.tokens[m.first].begin, doc.tokens[m.last - 1].end
            blocked[begin:end] = b"\x01" * (end - begin)
    tokens = tokenize(text)
    common = _lower_words(text)
    names: list[Name] = []
    index = 0
    while index < len(tokens):
        if not _name_word(tokens[index], blocked) or (
            fold(tokens[index].core) in PARTICLES and not _upper_first(tokens[index].core)
        ):
            index += 1
            continue
        run = [tokens[index]]
        index += 1
        while index < len(tokens):
            token, previous = tokens[index], run[-1]
            gap = text[previous.end : token.begin]
            if "\n" in gap or len(gap) > 2:
                break
            if previous.text.endswith(".") and not (_is_initial(previous) or _is_suffix(previous)):
                break
            if _name_word(token, blocked) or _is_initial(token):
                run.append(token)
                index += 1
                continue
            break
        name = _read_run(doc, tokens, run, common)
        if name is not None:
            names.append(name)
    _single_mentions(names)
    return names


def _read_run(doc: Text, tokens: list[Token], run: list[Token], common: frozenset[str]) -> Name | None:
    """A run of name words as a person, or None when nothing marks it as one.

    `common` holds the words the text writes in lower case: "Best" there is no given name.
    """
    text = doc.text
    while run and (fold(run[-1].core) in PARTICLES or (_is_initial(run[-1]) and len(run[-1].core) == 1)):
        run = run[:-1]
    # Title modifiers at the end belong to a title that follows: "Omar Al Harbi Programme Analyst".
    after_run = _next_word(tokens, run[-1]) if run else None
    if after_run is not None and _is_title(after_run.core) and text[run[-1].end : after_run.begin] == " ":
        while run and fold(run[-1].core) in TITLE_MODIFIERS | {"programme", "program", "project"}:
            run = run[:-1]
    if not run:
        return None
    words = [t for t in run if not _is_initial(t) and not _is_suffix(t) and fold(t.core) not in PARTICLES]
    mixed = [t for t in words if not _is_caps(t.core)]
    if not mixed:
        return None  # "ARB", a headline in capitals
    before = text[max(0, run[0].begin - 80) : run[0].begin]
    after = text[run[-1].end : run[-1].end + 120]
    following = _next_word(tokens, run[-1])
    if (
        following is not None
        and text[run[-1].end : following.begin] == " "
        and fold(following.core) in THING_WORDS
        and not _is_title((_next_word(tokens, following) or following).core)
    ):
        return None  # "Basel Institute": the run is the start of a body's name
    honorific = bool(HONORIFIC_END.search(before))
    titled = _title_before_word(before)
    apposition = _apposition_follows(after)
    saying = bool(SAYING.match(after))
    first = next((t for t in run if not _is_initial(t)), run[0])
    known_first = is_given_name(first.core) and fold(first.core) not in common
    saying = saying and known_first
    lexical = (
        fold(first.core) in common_given_names()
        and fold(first.core) not in common
        and not COMMON_ENDING.search(fold(words[-1].core))
        and not re.search(r"\b(?:the|in|at|from|of|to|near)\s+$", before, re.I)
    )
    # A capitalized surname of three letters or fewer reads as an acronym without an honorific.
    if len(words) >= 2 and _is_caps(words[-1].core) and len(words[-1].core) <= 3 and not honorific:
        return None
    parts = [t for t in run if not _is_suffix(t) and fold(t.core) not in PARTICLES]
    if len(parts) >= 2:
        if not (honorific or titled or apposition or saying or lexical):
            return None
        if not honorific and re.search(r"\bthe\s+$", before, re.I) and not titled:
            return None
    elif not honorific:
        adjacent = re.search(r"(?:^|[\s(])([A-Z][\w-]*) $", before)  # on the same line, one space
        word = fold(words[0].core) if words else ""
        if (
            adjacent
            and re.match(
                r"\s*(?:[,.;:)]|[’']s\b|[a-z]+ed\b|(?:is|was|has|had|will|would|says|said|met|told|spoke|led)\b)",
                after,
            )
            and _is_title(adjacent.group(1))
            and not _plural_title(adjacent.group(1))
            and word not in common
            and (word not in common_given_names() or word in EAST_ASIAN_FAMILY_NAMES)
        ):
            return Name(run, titled=True, surname=_surname(run))  # "President Tokayev", "Minister Lavrov"
        if titled or apposition or saying:
            return Name(run, titled=titled, surname=_surname(run), extra={"single": True})
        return None
    return Name(run, honorific=honorific, titled=titled, surname=_surname(run))


def _next_word(tokens: list[Token], token: Token) -> Token | None:
    index = bisect.bisect_left(tokens, token.end, key=lambda t: t.begin)
    return tokens[index] if index < len(tokens) else None


def _title_before_word(before: str) -> bool:
    """A title word ends the text before a name: "Chairperson Park", "ARB chief Haddad", "Prosecutor, Ana"."""
    stripped = before
    while HONORIFIC_END.search(stripped):
        stripped = HONORIFIC_END.sub("", stripped)
    m = re.search(r"([^\W\d_]+(?:[-’'][^\W\d_]+)*)(?:\s*\([^()]{1,40}\))?\s*,?\s*$", stripped)
    return bool(m) and _is_title(m.group(1)) and not _plural_title(m.group(1))


def _apposition_follows(after: str) -> bool:
    """A title follows the name: ", Head of …", " (Bureau member, …)", " ,General Manager"."""
    m = re.match(r"\s*[,(]\s*", after)
    if not m:
        return False
    for word in re.findall(r"[^\W\d_][\w’'-]*|[^\w\s]", after[m.end() :])[:6]:
        if not word[0].isalpha():
            return False
        if _is_title(word) and not _plural_title(word):
            return True
        if word[:1].islower() and word.lower() not in ("the", "a", "an", "of", "acting", "deputy", "former"):
            return False
    return False


def _surname(run: list[Token]) -> str:
    """The family name: the last word with its particles, or the first for an East Asian name."""
    parts = [t for t in run if not _is_suffix(t)] or run
    words = [t.core for t in parts]
    if _DOTTED.fullmatch(parts[0].text) and len(parts) >= 2:
        joined = parts[0].text.replace(".", "").lower()
        if joined in EAST_ASIAN_FAMILY_NAMES:
            return joined.capitalize()  # "L.I. Wei": the family name, spelled with dots
    if (
        2 <= len(words) <= 3
        and fold(words[0]) in EAST_ASIAN_FAMILY_NAMES
        and all(EAST_ASIAN_GIVEN.fullmatch(fold(w)) for w in words[1:])
        and not any(_is_caps(w) and len(w) > 2 for w in words[1:])
    ):
        return _title_case(words[0])
    start = len(words) - 1
    while start > 1:
        previous = words[start - 1]
        if fold(previous) in SURNAME_PARTICLES and (previous[:1].isupper() or fold(previous) in PARTICLES):
            if previous[:1].islower() and fold(previous) in ("bin", "binti", "bint", "ibn"):
                break  # "Khalid bin Nasser": a patronymic, not the family name
            start -= 1  # "Aba Zaid", "Al Harbi", "van der Berg"
            continue
        if (
            is_given_name(words[0])
            and not _is_initial(parts[start - 1])
            and not is_given_name(previous)
            and not PATRONYMIC.search(fold(previous))
            and previous[:1].isupper()
        ):
            start -= 1  # "Lucia Ferreira Montalvo": family names after the given ones
            continue
        break
    return " ".join(_title_case(w) for w in words[start:])


def _title_case(word: str) -> str:
    """ "NOVÁK" → "Novák", "ASANTE-MENSAH" → "Asante-Mensah"; mixed case stays as written."""
    if not _is_caps(word):
        return word
    return re.sub(r"[^\W\d_]+", lambda m: m.group().capitalize(), word)


def _single_mentions(names: list[Name]) -> None:
    """A one-word mention stands for the person named in full with that word ("Ambassador Solberg").

    Without a full name beside it, only an honorific or a title right before it makes it a person.
    """
    full_names: dict[str, Name] = {}
    for name in names:
        if len(name.tokens) > 1:
            full_names.setdefault(fold(name.surname), name)
            full_names.setdefault(fold(name.tokens[-1].core), name)
    kept = []
    for name in names:
        if len(name.tokens) == 1:
            full = full_names.get(fold(name.tokens[0].core))
            if full is None and name.extra.get("single"):
                continue
            if full is not None:
                name.surname, name.extra["full"] = full.surname, _written(full)
        kept.append(name)
    names[:] = kept


def _written(name: Name) -> str:
    """A name as the text writes it, a surname in capitals in title case ("Marta NOVÁK" → "Marta Novák")."""
    return " ".join(t.text if _is_initial(t) or _is_suffix(t) else _title_case(t.text) for t in name.tokens)


def ner_spans(doc: Text) -> list[tuple[str, int, int, str]]:
    """("PER", begin, end, the person's full name) of every mention, as a NER tagger would give them."""
    return [("PER", n.begin, n.end, n.extra.get("full") or _written(n)) for n in find(doc)]


def surname_of(name: str) -> str:
    """The family name of a full name found by `find` ("Kim Sun-Hee" → "Kim", "Omar Al Harbi" → "Al Harbi")."""
    tokens = [t for t in tokenize(name) if t.core[:1].isalpha()]
    return _surname(tokens) if tokens else name


# --- posts ---------------------------------------------------------------------------------

CONNECTORS = {"of", "the", "for", "on", "at", "against", "in", "to", "and", "&"}
LEADING_NOISE = {
    "the",
    "a",
    "an",
    "and",
    "of",
    "acting",
    "his",
    "her",
    "excellency",
    "honourable",
    "honorable",
}
MAX_TITLE_TOKENS = 24
MAX_LOWER_BEFORE_TITLE = 6  # "special envoy for regional customs and border questions, Name"


@dataclass
class _After:
    titles: list[str]
    ambiguous: bool = False  # "Name, Title, Name": the title may be the next person's


def titles(doc: Text, spans: list[tuple[int, int]]) -> list[list[str]]:
    """The posts of each person span (in text order), read from the list segment around it."""
    text = doc.text
    before: list[str] = []
    plural: list[bool] = []  # the title before the name is a plural one ("Prosecutors General")
    after: list[_After] = []
    for index, (begin, end) in enumerate(spans):
        sentence = doc.sentences[doc.sentence_of(begin)]
        left = max(sentence[0], spans[index - 1][1] if index else 0)
        following = spans[index + 1][0] if index + 1 < len(spans) else len(text)
        right = min(max(sentence[1], end), following)
        if following < sentence[1]:
            right = following
        line = text[text.rfind("\n", 0, begin) + 1 : begin]
        if re.match(r"[ \t]*\n", text[end:]) and not HONORIFIC_END.sub("", line).strip():
            # A name alone on its line: the next line may hold its post ("Jane Doe\nDirector, …").
            next_line = text.find("\n", text.find("\n", end) + 1)
            right = min(following, next_line if next_line >= 0 else len(text))
        coordinated = index + 1 < len(spans) and _bare_gap(text[end:following]) in ("and", "")
        before.append(_title_before(text, left, begin, plural=coordinated))
        plural.append(bool(before[-1]) and _plural_phrase(text[left:begin]))
        after.append(_titles_after(text, end, right, next_is_person=right == _start(spans, index + 1)))
    for index in range(len(spans) - 1):
        if after[index].ambiguous and before[index + 1]:
            if before[index]:
                after[index] = _After([])  # "Title A Name, Title B, Name": titles come first in this list
            else:
                before[index + 1] = ""  # "Name, Title A, Name, Title B": titles come after
        gap = _bare_gap(text[spans[index][1] : spans[index + 1][0]])
        if gap == "and" and not before[index + 1] and before[index] and plural[index]:
            before[index + 1], plural[index + 1] = (
                before[index],
                True,
            )  # "Chief Prosecutors Jane Doe and John Roe"
    return [[t for t in [before[i], *after[i].titles] if t] for i in range(len(spans))]


def _bare_gap(gap: str) -> str:
    """The words between two names without a state in brackets and honorifics: "(Spain) and Mr." → "and"."""
    gap = re.sub(r"\([^()]{0,60}\)", " ", gap)
    while HONORIFIC_END.search(gap) and HONORIFIC_END.search(gap).start() < len(gap.rstrip()):
        gap = HONORIFIC_END.sub("", gap)
    return gap.strip(" ,")


def _start(spans: list[tuple[int, int]], index: int) -> int:
    return spans[index][0] if index < len(spans) else -1


def _plural_phrase(title: str) -> bool:
    return any(_plural_title(w) for w in re.findall(r"[^\W\d_][\w-]*", title))


def _strip_honorifics(text: str, left: int, end: int) -> int:
    """The end of the text before a name once honorifics and commas between are set aside."""
    segment = text[left:end]
    while True:
        m = HONORIFIC_END.search(segment)
        if not m or m.start() == m.end():
            break
        segment = segment[: m.start()]
    return left + len(segment.rstrip(" ,"))


def _title_before(text: str, left: int, begin: int, plural: bool = False) -> str:
    """The title phrase right before a name: "Ruritania's Chief Prosecutor, Jane Doe", "ARB chief Haddad"."""
    end = _strip_honorifics(text, left, begin)
    if text[left:end].endswith(":"):  # "Chair: Ms Jane Doe", "Vice-Chairs: …"
        end -= 1
        plural = True
    tokens = tokenize(text[left:end], left)
    index = len(tokens) - 1
    start = None
    lower_budget = MAX_LOWER_BEFORE_TITLE
    count = 0
    collected = 0
    while index >= 0:
        token = tokens[index]
        word = token.text
        count += 1
        if count > MAX_TITLE_TOKENS:
            break
        if word == ")":
            opening = next(
                (i for i in range(index - 1, max(-1, index - 12), -1) if tokens[i].text == "("), None
            )
            if opening is None:
                break
            index = opening - 1
            continue
        if word in ("-", "–", "/", "’", "'", "&", "’s", "'s"):
            index -= 1
            continue
        if not word[0].isalpha():
            break
        lower = word.lower().rstrip(".")
        if (_is_title(word) and not _plural_title(word)) or (plural and _plural_title(word)):
            start = index
        elif _plural_title(word):
            break
        elif lower == "and":
            if start is not None or not collected:
                break  # "…, Head of A and Minister B", "…, Title of A and Ms. B": another item's
        elif lower in CONNECTORS:
            pass
        elif word[0].isupper():
            if fold(word) in TITLE_BREAKS and start is not None:
                break  # "On Monday President …", "He"
        elif lower in TITLE_MODIFIERS:
            pass
        elif start is None and lower_budget > 0 and lower not in _BARRIERS:
            lower_budget -= 1
        else:
            break
        collected += 1
        index -= 1
    if start is None:
        return ""
    first = index + 1
    while first < start and (
        tokens[first].text.lower() in LEADING_NOISE or not tokens[first].text[0].isalnum()
    ):
        first += 1
    # The phrase runs from the leftmost word kept to the end, but never starts with lower-case words
    # that came before the title word ("signed by Attorney General": "by" is left out above).
    while (
        first < start
        and tokens[first].text[0].islower()
        and tokens[first].text.lower() not in TITLE_MODIFIERS
    ):
        first += 1
    return _clean(text[tokens[first].begin : end])


# Words that end an apposition: the title barriers without "to" ("Ambassador to X" goes on), plus "be",
# "been" and the words that open a second list.
_BARRIERS = (EN_BARRIERS - {"to"}) | {"be", "been", "including", "between", "among"}


def _titles_after(text: str, end: int, right: int, next_is_person: bool) -> _After:
    """Titles in apposition after a name, up to the end of its list item."""
    rest = text[end:right]
    m = re.match(r"\s*\(", rest)
    if m:
        close = rest.find(")", m.end())
        inner = rest[m.end() : close] if close > 0 else ""
        segment = inner.split(",")[0].strip()
        if segment and any(_is_title(w) for w in segment.split()[:4]):
            return _After([_clean(segment)])  # "Jane DOE (Bureau member, Ruritania)"
        if not re.match(r"\s*\([^()]{1,40}\)\s*as\s", rest):
            return _After([])
    # An apposition after a comma, a title right after the name, or a predicate: "(Ruritania) as Chair".
    m = re.match(r"\s*,\s*|\s+(?=[A-Z])|\s*(?:\([^()]{1,40}\)\s*)?as\s+(?=(?:the\s+|a\s+)?[A-Z])", rest)
    if not m:
        return _After([])
    tokens = tokenize(rest[m.end() :], end + m.end())
    posts: list[tuple[int, int]] = []
    item_start = None
    has_title = False
    stop_at = None
    ambiguous = False
    index = 0
    while index < len(tokens):
        token = tokens[index]
        word, lower = token.text, token.text.lower()
        if word == "(":
            close = next(
                (i for i in range(index + 1, min(len(tokens), index + 16)) if tokens[i].text == ")"), None
            )
            if close is None:
                break
            index = close + 1
            continue
        if word == ",":
            stop_at = token.begin
            tail = text[token.end : right]
            ambiguous = next_is_person and not HONORIFIC_END.sub("", tail).strip(" ,")
            break
        if word in ("-", "–", "’", "'", "&", "’s", "'s"):
            index += 1
            continue
        if word == "/" or lower == "and":
            ahead = tokens[index + 1 : index + 4]
            if any(_is_honorific(t) for t in ahead[:1]) or not ahead:
                stop_at = token.begin
                break
            new_item = any(_is_title(t.text) for t in ahead if t.text[:1].isupper() or _is_title(t.text))
            if new_item and has_title:
                posts.append((item_start, token.begin))
                item_start, has_title = None, False
                index += 1
                continue
            if word == "/":
                stop_at = token.begin
                break
            index += 1
            continue
        if not word[0].isalpha():
            stop_at = token.begin
            break
        if _is_title(word):
            if not has_title and _plural_title(word):
                return _After([])  # "Ministers from …": a group, not this person's post
            has_title = True
        elif _plural_title(word) and not has_title:
            return _After([])
        elif not (
            word[0].isupper() or lower in CONNECTORS or lower in TITLE_MODIFIERS or lower in LEADING_NOISE
        ):
            stop_at = token.begin
            break
        if item_start is None:
            item_start = token.begin
        index += 1
    if item_start is not None and has_title:
        posts.append((item_start, stop_at if stop_at is not None else (tokens[-1].end if tokens else end)))
    found = [_clean(text[b:e]) for b, e in posts]
    return _After([t for t in found if t], ambiguous and bool(found))


def distinct_posts(posts: list[dict]) -> list[dict]:
    """One post per title head: "Head of the Unit" and, later, "Head of the Financial Unit" are one post.

    The head is the title up to its first complement ("of", "at", "for"…); the first mention is kept.
    """
    kept: dict[str, dict] = {}
    for post in posts:
        head = re.split(r"\s+(?:of|at|for|on|to|in)\s+", post["title"].lower(), maxsplit=1)[0]
        kept.setdefault(re.sub(r"[’']s\b|\s+", " ", head).strip(), post)
    return list(kept.values())


def _clean(title: str) -> str:
    """A title without leading articles, honorifics and "acting", trailing connectors or punctuation."""
    words = re.sub(r"\s+", " ", title).strip(" ,;:–—-").split(" ")
    while words and words[0].lower().strip(",") in LEADING_NOISE:
        words = words[1:]
    while words and (
        words[-1].lower() in CONNECTORS or (not words[-1][-1:].isalnum() and words[-1][-1:] != ")")
    ):
        words = words[:-1]
    # A plural title given to each of several names is one post each: "Prosecutors General" → "Prosecutor General".
    words = [w[:-1] if _plural_title(w) else w for w in words]
    title = " ".join(words).strip(" ,")
    if not any(_is_title(w) or _plural_title(w) for w in re.findall(r"[^\W\d_][\w’'-]*", title)):
        return ""
    return title


def surname_as_written(surface: str, surname: str) -> str:
    """A registry surname in the text's own spelling, when the text writes it otherwise ("NOVAK" for "Novák")."""
    words = surface.split()
    if not words:
        return surname
    written = words[-1].strip(".,")
    return _title_case(written) if fold(written) == fold(surname) else surname
