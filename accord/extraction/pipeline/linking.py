"""Linking what the text names to the registry: states and organizations.

States by their names, adjectives and capitals, also inside an authority's
name («Генпрокуратура России»); organizations by registry names, by the
chunker's phrases, and — for a bare head such as «Исполнительного комитета» —
through the registry's tree or the text's own state.
"""

import re

from accord.core.morphology import inflect_phrase
from accord.documents.search.analysis import terms as analyze_terms
from accord.extraction.pipeline import lists_en, morphology, organizations
from accord.extraction.pipeline.stages import ORG_JUNK, Text, char_span, norm_key


def find_states(doc: Text) -> list[dict]:
    """States named as actors or places, also inside an authority's name («Генпрокуратура России»)."""
    seen: dict[str, dict] = {}
    states = doc.gazetteer.states if doc.gazetteer else {}
    for match in doc.matches:
        entry = match.entry
        if entry.kind == "organization" and entry.state in states:
            inside = {t.term for t in doc.tokens[match.first : match.last]}
            if inside & doc.gazetteer.state_terms(entry.state):
                entry = states[entry.state]
        if entry.kind == "state":
            seen.setdefault(entry.key, {"iso3": entry.key, "name": entry.name(doc.language)})
    return list(seen.values())


QUOTES = {"«", "»", '"', "“", "”", "„"}
NATIONAL_HEADS = {"министерство", "прокуратура", "генпрокуратура"}
DEICTIC_LEMMAS = {"страна", "государство"}  # «Генпрокуратура страны»: the text's own state


def _dominant_state(doc: Text):
    """The state a text is mostly about: the one its names mention most often."""
    counts: dict[str, list] = {}
    for match in doc.matches:
        if match.entry.kind == "state":
            counts.setdefault(match.entry.key, [0, match.entry])[0] += 1
    if not counts:
        return None
    return max(counts.values(), key=lambda c: c[0])[1]


def gazetteer_link(doc: Text, chunk, mentioned: set[str], state):
    """A bare organization phrase resolved through the tree or the text's state.

    «Исполнительного комитета» in a text about the CIS is the CIS Executive
    Committee (a registry body whose name starts so, under a body the text
    names); «Генеральной прокуратуры» or «министерств … юстиции» in a text
    about Kazakhstan are that state's authorities. Returns a registry entry,
    a constructed name, or None when the phrase stays ambiguous.
    """
    deictic = _deictic_cut(chunk.name)
    if deictic is None:
        return None
    if deictic != chunk.name:
        chunk = organizations.OrgSpan(
            chunk.begin, chunk.end, deictic, chunk.method, chunk.anchored, chunk.head, chunk.coordinated
        )
    terms = tuple(analyze_terms(chunk.name))
    entry = prefix_link(doc, terms, mentioned)
    if entry is not None:
        return entry
    short = len(chunk.name.split()) <= 2 and chunk.name[:1].isupper()
    national = chunk.head in NATIONAL_HEADS and (chunk.coordinated or short)
    if state is not None and (national or chunk.named):
        # «Агентство по противодействию коррупции» in a text about Uzbekistan: that state's registry body.
        for name in (state.name_ru, *state.aliases):
            hits = doc.gazetteer.index.get(terms + tuple(analyze_terms(name)), [])
            for entry, _via in hits:
                if entry.kind == "organization":
                    return entry
    if national and state is not None:
        genitive = inflect_phrase(_official_name(state), "gent")
        if genitive:
            return f"{chunk.name} {genitive}"
    return None


def _said_before(chunk, found: dict, locations: list[tuple[int, int]]) -> bool:
    """A capitalized phrase that only repeats the start of a body already found («Координационный совет»),
    or that the NER model reads as a place («Советский Союз»)."""
    if any(b <= chunk.begin and chunk.end <= e for b, e in locations):
        return True
    short = norm_key(chunk.name)
    return any(
        norm_key(form).startswith(short)
        for item in found.values()
        for form in (item["name"], *item["aliases"])
    )


def prefix_link(doc: Text, terms: tuple[str, ...], mentioned: set[str]):
    """The registry body whose name starts with these terms, under a body the text names.

    When several qualify («Конференция участников …» of two conventions),
    the one whose other name words the text uses most; none on a tie.
    """
    candidates = [e for e in doc.gazetteer.by_prefix(terms) if e.parent in mentioned or e.key in mentioned]
    if len(candidates) <= 1:
        return candidates[0] if candidates else None
    text_terms = {t.term for t in doc.tokens}
    scored = sorted(
        (
            (
                max(
                    len(set(analyze_terms(name)) & text_terms - set(terms))
                    for name in (e.name_ru, e.name_en, *e.aliases)
                    if name
                ),
                index,
            )
            for index, e in enumerate(candidates)
        ),
        reverse=True,
    )
    if scored[0][0] > scored[1][0]:
        return candidates[scored[0][1]]
    return None


def _someone_elses(doc: Text, match, bodies: list) -> bool:
    """A generic registry name («General Assembly») that belongs to another body here.

    It is left to the chunker when the text never names the registry body's
    parent, or when another organization's name stands right before it
    ("INTERPOL General Assembly") or right after it («Генеральная ассамблея
    Интерпола», "General Assembly of the OAS").
    """
    gazetteer = doc.gazetteer
    if gazetteer is None or not gazetteer.generic(match.entry, match.via) or not _common_words(match.via):
        return False
    parent = match.entry.parent
    if not any(
        (m.entry.key == parent or m.entry.parent == parent) and not gazetteer.generic(m.entry, m.via)
        for m in [*doc.matches, *doc.nested]
        if m.entry is not match.entry
    ):
        return True
    begin, end = char_span(doc, match)
    for other in bodies:
        if other is match:
            continue
        other_begin, other_end = char_span(doc, other)
        if (
            re.fullmatch(r"\s*(?:of\s+(?:the\s+)?)?", doc.text[end:other_begin]) is not None
            and other_begin >= end
        ):
            return True
        if other_end <= begin and re.fullmatch(r"[\s'’s]*", doc.text[other_end:begin]) is not None:
            return True
    return False


def _common_words(name: str) -> bool:
    """Every Russian word of the name is an ordinary dictionary word («Генеральная Ассамблея», not «Еврокомиссия»)."""
    for word in morphology.WORD.findall(name):
        if re.fullmatch(r"[А-Яа-яЁё-]+", word):
            readings = morphology.parses(word.lower())
            if (
                not readings
                or not readings[0].is_known
                or {"Geox", "Orgn", "Abbr"} & set(readings[0].tag.grammemes)
            ):
                return False
    return True


def _deictic_cut(name: str) -> str | None:
    """«Генпрокуратура страны» → «Генпрокуратура» (the state is the text's); None for «… двух стран»."""
    words = name.split()
    for index, word in enumerate(words[1:], 1):
        if morphology.lemma(word) in DEICTIC_LEMMAS:
            if "NUMR" in morphology.pos(words[index - 1]) or words[index - 1].isdigit():
                return None
            return " ".join(words[:index])
    return name


def _official_name(state) -> str:
    official = [a for a in state.aliases if len(a.split()) >= 2 and a[:1].isupper()]
    return official[0] if official else state.name_ru


def find_organizations(doc: Text, cities: set[str]) -> list[dict]:
    found: dict[str, dict] = {}
    covered: list[tuple[int, int]] = []
    starts: dict[int, str] = {}  # where a registry body's name begins → its key

    definitions = {a.name_end: a for a in organizations.acronym_definitions(doc.text)}
    defined: dict[int, tuple[int, dict]] = {}  # a definition's name end → the longest mention ending there

    def define(item: dict, end: int, begin: int = -1) -> None:
        """The acronym the text gives right after a mention will be a name of the longest such mention.

        An acronym («ООН» in «программы ООН (ППООН)») has no acronym of its own.
        """
        if begin >= 0 and morphology.is_abbreviation(doc.text[begin:end]):
            return
        if end in definitions and (end not in defined or begin < defined[end][0]):
            defined[end] = (begin if begin >= 0 else end, item)

    def add(name: str, forms: list[str], key: str = "", end: int | None = None, begin: int = -1) -> None:
        norm = norm_key(name)
        for item in found.values():
            if norm == norm_key(item["name"]) or norm in {norm_key(a) for a in item["aliases"]}:
                break
        else:
            quoted = [
                q for f in (name, *forms) for q in [*_quoted_titles(f or ""), *_appositive_title(f or "")]
            ]
            item = {"name": name, "aliases": [f for f in dict.fromkeys([*forms, *quoted]) if f and f != name]}
            found[key or norm] = item
            if key:
                item["key"] = key
        if end is not None:
            define(item, end, begin)

    bodies = [m for m in doc.matches if m.entry.kind == "organization"]
    for match in doc.matches:
        if match.entry.kind != "organization" or _someone_elses(doc, match, bodies):
            continue
        begin, end = char_span(doc, match)
        covered.append((begin, end))
        entry = match.entry
        starts[begin] = entry.key
        if entry.key in found:
            item = found[entry.key]
            surface = doc.text[begin:end]
            if surface not in item["aliases"] and surface != item["name"]:
                item["aliases"].append(surface)
            define(item, end, begin)
            continue
        add(
            entry.name(doc.language),
            [doc.text[begin:end], entry.name_ru, entry.name_en, *entry.aliases],
            entry.key,
            end,
            begin,
        )
    for match in doc.nested:
        entry = match.entry
        if entry.kind == "organization" and entry.key not in found:
            add(entry.name(doc.language), [entry.name_ru, entry.name_en, *entry.aliases], entry.key)
    anchors = [b for b, _e in covered] + [
        char_span(doc, m)[0] for m in doc.matches if m.entry.kind == "state"
    ]
    chunks = (
        lists_en.split_coordinated(doc.text, organizations.chunk_en(doc.text))
        if doc.language == "en"
        else organizations.chunk_ru(
            doc.text,
            doc.sentences,
            [(a, a) for a in anchors],
            [(b, e) for kind, b, e, _n in doc.ner if kind == "PER"],
            [(b, e) for kind, b, e, _n in doc.ner if kind == "ORG"],
        )
    )
    mentioned = set(found)
    context_state = _dominant_state(doc)
    locations = [(b, e) for kind, b, e, _n in doc.ner if kind == "LOC"]
    for chunk in chunks:
        if any(b <= chunk.begin and chunk.end <= e for b, e in covered):
            continue
        if chunk.begin in starts:
            # A registry body named in a longer or varied form (its complement reworded): the registry's.
            item = found[starts[chunk.begin]]
            surface = re.sub(r"\s+", " ", doc.text[chunk.begin : chunk.end])
            if surface not in item["aliases"]:
                item["aliases"].append(surface)
            define(item, chunk.end, chunk.begin)
            covered.append((chunk.begin, chunk.end))
            continue
        if norm_key(chunk.name) in cities:
            continue
        if not chunk.anchored:
            linked = gazetteer_link(doc, chunk, mentioned, context_state)
            if linked is None and chunk.named and not _said_before(chunk, found, locations):
                linked = chunk.name
            if linked is None:
                continue
            covered.append((chunk.begin, chunk.end))
            if isinstance(linked, str):
                add(linked, [doc.text[chunk.begin : chunk.end]], end=chunk.end, begin=chunk.begin)
            else:
                surface = re.sub(r"\s+", " ", doc.text[chunk.begin : chunk.end])
                forms = [chunk.name, surface, linked.name_ru, linked.name_en, *linked.aliases]
                add(linked.name(doc.language), forms, linked.key, chunk.end, chunk.begin)
            continue
        covered.append((chunk.begin, chunk.end))
        linked = (
            prefix_link(doc, tuple(analyze_terms(chunk.name)), mentioned) if doc.language == "en" else None
        )
        if linked is not None:  # "the Conference of the Parties": the registry body the text's context names
            forms = [doc.text[chunk.begin : chunk.end], linked.name_ru, linked.name_en, *linked.aliases]
            add(linked.name(doc.language), forms, linked.key, chunk.end, chunk.begin)
            continue
        add(chunk.name, [doc.text[chunk.begin : chunk.end]], end=chunk.end, begin=chunk.begin)
    for end, acronym in definitions.items():
        # A defined acronym with no body found before it: the name is the words it spells.
        if end in defined or any(b < acronym.end and acronym.begin < e for b, e in covered):
            continue
        spelled = organizations.defined_name(doc.text, acronym, doc.language)
        if spelled is not None:
            begin, name = spelled
            covered.append((begin, acronym.end))
            add(name, [doc.text[begin:end]], end=end, begin=begin)
    _name_acronyms(definitions, defined)
    if doc.language == "en":  # "the Prosecutor's Offices of A and B": one office per state
        known = [form for item in found.values() for form in (item["name"], *item["aliases"])]
        for name, _begin, _end in lists_en.plural_bodies(doc, known):
            add(name, [])
    for kind, begin, end, _normal in doc.ner:
        if kind != "ORG" or any(b < end and begin < e for b, e in covered):
            continue
        surface = doc.text[begin:end].split("(")[0].rstrip()  # «… агентство (ТаджикТА»: the name before it
        end = begin + len(surface)
        quoted = doc.text[begin - 1 : begin] in QUOTES and doc.text[end : end + 1] in QUOTES
        initial = not doc.text[doc.sentences[doc.sentence_of(begin)][0] : begin].strip(' «"„(—–-\t\n')
        name = organizations.usable_ner_name(surface, cities, end in definitions or quoted, initial)
        if name and not ORG_JUNK.match(name):
            add(name, [surface], end=end, begin=begin)
            _name_acronyms(definitions, defined)
    return list(found.values())


QUOTED_TITLE = re.compile(r"[«\"“„]([^«»\"“”„]{2,60})")


def _quoted_titles(name: str) -> list[str]:
    """The proper part of «ОАО «Газпром»», «агентство "Хабар"»: the title in quotes, also a name of the body."""
    if not re.search(r"\w[\s-]+[«\"“„]", name):
        return []
    return [t.strip() for t in QUOTED_TITLE.findall(name) if t.strip()[:1].isupper()]


APPOSITIVE_TITLE = re.compile(
    r"^([а-яё][а-яё\s-]*)\s((?:[A-Z][\w&.'’-]*)(?:\s+[A-Z][\w&.'’-]*)*|[А-ЯЁ][а-яё]*[А-ЯЁ][А-Яа-яЁё]*)$"
)
#: Words that say what kind of body follows («фонд», «агентство»), not which unit of it.
KIND_WORDS_RU = {
    "компания",
    "фонд",
    "организация",
    "агентство",
    "банк",
    "корпорация",
    "концерн",
    "холдинг",
    "фирма",
}


def _appositive_title(name: str) -> list[str]:
    """«фонд Elevation Partners», «информационное агентство БелТА»: a kind of body, then its own title."""
    m = APPOSITIVE_TITLE.match(name)
    if not m or not {morphology.lemma(w) for w in m.group(1).split()} & KIND_WORDS_RU:
        return []
    return [m.group(2)]


def _name_acronyms(definitions: dict, defined: dict) -> None:
    """Each acronym the text defines joins the names of the longest mention it follows."""
    for end, (_begin, item) in defined.items():
        acronym = definitions[end].text
        if acronym not in item["aliases"] and acronym != item["name"]:
            item["aliases"].append(acronym)
