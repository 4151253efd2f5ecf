"""From recognized spans to the extraction contract (`../shared/corpus/README.md`).

`analyze()` returns an `Analysis`: the contract as a dictionary (what `accord
extract` prints) and the mentions behind it, each a character span of the
normalized text with its type, normal form, registry key, method and
confidence, so the storage adapter can keep the evidence.
"""

import datetime
import re
from dataclasses import dataclass, field

from accord.core.morphology import inflect_phrase
from accord.documents.search.analysis import terms as analyze_terms
from accord.extraction.pipeline import dates, organizations, persons, proposals, references, topics
from accord.extraction.pipeline import places as place_stage
from accord.extraction.pipeline.gazetteer import Gazetteer
from accord.extraction.pipeline.stages import (
    EN_NOT_NAME,
    EN_PERSON,
    EVENT_WORDS_EN,
    EVENT_WORDS_RU,
    ORG_JUNK,
    RU_INITIALS_PERSON,
    Text,
    char_span,
    prepare,
    recognize,
)

DOCUMENT_DATE = re.compile(
    r"(?:\bот|\bdated|№\s*\S+\s+от|\btill|\buntil|\bне позднее|(?<!с\s)\bдо)\s*(?:the\s+)?$", re.I
)  # a document's date or a deadline, not the day of an event
EN_MONTH_NAMES = {
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
}


@dataclass
class Mention:
    """One span of the normalized text that names something."""

    begin: int
    end: int
    type: str  # state | organization | person | place | date | symbol | mandate | event
    text: str
    normal: str
    key: str = ""  # registry key: ISO3, organization slug, person id; empty when not linked
    method: str = "rule"  # gazetteer | ner | rule
    confidence: float = 0.8


@dataclass
class Analysis:
    """What one text names: the contract dictionary and the mentions it rests on."""

    text: str  # the normalized text the spans refer to
    contract: dict
    mentions: list[Mention] = field(default_factory=list)
    sentences: list[tuple[int, int]] = field(default_factory=list)

    def sentence_at(self, offset: int) -> str:
        """The sentence around a character offset, as evidence for a suggestion."""
        for begin, end in self.sentences:
            if begin <= offset < end:
                return self.text[begin:end].strip()
        return ""


def extract(source: str, raw: str, gazetteer: Gazetteer) -> dict:
    """The extraction contract for one text (what `accord extract --format json` prints)."""
    return analyze(source, raw, gazetteer).contract


def analyze(
    source: str, raw: str, gazetteer: Gazetteer, received_on: datetime.date | None = None
) -> Analysis:
    """Run every stage over one text; `received_on` dates relative days when the text shows no date."""
    doc = prepare(source, raw)
    recognize(doc, gazetteer)
    dated = _dates(doc, received_on)  # first: posts are resolved on the publication date
    states = _states(doc)
    places = _places(doc)
    persons = _persons(doc, [span for p in places for span in p["spans"]])
    contract = {
        "source": source,
        "language": doc.language,
        "published": doc.published,
        "states": states,
        "persons": persons,
        "organizations": _organizations(doc, {_norm(p["name"]) for p in places}),
        "places": [{k: v for k, v in p.items() if k != "spans"} for p in places],
        "events": _events(doc, dated, places),
        "references": _references(doc),
        "topics": topics.topics([t.term for t in doc.tokens]),
        "proposals": _proposals(doc),
    }
    return Analysis(doc.text, contract, _mentions(doc, dated), doc.sentences)


NER_TYPES = {"PER": "person", "ORG": "organization", "LOC": "place"}


def _proposals(doc: Text) -> list[dict]:
    actors = []
    for m in doc.matches:
        if m.entry.kind not in ("person", "state", "organization"):
            continue
        begin, end = char_span(doc, m)
        phrase = persons.post_phrase(doc.text, begin, doc.language) if m.entry.kind != "person" else None
        if phrase:  # «Генпрокурор России пригласил …»: the post, not the state, proposes
            title = phrase[0]
            actors.append((begin - len(title) - 1, end, "post", f"{title} {doc.text[begin:end]}"))
        else:
            actors.append((begin, end, m.entry.kind, m.entry.name(doc.language)))
    actors += [(b, e, "person", n) for kind, b, e, n in doc.ner if kind == "PER"]
    return [
        {
            "verb": p.verb,
            "proposer": p.proposer,
            "proposer_kind": p.proposer_kind,
            "text": p.text,
            "begin": p.begin,
            "evidence": p.sentence,
        }
        for p in proposals.find_proposals(doc.text, doc.sentences, actors)
    ]


def _mentions(doc: Text, dated: list) -> list[Mention]:
    """Gazetteer matches first, then NER spans they do not cover, then dates and references."""
    mentions = []
    for match in doc.matches:
        begin, end = char_span(doc, match)
        mentions.append(
            Mention(
                begin,
                end,
                match.entry.kind,
                doc.text[begin:end],
                match.entry.name(doc.language),
                match.entry.key,
                "gazetteer",
                0.95,
            )
        )
    covered = [(m.begin, m.end) for m in mentions]
    for kind, begin, end, normal in doc.ner:
        if kind in NER_TYPES and not any(b < end and begin < e for b, e in covered):
            mentions.append(Mention(begin, end, NER_TYPES[kind], doc.text[begin:end], normal, "", "ner", 0.7))
    for span in dated:
        normal = span.start.isoformat() if span.start == span.end else f"{span.start}/{span.end}"
        mentions.append(Mention(span.begin, span.finish, "date", doc.text[span.begin : span.finish], normal))
    for kind, begin, end, normal in _reference_spans(doc):
        mentions.append(Mention(begin, end, kind, doc.text[begin:end], normal, confidence=0.9))
    return sorted(mentions, key=lambda m: (m.begin, -m.end))


def _states(doc: Text) -> list[dict]:
    """States named as actors or places, also inside an authority's name («Генпрокуратура России»)."""
    seen: dict[str, dict] = {}
    states = {e.key: e for e in doc.gazetteer.entries if e.kind == "state"} if doc.gazetteer else {}
    for match in doc.matches:
        entry = match.entry
        if entry.kind == "organization" and entry.state in states:
            inside = {t.term for t in doc.tokens[match.first : match.last]}
            if inside & doc.gazetteer.state_terms(entry.state):
                entry = states[entry.state]
        if entry.kind == "state":
            seen.setdefault(entry.key, {"iso3": entry.key, "name": entry.name(doc.language)})
    return list(seen.values())


def _norm(text: str) -> str:
    return re.sub(r"\s+", " ", text.lower().replace("ё", "е")).strip(' .,;:«»"')


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


def _organizations(doc: Text, cities: set[str]) -> list[dict]:
    found: dict[str, dict] = {}
    covered: list[tuple[int, int]] = []
    starts: dict[int, str] = {}  # where a registry body's name begins → its key

    def add(name: str, forms: list[str], key: str = "") -> None:
        norm = _norm(name)
        for item in found.values():
            if norm == _norm(item["name"]) or norm in {_norm(a) for a in item["aliases"]}:
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
        organizations.chunk_en(doc.text)
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
        if _norm(chunk.name) in cities:
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
    for kind, begin, end, _normal in doc.ner:
        if kind != "ORG" or any(b < end and begin < e for b, e in covered):
            continue
        surface = doc.text[begin:end]
        name = organizations.usable_ner_name(surface, cities)
        if name and not ORG_JUNK.match(name):
            add(name, [surface])
    return list(found.values())


def _places(doc: Text) -> list[dict]:
    taken = [char_span(doc, m) for m in doc.matches if m.entry.kind in ("state", "organization", "person")]
    taken += [(b, e) for kind, b, e, _n in doc.ner if kind in ("PER", "ORG")]
    capitals = [
        (*char_span(doc, m), m.entry.name(doc.language), m.entry.state)
        for m in doc.matches
        if m.entry.kind == "place"
    ]
    states = [(*char_span(doc, m), m.entry.key) for m in doc.matches if m.entry.kind == "state"]
    known = {_norm(m.via) for m in doc.matches if m.entry.kind != "place"}
    found: dict[str, dict] = {}
    for place in place_stage.find_places(doc.text, doc.language, capitals, doc.ner, taken, states):
        if _norm(place.name) in known or place.name in EN_MONTH_NAMES or place.name.split()[0] in EN_NOT_NAME:
            continue
        item = found.setdefault(_norm(place.name), {"name": place.name, "state": place.state, "spans": []})
        item["spans"].append((place.begin, place.end))
        item["state"] = item["state"] or place.state
    return list(found.values())


def _person_candidates(doc: Text) -> list[tuple[int, int, str, str]]:
    """(begin, end, full name, nominative surname) of every name found, by any method."""
    others = [char_span(doc, m) for m in doc.matches if m.entry.kind != "person"]
    found = []
    for kind, begin, end, normal in doc.ner:
        if kind != "PER" or any(b <= begin < e for b, e in others):
            continue
        surface = doc.text[begin:end]
        if len(surface.split()) == 1 and not _looks_like_surname(surface):
            continue
        found.append((begin, end, normal, persons.nominative_surname(surface, normal)))
    if doc.language == "ru":
        for m in RU_INITIALS_PERSON.finditer(doc.text):
            name = m.group(1) or m.group(2)
            found.append((m.start(), m.end(), name, persons.nominative_surname(name, name)))
    for match in doc.matches:
        if match.entry.kind == "person":
            begin, end = char_span(doc, match)
            name = match.entry.name(doc.language)
            found.append((begin, end, name, name.split()[-1]))
    if doc.language == "en":
        for m in EN_PERSON.finditer(doc.text):
            group = next(i for i in (1, 2, 3, 4, 5) if m.group(i))
            name = m.group(group)
            parts = [p for p in name.split() if p not in EN_NOT_NAME]
            if parts and len(parts) == len(name.split()):
                last = name.split()[-1]
                found.append(
                    (m.start(group), m.end(group), name, last.capitalize() if last.isupper() else last)
                )
    found.sort(key=lambda c: (c[0], -c[1]))
    kept: list[tuple[int, int, str, str]] = []
    for candidate in found:
        if kept and candidate[0] < kept[-1][1]:
            continue
        kept.append(candidate)
    return kept


def _looks_like_surname(word: str) -> bool:
    parses = persons._parses(word.lower())
    return bool(parses) and (not parses[0].is_known or bool({"Surn", "Name"} & set(parses[0].tag.grammemes)))


def _persons(doc: Text, place_spans: list[tuple[int, int]]) -> list[dict]:
    people: dict[str, dict] = {}
    previous_end, previous_title = -1, ""
    candidates = _person_candidates(doc)
    for number, (begin, end, name, surname) in enumerate(candidates):
        if any(b < end and begin < e for b, e in place_spans):
            continue
        following = candidates[number + 1][0] if number + 1 < len(candidates) else None
        joined = following is not None and doc.text[end:following].strip() in ("и", "and")
        name = name.strip(" .,")
        if len(surname) < 2:
            continue
        key = _norm(surname)
        person = people.setdefault(key, {"name": name, "surname": surname, "posts": []})
        if len(name) > len(person["name"]) and _norm(name.split()[-1]) == key:
            person["name"] = name
        sentence_begin = doc.sentences[doc.sentence_of(begin)][0]
        between = doc.text[previous_end:begin] if previous_end >= sentence_begin else None
        if between is not None and between.strip() in ("и", "and", ","):
            title = previous_title  # «Генпрокуроры … Александр Гуцан и Андрей Швед»
        else:
            title = persons.title_before(
                doc.text, max(sentence_begin, previous_end), begin, doc.language, joined
            )
        titles = [title, persons.title_after(doc.text, end, doc.language)]
        for found in titles:
            if (
                found
                and len(found) <= 250
                and all(found.lower() != p["title"].lower() for p in person["posts"])
            ):
                person["posts"].append({"title": found})
        previous_end, previous_title = end, title
    _registry_posts(doc, people)
    # Keep at most the two most specific posts per person; a title inside a longer one is the same post.
    for person in people.values():
        titles = sorted(person["posts"], key=lambda p: -len(p["title"]))
        kept = []
        for post in titles:
            if not any(_norm(post["title"]) in _norm(other["title"]) for other in kept):
                kept.append(post)
        person["posts"] = kept[:2]
    return list(people.values())


def _registry_posts(doc: Text, people: dict[str, dict]) -> None:
    """Posts named without a name beside them, given to whoever held them on the text's date.

    «Президент Узбекистана принял …» and, later, «Шавкат Мирзиёев»: the
    registry says who was president then, and that person, when the text
    names them, gets the post. People the text does not name are not added.
    """
    if doc.gazetteer is None or not doc.gazetteer.posts:
        return
    day = datetime.date.fromisoformat(doc.published) if doc.published else None
    for match in doc.matches:
        if match.entry.kind not in ("state", "organization"):
            continue
        begin, end = char_span(doc, match)
        phrase = persons.post_phrase(doc.text, begin, doc.language)
        if not phrase:
            continue
        title, head = phrase
        organization = match.entry.key if match.entry.kind == "organization" else ""
        state = match.entry.key if match.entry.kind == "state" else match.entry.state
        for holder in doc.gazetteer.holders(head, organization, state, day):
            surname = (holder.name_ru or holder.name_en).split()[-1]
            person = people.get(_norm(surname))
            if person is None and holder.name_en:
                person = people.get(_norm(holder.name_en.split()[-1]))
            full = f"{title} {doc.text[begin:end]}"
            if doc.language == "ru":
                full = organizations.nominative_phrase(persons.expand_title(full))
            if person is None or any(head[:5] in p["title"].lower() for p in person["posts"]):
                continue  # the text gave this post already, in its own words
            person["posts"].append({"title": full})


def _dates(doc: Text, anchor: datetime.date | None = None) -> list:
    """Every dated span of the text, with days lacking a year resolved; sets `doc.published`.

    The publication line itself is no event and is left out. Relative days
    («вчера», "3 days ago") are dated from the publication date, or from
    `anchor` (the day a document was received) when the text shows none.
    """
    spans = dates.find_dates(doc.text)
    publication = dates.publication_span(doc.text, spans)
    doc.published = publication.start.isoformat() if publication else None
    published_on = publication.start if publication else None
    resolved = [
        span
        for span in dates.resolve_years(doc.text, spans, published_on)
        if not (publication and span.begin == publication.begin)
    ]
    relative_anchor = published_on or anchor
    if relative_anchor:
        taken = [(s.begin, s.finish) for s in resolved]
        resolved += [
            s
            for s in dates.resolve_relative(doc.text, relative_anchor)
            if not any(b < s.finish and s.begin < e for b, e in taken)
        ]
    return sorted(resolved, key=lambda s: s.begin)


def _event_kind(doc: Text, span) -> str:
    trigger = _event_trigger(doc, span)
    return trigger[0] if trigger else ""


VERB_TRIGGERS = {
    "провести",
    "состояться",
    "подписать",
    "избрать",
    "held",
    "meet",
    "sign",
    "elect",
    "establish",
    "создать",
}
EVENT_PHRASES = {
    ("round", "tabl"): "seminar",
    ("press", "confer"): "other",
    ("пресс", "конференция"): "other",
}


def _trigger_kind(doc: Text, number: int, table: dict[str, str]) -> str | None:
    """The event kind a token starts: a word («заседание») or a two-word phrase ("round table")."""
    if number + 1 < len(doc.tokens):
        phrase = EVENT_PHRASES.get((doc.tokens[number].term, doc.tokens[number + 1].term))
        if phrase:
            return phrase
    return table.get(doc.tokens[number].term)


def _event_trigger(doc: Text, span):
    """(kind, token) of the event word closest to a date: in its sentence, the one before,
    or, after a dateline («11 июля, Минск /Корр. БЕЛТА/.»), the one after."""
    index = doc.sentence_of(span.begin)
    table = EVENT_WORDS_EN if doc.language == "en" else EVENT_WORDS_RU
    own = doc.sentences[index]
    neighbours = [index, index - 1]
    if own[1] - own[0] < 60:
        neighbours.append(index + 1)
    for sentence_index in neighbours:
        if not 0 <= sentence_index < len(doc.sentences):
            continue
        begin, end = doc.sentences[sentence_index]
        best, best_distance = None, None
        for number, token in enumerate(doc.tokens):
            kind = _trigger_kind(doc, number, table) if begin <= token.begin < end else None
            if kind:
                # A noun («заседание») names the event better than a verb («состоялось») beside it.
                distance = (token.term in VERB_TRIGGERS, abs(token.begin - span.begin))
                if best_distance is None or distance < best_distance:
                    best, best_distance = (kind, token), distance
        if best:
            return best
    return None


ORDINAL = re.compile(
    r"(?:\d+(?:[-–]?(?:е|й|я|го|м|ом|th|st|nd|rd))?|first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth)\s+(?:[\w-]+\s+){0,2}$",
    re.I,
)


DATELINE_PREFIX = re.compile(r"^\s*(?:[\w.-]+(?:\s[\w.-]+)?,\s*)?$")


def _dateline(doc: Text, span) -> bool:
    """A date opening a paragraph, alone or after a place: «Минск, 14 ноября.», "ATLANTA, 15 December (UNIS) -"."""
    line_start = doc.text.rfind("\n", 0, span.begin) + 1
    after = doc.text[span.finish : span.finish + 3]
    return bool(DATELINE_PREFIX.match(doc.text[line_start : span.begin])) and bool(
        re.match(r"\s*[,.(/–—-]", after)
    )


def _numbered_triggers(doc: Text, begin: int, end: int, kind: str) -> list:
    """Event words of one kind in a sentence that each carry an ordinal («28-м заседании»)."""
    table = EVENT_WORDS_EN if doc.language == "en" else EVENT_WORDS_RU
    return [
        token
        for token in doc.tokens
        if begin <= token.begin < end
        and table.get(token.term) == kind
        and ORDINAL.search(doc.text[max(begin, token.begin - 30) : token.begin])
    ]


def _event_title(doc: Text, token) -> str:
    """The event's name as the text gives it: «35-е заседание КСГП», "ninth session of the Conference …"."""
    if token.term in VERB_TRIGGERS:
        return ""  # «состоялось», "held": no name to give
    sentence_end = doc.sentences[doc.sentence_of(token.begin)][1]
    begin = token.begin
    before = doc.text[max(0, begin - 25) : begin]
    ordinal = re.search(
        r"(\d+[-–]?(?:е|й|я|го|м|th|st|nd|rd)?\s+|[А-ЯЁA-Z]?[а-яёa-z]+(?:ое|ая|ий|ый|ой|th)\s+)$", before
    )
    if ordinal and (
        ordinal.group(1)[0].isdigit()
        or ordinal.group(1).strip().lower().endswith(("ое", "ая", "ый", "ий", "th"))
    ):
        begin -= len(ordinal.group(1))
    end = token.end
    for match in doc.matches:
        if match.entry.kind == "organization":
            m_begin, m_end = char_span(doc, match)
            if token.end <= m_begin <= token.end + 60 and m_end <= sentence_end:
                end = m_end
                break
    else:
        end = organizations.genitive_chain_end(doc.text, end, sentence_end)
    return re.sub(r"\s+", " ", doc.text[begin:end]).strip(" ,.;:")


def _event_context(doc: Text, span) -> tuple[str, list[str]]:
    """(organizing body's name, participant states) read from the date's sentence and its neighbours."""
    index = doc.sentence_of(span.begin)
    window = [doc.sentences[i] for i in (index - 1, index, index + 1) if 0 <= i < len(doc.sentences)]
    own_begin, own_end = doc.sentences[index]
    body, body_distance, participants = "", None, []
    for match in doc.matches:
        m_begin, _m_end = char_span(doc, match)
        if match.entry.kind == "organization" and own_begin <= m_begin < own_end:
            distance = abs(m_begin - span.begin)
            if body_distance is None or distance < body_distance:
                body, body_distance = match.entry.name(doc.language), distance
        in_window = any(b <= m_begin < e for b, e in window)
        if match.entry.kind == "state" and in_window and match.entry.key not in participants:
            participants.append(match.entry.key)
    return body, participants


def _events(doc: Text, dated: list, places: list[dict]) -> list[dict]:
    events: dict[tuple, dict] = {}
    place_spans = [(b, e, p["name"]) for p in places for b, e in p["spans"]]
    # Where a sentence names no place, the text's most named place is the likeliest.
    usual_place = max(places, key=lambda p: len(p["spans"]))["name"] if places else None
    last_place = None
    for span in dated:
        if DOCUMENT_DATE.search(doc.text[max(0, span.begin - 12) : span.begin]):
            continue  # «решение от 26 октября 2022 года» dates a document, not an event
        if _dateline(doc, span) and any(
            other.begin > span.finish
            and other.begin - span.finish < 300
            and "\n\n" not in doc.text[span.finish : other.begin]
            for other in dated
        ):
            continue  # «Минск, 14 ноября. … на встрече 10–11 ноября»: the dateline dates the report
        kind = _event_kind(doc, span)
        if not kind:
            continue
        index = doc.sentence_of(span.begin)
        begin, end = doc.sentences[index]
        nearby = [p for p in place_spans if begin <= p[0] < end]
        for other in (index - 1, index + 1):
            if not nearby and 0 <= other < len(doc.sentences):
                pb, pe = doc.sentences[other]
                nearby = [p for p in place_spans if pb <= p[0] < pe]
        sentence = doc.text[begin:end].lower()
        place = min(nearby, key=lambda p: abs(p[0] - span.begin))[2] if nearby else None
        if place is None and ("там же" in sentence or "same place" in sentence):
            place = last_place
        if place is None:
            place = usual_place
        last_place = place or last_place
        if "смешанн" in sentence or "hybrid" in sentence:
            fmt = "hybrid"
        elif (
            "видеоконференц" in sentence
            or "онлайн" in sentence
            or "online" in sentence
            or "virtual" in sentence
        ):
            fmt = "online"
        else:
            fmt = "in_person"
        trigger = _event_trigger(doc, span)
        body, participants = _event_context(doc, span)
        # «в 28-м заседании КСГП и 16-м заседании … ШОС»: two numbered meetings on one date are two events.
        numbered = _numbered_triggers(doc, begin, end, kind)
        for number, token in enumerate(numbered if len(numbered) > 1 else [trigger[1] if trigger else None]):
            event = {
                "kind": kind,
                "title": _event_title(doc, token) if token else "",
                "start": span.start.isoformat(),
                "end": span.end.isoformat(),
                "place": place,
                "format": fmt,
                "body": body,
                "participants": participants,
                "begin": span.begin,
                "evidence": doc.text[begin:end].strip(),
            }
            key = (span.start, span.end, number)
            if key not in events or (place and not events[key]["place"]):
                events[key] = event
    return _without_days_of_longer_events(list(events.values()))


def _without_days_of_longer_events(events: list[dict]) -> list[dict]:
    """«С 13 по 17 декабря проходит сессия … 17 декабря сессия завершит работу»: one session, not two."""
    ranges = [e for e in events if e["start"] != e["end"]]
    return [
        e
        for e in events
        if e["start"] != e["end"]
        or not any(r["kind"] == e["kind"] and r["start"] <= e["start"] <= r["end"] for r in ranges)
    ]


def _reference_spans(doc: Text) -> list[tuple[str, int, int, str]]:
    """(symbol | mandate, begin, end, normal form) for every UN symbol and mandate number."""
    symbols = references.find_symbols(doc.text)
    return [("symbol", b, e, s) for b, e, s in symbols] + [
        ("mandate", b, e, n) for b, e, n in references.find_mandates(doc.text, symbols)
    ]


def _references(doc: Text) -> dict:
    references: dict[str, list[str]] = {"symbols": [], "mandates": []}
    for kind, _begin, _end, normal in _reference_spans(doc):
        bucket = references[kind + "s"]
        if normal not in bucket:
            bucket.append(normal)
    return references
