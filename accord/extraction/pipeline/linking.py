"""Linking what the text names to the registry: states and organizations.

States by their names, adjectives and capitals, also inside an authority's
name («Генпрокуратура России»); organizations by registry names, by the
chunker's phrases, and — for a bare head such as «Исполнительного комитета» —
through the registry's tree or the text's own state.
"""

import re

from accord.core.morphology import inflect_phrase
from accord.documents.search.analysis import terms as analyze_terms
from accord.extraction.pipeline import lists_en, organizations
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


NATIONAL_HEADS = {"министерство", "прокуратура", "генпрокуратура", "агентство"}


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
    terms = tuple(analyze_terms(chunk.name))
    for entry in doc.gazetteer.by_prefix(terms):
        if entry.parent in mentioned or entry.key in mentioned:
            return entry
    short = len(chunk.name.split()) <= 2 and chunk.name[:1].isupper()
    if chunk.head in NATIONAL_HEADS and state is not None and (chunk.coordinated or short):
        for name in (state.name_ru, *state.aliases):
            hits = doc.gazetteer.index.get(terms + tuple(analyze_terms(name)), [])
            for entry, _via in hits:
                if entry.kind == "organization":
                    return entry
        genitive = inflect_phrase(_official_name(state), "gent")
        if genitive:
            return f"{chunk.name} {genitive}"
    return None


def _official_name(state) -> str:
    official = [a for a in state.aliases if len(a.split()) >= 2 and a[:1].isupper()]
    return official[0] if official else state.name_ru


def find_organizations(doc: Text, cities: set[str]) -> list[dict]:
    found: dict[str, dict] = {}
    covered: list[tuple[int, int]] = []
    starts: dict[int, str] = {}  # where a registry body's name begins → its key

    def add(name: str, forms: list[str], key: str = "") -> None:
        norm = norm_key(name)
        for item in found.values():
            if norm == norm_key(item["name"]) or norm in {norm_key(a) for a in item["aliases"]}:
                return
        found[key or norm] = {"name": name, "aliases": [f for f in dict.fromkeys(forms) if f and f != name]}
        if key:
            found[key]["key"] = key

    for match in doc.matches:
        if match.entry.kind != "organization":
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
            continue
        add(
            entry.name(doc.language),
            [doc.text[begin:end], entry.name_ru, entry.name_en, *entry.aliases],
            entry.key,
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
        )
    )
    mentioned = set(found)
    context_state = _dominant_state(doc)
    for chunk in chunks:
        if any(b <= chunk.begin and chunk.end <= e for b, e in covered):
            continue
        if chunk.begin in starts:
            # «Координационного совета генеральных прокуроров стран СНГ»: the registry body, said longer.
            item = found[starts[chunk.begin]]
            surface = re.sub(r"\s+", " ", doc.text[chunk.begin : chunk.end])
            if surface not in item["aliases"]:
                item["aliases"].append(surface)
            covered.append((chunk.begin, chunk.end))
            continue
        if norm_key(chunk.name) in cities:
            continue
        if not chunk.anchored:
            linked = gazetteer_link(doc, chunk, mentioned, context_state)
            if linked is None:
                continue
            covered.append((chunk.begin, chunk.end))
            if isinstance(linked, str):
                add(linked, [doc.text[chunk.begin : chunk.end]])
            else:
                add(linked.name(doc.language), [linked.name_ru, linked.name_en, *linked.aliases], linked.key)
            continue
        covered.append((chunk.begin, chunk.end))
        add(chunk.name, [doc.text[chunk.begin : chunk.end]])
    if doc.language == "en":  # "the Prosecutor's Offices of A and B": one office per state
        known = [form for item in found.values() for form in (item["name"], *item["aliases"])]
        for name, _begin, _end in lists_en.plural_bodies(doc, known):
            add(name, [])
    for kind, begin, end, _normal in doc.ner:
        if kind != "ORG" or any(b < end and begin < e for b, e in covered):
            continue
        surface = doc.text[begin:end]
        name = organizations.usable_ner_name(surface, cities)
        if name and not ORG_JUNK.match(name):
            add(name, [surface])
    return list(found.values())
