"""Events: meetings, sessions, visits, seminars, signings, elections and reviews the text dates to the day.

A dated span becomes an event when an event word stands near it («заседание»,
"session"; a noun before a verb), unless it dates a document or a deadline
(«решение от …», «до 26 октября»), is a dateline before the event's own dates,
or is one day of a longer event already found. Each event carries its title,
place, format, organizing body, participating states and the sentence that
supports it; two numbered meetings on one date are two events.
"""

import re

from accord.extraction.pipeline import morphology
from accord.extraction.pipeline.stages import EVENT_WORDS_EN, EVENT_WORDS_RU, Text, char_span

DOCUMENT_DATE = re.compile(
    r"(?:\bот|\bdated|№\s*\S+\s+от|\btill|\buntil|\bне позднее|(?<!с\s)\bдо)\s*(?:the\s+)?$", re.I
)  # a document's date or a deadline, not the day of an event
# What a document's date follows in its clause: a resolution's number ("12/3 of"), its adoption, its entry
# into force («вступила в силу»), a text «утверждённый» or «опубликованный» on a day.
DOCUMENT_CLAUSE = re.compile(
    r"(?P<word>\d+/\d+\s+(?:of|от)|\badopted\b|\bentry\s+into\s+force|\b(?:came|entered|enters|come)\s+into\s+force"
    r"|\bвступ\w*\s+в\s+силу|\bвступлени\w+\s+в\s+силу|\bпринят\w*|\bутвержд\w*|\bопубликован\w*)\b[^;:()]*$",
    re.I,
)
CLAUSE_START = re.compile(
    r"[;:()]|\n\s*\n|[.!?]\s|,\s+(?=(?:which|who|that|где|который|которая|которое|которые)\b)"
)
# Reporting verbs: a date in their clause dates the report («сообщили 5 мая», "said on 5 May"), not the event.
REPORT_TERMS = {
    "сообщить",
    "сообщать",
    "сообщаться",
    "заявить",
    "рассказать",
    "said",
    "say",
    "report",
    "announc",
}

VERB_TRIGGERS = {
    "провести",
    "состояться",
    "подписать",
    "избрать",
    "встретиться",
    "посетить",
    "held",
    "hold",
    "meet",
    "sign",
    "elect",
    "establish",
    "создать",
    "conven",
    "host",
    "gather",
    "собраться",
}
# Verbs and verb forms the tables of `stages` do not list: stems and lemmas of the pipeline's terms.
VERB_WORDS = {
    "встретиться": "meeting",
    "встречаться": "meeting",
    "посетить": "visit",
    "hold": "meeting",
    "conven": "meeting",
    "host": "meeting",
    "talk": "meeting",
    "gather": "meeting",
    "консультация": "meeting",
    "собраться": "meeting",
    "deleg": "visit",
    "делегация": "visit",
}
# Words that name an event only where no better word stands near the date: a delegation's day is its visit.
WEAK_TRIGGERS = {"deleg", "делегация"}
# English past forms that a stemmer does not bring back to their verb ("met" is "meet").
EN_IRREGULAR = {"met": "meet", "held": "held", "holds": "hold", "hosted": "host", "took": "take"}
EVENT_PHRASES = {
    ("round", "tabl"): "seminar",
    ("press", "confer"): "other",
    ("пресс", "конференция"): "other",
    ("take", "place"): "meeting",
}


def _term(doc: Text, number: int) -> str:
    """A token's term, with the irregular English verbs brought back to their stem."""
    token = doc.tokens[number]
    if doc.language == "en":
        return EN_IRREGULAR.get(token.text.lower(), token.term)
    return token.term


def _trigger_kind(doc: Text, number: int, table: dict[str, str]) -> str | None:
    """The event kind a token starts: a word («заседание») or a two-word phrase ("round table")."""
    term = _term(doc, number)
    if number + 1 < len(doc.tokens):
        phrase = EVENT_PHRASES.get((term, _term(doc, number + 1)))
        if phrase:
            return phrase
    if number > 0 and (_term(doc, number - 1), term) in EVENT_PHRASES:
        return None  # the second word of a phrase: "press conference" is not a conference
    return table.get(term) or VERB_WORDS.get(term)


def _clause_start(doc: Text, offset: int, floor: int) -> int:
    """Where the clause holding `offset` begins: after the last semicolon, colon, bracket or line break."""
    before = doc.text[floor:offset]
    ends = [match.end() for match in CLAUSE_START.finditer(before)]
    return floor + ends[-1] if ends else floor


def _document_date(doc: Text, span) -> bool:
    """The date of a document or a deadline: «решение от …», "resolution 12/3 of …", "entered into force on …"."""
    if DOCUMENT_DATE.search(doc.text[max(0, span.begin - 12) : span.begin]):
        return True
    sentence_begin = doc.sentences[doc.sentence_of(span.begin)][0]
    start = _clause_start(doc, span.begin, max(sentence_begin, span.begin - 80))
    match = DOCUMENT_CLAUSE.search(doc.text[start : span.begin])
    if not match:
        return False
    # «принято решение провести 5 мая заседание»: an event word after the document's names the day's event.
    table = EVENT_WORDS_EN if doc.language == "en" else EVENT_WORDS_RU
    return not any(
        _trigger_kind(doc, n, table) for n in doc.token_range(start + match.end("word"), span.begin)
    )


def _report_date(doc: Text, span, table: dict[str, str]) -> bool:
    """A date in a reporting verb's clause with no event word: «…, сообщили в пресс-службе 5 мая»."""
    index = doc.sentence_of(span.begin)
    begin, end = doc.sentences[index]
    comma = doc.text.rfind(",", begin, span.begin)
    start = max(_clause_start(doc, span.begin, begin), comma + 1)
    stop = re.search(r"[,;:()]", doc.text[span.finish : end])
    stop_at = span.finish + stop.start() if stop else end
    numbers = doc.token_range(start, stop_at)
    if any(_trigger_kind(doc, n, table) for n in numbers):
        return False
    return any(_term(doc, n) in REPORT_TERMS for n in numbers)


CONCLUDED = {"conclud", "завершиться", "закрыться", "завершить"}


def _concluded(doc: Text, span) -> bool:
    """A report that an event has ended («сессия завершилась», "has concluded"): its first day is not given."""
    begin, end = doc.sentences[doc.sentence_of(span.begin)]
    return any(doc.tokens[n].term in CONCLUDED for n in doc.token_range(begin, end))


def _event_trigger(doc: Text, span):
    """(kind, token) of the event word closest to a date: in its sentence, or in a short heading
    just before it ("Third session" over "City, 3–5 May 2020"), or, after a dateline
    (a day, a city and the agency: «3 мая, Город /Агентство/.»), the one after."""
    index = doc.sentence_of(span.begin)
    table = EVENT_WORDS_EN if doc.language == "en" else EVENT_WORDS_RU
    own = doc.sentences[index]
    neighbours = [index]
    if index > 0:
        previous = doc.sentences[index - 1]
        heading = not re.search(r"[.!?…]\W*$", doc.text[previous[0] : previous[1]])
        if (previous[1] - previous[0] < 60 or heading) and "\n" in doc.text[previous[1] : own[0] + 1]:
            neighbours.append(index - 1)
    if own[1] - own[0] < 60:
        neighbours.append(index + 1)
    for sentence_index in neighbours:
        if not 0 <= sentence_index < len(doc.sentences):
            continue
        begin, end = doc.sentences[sentence_index]
        best, best_distance = None, None
        for number in doc.token_range(begin, end):
            token = doc.tokens[number]
            kind = _trigger_kind(doc, number, table)
            if kind:
                # A noun («заседание») names the event better than a verb («состоялось») beside it.
                term = _term(doc, number)
                distance = (term in WEAK_TRIGGERS, term in VERB_TRIGGERS, abs(token.begin - span.begin))
                if best_distance is None or distance < best_distance:
                    best, best_distance = (kind, token), distance
        if best:
            return best
    return None


ORDINAL = re.compile(
    r"(?:\d+(?:[-–]?(?:е|й|я|го|м|ом|th|st|nd|rd))?|first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth)\s+(?:[\w-]+\s+){0,2}$",
    re.I,
)


DATELINE_PREFIX = re.compile(r"^\s*(?:[\w.-]+(?:\s[\w.-]+)?,\s*|[^\W\d_]{4,}\.\s*)?$")


def _dateline(doc: Text, span) -> bool:
    """A date opening a paragraph, alone or after a place: «Город, 3 мая.», "CITY, 3 May (Agency) -"."""
    line_start = doc.text.rfind("\n", 0, span.begin) + 1
    after = doc.text[span.finish : span.finish + 3]
    return bool(DATELINE_PREFIX.match(doc.text[line_start : span.begin])) and bool(
        re.match(r"\s*[,.(/–—-]", after)
    )


def _numbered_triggers(doc: Text, begin: int, end: int, kind: str) -> list:
    """Event words of one kind in a sentence that each carry an ordinal («28-м заседании»)."""
    table = EVENT_WORDS_EN if doc.language == "en" else EVENT_WORDS_RU
    found, previous = [], None
    for number in doc.token_range(begin, end):
        token = doc.tokens[number]
        own = table.get(token.term) == kind
        # «пленарное заседание», "Plenary Meeting": two event words side by side name one event;
        # two numbered meetings of one date are listed with «и», "and" or a comma on one line.
        if (
            own
            and previous != number - 1
            and ORDINAL.search(doc.text[max(begin, token.begin - 30) : token.begin])
            and (not found or LIST_JOIN.search(doc.text[found[-1].end : token.begin]))
        ):
            found.append(token)
        if own:
            previous = number
    return found


LIST_JOIN = re.compile(r"^[^\n]*(?:,|\bи\b|\band\b|&)[^\n]*$", re.I)


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
        end = morphology.genitive_chain_end(doc.text, end, sentence_end)
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


def find_events(doc: Text, dated: list, places: list[dict]) -> list[dict]:
    events: dict[tuple, dict] = {}
    place_spans = [(b, e, p["name"]) for p in places for b, e in p["spans"]]
    # Where a sentence names no place, the text's most named place is the likeliest.
    usual_place = max(places, key=lambda p: len(p["spans"]))["name"] if places else None
    last_place = None
    table = EVENT_WORDS_EN if doc.language == "en" else EVENT_WORDS_RU
    for span in dated:
        if _document_date(doc, span) or _report_date(doc, span, table):
            continue  # «решение от 26 октября 2022 года», «сообщили 5 мая»: a document's or a report's date
        if _dateline(doc, span) and (
            any(other.begin > span.finish for other in dated) or _concluded(doc, span)
        ):
            continue  # «Город, 9 марта. … на встрече 4–5 марта»: the dateline dates the report, not an event
        trigger = _event_trigger(doc, span)
        if trigger is None:
            continue
        kind = trigger[0]
        index = doc.sentence_of(span.begin)
        begin, end = doc.sentences[index]
        nearby = [p for p in place_spans if begin <= p[0] < end]
        for other in (index - 1, index + 1):
            if not nearby and 0 <= other < len(doc.sentences):
                pb, pe = doc.sentences[other]
                if any(pb <= d.begin < pe for d in dated):
                    continue  # a sentence with a date of its own names its own event's place
                nearby = [p for p in place_spans if pb <= p[0] < pe]
        sentence = doc.text[begin:end].lower()
        # The city rather than its region («Сочи в Краснодарском крае»), then the nearest.
        place = min(nearby, key=lambda p: (_region(p[2]), abs(p[0] - span.begin)))[2] if nearby else None
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
        body, participants = _event_context(doc, span)
        # «в 7-м заседании Совета и 3-м заседании Группы»: two numbered meetings on one date are two events.
        numbered = _numbered_triggers(doc, begin, end, kind)
        for number, token in enumerate(numbered if len(numbered) > 1 else [trigger[1]]):
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


REGION_WORDS = re.compile(
    r"\b(?:област\w*|кра[йяюе]|округ\w*|район\w*|штат\w*|провинци\w*|Pradesh|Province|Region|Oblast|County|District|State)\b",
    re.I,
)


def _region(name: str) -> bool:
    """A region's name («Иркутская область», "Madhya Pradesh"), which an event's city is more exact than."""
    return bool(REGION_WORDS.search(name))


def _without_days_of_longer_events(events: list[dict]) -> list[dict]:
    """A day inside a range already dated («с 2 по 6 мая проходит сессия … 6 мая она завершится»): one event."""
    ranges = [e for e in events if e["start"] != e["end"]]
    return [
        e
        for e in events
        if e["start"] != e["end"]
        or not any(r["kind"] == e["kind"] and r["start"] <= e["start"] <= r["end"] for r in ranges)
    ]
