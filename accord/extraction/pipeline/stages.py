"""The first stages over one text: normalize → language → segment → recognize.

Plain Python over the text, a gazetteer snapshot and Natasha's NER for
Russian; `Text` carries what they find to the later stages (see `assemble`),
each of which reads it and can be tested on its own.
"""

import bisect
import functools
import re
from dataclasses import dataclass, field

from accord.documents.ingest.errors import IngestError
from accord.documents.ingest.text import detect_language, normalize
from accord.documents.search.analysis import TOKEN, terms_of_pieces
from accord.extraction.pipeline import persons_en
from accord.extraction.pipeline.dates import DateSpan
from accord.extraction.pipeline.gazetteer import Gazetteer, Match
from accord.extraction.pipeline.morphology import nominative_phrase
from accord.extraction.pipeline.persons import nominative_name

EVENT_WORDS_RU = {
    "сессия": "session",
    "заседание": "meeting",
    "совещание": "meeting",
    "встреча": "meeting",
    "визит": "visit",
    "семинар": "seminar",
    "тренинг": "seminar",
    "конференция": "conference",
    "форум": "conference",
    "саммит": "meeting",
    "переговоры": "meeting",
    "подписание": "signing",
    "подписать": "signing",
    "выборы": "election",
    "избрать": "election",
    "обзор": "review",
    "пленарный": "meeting",
    "собрание": "meeting",
    "круглый": "seminar",
    "мероприятие": "meeting",
    "создать": "other",
    "учредить": "other",
    "основать": "other",
    "ратифицировать": "other",
    "вступить": "other",
    "провести": "meeting",
    "состояться": "meeting",
}
EVENT_WORDS_EN = {
    "session": "session",
    "meet": "meeting",
    "meeting": "meeting",
    "visit": "visit",
    "seminar": "seminar",
    "workshop": "seminar",
    "train": "seminar",
    "confer": "conference",
    "forum": "conference",
    "summit": "meeting",
    "sign": "signing",
    "elect": "election",
    "review": "review",
    "plenari": "meeting",
    "held": "meeting",
    "roundtabl": "seminar",
    "establish": "other",
    "ratifi": "other",
}
HEADER_LABEL = re.compile(r"(?:Original|Distr|Language)\s*:\s*$", re.I)  # "Original: Russian" is no state
ORG_JUNK = re.compile(r"^(distr|original|russian|english|general|с \d+|\W+|\d+)$", re.I)
RU_INITIALS_PERSON = re.compile(
    r"\b([А-ЯЁ][а-яё]+(?:ов|ев|ёв|ин|ын|ский|цкий|ян|дзе|швили|енко|ук|юк|ич|ова|ева|ина)[а-яё]*)\s+[А-ЯЁ]\.\s?[А-ЯЁ]\."
    r"|\b[А-ЯЁ]\.\s?(?:[А-ЯЁ]\.\s?)?([А-ЯЁ][а-яё]{2,})"
)
EN_NOT_NAME = {
    "In",
    "At",
    "Of",
    "To",
    "For",
    "And",
    "On",
    "By",
    "With",
    "From",
    "Office",
    "Offices",
    "Ministry",
    "Department",
    "Division",
    "University",
    "Academy",
    "Agency",
    "Service",
    "Court",
    "Bureau",
    "General",
    "Council",
    "Committee",
    "Conference",
    "Republic",
    "Federation",
    "United",
    "Group",
    "Nations",
    "State",
    "States",
    "The",
}


@dataclass
class Token:
    text: str
    begin: int
    end: int
    term: str


@dataclass
class Text:
    source: str
    raw: str
    text: str = ""
    language: str = "ru"
    tokens: list[Token] = field(default_factory=list)
    sentences: list[tuple[int, int]] = field(default_factory=list)
    matches: list[Match] = field(default_factory=list)
    ner: list[tuple[str, int, int, str]] = field(default_factory=list)  # (type, begin, end, normal form)
    dates: list[DateSpan] = field(default_factory=list)
    published: str | None = None
    gazetteer: Gazetteer | None = None
    nested: list[Match] = field(default_factory=list)  # registry names inside longer ones

    @functools.cached_property
    def _sentence_starts(self) -> list[int]:
        return [begin for begin, _end in self.sentences]

    @functools.cached_property
    def _token_starts(self) -> list[int]:
        return [token.begin for token in self.tokens]

    def sentence_of(self, offset: int) -> int:
        """The index of the sentence holding an offset (the last one when past the end)."""
        index = bisect.bisect_right(self._sentence_starts, offset) - 1
        return min(max(index, 0), len(self.sentences) - 1)

    def token_range(self, begin: int, end: int) -> range:
        """Indexes of the tokens that start within [begin, end)."""
        return range(
            bisect.bisect_left(self._token_starts, begin), bisect.bisect_left(self._token_starts, end)
        )


def prepare(source: str, raw: str) -> Text:
    doc = Text(source=source, raw=raw, text=normalize(raw))
    try:
        doc.language = detect_language(doc.text)
    except IngestError:
        cyrillic = len(re.findall(r"[а-яё]", doc.text.lower()))
        doc.language = "ru" if cyrillic > len(doc.text) * 0.2 else "en"
    found = list(TOKEN.finditer(doc.text))
    groups = terms_of_pieces([m.group() for m in found])
    doc.tokens = [
        Token(m.group(), m.start(), m.end(), g[0] if g else m.group().lower())
        for m, g in zip(found, groups, strict=True)
    ]
    doc.sentences = _sentences(doc.text)
    return doc


def _sentences(text: str) -> list[tuple[int, int]]:
    """Sentence spans; a line broken inside a sentence (hard-wrapped text) is read as one."""
    from razdel import sentenize

    spans = []
    for paragraph in _paragraphs(text):
        chunk = text[paragraph[0] : paragraph[1]]
        # razdel reads a wrapped line's newline as a space would be read.
        for sentence in sentenize(chunk.replace("\n", " ")):
            spans.append((paragraph[0] + sentence.start, paragraph[0] + sentence.stop))
    return spans or [(0, len(text))]


_LINE_END = re.compile(r"[.!?…:;»\"”)\]]$")


def _paragraphs(text: str) -> list[tuple[int, int]]:
    """Spans of paragraphs: blank lines and finished lines end one, a wrapped line does not.

    A line continues into the next when it does not end a sentence and either
    is long (the width of wrapped text) or the next line starts in lower case.
    """
    lines = [(m.start(), m.end()) for m in re.finditer(r"[^\n]+", text)]
    paragraphs: list[list[int]] = []
    for begin, end in lines:
        line = text[begin:end].rstrip()
        if paragraphs:
            previous = text[paragraphs[-1][0] : paragraphs[-1][1]]
            last_line = previous.rsplit("\n", 1)[-1].rstrip()
            gap = text[paragraphs[-1][1] : begin]
            starts_lower = line.lstrip()[:1].islower()
            abbreviated = bool(re.search(r"\b\w{1,3}\.$", last_line))
            if (
                gap.count("\n") == 1
                and (not _LINE_END.search(last_line) or abbreviated)
                and (len(last_line) >= 50 or starts_lower)
            ):
                paragraphs[-1][1] = begin + len(line)
                continue
        paragraphs.append([begin, begin + len(line)])
    return [(b, e) for b, e in paragraphs]


def recognize(doc: Text, gazetteer: Gazetteer) -> None:
    doc.gazetteer = gazetteer
    # A capitalized name found in lower case is another word («того» is not Togo).
    doc.matches = [
        m
        for m in gazetteer.find([t.term for t in doc.tokens])
        if not (m.last - m.first == 1 and m.via[:1].isupper() and doc.tokens[m.first].text[:1].islower())
        and not HEADER_LABEL.search(
            doc.text[max(0, doc.tokens[m.first].begin - 12) : doc.tokens[m.first].begin]
        )
        and not _alone_on_line(doc, m)
    ]
    doc.nested = gazetteer.find_nested([t.term for t in doc.tokens], doc.matches)
    if doc.language == "ru":
        doc.ner = _natasha(doc.text)
    else:
        doc.ner = persons_en.ner_spans(doc)  # English has no NER model: names by `persons_en`


def _alone_on_line(doc: Text, match: Match) -> bool:
    """A one-word line of another alphabet than the text's («Russian» under "Original:") is a label."""
    token = doc.tokens[match.first]
    if match.last - match.first != 1 or (doc.language == "ru") != token.text.isascii():
        return False
    line_start = doc.text.rfind("\n", 0, token.begin) + 1
    line_end = doc.text.find("\n", token.end)
    return doc.text[line_start : line_end if line_end >= 0 else len(doc.text)].strip() == token.text


@functools.cache
def _natasha_models():
    from natasha import NewsEmbedding, NewsNERTagger, Segmenter

    return Segmenter(), NewsNERTagger(NewsEmbedding())


def _natasha(text: str) -> list[tuple[str, int, int, str]]:
    """Natasha's NER spans with their normal forms.

    The normal forms come from our own morphology (names and place phrases
    declined to the nominative) rather than Natasha's morphology tagger,
    which would take a third of the pipeline's time for forms we redo anyway.
    """
    from natasha import Doc

    segmenter, ner_tagger = _natasha_models()
    document = Doc(text)
    document.segment(segmenter)
    document.tag_ner(ner_tagger)
    out = []
    for span in document.spans:
        surface = text[span.start : span.stop]
        if span.type == "PER":
            normal = nominative_name(surface)
        elif span.type == "LOC":
            normal = nominative_phrase(surface)
        else:
            normal = surface
        out.append((span.type, span.start, span.stop, normal))
    return out


def norm_key(text: str) -> str:
    """A name folded for comparison: lower case, ё as е, spaces and edge punctuation folded."""
    return re.sub(r"\s+", " ", text.lower().replace("ё", "е")).strip(' .,;:«»"')


def char_span(doc: Text, match: Match) -> tuple[int, int]:
    return doc.tokens[match.first].begin, doc.tokens[match.last - 1].end
