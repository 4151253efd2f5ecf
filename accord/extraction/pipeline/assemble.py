"""The pipeline in order, and its result as the extraction contract (`../shared/corpus/README.md`).

`stages` prepares and recognizes (normalize, language, sentences, gazetteer,
NER); then `dates`, `linking` (states, organizations), `places`, `people`
(persons and posts), `events`, `references`, `proposals` and `topics`, each a
module of its own with its own tests. `analyze()` returns an `Analysis`: the contract as a dictionary (what `accord
extract` prints) and the mentions behind it, each a character span of the
normalized text with its type, normal form, registry key, method and
confidence, so the storage adapter can keep the evidence.
"""

import datetime
from dataclasses import dataclass, field

from accord.extraction.pipeline import dates, events, linking, people, persons, proposals, references, topics
from accord.extraction.pipeline import places as place_stage
from accord.extraction.pipeline.gazetteer import Gazetteer
from accord.extraction.pipeline.stages import (
    EN_NOT_NAME,
    Text,
    char_span,
    norm_key,
    prepare,
    recognize,
)

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
    states = linking.find_states(doc)
    places = _places(doc)
    persons = people.find_persons(doc, [span for p in places for span in p["spans"]])
    contract = {
        "source": source,
        "language": doc.language,
        "published": doc.published,
        "states": states,
        "persons": persons,
        "organizations": linking.find_organizations(doc, {norm_key(p["name"]) for p in places}),
        "places": [{k: v for k, v in p.items() if k != "spans"} for p in places],
        "events": events.find_events(doc, dated, places),
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
        if phrase:  # a title before the state («Министр юстиции Грузии предложил»): the post proposes
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


def _places(doc: Text) -> list[dict]:
    taken = [char_span(doc, m) for m in doc.matches if m.entry.kind in ("state", "organization", "person")]
    taken += [(b, e) for kind, b, e, _n in doc.ner if kind in ("PER", "ORG")]
    capitals = [
        (*char_span(doc, m), m.entry.name(doc.language), m.entry.state)
        for m in doc.matches
        if m.entry.kind == "place"
    ]
    states = [(*char_span(doc, m), m.entry.key) for m in doc.matches if m.entry.kind == "state"]
    # A capital read as its state («Кишинев заявил») is still a place: the registry's places stay.
    known = {norm_key(m.via) for m in doc.matches if m.entry.kind != "place"} - {
        norm_key(m.via) for m in doc.matches if m.entry.kind == "place"
    }
    found: dict[str, dict] = {}
    for place in place_stage.find_places(doc.text, doc.language, capitals, doc.ner, taken, states):
        if (
            norm_key(place.name) in known
            or place.name in EN_MONTH_NAMES
            or place.name.split()[0] in EN_NOT_NAME
        ):
            continue
        item = found.setdefault(norm_key(place.name), {"name": place.name, "state": place.state, "spans": []})
        item["spans"].append((place.begin, place.end))
        item["state"] = item["state"] or place.state
    return list(found.values())


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
