"""Places below the level of a state: cities and the like.

Found by the registry's capitals on lemmas, by Natasha's LOC spans that are
neither states nor regions, and by the shapes news and UN documents give a
place: "Sharm el-Sheikh, Egypt" (a name before a state), a dateline
("Vienna, 1 July 2020", «3 мая, Город»), «в г. Городе», "in Vienna".
"""

import re
from dataclasses import dataclass

from accord.extraction.pipeline import morphology

REGION_LEMMAS = {
    "азия",
    "европа",
    "африка",
    "америка",
    "океания",
    "кавказ",
    "балканы",
    "прибалтика",
    "скандинавия",
    "евразия",
    "регион",
    "союз",
    "страна",
    "государство",
    "восток",
    "запад",
    "север",
    "юг",
    "план",
    "содружество",
    "мир",
}
EN_REGIONS = {"Asia", "Europe", "Africa", "America", "Americas", "Caucasus", "Balkans", "Eurasia", "Union"}
EN_NOT_PLACE_WORDS = {
    "Action",
    "Plan",
    "Anti-Corruption",
    "Convention",
    "Conference",
    "Group",
    "Office",
    "Council",
}
_UP = "A-ZÀ-ÞĀ-ſА-ЯЁ"
_LOW = "a-zß-ÿĀ-ſа-яё'’"
NAME = rf"[{_UP}][{_LOW}]+(?:[- ](?:el-|al-|de |ed-|as-|эль-|аль-|ад-|ас-|де )?[{_UP}][{_LOW}]+){{0,2}}"
RU_CITY = re.compile(rf"\b(?:г\.|город[а-я]*)\s*({NAME})")
EN_IN = re.compile(rf"\b(?:in|at)\s+({NAME})")
_EN_MONTH = r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?"
DATELINE_BEFORE = re.compile(
    rf"(?:^|\n|\()\s*({NAME}|[{_UP}]{{3,}})[,.]\s+(?:\d{{1,2}}(?:st|nd|rd|th)?[\s–-]|{_EN_MONTH}\s+\d{{1,2}}\b)"
)
# A region named by its adjective: «Иркутской области», «Краснодарский край», «Ханты-Мансийского автономного округа».
RU_REGION = re.compile(
    r"\b[А-ЯЁ][а-яё]+(?:-[А-ЯЁ][а-яё]+)?(?:ск|цк)(?:ая|ой|ую|ий|ого|ому|ом)"
    r"(?:\s+автономн[а-я]+)?\s+(?:област[ьиюей]|кра[йяюе]|округ[аеу]?)\b"
)
WEEKDAYS = {"Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"}
# Languages are written like places after "in" ("in Spanish"); a weekday opens a dateline ("Wed, 7 May").
EN_NOT_PLACES = {"English", "French", "Spanish", "Russian", "Arabic", "Chinese", "German", "Portuguese"}
DATELINE_AFTER = re.compile(rf"^\s*\d{{1,2}}\s+[а-яё]+,\s+({NAME})\s*[/(.–—-]", re.M)


@dataclass
class Place:
    name: str
    state: str
    begin: int
    end: int


def _is_region(name: str, language: str) -> bool:
    words = name.split()
    if language == "en":
        return any(w in EN_REGIONS or w in EN_NOT_PLACES for w in words) or _weekday(name)
    return any(morphology.lemma(w) in REGION_LEMMAS for w in words) or any(w[:1].islower() for w in words)


def _inside_title(before: str) -> bool:
    """ "Officials in …", "Director at …": a capitalized word before "in"/"at" makes one Title-Case name.

    A month or a weekday before it does not ("on 3 May in Geneva")."""
    match = re.search(r"([A-Z][\w'’-]*)\s+$", before)
    return bool(match) and not (_weekday(match.group(1)) or re.fullmatch(_EN_MONTH, match.group(1)))


def _weekday(name: str) -> bool:
    """ "Friday", "Wed", "Thurs.": a weekday, not a place, though it opens a line like one."""
    word = name.strip(".").capitalize()
    return len(word) >= 3 and any(day.startswith(word) for day in WEEKDAYS)


def _nominative(word: str) -> str:
    """«Бишкеке» → «Бишкек»: a city name's dictionary form, with its capitals."""
    if not re.fullmatch(r"[А-Яа-яЁё-]+", word):
        return word
    places = [p for p in morphology.parses(word.lower()) if "Geox" in p.tag]
    parses = places or list(morphology.parses(word.lower()))
    if not parses:
        return word
    lemma = parses[0].normal_form
    original = word.split("-")
    parts = lemma.split("-")
    if len(parts) == len(original):
        return "-".join(morphology.restore_case(o, p) for o, p in zip(original, parts, strict=True))
    return "-".join(part.capitalize() for part in parts)


def find_places(text: str, language: str, gazetteer_places, ner, taken, state_spans) -> list[Place]:
    """Every place mention: (name, state ISO3 where known, span).

    `gazetteer_places` are (begin, end, name, state) from registry capitals,
    `ner` Natasha's spans, `taken` spans already read as states,
    organizations or persons, `state_spans` (begin, end, ISO3) of states.
    """
    places = [Place(name, state, b, e) for b, e, name, state in gazetteer_places]

    def free(begin: int, end: int) -> bool:
        return not any(b < end and begin < e for b, e in taken) and not any(
            p.begin < end and begin < p.end for p in places
        )

    def add(
        name: str, begin: int, end: int, state: str = "", force: bool = False, known: bool = False
    ) -> None:
        name = name.strip(' .,«»"()')
        if len(name) < 3 or _is_region(name, language) or not (force or free(begin, end)):
            return
        if language == "ru" and not known and not _geographic(name.split()[0], len(name.split()) > 1):
            return
        if text[end : end + 1] == "." and end - begin <= 4:
            return  # «Корр.»
        places.append(Place(name, state, begin, end))

    for kind, begin, end, normal in ner:
        if kind == "LOC":
            surface = text[begin:end]
            if surface.isupper():
                normal = surface.capitalize()
            elif language == "ru" and re.fullmatch(r"[А-ЯЁ][а-яё]+(?:-[А-Яа-яЁё]+)*", surface):
                normal = _nominative(surface)  # a city's reading first: «Сане» is Сана, not «сан»
            add(normal, begin, end)
    for begin, _end, iso3 in state_spans:
        # "Sharm el-Sheikh, Egypt": a name right before ", <state>", not one more state of a list.
        before = text[max(0, begin - 40) : begin]
        m = re.search(rf"({NAME}),\s*$", before)
        start = begin - len(before) + m.start(1) if m else 0
        if m and not any(0 <= start - e <= 3 and "," in text[e:start] for _b, e, _iso in state_spans):
            add(
                _nominative(m.group(1)) if language == "ru" else m.group(1),
                start,
                start + len(m.group(1)),
                iso3,
            )
    patterns = [DATELINE_BEFORE, DATELINE_AFTER] + ([EN_IN] if language == "en" else [RU_CITY])
    for pattern in patterns:
        for m in pattern.finditer(text):
            name = m.group(1)
            if pattern is EN_IN and (
                re.match(r"\s+[A-Z]", text[m.end(1) :])
                or set(name.split()) & EN_NOT_PLACE_WORDS
                or (_inside_title(text[max(0, m.start() - 30) : m.start()]) and not name.endswith(" City"))
            ):
                continue  # "in Istanbul Action Plan", "Director at Head Office": part of a longer name
            # "X City" names a city even where X names its state ("Panama City").
            city = pattern is EN_IN and name.endswith(" City")
            # A dateline in capitals («ДОХА, 5 мая») names a place even where the word is also a noun.
            capitals = pattern is not EN_IN and pattern is not RU_CITY and name.isupper()
            if name.isupper():
                name = name.capitalize()
            if language == "ru":
                name = " ".join(_nominative(w) for w in name.split())
            add(name, m.start(1), m.end(1), force=pattern is RU_CITY or city or capitals, known=capitals)
    if language == "ru":
        for m in RU_REGION.finditer(text):
            name = morphology.nominative_phrase(m.group())
            if not any(p.begin < m.end() and m.start() < p.end for p in places):
                places.append(Place(name, "", m.start(), m.end()))
    return places


def _geographic(word: str, first_of_several: bool = False) -> bool:
    """pymorphy knows the word as a place name, or does not know it at all (a foreign name).

    The first word of a longer name may also be an adjective («Нижний
    Новгород») or a name («Павлов Посад»), but not a common noun («Посол …»).
    """
    parses = morphology.parses(word.lower())
    if not parses or not parses[0].is_known or any("Geox" in p.tag for p in parses):
        return True
    if first_of_several:
        top = parses[0]
        return top.tag.POS != "NOUN" or bool(morphology.NAME_TAGS & set(top.tag.grammemes))
    return False
