"""Organizations a text names: registry bodies, their units, and bodies the registry lacks.

Three sources, strongest first: gazetteer matches (registry names on
lemmas); a chunker that grows an organization phrase from a head noun
(«управление», "Ministry") over its complements («по надзору за исполнением
законодательства …», "of the Russian Federation"), kept only when it is
anchored by a proper name (a capitalized word, an abbreviation or a
registry body inside it); and Natasha's ORG spans for names without a head
noun (outlets, quoted names). Names are given in the nominative: the
leading adjectives and the head are declined, the complement stays as
written («Секретариата Межгосударственного совета» → «Секретариат
Межгосударственного совета»). The word-level morphology (readings, lemmas,
cases, the nominative) is `pipeline.morphology`, shared with the other stages.
"""

import re
from dataclasses import dataclass

from accord.extraction.pipeline import morphology
from accord.extraction.pipeline.dates import EN_MONTH_NAMES

ORG_HEADS_RU = {
    "управление",
    "департамент",
    "отдел",
    "секретариат",
    "представительство",
    "группа",
    "совет",
    "комитет",
    "комиссия",
    "служба",
    "агентство",
    "министерство",
    "прокуратура",
    "генпрокуратура",
    "центр",
    "академия",
    "университет",
    "институт",
    "сеть",
    "платформа",
    "суд",
    "палата",
    "ассамблея",
    "организация",
    "фонд",
    "банк",
    "бюро",
    "союз",
    "содружество",
    "парламент",
    "администрация",
    "правительство",
    "ведомство",
    "инспекция",
    "штаб",
    "альянс",
    "партнерство",
    "партнёрство",
    "дирекция",
    "аппарат",
    "исполком",
    "межгоссовет",
    "трибунал",
    "коллегия",
    "объединение",
    "ассоциация",
    "посольство",
    "консульство",
    "офис",
    "партия",
    "фракция",
    "мажилис",
    "меджлис",
    "мажлис",
    "сенат",
    "дума",
    "собрание",
    "конгресс",
    "канцелярия",
    "полиция",
    "мэрия",
    "отделение",
}
ORG_HEADS_EN = {
    "ministry",
    "office",
    "council",
    "committee",
    "group",
    "bureau",
    "network",
    "service",
    "board",
    "union",
    "bank",
    "programme",
    "program",
    "university",
    "academy",
    "department",
    "division",
    "agency",
    "commission",
    "conference",
    "court",
    "organization",
    "organisation",
    "assembly",
    "secretariat",
    "parliament",
    "fund",
    "institute",
    "centre",
    "center",
    "forum",
    "platform",
    "directorate",
    "prosecution",
    "authority",
    "tribunal",
    "chamber",
    "administration",
    "government",
    "police",
    "international",
    "news",
    "association",
    "sciences",
    "force",
    "party",
    "embassy",
    "trust",
    "consultancy",
    "unit",
    "corporation",
    "company",
}
EN_MONTHS = frozenset(EN_MONTH_NAMES)
#: A headline has few words; a long line in capitals is a list of names, where capitals do mean names.
HEADLINE_WORDS = 16
#: Heads whose name may say where the body sits ("Embassy in Vienna"); other names end before "in".
EN_LOCATED_HEADS = {"office", "embassy", "mission", "representation", "centre", "center", "co-ordinator"}
EN_CONNECTORS = {"of", "the", "for", "on", "against", "and", "to", "in"}
EN_FUNCTION_WORDS = EN_CONNECTORS | {"a", "an", "at", "by", "with", "from", "as", "is", "are", "will"}
RU_COMPLEMENT_PREPOSITIONS = {"по", "при", "для", "против"}
APPOSITION_HEADS = {
    "республика",
    "королевство",
    "княжество",
    "султанат",
    "эмират",
    "город",
}  # «Республики Казахстан»
RU_LOCATED_HEADS = {"посольство", "представительство", "консульство", "миссия", "платформа", "офис"}
RU_NESTED_PREPOSITIONS = {"за", "о", "об", "с", "со"}
EN_TITLES = {
    "professor",
    "rector",
    "president",
    "head",
    "director",
    "minister",
    "ambassador",
    "chairman",
    "chair",
    "secretary",
    "deputy",
    "member",
    "members",
    "activities",
    "presidency",
    "meeting",
    "session",
    "report",
    "plenary",
}
EN_INSTRUMENTS = {
    "Convention",
    "Protocol",
    "Agreement",
    "Plan",
    "Declaration",
    "Treaty",
    "Charter",
    "Strategy",
}
EN_JUNK = {"Distr", "Original", "English", "Russian", "French", "Spanish", "Arabic", "Chinese"}
RU_TWO_WORD_PREPOSITIONS = {("в", "сфере"), ("в", "области"), ("по", "делам")}
STOP_LEMMAS_RU = {"который", "также", "этот", "свой", "его", "её", "их", "год", "ряд"}
INSTRUMENT_LEMMAS_RU = {
    "конвенция",
    "протокол",
    "соглашение",
    "резолюция",
    "решение",
    "план",
    "программа",
    "стратегия",
    "концепция",
    "рекомендация",
    "устав",
    "договор",
    "заявление",
    "декларация",
}
NOT_ORGANIZATION_RU = {
    "президент",
    "премьер-министр",
    "министр",
    "генпрокурор",
    "прокурор",
    "председатель",
    "глава",
    "директор",
    "посол",
}
MAX_TOKENS = 20
#: Heads that, capitalized alone, name the one legislature of the text's state («Сенат», «Дума»).
LEGISLATURES_RU = {"сенат", "дума", "конгресс", "парламент", "меджлис", "мажилис", "мажлис"}
#: Heads that also name a gathering («общее собрание»): a body only when written with a capital.
EVENT_LIKE_HEADS = {"собрание", "конгресс", "ассамблея"}
#: Titles that end a name after a dash; nouns a body may sit «при» («при президенте»).
POST_WORDS_RU = {"секретарь", "руководитель", "заместитель", "председатель", "глава", "директор"}
SEAT_NOUNS_RU = {"президент", "правительство", "министерство", "прокуратура", "генпрокуратура", "совет"}
POSSESSIVES_RU = {"его", "ее", "её", "их", "свой", "своя", "свое", "своё", "наш", "ваш"}


@dataclass
class OrgSpan:
    begin: int
    end: int
    name: str
    method: str  # gazetteer | chunk | ner
    anchored: bool = True  # False: a bare head («Исполнительного комитета») left to linking
    head: str = ""  # the head noun's lemma
    coordinated: bool = False  # one of «министерств юстиции, культуры и спорта»
    named: bool = False  # unanchored but written as a proper name («Верховный суд»)


def _tokens(text: str, begin: int, end: int) -> list[re.Match]:
    return list(morphology.WORD.finditer(text, begin, end))


def chunk_ru(
    text: str,
    sentences: list[tuple[int, int]],
    anchors: list[tuple[int, int]],
    barriers: list[tuple[int, int]] = (),
    named: list[tuple[int, int]] = (),
) -> list[OrgSpan]:
    """Organization phrases grown from a head noun in Russian text.

    `anchors` are offsets of registry names (a chunk containing one is a
    name even without capitals); `barriers` are spans a chunk never enters
    (persons); `named` are the NER model's organization spans, which confirm
    a capitalized phrase at the start of a sentence.
    """
    found = []
    for s_begin, s_end in sentences:
        words = _tokens(text, s_begin, s_end)
        index = 0
        while index < len(words):
            grown = _grow_abbreviated(text, words, index) or _grow_ru(
                text, words, index, anchors, barriers, s_begin, named
            )
            if grown:
                found.extend(grown[0])
                index = grown[1]
            else:
                index += 1
    return found


ABBREVIATED_UNIT = re.compile(
    r"(?:[А-ЯЁ]{2,6}\s+){1,3}(?:России\s+|РФ\s+)?по\s+(?:г\.\s*)?[А-ЯЁ][\w-]+(?:\s+(?:и\s+)?[А-ЯЁ][\w-]+)?"
)


TERRITORIAL_NOUNS = {"область", "край", "округ", "район", "республика", "город"}


def _grow_abbreviated(text: str, words: list, start: int):
    """«ГУ МВД по г. Москве», «УФСБ РФ по Омской области»: abbreviations, then «по» and a place, one body.

    Only two abbreviations in a row, or one before «России», start such a
    name («ООН по наркотикам» is a registry name read the usual way).
    """
    if start + 1 >= len(words) or not morphology.is_abbreviation(words[start].group()):
        return None
    second = words[start + 1].group()
    if not (morphology.is_abbreviation(second) or second == "России"):
        return None
    m = ABBREVIATED_UNIT.match(text, words[start].start())
    if not m:
        return None
    end = m.end()
    if end < len(text) and text[end : end + 1].isalpha():
        return None
    after = [w for w in words[start:] if w.start() >= end][:2]
    reach = end
    for word in after:  # «по Тверской области», «по Центральному федеральному округу»
        if text[reach : word.start()].strip():
            break
        reach = word.end()
        if morphology.lemma(word.group()) in TERRITORIAL_NOUNS:
            end = reach
            break
        if "ADJF" not in morphology.pos(word.group()):
            break
    following = [w for w in words[start:] if w.start() < end]
    surface = re.sub(r"\s+", " ", text[m.start() : end])
    return [OrgSpan(m.start(), end, surface, "chunk", True, following[0].group().lower())], start + len(
        following
    )


def _between(text: str, left: re.Match, right: re.Match) -> str:
    return text[left.end() : right.start()]


def _grow_ru(text, words, start, anchors, barriers, sentence_start, named=()):
    # Leading adjectives, then a head noun from the list, agreeing in case and singular.
    index = start
    while (
        index < len(words)
        and morphology.pos(words[index].group()) & {"ADJF", "PRTF"}
        and morphology.lemma(words[index].group()) not in ORG_HEADS_RU | NOT_ORGANIZATION_RU | POST_WORDS_RU
    ):
        if index > start and _between(text, words[index - 1], words[index]).strip():
            return None
        index += 1
    if index >= len(words) or morphology.lemma(words[index].group()) not in ORG_HEADS_RU:
        return None
    if index > start and _between(text, words[index - 1], words[index]).strip():
        return None
    head_cases = {
        str(p.tag.case)
        for p in morphology.parses(words[index].group().lower())
        if p.tag.POS == "NOUN" and (p.tag.number == "sing" or start == index)
    }
    for adjective in words[start:index]:
        adjective_cases = {
            str(p.tag.case)
            for p in morphology.parses(adjective.group().lower())
            if p.tag.POS in ("ADJF", "PRTF") and p.tag.number == "sing"
        }
        if not adjective_cases & head_cases:
            return None
    if not head_cases:
        return None
    head = index
    end_index = head + 1
    index = head + 1
    in_preposition = False
    complements = 0
    coordinating = _plural_genitive(words[head].group().lower())
    while index < len(words) and index - start < MAX_TOKENS:
        gap = _between(text, words[index - 1], words[index])
        listing = gap.strip() == "," and coordinating and "gent" in morphology.cases(words[index].group())
        if gap.strip() and gap.strip() not in ("–", "—", "-") and not listing:
            break
        if gap.strip() and morphology.lemma(words[index].group()) in POST_WORDS_RU:
            break  # «председатель исполкома – исполнительный секретарь»: a second title, not the name
        if any(b <= words[index].start() < e for b, e in barriers):
            break
        word = words[index].group()
        lower = word.lower()
        two = (lower, words[index + 1].group().lower()) if index + 1 < len(words) else None
        if two in RU_TWO_WORD_PREPOSITIONS:
            index += 2
            in_preposition = True
            continue
        located = lower == "в" and morphology.lemma(words[head].group()) in RU_LOCATED_HEADS
        if located and index + 1 < len(words) and words[index + 1].group()[:1].isupper():
            index += 1
            in_preposition = True
            continue
        if lower in RU_COMPLEMENT_PREPOSITIONS or (in_preposition and lower in RU_NESTED_PREPOSITIONS):
            following = words[index + 1].group() if index + 1 < len(words) else ""
            if lower in RU_COMPLEMENT_PREPOSITIONS and complements and lower != "при":
                break  # one complement: «группа по торговле людьми», not «… для представления …»
            if (
                lower == "при"
                and not following[:1].isupper()
                and morphology.lemma(following) not in SEAT_NOUNS_RU
            ):
                break
            complements += lower in RU_COMPLEMENT_PREPOSITIONS
            index += 1
            in_preposition = True
            continue
        if lower == "и" and index + 1 < len(words):
            ahead = [w.group() for w in words[index + 1 : index + 4]]
            if "gent" in morphology.cases(ahead[0]) and not any(
                morphology.lemma(w) in ORG_HEADS_RU for w in ahead
            ):
                index += 1
                continue
            break
        cases = morphology.cases(word)
        genitive_noun = any(p.tag.POS == "NOUN" and p.tag.case == "gent" for p in morphology.parses(lower))
        poses = morphology.pos(word) if not genitive_noun else set()
        if len(word) == 1 or poses & {"VERB", "INFN", "GRND", "PRTS", "ADVB", "CONJ", "PRCL", "NPRO", "PREP"}:
            break
        if morphology.lemma(word) in STOP_LEMMAS_RU or word.isdigit() or morphology.is_name(word):
            break
        apposition = word[:1].isupper() and morphology.lemma(words[index - 1].group()) in APPOSITION_HEADS
        if (
            apposition
            or morphology.is_abbreviation(word)
            or "gent" in cases
            or (in_preposition and cases)
            or not morphology.parses(lower)[0].is_known
        ):
            index += 1
            end_index = index
            continue
        break
    while end_index > head + 1 and words[end_index - 1].group().lower() in RU_COMPLEMENT_PREPOSITIONS | {"и"}:
        end_index -= 1
    begin, end = words[start].start(), words[end_index - 1].end()
    before = text[max(0, begin - 40) : begin].split()
    if before and morphology.lemma(re.sub(r"\W", "", before[-1]) or "x") in INSTRUMENT_LEMMAS_RU:
        return None  # «Конвенции Организации Объединенных Наций против …» names an instrument
    head_lemma = morphology.lemma(words[head].group())
    head_word = words[head].group().lower()
    if _plural_genitive(head_word) and end_index > head + 1:
        listed = text[words[head + 1].start() : words[end_index - 1].end()]
        if "," in listed and "PREP" not in morphology.pos(words[head + 1].group()):
            return _coordinated(text, words, head, end_index, head_lemma), end_index
        return None  # «генеральных прокуратур стран СНГ»: a plural, no one body
    complement = words[head + 1 : end_index]
    anchored = any(
        morphology.is_abbreviation(w.group()) or w.group()[:1].isupper() for w in complement
    ) or any(words[head].end() <= a < end for a, _b in anchors)
    if _social_network(words, start, head) or (
        head_lemma in EVENT_LIKE_HEADS and not words[start].group()[:1].isupper()
    ):
        return None  # «общее собрание Ассоциации»: a gathering of a body
    if (
        complement
        and morphology.lemma(complement[0].group()) in {"страна", "государство"}
        and any(p.tag.number == "plur" for p in morphology.parses(complement[0].group().lower())[:1])
    ):
        return None  # «прокуратуры стран СНГ»: the bodies of several states, no one body
    surface = re.sub(r"\s+", " ", text[begin:end])
    if not anchored or end_index - start < 2:
        if not words[head].group()[:1].isupper() and start == head:
            return None
        capital = end_index - start >= 2 and _named_by_capital(text, words[start], sentence_start, named, end)
        return [
            OrgSpan(
                begin, end, morphology.nominative_phrase(surface), "chunk", False, head_lemma, named=capital
            )
        ], end_index
    return [OrgSpan(begin, end, morphology.nominative_phrase(surface), "chunk", True, head_lemma)], end_index


def _named_by_capital(text: str, first: re.Match, sentence_start: int, named, end: int) -> bool:
    """A phrase that starts with a capital where a sentence does not is a proper name.

    «… решение Верховного суда», «в Министерство культуры», «Общественная палата
    одобрила»: the head and its complement stay in lower case, the capital of the
    first word makes the name. At the start of a sentence a capital says
    nothing, and the phrase counts only when the NER model also read an
    organization there.
    """
    if not first.group()[:1].isupper():
        return False
    before = text[sentence_start : first.start()]
    if before.strip(' «"„(—–-\t\n'):
        return before.split()[-1].lower() not in POSSESSIVES_RU
    return any(b == first.start() and end <= e for b, e in named)


def _social_network(words: list, start: int, head: int) -> bool:
    """«социальная сеть Twitter» is a service, not an organization."""
    return morphology.lemma(words[head].group()) == "сеть" and any(
        morphology.lemma(w.group()) == "социальный" for w in words[max(0, start - 1) : head]
    )


def _plural_genitive(word: str) -> bool:
    parses = [p for p in morphology.parses(word) if p.tag.POS == "NOUN"]
    return (
        bool(parses)
        and all(p.tag.number == "plur" for p in parses)
        and any(p.tag.case == "gent" for p in parses)
    )


def _coordinated(text: str, words: list, head: int, end_index: int, head_lemma: str) -> list[OrgSpan]:
    """«министерств юстиции, культуры и спорта»: one organization per comma-separated complement."""
    singular = morphology.parses(head_lemma)[0].inflect({"nomn", "sing"})
    head_name = (singular.word if singular else head_lemma).capitalize()
    spans = []
    begin = words[head + 1].start()
    end = words[end_index - 1].end()
    pieces = []
    offset = begin
    for piece in re.split(r",\s*", text[begin:end]):
        piece_begin = text.index(piece, offset)
        offset = piece_begin + len(piece)
        if piece.strip():
            pieces.append([piece_begin, offset, re.sub(r"\s+", " ", piece).strip()])
    # A shared tail («… просвещения Республики Казахстан») belongs to every item.
    tail = re.search(r"(?:\s+[А-ЯЁA-Z][\w-]*)+$", pieces[-1][2]) if pieces else None
    shared = tail.group().strip() if tail and tail.start() > 0 else ""
    if shared:
        pieces[-1][2] = pieces[-1][2][: tail.start()].strip()
    for piece_begin, piece_end, piece in pieces:
        name = f"{head_name} {piece}" + (f" {shared}" if shared else "")
        spans.append(OrgSpan(piece_begin, piece_end, name, "chunk", bool(shared), head_lemma, True))
    return spans


def _title_case_line(text: str, offset: int) -> bool:
    """A headline in Title Case, where capitals say nothing about names."""
    line_start = text.rfind("\n", 0, offset) + 1
    line_end = text.find("\n", offset)
    line = text[line_start : line_end if line_end >= 0 else len(text)]
    every = re.findall(r"[A-Za-z][\w'’-]*", line)
    words = [w for w in every if w.lower() not in EN_CONNECTORS]
    if len(words) < 5 or sum(w[:1].isupper() for w in words) < 0.8 * len(words):
        return False
    # Title Case shows in its small words ("Part In Conference Of States"); a sentence that merely
    # names many bodies keeps them in lower case and ends with a full stop.
    small = any(w[:1].isupper() and w.lower() in EN_FUNCTION_WORDS for w in every[1:])
    return small or (len(words) <= HEADLINE_WORDS and not line.rstrip().endswith("."))


def chunk_en(text: str) -> list[OrgSpan]:
    """Runs of capitalized words and connectors that contain an organization head word.

    A run is first cut into list items (at commas and at "and" between two
    names that each have a head word: "the Ministry of Justice and the
    Supreme Court"); an item is then cut at its connectors into segments and
    starts at the first segment with a head word, so "Professor of the
    Academy of Sciences" gives "Academy of Sciences", taking in the
    modifiers coordinated before it ("Budget, Finance and Audit Committee").
    """
    found = []
    token = r"[A-Z][\w&'’-]*"
    link = r"(?:of|the|for|on|against|and|to|in|office|’s|'s)"
    pattern = re.compile(rf"{token}(?:(?: (?:{link} )*|, (?:and )?(?:the )?){token})*")
    for m in pattern.finditer(text):
        if _title_case_line(text, m.start()):
            continue
        words = []
        for w in re.finditer(r"[^\s,]+|,", m.group()):
            offset = m.start() + w.start()
            following = text[offset + len(w.group()) :].split(None, 1)
            if (
                w.group() in EN_JUNK
                or w.group() in EN_INSTRUMENTS
                or text[offset + len(w.group()) :][:1] == "/"
                or (w.group() == "in" and following and _en_date_word(following[0]))
            ):
                break
            words.append((w.group(), offset))
        for item in _en_items(words):
            spans = _en_plural(text, item) or [_en_name(text, item)]
            found.extend(span for span in spans if span)
    return found


def _en_date_word(word: str) -> bool:
    return word.lower().strip(".,") in EN_MONTHS or word[:1].isdigit()


def _en_items(words: list[tuple[str, int]]) -> list[list[tuple[str, int]]]:
    """A run cut into the names it lists: at commas, and at "and" between two headed names."""
    parts: list[list[tuple[str, int]]] = [[]]
    for word in words:
        if word[0] == ",":
            parts.append([])
        else:
            parts[-1].append(word)
    merged: list[list[tuple[str, int]]] = []
    pending: list[tuple[str, int]] = []
    for part in parts:
        if not part:
            continue
        if any(_en_head(w) or _en_plural_head(w) for w, _o in part):
            merged.append((pending if _coordinated_modifiers(part) else []) + part)
            pending = []
        elif merged and not pending and _open_complement(merged[-1]):
            merged[-1] = merged[-1] + [(",", part[0][1] - 2)] + part  # "Working Group on Risk, Compliance …"
        else:
            pending = pending + part + [(",", part[-1][1] + len(part[-1][0]))]
    items = []
    for part in merged:
        current: list[tuple[str, int]] = []
        for index, word in enumerate(part):
            rest = part[index + 1 :]
            if (
                word[0] == "and"
                and any(_en_head(w) for w, _o in current)
                and any(_en_head(w) for w, _o in rest)
                and not _open_complement(current)
            ) or (
                word[0] == "and"
                and any(_en_head(w) for w, _o in current)
                and rest
                and rest[0][0].lower() == "the"
                and any(_en_head(w) or _en_plural_head(w) for w, _o in rest)
            ):
                items.append(current)
                current = []
                continue
            current.append(word)
        items.append(current)
    return [item for item in items if item]


def _open_complement(words: list[tuple[str, int]]) -> bool:
    """A name that ends inside its complement: a connector follows its last head word."""
    heads = [i for i, (w, _o) in enumerate(words) if _en_head(w) or _en_plural_head(w)]
    return bool(heads) and any(w.lower() in EN_CONNECTORS for w, _o in words[heads[-1] + 1 :])


def _en_name(text: str, words: list[tuple[str, int]]) -> OrgSpan | None:
    """The organization name in one list item, or None when it has no head word."""
    start = None
    for index, (word, _offset) in enumerate(words):
        segment_start = index == 0 or words[index - 1][0].lower() in EN_CONNECTORS | {","}
        if segment_start and word[:1].isupper() and word.lower() not in EN_TITLES:
            run = []
            for w, _o in words[index:]:
                if (w.lower() in EN_CONNECTORS or w == ",") and run:
                    break
                run.append(w)
            if any(_en_head(w) for w in run):
                start = index
                break
    if start is None:
        return None
    # Modifiers coordinated before the head's segment: "Economic and Financial Crimes Commission".
    while start >= 2 and words[start - 1][0] in ("and", ",") and _en_modifier(words[start - 2][0]):
        start -= 2
        while start >= 1 and _en_modifier(words[start - 1][0]):
            start -= 1
    chosen = words[start:]
    while chosen and chosen[0][0].lower() in ("the", "a", "an", ","):
        chosen.pop(0)
    heads = [i for i, (w, _o) in enumerate(chosen) if _en_head(w)]
    if (
        heads
        and heads[-1] + 1 < len(chosen)
        and chosen[heads[-1] + 1][0].lower() not in EN_CONNECTORS | {","}
    ):
        return None  # "Programme Analyst", "Group Case Award": the head word is a modifier
    if heads and chosen[heads[-1]][0].lower() == "conference" and not _parties(chosen[heads[-1] :]):
        return None  # a conference is a meeting; only the treaty body "Conference of the Parties" is a body
    while chosen and (chosen[-1][0].lower() in EN_CONNECTORS or chosen[-1][0] == ","):
        chosen.pop()
    if (
        heads
        and len(chosen) >= 2
        and chosen[-2][0] == "in"
        and chosen[heads[-1]][0].lower() not in EN_LOCATED_HEADS
    ):
        chosen = chosen[:-2]  # "the Supreme Court in Lagos": a city after the name ("in West Africa" stays)
    while chosen and (chosen[-1][0].lower() in EN_CONNECTORS or chosen[-1][0] == ","):
        chosen.pop()
    if len(chosen) < 2 or not any(_en_head(w) for w, _o in chosen):
        return None
    begin = chosen[0][1]
    end = chosen[-1][1] + len(chosen[-1][0])
    return OrgSpan(begin, end, text[begin:end], "chunk")


def _en_plural(text: str, words: list[tuple[str, int]]) -> list[OrgSpan]:
    """ "the Prosecutor's Offices of Turkey, Greece and Serbia": one office per named country."""
    plain = [w for w, _o in words]
    for index, word in enumerate(plain):
        if not _en_plural_head(word) or index + 2 >= len(plain) or plain[index + 1] != "of":
            continue
        head = (word[:-3] + "y") if word.lower().endswith("ies") else word[:-1]
        stem = " ".join([*plain[:index], head]).removeprefix("the ").removeprefix("The ")
        names = [(w, o) for w, o in words[index + 2 :] if w not in (",", "and", "the")]
        if len(names) < 2 or not all(w[:1].isupper() and not _en_head(w) for w, _o in names):
            return []
        return [OrgSpan(o, o + len(w), f"{stem} of {w}", "chunk") for w, o in names]
    return []


def _coordinated_modifiers(part: list[tuple[str, int]]) -> bool:
    """ "Finance and Audit Committee": modifiers joined by "and" before the head (a list may precede)."""
    for word, _offset in part:
        if _en_head(word):
            return False
        if word == "and":
            return True
        if not _en_modifier(word) or morphology.is_abbreviation(word):
            return False
    return False


def _parties(words: list[tuple[str, int]]) -> bool:
    return any(w.lower() == "parties" for w, _o in words[:5])


def _en_modifier(word: str) -> bool:
    return word[:1].isupper() and word.lower() not in EN_TITLES and not _en_head(word)


def _en_head(word: str) -> bool:
    return re.sub(r"['’]s$", "", word.lower()) in ORG_HEADS_EN


def _en_plural_head(word: str) -> bool:
    """ "Offices", "Ministries": a head word in the plural, which names several bodies."""
    lower = word.lower()
    return (lower.endswith("ies") and lower[:-3] + "y" in ORG_HEADS_EN) or (
        lower.endswith("s") and lower[:-1] in ORG_HEADS_EN
    )


def _proper(word: str, index: int) -> bool:
    """A word that makes a phrase a name: an abbreviation, a capital inside, or a word pymorphy does not know."""
    if morphology.is_abbreviation(word) or not re.fullmatch(r"[А-Яа-яЁё-]+", word):
        return True
    parses = morphology.parses(word.lower())
    return (
        (index > 0 and word[:1].isupper())
        or not parses[0].is_known
        or bool({"Geox", "Orgn", "Name", "Surn"} & set(parses[0].tag.grammemes))
    )


def usable_ner_name(surface: str, cities: set[str], proper: bool = False, initial: bool = True) -> str | None:
    """A Natasha ORG span worth keeping, in the nominative, or None for noise.

    `proper`: the text itself marks the span as a name (quotes around it, an
    acronym defined for it); `initial`: the span starts a sentence, where a
    capital says nothing. A common word («Вести», «Труд», «Яблоко») is a name
    only when marked so or capitalized inside a sentence.
    """
    name = re.sub(r"\s+", " ", surface).strip(' .,«»"()')
    inflected = re.fullmatch(r"([А-ЯЁ]{2,})[а-яё]{1,3}", name)
    if inflected:
        name = inflected.group(1)  # «МИДе», «МВДшники»: the abbreviation with a case ending
    words = name.split()
    if len(name) < 3 or not name[:1].isupper() or not words:
        return None
    if len(words) == 1 and morphology.is_abbreviation(name):
        if any(p.tag.POS == "NOUN" and "Pltm" in p.tag for p in morphology.parses(name.lower())[:1]):
            return None  # «СМИ»: the press at large, not one body
    elif len(words) == 1 and not proper and morphology.lemma(name) in ORG_HEADS_RU - LEGISLATURES_RU:
        return None  # «глава Агентства»: a bare head refers back to a body named in full
    elif len(words) == 1 and not (proper or not initial):
        parses = morphology.parses(name.lower())
        if parses and parses[0].is_known and "Orgn" not in parses[0].tag and "Abbr" not in parses[0].tag:
            return None
    if morphology.lemma(words[0]) in NOT_ORGANIZATION_RU or name.lower() in cities:
        return None
    if any(not w[:1].isupper() and morphology.pos(w) & {"VERB", "PRTF", "GRND", "INFN"} for w in words):
        return None
    if len(words) > 1 and not proper and not any(_proper(w, i) for i, w in enumerate(words)):
        return None
    if (
        proper
        and len(words) == 1
        and any(p.tag.POS == "NOUN" and p.tag.case == "nomn" for p in morphology.parses(name.lower()))
    ):
        return name  # a title in quotes, «Вести», is read as a nominative (plural), not «Весть» declined
    return morphology.nominative_phrase(name)


# --- acronyms the text defines: "Full Name (ABBR)", «Полное название (АББР)» ------------

ACRONYM_DEFINITION = re.compile(r"\(\s*([^\W\d_][\w&.\-]{1,14})\s*\)")
_NAME_WORD = re.compile(r"[^\W\d_][\w'’\-/]*")


@dataclass
class Acronym:
    name_end: int  # where the defined name ends (before the parenthesis)
    begin: int  # the acronym's own span
    end: int
    text: str


def acronym_definitions(text: str) -> list[Acronym]:
    """Acronyms a text introduces after a name: "Economic Crimes Commission (ECC)", «… агентство (ТаджикТА)»."""
    found = []
    for m in ACRONYM_DEFINITION.finditer(text):
        abbr = m.group(1).rstrip(".")
        capitals = sum(c.isupper() for c in abbr)
        if capitals < 2 or capitals < len(abbr) / 3 or abbr.lower() in EN_JUNK_LOWER:
            continue
        name_end = len(text[: m.start()].rstrip(' "»”’'))
        if name_end and text[name_end - 1].isalnum():
            found.append(Acronym(name_end, m.start(1), m.start(1) + len(abbr), abbr))
    return found


def defined_name(text: str, acronym: Acronym, language: str) -> tuple[int, str] | None:
    """The name an acronym stands for, from the words before it whose initials it spells.

    Connectors may be left out of the acronym ("Press Trust of India (PTI)"),
    and the name must have an organization head word, so a report or a
    procedure defined the same way is not taken for a body.
    """
    line_start = max(text.rfind("\n", 0, acronym.name_end), text.rfind(". ", 0, acronym.name_end)) + 1
    words = list(_NAME_WORD.finditer(text, line_start, acronym.name_end))[-12:]
    letters = [c.lower() for c in acronym.text if c.isupper()]
    for k in range(2, len(words) + 1):
        chosen = words[-k:]
        first = chosen[0].group()
        if not first[:1].isupper() or first[:1].lower() != letters[0]:
            continue
        content = [w.group() for w in chosen if w.group().lower() not in EN_CONNECTORS | RU_CONNECTORS]
        initials = [part[:1].lower() for w in content for part in re.split(r"[-/]", w) if part]
        if len(content) > len(letters) + 2 or not _subsequence(letters, initials):
            continue
        if not any(_defined_head(w.group(), language) for w in chosen):
            return None
        begin = chosen[0].start()
        name = re.sub(r"\s+", " ", text[begin : acronym.name_end])
        return begin, name if language == "en" else morphology.nominative_phrase(name)
    return None


RU_CONNECTORS = {"по", "и", "при", "для", "в", "на", "за", "с", "о", "об"}
EN_JUNK_LOWER = {w.lower() for w in EN_JUNK} | {"e", "r", "rev", "add", "corr"}


def _subsequence(letters: list[str], initials: list[str]) -> bool:
    position = 0
    for initial in initials:
        if position < len(letters) and initial == letters[position]:
            position += 1
    return position == len(letters)


def _defined_head(word: str, language: str) -> bool:
    if language == "en":
        return _en_head(word)
    return morphology.lemma(word) in ORG_HEADS_RU
