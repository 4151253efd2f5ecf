"""People a text names and the posts it gives them.

A post is read from the words around a name: the title phrase right before
it (a title noun in any case with its genitive complements: «министром
юстиции Грузии Ниной Беридзе», "Prosecutor General John Smith"), an
apposition after it (a comma, then a title word: "Jane Doe, Professor of …",
«Иванов, заместитель министра …»), or a relative clause with «является». The
phrase before a name is walked leftwards over title words, their modifiers
and genitive complements, and stops at a verb, a sentence boundary or another
person; names joined by «и» after a plural title share it («Министры
юстиции A и B Имя Фамилия и Имя Фамилия»).
"""

import re

from accord.core.morphology import inflect_phrase
from accord.extraction.pipeline import morphology, names
from accord.extraction.pipeline.morphology import nominative_phrase

TITLE_STEMS_RU = (
    "генпрокурор",
    "замгенпрокурор",
    "прокурор",
    "президент",
    "вице-президент",
    "премьер",
    "министр",
    "замминистр",
    "заместител",
    "директор",
    "председател",
    "сопредседател",
    "советник",
    "посол",
    "постпред",
    "представител",
    "секретар",
    "генсек",
    "руководител",
    "глав",
    "начальник",
    "судья",
    "судьи",
    "судье",
    "судьей",
    "депутат",
    "спикер",
    "помощник",
    "уполномоченн",
    "омбудсмен",
    "координатор",
    "атташе",
    "консул",
    "профессор",
    "эксперт",
    "менеджер",
    "ректор",
    "декан",
    "инспектор",
    "следовател",
    "аудитор",
    "мэр",
    "губернатор",
    "аким",
    "хоким",
    "спецпредставител",
    "сенатор",
    "управляющ",
    "заведующ",
    "референт",
    "специалист",
    "сотрудник",
    "консультант",
    "командующ",
    "комиссар",
    "канцлер",
    "король",
    "премьер-министр",
)
TITLE_WORDS_EN = {
    "president",
    "vice-president",
    "prosecutor",
    "prosecutor-general",
    "minister",
    "ambassador",
    "director",
    "director-general",
    "chair",
    "chairman",
    "chairperson",
    "chairwoman",
    "secretary",
    "secretary-general",
    "head",
    "deputy",
    "adviser",
    "advisor",
    "commissioner",
    "judge",
    "professor",
    "rector",
    "member",
    "representative",
    "coordinator",
    "envoy",
    "officer",
    "chief",
    "governor",
    "mayor",
    "manager",
    "expert",
    "counsellor",
    "counselor",
    "spokesperson",
    "spokesman",
    "ombudsman",
    "executive",
    "general",
}
EN_BARRIERS = {
    "said",
    "says",
    "is",
    "was",
    "were",
    "are",
    "has",
    "have",
    "had",
    "will",
    "would",
    "met",
    "told",
    "announced",
    "by",
    "with",
    "from",
    "to",
    "that",
    "which",
    "who",
}
ABBREVIATED_TITLES = {
    "генпрокурор": "генеральный прокурор",
    "замгенпрокурор": "заместитель генерального прокурора",
    "постпред": "постоянный представитель",
    "генсек": "генеральный секретарь",
    "замминистр": "заместитель министра",
    "спецпредставитель": "специальный представитель",
}
#: What follows a title stem in a word that is no title: an abstract noun («председательство»,
#: «президентство»), a body («секретариат», «директорат»), an adjective («президентский»,
#: «главный»), a process («консультации», «экспертиза»).
NOT_A_TITLE_RU = re.compile(
    r"ь?ств|иат|ат(?!ор)|ск|ьтаци|из[аыуео]|н(?:ый|ая|ое|ые|ого|ой|ому|ым|ом|ых|ую|ыми|ей|ее)$"
)
#: A rank between a post and a name, which belongs to neither: «генерал-полковник юстиции»,
#: «государственный советник юстиции 2 класса», «полковник полиции» (any case).
RANK_RU = re.compile(
    r"(?:(?:действительн\w+\s+)?государственн\w+\s+советник\w*\s+юстиции(?:\s+\d\s+класса)?"
    r"|советник\w*\s+юстиции(?:\s+\d\s+класса)?"
    r"|(?:генерал|адмирал)[-‐](?:полковник|лейтенант|майор)\w*(?:\s+(?:юстиции|полиции|внутренней\s+службы))?"
    r"|генерал\w*\s+армии"
    r"|(?:старш\w+\s+|младш\w+\s+)?(?:генерал|полковник|подполковник|майор|капитан|лейтенант)\w*"
    r"\s+(?:юстиции|полиции|внутренней\s+службы|налоговой\s+службы|таможенной\s+службы))\s*$",
    re.IGNORECASE,
)
#: A predicate that gives the post: «избран председателем …», «назначен на должность заместителя …».
APPOINTED_RU = (
    r"(?:был[аи]?\s+|будет\s+)?(?:пере)?(?:избран|назначен|утвержд[её]н|переведен|переведён)[аыо]?"
    r"(?:\s+(?:на\s+)?(?:должность|пост)(?:\s+(?:нового|новым))?)?"
)
RU_BARRIER_POS = {"VERB", "INFN", "GRND", "PRTS", "ADVB", "NPRO", "PRCL", "INTJ"}
RU_TITLE_PREPOSITIONS = {"по", "при", "в", "за", "о", "с", "для", "против"}
MAX_TITLE_WORDS = 32
_WORD = re.compile(r"[^\W\d_]+(?:[-'’][^\W\d_]+)*|\d+|[^\w\s]", re.UNICODE)


def is_title_word(word: str, language: str) -> bool:
    """A word that names a post: a Russian title noun in any case, an English title word.

    Russian: a title stem («председател-») that goes on as a noun of the
    person («председателем»), not as an abstract noun, a body or an
    adjective made from it («председательство», «секретариат»,
    «президентский»); in a hyphenated word the last part counts
    («пресс-секретарь»).
    """
    lower = word.lower()
    if language == "en":
        lower = lower.split("-")[0] if lower.split("-")[0] in TITLE_WORDS_EN else lower  # "envoy-at-large"
        return lower in TITLE_WORDS_EN or lower.rstrip("s") in TITLE_WORDS_EN
    if "-" in lower and not lower.startswith(TITLE_STEMS_RU):
        lower = lower.rsplit("-", 1)[-1]
    for stem in TITLE_STEMS_RU:
        if lower.startswith(stem) and not NOT_A_TITLE_RU.match(lower[len(stem) :]):
            return True
    return False


def expand_title(title: str) -> str:
    """«Генпрокурора России» → «генерального прокурора России»: abbreviated titles written out."""

    def replace(match: re.Match) -> str:
        word = match.group()
        lower = word.lower()
        for short, full in ABBREVIATED_TITLES.items():
            if lower.startswith(short):
                case = next((str(p.tag.case) for p in morphology.parses(lower) if p.tag.case), "nomn")
                number = next((str(p.tag.number) for p in morphology.parses(lower) if p.tag.number), "sing")
                phrase = full if case == "nomn" and number == "sing" else None
                if phrase is None:
                    phrase = inflect_phrase(full, case) if number == "sing" else None
                return phrase or full
        return word

    return re.sub(r"[А-Яа-яЁё-]+", replace, title)


def title_before(text: str, sentence_begin: int, begin: int, language: str, plural: bool = False) -> str:
    """The title phrase that ends right before a name, or ''.

    A plural title («Генпрокуроры …») is read only for names joined by «и» (`plural`).
    """
    if language == "ru":
        begin = _before_rank_and_predicate(text, sentence_begin, begin)
    words = list(_WORD.finditer(text, sentence_begin, begin))
    if language == "en" and words and words[-1].group() == ",":
        words = words[:-1]  # a title set off by commas before the name: "…'s envoy for …, John Smith, said"
    start = None
    seeking = True  # before the nearest title word (and after a comma joining two titles)
    quoted = False  # between a closing quote and its opening one
    count = 0
    for index in range(len(words) - 1, -1, -1):
        word = words[index].group()
        lower = word.lower()
        if not word[0].isalnum():
            if word in QUOTES:
                quoted = not quoted  # a name in quotes inside the title: «директора "Эрмитажа"»
                continue
            if word in ("-", "–", "—", "’", "'"):
                if start is not None and language == "ru" and _title_continues(words, index, language):
                    seeking = True  # two titles joined by a dash: «заместитель председателя – секретарь»
                continue
            if (
                word == ","
                and (start is not None or language == "ru")
                and _title_continues(words, index, language)
            ):
                # Two titles joined by a comma, or (Russian) an enumeration inside the title's
                # complement: «заместитель министра по вопросам экономики, энергетики и транспорта».
                seeking = True
                continue
            break
        count += 1
        if count > MAX_TITLE_WORDS:
            break
        if quoted:
            continue  # the words of a quoted name are no verbs, subjects or people
        if (
            language == "ru"
            and lower.startswith("глав")
            and index
            and words[index - 1].group().lower() == "во"
        ):
            break  # «во главе с …» leads a delegation; it is no title
        if is_title_word(word, language) and (plural or not _plural_title(word, language)):
            start, seeking = index, False
            continue
        if language == "en":
            if word[:1].isupper() or lower in ("of", "the", "for", "on", "and", "s", "against"):
                continue
            if seeking and count <= 8 and lower not in EN_BARRIERS:
                continue  # lower-case words of a title's complement: "envoy for asset recovery matters"
            break
        first = morphology.parses(lower)[0] if morphology.parses(lower) else None
        if not seeking:
            # Past the title word, only what qualifies it: «первый заместитель», «Генерального».
            if lower == "и" or (first is not None and first.tag.POS in ("ADJF", "NUMR")):
                continue
            break
        if lower in RU_TITLE_PREPOSITIONS or lower == "и":
            continue
        if first is not None and first.tag.POS == "NPRO" and first.tag.case == "gent":
            continue  # a demonstrative in a genitive complement: «советник этого министерства»
        poses = {str(p.tag.POS) for p in morphology.parses(lower)[:1]}
        if poses & RU_BARRIER_POS or (poses & {"PREP", "CONJ"} and lower not in RU_TITLE_PREPOSITIONS):
            break
        subject = _only_nominative(lower)
        if subject and start is None and not word[:1].isupper():
            break  # a subject noun between title and name: «делегация»
        if word[:1].isupper() and {"Name", "Surn"} & set(morphology.parses(lower)[0].tag.grammemes):
            break
    if start is None:
        return ""
    # Extend left over modifiers of the leftmost title word («первый заместитель», «Генерального»).
    while start > 0:
        previous = words[start - 1].group()
        if previous.lower() in ("вице", "the", "deputy", "first", "acting", "senior", "executive") or (
            language == "ru"
            and {str(p.tag.POS) for p in morphology.parses(previous.lower())[:1]} & {"ADJF", "NUMR"}
        ):
            start -= 1
            continue
        break
    if language == "en":
        # "Integrity Advisory Board member": the body's name before the title word belongs to it.
        while (
            start > 0 and words[start - 1].group()[:1].isupper() and start - 1 >= len(words) - MAX_TITLE_WORDS
        ):
            start -= 1
    while start < len(words) and words[start].group().lower() in ("и", "the", "and", "of"):
        start += 1
    if start >= len(words):
        return ""
    title = re.sub(r"\s+", " ", text[words[start].start() : begin].strip(" ,–—-\n"))
    if language == "ru":
        title = nominative_phrase(expand_title(title))
    return title


QUOTES = {'"', "«", "»", "“", "”", "„"}


def _before_rank_and_predicate(text: str, sentence_begin: int, begin: int) -> int:
    """Where the Russian title before a name ends: before a rank («генерал-полковник юстиции»)
    and before a predicate that gives the post («Председателем Совета избран …»)."""
    before = text[sentence_begin:begin]
    m = RANK_RU.search(before)
    if m and (m.start() == 0 or not before[m.start() - 1].isalnum()):
        before = before[: m.start()]
    m = re.search(r"(?:^|\s)" + APPOINTED_RU + r"\s*$", before, re.IGNORECASE)
    if m:
        before = before[: m.start()]
    return sentence_begin + len(before.rstrip())


def _plural_title(word: str, language: str) -> bool:
    """«представители …», "members": a plural names a group, not the post of the person after it."""
    if language == "en":
        return (
            word.lower().endswith("s")
            and word.lower().rstrip("s") in TITLE_WORDS_EN
            and word.lower() not in TITLE_WORDS_EN
        )
    parses = morphology.parses(word.lower())
    return (
        bool(parses)
        and all(p.tag.number == "plur" for p in parses if p.tag.POS == "NOUN")
        and any(p.tag.POS == "NOUN" for p in parses)
    )


def _title_continues(words: list, comma_index: int, language: str) -> bool:
    """A comma inside a chain of titles: «постоянный представитель …, Чрезвычайный и Полномочный Посол».

    The comma joins two segments when the one before it holds a title word too.
    """
    for index in range(comma_index - 1, max(-1, comma_index - 10), -1):
        word = words[index].group()
        if not word[0].isalnum():
            return False
        if is_title_word(word, language):
            return True
    return False


def title_after(text: str, end: int, language: str) -> str:
    """An apposition after a name: "Jane Doe, Professor of …", «…, который является руководителем …»."""
    rest = text[end : end + 300]
    if language == "en":
        m = re.match(
            r",\s+(?:the\s+|a\s+)?([A-Z][\w’'-]*(?:\s+(?:of|the|for|on|and|against|[A-Z][\w’'-]*))*)", rest
        )
        if m and is_title_word(m.group(1).split()[0], "en"):
            return m.group(1).strip()
        m = re.match(r"\s*\(([A-Z][^()]{2,80})\)", rest)
        segment = m.group(1).split(",")[0].strip() if m else ""
        if segment and any(is_title_word(w, "en") for w in segment.split()[:3]):
            return segment  # a title in parentheses before the state: "NAME (Bureau member, State)"
        return ""
    rest = re.sub(r"^\s*(?:[А-ЯЁ]\.\s*){1,3}(?=,)", "", rest)  # «Петров И.С., заместитель …»
    m = re.match(r",\s+(?:который|которая)\s+(?:\w+\s+){0,2}?(?:является|являлся|являлась)\s+([^,.;]+)", rest)
    if m and is_title_word(m.group(1).split()[0], "ru"):
        return nominative_phrase(expand_title(m.group(1).strip()))
    # A predicate: «… избран председателем Совета», «… назначен на должность заместителя министра».
    m = re.match(r"\s+" + APPOINTED_RU + r"\s+([а-яё][^,.;:()«»\"]{3,160})", rest, re.IGNORECASE)
    if m:
        phrase = _title_phrase(m.group(1))
        if phrase:
            return nominative_phrase(expand_title(phrase))
    # An apposition, up to a colon or a dash that opens a quotation: «…, заместитель министра: - …».
    m = re.match(r",\s+([а-яё][^,.;:()\n]{3,160}?)(?=\s+-\s|[,.;:()\n]|$)", rest)
    if m and _leads_with_title(m.group(1).split()):
        words = m.group(1).split()
        # A name inside is the next person of a list, whose title this is: «A, директор X Имя Фамилия».
        if not any(_is_verb(w) for w in words) and not any(morphology.is_name(w) for w in words[1:]):
            return nominative_phrase(expand_title(m.group(1).strip()))
    return ""


def _is_verb(word: str) -> bool:
    """A verb or a gerund by its likeliest reading; «при», «с» are prepositions whatever else they may be."""
    lower = word.lower()
    if lower in RU_TITLE_PREPOSITIONS or lower in ("и", "а"):
        return False
    readings = morphology.parses(lower)
    return bool(readings) and str(readings[0].tag.POS) in ("VERB", "INFN", "GRND")


def _only_nominative(word: str) -> bool:
    """A noun that can only be a subject («делегация»), not one also read in a genitive or another
    oblique case («госслужбы»): between a title and a name it ends the title."""
    nouns = [p for p in morphology.parses(word)[:4] if p.tag.POS == "NOUN"]
    return (
        bool(nouns)
        and nouns[0] is morphology.parses(word)[0]
        and all(p.tag.case in ("nomn", "accs") for p in nouns)
    )


def _leads_with_title(words: list[str]) -> bool:
    """A title word first, or after up to two adjectives: «первый заместитель …»."""
    for word in words[:3]:
        if is_title_word(word, "ru"):
            return True
        if not morphology.pos(word) & {"ADJF", "PRTF"}:
            return False
    return False


def _title_phrase(phrase: str) -> str:
    """The title at the start of a predicate's complement: it ends before the first verb or «и» + verb."""
    words = phrase.split()
    if not _leads_with_title(words):
        return ""
    kept = []
    for word in words:
        if _is_verb(word) or "PRTS" in morphology.pos(word) or word.lower() in ("который", "которая"):
            break
        kept.append(word)
    while kept and kept[-1].lower() in {"и", "а", "но"} | RU_TITLE_PREPOSITIONS:
        kept.pop()
    return " ".join(kept)


def nominative_surname(surface: str, normal: str = "") -> str:
    """The surname of a name as the text writes it, in the nominative (see `names.read_name`)."""
    return names.read_name(surface).surname


def post_phrase(text: str, begin: int, language: str) -> tuple[str, str] | None:
    """The title right before a state or organization name: («Президент», "президент») for «Президент Узбекистана».

    Returns the title's text and the lemma of its head word (abbreviations
    written out: «Генпрокурора» → «прокурор»), or None.
    """
    before = text[max(0, begin - 80) : begin]
    m = re.search(r"((?:[\w-]+\s+){0,2}?)([\w-]+)\s+$", before)
    if not m or not is_title_word(m.group(2), language):
        return None
    title = (m.group(1) + m.group(2)).strip()
    words = title.split()
    # Keep only the modifiers directly before the title word.
    while len(words) > 1 and not (
        language == "ru" and {str(p.tag.POS) for p in morphology.parses(words[0].lower())[:1]} & {"ADJF"}
    ):
        words = words[1:]
    title = " ".join(words)
    expanded = expand_title(title).split() if language == "ru" else title.split()
    heads = [w for w in expanded if is_title_word(w, language)]
    if not heads:
        return None
    head = heads[-1].lower()
    parses = morphology.parses(head) if language == "ru" else ()
    return title, parses[0].normal_form if parses else head.rstrip("s")


def nominative_name(surface: str) -> str:
    """A person's name in the nominative: «Артуром Давтяном» → «Артур Давтян» (see `names.read_name`)."""
    return names.read_name(surface).name
