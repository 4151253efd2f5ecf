"""Personal names read through morphology: the nominative, the surname, the given name.

A Russian name is declined as a whole: its given name, patronymic and
surname stand in one case («с Томасом Райтером», «у Ольги Петровой»), so the
case is the one every word of the name can be read in (pymorphy3's Name,
Patr and Surn readings, and its guesses for surnames it does not know), and
each word is put in the nominative with the given name's gender. A surname
named alone keeps the readings it allows, and the text settles them: the
form that another mention of the same person shows wins (`settle`).

The surname is the last word, except in East Asian names, which put the
family name first («Ху Цзиньтао», "Xi Jinping"), and it keeps the particles
that belong to it («Ле Пен», «бин Ладен», "de la Cruz").
"""

import functools
import re
from collections import Counter
from dataclasses import dataclass, replace

from accord.extraction.pipeline.morphology import all_parses as parses

CASES = ("nomn", "gent", "datv", "accs", "ablt", "loct")
#: Particles that open a surname: Romance, Germanic, Dutch, Arabic (Latin and Cyrillic spellings).
PARTICLES = {
    "de", "del", "della", "der", "den", "di", "da", "dos", "das", "do", "du", "la", "le", "van", "von",
    "ten", "ter", "al", "el", "ibn", "bin", "bint", "ben", "abu", "aba", "abd", "ould", "y",
    "де", "дель", "делла", "дер", "ди", "да", "дос", "дас", "ду", "дю", "ла", "ле", "ван", "фон",
    "тер", "аль", "эль", "ибн", "бин", "бен", "абу", "аба", "абд",
}  # fmt: skip
#: Common Chinese, Korean and Vietnamese family names, in pinyin/romanization and in Russian transcription.
_EAST_ASIAN_FAMILY_NAMES = """
    wang li zhang liu chen yang huang zhao wu zhou xu sun ma zhu hu guo he gao lin luo zheng liang xie
    song tang han feng deng cao peng zeng xiao tian dong pan yuan cai jiang yu du ye cheng wei su lu
    ding ren shen yao cui zhong tan fan jin shi liao jia xia fu fang bai zou meng xiong qin qiu yin xue
    yan duan lei hou long tao gu mao hao gong shao qian dai mo kong xiang xi ying
    kim lee park choi jung jeong kang cho jo yoon yun jang lim im oh seo shin kwon hwang ahn an yoo ryu
    hong jeon ko moon mun son bae baek nam noh roh ha ku koo min
    nguyen tran le pham hoang huynh phan vu vo dang bui do ho ngo duong ly
    ван ли чжан лю чэнь чен ян хуан чжао у чжоу сюй сунь ма чжу ху го хэ гао линь ло чжэн лян се сун
    тан хань фэн дэн цао пэн цзэн сяо тянь дун пань юань цай цзян юй ду е чэн вэй су люй лу дин жэнь
    шэнь яо цуй чжун тань фань цзинь ши ляо цзя ся фу фан бай цзоу мэн сюн цинь цю инь сюэ янь дуань
    лэй хоу лун тао гу мао хао гун шао цянь дай мо кун сян си ин
    ким пак чхве цой чон кан чо юн чан лим хан о со син квон хван ан ю хон ко мун пэ пэк нам но ха ку
    мин нгуен чан фам хоанг хюинь фан ву во данг буй до хо нго зыонг
"""
EAST_ASIAN_FAMILY_NAMES = frozenset(_EAST_ASIAN_FAMILY_NAMES.split())
_LATIN_SYLLABLE = (
    r"(?:zh|ch|sh|ng|[bpmfdtnlgkhjqxrzcswy]h?|kk|tt|pp|ss|jj)?"
    r"(?:[aeiouü]{1,3}|y[aeiou]{1,2}|w[aeio]{1,2})(?:ng|n|k|l|m|p|t|r)?"
)
_CYRILLIC_SYLLABLE = (
    r"(?:цз|чж|чх|ч|ш|ж|ц|с|з|б|п|м|ф|д|т|н|л|г|к|х|р|в|й)?"
    r"[аеёиоуыэюя]{1,3}(?:нь|нг|н|р|п|к|ль|л|м|т)?"
)
_EAST_ASIAN_GIVEN = re.compile(
    rf"(?:{_LATIN_SYLLABLE}){{1,3}}(?:-(?:{_LATIN_SYLLABLE}){{1,3}})?"
    rf"|(?:{_CYRILLIC_SYLLABLE}){{1,3}}(?:-(?:{_CYRILLIC_SYLLABLE}){{1,3}})?",
    re.IGNORECASE,
)
_TOKEN = re.compile(r"\b[A-ZА-ЯЁ]\.|[^\W\d_]+(?:[-'’][^\W\d_]+)*", re.UNICODE)
_CYRILLIC = re.compile(r"^[А-Яа-яЁё]+(?:-[А-Яа-яЁё]+)*$")
#: Russian surname endings («-ов», «-ский», …) pymorphy3 declines as surnames even when it does not know the word.
RUSSIAN_SURNAME = re.compile(r"(?:ов|ев|ёв|ин|ын|ск|цк)(?:а|у|ом|ым|ой|ою|ого|ому|им|ая|ую|ий)?$")
ARMENIAN_OBLIQUE = re.compile(r"(?:ян|янц)(?:а|у|ом|е)$")
_GIVEN_TAGS = {"Name", "Patr"}
_WORD_POS = {"NOUN", "ADJF"}
#: Endings a foreign masculine surname takes in each oblique case, for words pymorphy3 cannot read.
_FOREIGN_ENDINGS = {
    "gent": (("ия", "ий"), ("я", "ь"), ("а", "")),
    "accs": (("ия", "ий"), ("я", "ь"), ("а", "")),
    "datv": (("ию", "ий"), ("ю", "ь"), ("у", "")),
    "ablt": (("ием", "ий"), ("ем", "ь"), ("ом", "")),
    "loct": (("ии", "ий"), ("е", "")),
}


@dataclass(frozen=True)
class PersonName:
    """A name as the text gives it, read: the nominative, the surname and the first given name.

    `readings` are the nominative surnames the words allow, best first (the
    first is `surname`); `settle` picks among them with the rest of the text.
    """

    name: str
    surname: str
    given: str = ""
    readings: tuple[str, ...] = ()
    given_only: bool = False
    #: A given name pymorphy3 knows fixed the case (or the surname allows one form only).
    certain: bool = False


def family_name(word: str) -> str:
    """An East Asian family name as the nominative («Кима» → «Ким»), or ''."""
    lower = word.lower().replace("ё", "е")
    if lower in EAST_ASIAN_FAMILY_NAMES:
        return word
    for ending in ("ом", "ем", "а", "я", "у", "ю", "е"):
        if (
            _CYRILLIC.match(word)
            and lower.endswith(ending)
            and lower[: -len(ending)] in EAST_ASIAN_FAMILY_NAMES
        ):
            return word[: -len(ending)]
    return ""


def is_east_asian(words: list[str]) -> bool:
    """«Ху Цзиньтао», "Park Geun-hye": a family name first, then given-name syllables only."""
    if len(words) < 2 or len(words) > 3 or not family_name(words[0]):
        return False
    for word in words[1:]:
        if not _EAST_ASIAN_GIVEN.fullmatch(word):
            return False
        if len(word) > 3 and any(p.is_known and "Name" in p.tag for p in parses(word.lower())[:2]):
            return False  # «Ян Иван» is no Chinese name
    return True


#: The cases a preposition governs, for the name right after it.
_GOVERNED = (
    ("у от для без до из против после около среди возле", ("gent",)),
    ("к ко по благодаря", ("datv",)),
    ("с со", ("ablt", "gent")),
    ("между над перед", ("ablt",)),
    ("о об обо при", ("loct",)),
    ("про через", ("accs",)),
)
PREPOSITION_CASES = {word: frozenset(cases) for words, cases in _GOVERNED for word in words.split()}
_CONTEXT_WORD = re.compile(r"[^\W\d_]+(?:[-'’][^\W\d_]+)*\.?|[^\w\s]", re.UNICODE)


def context_cases(text: str, begin: int) -> frozenset[str]:
    """The cases the words before a name put it in, or none.

    A name stands in apposition to the person noun before it («преследователя
    Кими Райкконена», «прокурором О. Муродовым», across the names of bodies
    and states: «министра Японии Сэйдзи Маэхары») or after the preposition
    that governs it («у Бута»). Inanimate nouns say nothing: they may head a
    genitive chain the name does not belong to.
    """
    words = _CONTEXT_WORD.findall(text, max(0, begin - 100), begin)
    for word in reversed(words):
        lower = word.lower().rstrip(".")
        if lower in PREPOSITION_CASES:
            return PREPOSITION_CASES[lower]
        if word in ("-", "–", "—") or word[:1].isupper():
            continue
        if not word[:1].isalpha():
            return frozenset()
        readings = [p for p in parses(lower) if p.tag.POS == "NOUN" and "anim" in p.tag]
        if readings and not any(p.tag.case == "nomn" for p in readings):
            return frozenset(str(p.tag.case) for p in readings)
        return frozenset()
    return frozenset()


def east_asian_start(text: str, begin: int, end: int) -> int:
    """Where a name really begins when the recognizer left its East Asian family name out.

    «… прокурором КНР Цао Цзяньминем»: a span of given-name syllables right
    after a capitalized family name begins at that family name.
    """
    m = re.search(r"([A-ZА-ЯЁ][a-zа-яё]{0,5})\s+$", text[max(0, begin - 12) : begin])
    words = text[begin:end].split()
    if m is None or not words or not is_east_asian([m.group(1), *words]):
        return begin
    return begin - len(m.group(0))


@functools.lru_cache(maxsize=20_000)
def read_name(surface: str, hint: frozenset[str] = frozenset()) -> PersonName:
    """The name in `surface`, put in the nominative, with its surname.

    «Томаса Райтера» → Томас Райтер / Райтер; «Ольги Петровой» → Ольга
    Петрова / Петрова; «Ху Цзиньтао» → Ху; «Жан-Мари Ле Пен» → Ле Пен.
    `hint` holds the cases the context allows (`context_cases`).
    """
    surface = re.sub(r"\s+", " ", surface.split("(")[0]).strip(" ,;:")  # «Имя Фамилия (Latin Name)»
    spans = [m for m in _TOKEN.finditer(surface)]
    words = [m for m in spans if not re.fullmatch(r"[A-ZА-ЯЁ]\.", m.group())]
    if len(words) > 1 and len(words[0].group()) > 1 and len(words[-1].group()) == 1:
        words = [m for m in words if len(m.group()) > 1]  # «Иванов И.И»: a last letter with no dot
    if not words:
        return PersonName(surface, surface)
    texts = [m.group() for m in words]
    if is_east_asian(texts):
        family = family_name(texts[0])
        return PersonName(f"{family} {' '.join(texts[1:])}", family, " ".join(texts[1:]), (family,))
    # The surname's words: the last one and the particles before it («Де Сантис», «бин Ладен»).
    first_surname = len(words) - 1
    while first_surname > 1 and texts[first_surname - 1].lower() in PARTICLES:
        first_surname -= 1
    if len(spans) == 1:
        return _read_alone(surface, texts[0], hint)
    if not _CYRILLIC.match(texts[-1]):
        surname = " ".join(texts[first_surname:])
        if surname.isupper() and len(surname) > 2:
            surname = surname.title()  # "Marin MRČELA"
        given = texts[0] if first_surname > 0 else ""
        return PersonName(surface, surname, given, (surname,))
    given_words = [w for w in words[:first_surname] if _CYRILLIC.match(w.group())]
    if len(given_words) == len(words) - 1 and _is_patronymic(texts[-1]):
        # «Бориса Николаевича»: a given name and patronymic, no surname
        given = _given_nominative(texts[0], *_name_case(texts[:1], texts[0]))
        return PersonName(surface, given, given, (given,), given_only=True)
    if given_words:
        case, gender = _name_case([w.group() for w in given_words], texts[-1], hint)
        readings = _surname_readings(texts[-1], case, gender)
    else:  # initials only («Т. Нарбаевой»): the surname says what it can alone
        case, gender = None, None
        readings = _read_alone(texts[-1], texts[-1], hint).readings
    out = {w.start(): _given_nominative(w.group(), case, gender) for w in given_words}
    out[words[-1].start()] = readings[0]
    pieces, position = [], 0
    for m in spans:
        pieces += [surface[position : m.start()], out.get(m.start(), m.group())]
        position = m.end()
    name = "".join(pieces) + surface[position:]
    prefix = " ".join(texts[first_surname:-1])
    surname = f"{prefix} {readings[0]}" if prefix else readings[0]
    initials = [m.group() for m in spans if len(m.group().rstrip(".")) == 1]
    given = out[given_words[0].start()] if given_words else initials[0] if initials else ""
    certain = any(
        p.is_known and _GIVEN_TAGS & set(p.tag.grammemes) and "Fixd" not in p.tag
        for w in given_words
        for p in parses(w.group().lower())
    )
    return PersonName(name, surname, given, tuple(f"{prefix} {r}".strip() for r in readings), certain=certain)


def _is_patronymic(word: str) -> bool:
    readings = parses(word.lower())
    return bool(readings) and readings[0].is_known and "Patr" in readings[0].tag


def _read_alone(surface: str, word: str, hint: frozenset[str] = frozenset()) -> PersonName:
    """A name of one word: a surname in the case the context gives or whatever case it allows, or a given name alone."""
    if not _CYRILLIC.match(word):
        return PersonName(surface, word.title() if word.isupper() and len(word) > 2 else word)
    readings = parses(word.lower())
    given_only = (
        bool(readings) and readings[0].is_known and bool(_GIVEN_TAGS & set(readings[0].tag.grammemes))
    )
    given_only = given_only and not any("Surn" in p.tag for p in readings)
    fitting = [
        p
        for p in readings
        if p.tag.case in hint and p.tag.POS in _WORD_POS and p.tag.number == "sing" and _plausible(p)
    ]
    case = None
    if fitting:
        case = str(min(fitting, key=lambda p: ("Surn" not in p.tag, -p.score)).tag.case)
    forms = _surname_readings(word, case, None)
    if given_only:
        given = _given_nominative(word, None, None)
        return PersonName(given, forms[0], given, forms, given_only=True)
    return PersonName(forms[0], forms[0], "", forms)


def _name_case(
    given: list[str], surname: str, hint: frozenset[str] = frozenset()
) -> tuple[str | None, str | None]:
    """The case and gender every word of a name can be read in.

    Known given names and patronymics decide (their readings must agree; the
    reading pymorphy3 ranks first tips a tie); a given name it does not know
    counts only when it and the surname both carry the same case ending
    («Ашитом Митталом»); with no evidence the name is read as written.
    """
    known, fixed, unknown = [], [], []
    for word in given:
        readings = [p for p in parses(word.lower()) if p.is_known and _GIVEN_TAGS & set(p.tag.grammemes)]
        if readings and not all("Fixd" in p.tag for p in readings):
            known.append(readings)
        elif readings:
            fixed.append(readings)  # «Хорхе», «Наото»: the gender, not the case
        else:
            unknown.append(word)
            guessed = [p for p in parses(word.lower()) if "Name" in p.tag and p.tag.number == "sing"]
            fixed.append(guessed)  # «Нигматилла»: pymorphy3's guess gives the gender, not the case
    prior = str(known[0][0].tag.gender) if known else None
    fixed_genders = {str(p.tag.gender) for r in fixed for p in r if p.tag.gender in ("masc", "femn")}
    best, best_score, gender = None, 0.0, None
    for case in CASES:
        score, genders = 0.0, set(fixed_genders)
        feasible = True
        for readings in known:
            fitting = [p for p in readings if p.tag.case == case and p.tag.number != "plur"]
            if not fitting:
                feasible = False
                break
            score += 2 * sum(p.score for p in fitting)
            found = {str(p.tag.gender) for p in fitting if p.tag.gender in ("masc", "femn")}
            score += 0.3 if prior in found else 0
            genders |= found
        if not feasible:
            continue
        # Parallel endings are evidence; an «-а» of a given name only when pymorphy3 guesses a man's
        # name in that case («Иогана Меркеля»), since it can be a woman's nominative («Матлуба»).
        endings = case != "nomn" and bool(unknown) and _with_ending(surname, case)
        endings = endings and all(_given_with_ending(w, case) for w in unknown)
        weak = next(iter(fixed_genders)) if len(fixed_genders) == 1 else None
        if case in hint:
            score += 1.0  # the context puts the name in this case
        elif case != "nomn" and not known and not endings and not _surname_declines(surname, case, weak):
            continue  # nothing says the name is declined: it is read as written («Шерхони Салимзода»)
        if endings:
            score += 1.0
            genders.add("masc")
        fitting = [
            p
            for p in parses(surname.lower())
            if p.tag.case == case and p.tag.POS in _WORD_POS and p.tag.number != "plur" and _plausible(p)
        ]
        if genders:
            fitting = [p for p in fitting if any(_surname_fits(p, g) for g in genders)]
        if fitting:
            score += max(p.score for p in fitting) + (0.5 if any("Surn" in p.tag for p in fitting) else 0)
        elif case != "nomn" and not _foreign_stem(surname, case) and "masc" in genders:
            continue  # a man's surname declines; one that cannot be read in this case rules it out
        if case == "nomn":
            score += 0.1  # a tie goes to the nominative
        if score > best_score:
            best, best_score = case, score
            gender = "femn" if genders == {"femn"} else "masc" if genders == {"masc"} else None
    return best, gender


def _with_ending(word: str, case: str) -> bool:
    """The word can be read in `case` with a case ending that a shorter stem takes («Митталом»)."""
    if _foreign_stem(word, case):
        return True
    lower = word.lower()
    return any(
        p.tag.case == case and p.tag.POS == "NOUN" and len(p.normal_form) < len(lower) for p in parses(lower)
    )


def _given_with_ending(word: str, case: str) -> bool:
    if case not in ("gent", "accs"):
        return _with_ending(word, case)
    return any(
        "Name" in p.tag and p.tag.case == case and p.tag.gender == "masc" and p.tag.number == "sing"
        for p in parses(word.lower())
    )


def _plausible(reading) -> bool:
    """A surname reading worth keeping: adjective guesses only for adjectival surnames («-ский»)."""
    if reading.tag.POS == "NOUN" and reading.tag.gender == "femn" and reading.normal_form.endswith("ь"):
        return reading.tag.case in ("nomn", "accs")  # no surname declines so: «Пелоси» is no «Пелось»
    if reading.tag.POS != "ADJF" or reading.is_known:
        return True
    return reading.normal_form.endswith(("ский", "цкий", "ской", "цкой", "зкий"))


def _surname_declines(word: str, case: str, gender: str | None = None) -> bool:
    """A known surname (or a Russian surname ending) read in `case` and not in the nominative.

    With the given name's `gender`, only readings of that gender count
    («Нигматилла Юлдашева» is a man's genitive, not a woman's nominative).
    """
    if ARMENIAN_OBLIQUE.search(word.lower()) and _foreign_stem(word, case):
        return True  # «Хзмаляна»: a surname in «-ян» declines for a man and never ends so for a woman
    if case == "gent" and re.search(r"[бвгдзклмнпрстфхцчшщ]ы$", word.lower()):
        return True  # «Маехары»: no surname ends so in the nominative singular
    readings = [p for p in parses(word.lower()) if "Surn" in p.tag and p.tag.number != "plur"]
    known = [p for p in readings if p.is_known or RUSSIAN_SURNAME.search(word.lower())]
    known = [p for p in known if _gender_fits(p, gender)]
    return any(p.tag.case == case for p in known) and not any(p.tag.case == "nomn" for p in known)


def _foreign_stem(word: str, case: str) -> str:
    """«Райкконена» (gent) → «Райкконен»: a foreign masculine surname with a case ending taken off."""
    lower = word.lower()
    for ending, replacement in _FOREIGN_ENDINGS.get(case, ()):
        if lower.endswith(ending) and len(lower) > len(ending) + 2:
            stem = lower[: -len(ending)]
            if replacement == "ь" and stem[-1] in "аеиоуыэюя":
                replacement = "й"
            if stem[-1] not in "аеёиоуыэюяйь":
                return stem + replacement
    return ""


def _given_nominative(word: str, case: str | None, gender: str | None) -> str:
    readings = [p for p in parses(word.lower()) if p.is_known and _GIVEN_TAGS & set(p.tag.grammemes)]
    if not readings and case in ("gent", "accs"):  # «Иогана»: pymorphy3's guess of a man's name
        readings = [p for p in parses(word.lower()) if "Name" in p.tag and p.tag.gender == "masc"]
        if any(p.tag.case == "nomn" for p in readings):
            readings = []  # «Нигматилла» may be the nominative of a man's name: it stays as written
    if not readings:  # a given name pymorphy3 does not know: only an unambiguous ending comes off
        stem = _foreign_stem(word, case) if case in ("datv", "ablt", "loct") else ""
        return _capitalized(word, stem) if stem else word
    if case is not None:
        readings = [p for p in readings if p.tag.case == case] or readings
    if gender is not None:
        readings = [p for p in readings if p.tag.gender == gender] or readings
    if not readings or readings[0].tag.case == "nomn":
        return word
    grammemes = {"nomn", "sing"} | ({gender} if gender else set())
    form = readings[0].inflect(grammemes) or readings[0].inflect({"nomn"})
    return _capitalized(word, form.word) if form else word


@functools.lru_cache(maxsize=20_000)
def _surname_readings(word: str, case: str | None, gender: str | None) -> tuple[str, ...]:
    """The surname's nominatives, best first: in the name's case and gender when known."""
    lower = word.lower()
    readings = [
        p for p in parses(lower) if p.tag.POS in _WORD_POS and p.tag.number != "plur" and _plausible(p)
    ]
    forms: list[str] = []

    def add(form: str) -> None:
        form = _capitalized(word, form)
        if form not in forms:
            forms.append(form)

    def nominative(p) -> str:
        if p.tag.case == "nomn" and _gender_fits(p, gender):
            return lower
        wanted = {"nomn", "sing"} | ({gender} if gender and "ms-f" not in p.tag else set())
        if p.tag.POS == "ADJF" and not gender and p.tag.gender in ("masc", "femn"):
            wanted.add(str(p.tag.gender))
        if "Surn" in p.tag and p.tag.gender == "femn":
            wanted.add("femn")  # «Петровой» → «Петрова», not the masculine lemma
        form = p.inflect(wanted) or p.inflect({"nomn"})
        return form.word if form else p.normal_form

    def rank(p) -> tuple:
        return ("Surn" not in p.tag and "Name" not in p.tag, not p.is_known and "Surn" not in p.tag, -p.score)

    if case is not None:
        fitting = [p for p in readings if p.tag.case == case]
        if gender is not None:
            fitting = [p for p in fitting if _surname_fits(p, gender)] or (
                [] if gender == "femn" else fitting
            )
        for p in sorted(fitting, key=rank):
            add(nominative(p))
        if not fitting:
            if case == "nomn" or gender == "femn":
                add(lower)  # a woman's foreign surname does not decline («Сабрины Шрофф»)
            stem = _foreign_stem(word, case) if case != "nomn" and gender != "femn" else ""
            if stem:
                add(stem)
    if case is None:
        surnames = sorted(
            (p for p in readings if "Surn" in p.tag), key=lambda p: (p.tag.case != "nomn", -p.score)
        )
        for p in surnames:
            add(nominative(p))
        oblique = [p for p in readings if p.tag.case not in ("nomn", None) and not p.is_known]
        if not forms and lower.endswith(("ом", "ем", "ым", "им", "ой", "ому", "ему")) and oblique:
            add(nominative(oblique[0]))
    add(lower)
    for p in readings:
        add(nominative(p))
    for p in parses(lower):
        if "Surn" in p.tag and p.tag.number == "plur":  # «братьев Ямадаевых»: the family's surname
            form = p.inflect({"nomn", "sing", "masc"})
            if form is not None:
                add(form.word)
    for other in CASES[1:]:
        stem = _foreign_stem(word, other)
        if stem:
            add(stem)
    return tuple(forms)


def _surname_fits(reading, gender: str | None) -> bool:
    """A surname reading fits a person of `gender`; «-а» nouns serve both («Маехары», «Обамы»)."""
    if _gender_fits(reading, gender):
        return True
    return gender == "masc" and reading.tag.POS == "NOUN" and reading.normal_form.endswith(("а", "я"))


def _gender_fits(reading, gender: str | None) -> bool:
    return gender is None or reading.tag.gender in (gender, None) or "ms-f" in reading.tag


def _capitalized(original: str, word: str) -> str:
    if original.isupper() and len(original) > 2:
        return "-".join(part.capitalize() for part in word.split("-"))
    if original[:1].isupper():
        return "-".join(part.capitalize() for part in word.split("-"))
    return word


def settle(names: list[PersonName]) -> list[PersonName]:
    """Each name's surname chosen with the whole text in view.

    A surname's readings are put to a vote of the text's other mentions (a
    full name counts twice): «Каном» alone after «Оливера Кана» is Кан,
    «Кими Райкконена» is Райкконен when the text also says «Райкконен». A
    given name named alone («Виктор», «Бориса Николаевича») becomes the
    person with that given name when there is exactly one, and a word named
    alone that is the given name of one East Asian full name («Ицинь») too.
    """
    votes: Counter[str] = Counter()
    shown: dict[str, str] = {}
    full: dict[str, str] = {}
    owners: dict[str, set[str]] = {}
    for name in names:
        if name.given_only:
            continue
        votes[_fold(name.surname)] += 3 if name.certain or len(set(name.readings)) <= 1 else 1
        shown.setdefault(_fold(name.surname), name.surname)
        if name.given and not name.given.endswith("."):
            full.setdefault(_fold(name.surname), name.name)
            owners.setdefault(_fold(name.given.split()[0]), set()).add(_fold(name.surname))
            owners.setdefault(_fold(name.given), set()).add(_fold(name.surname))
    out = []
    for name in names:
        if name.given_only:
            found = owners.get(_fold(name.given), set())
            if len(found) == 1:
                owner = next(iter(found))
                name = replace(name, name=full[owner], surname=shown[owner], given_only=False)
            out.append(name)
            continue
        own = _fold(name.surname)
        best, best_votes = name.surname, votes[own]
        for reading in name.readings[1:]:
            if votes[_fold(reading)] > best_votes:
                best, best_votes = shown[_fold(reading)], votes[_fold(reading)]
        if best != name.surname:
            text = name.name.replace(name.surname, best) if name.given else best
            name = replace(name, name=text, surname=best)
        elif not name.given and len(owners.get(own, ())) == 1 and own not in full:
            owner = next(iter(owners[own]))  # «Ицинь» alone: the given name of «Пань Ицинь»
            name = replace(name, name=full[owner], surname=shown[owner])
        out.append(name)
    return out


def given_of(name: str, surname: str) -> str:
    """The words of a full name that are not its surname («Пань Ицинь», «Пань» → «Ицинь»)."""
    words, parts = name.split(), surname.split()
    for start in range(len(words) - len(parts), -1, -1):
        if [_fold(w) for w in words[start : start + len(parts)]] == [_fold(p) for p in parts]:
            return " ".join(words[:start] + words[start + len(parts) :])
    return " ".join(words[:-1])


def _fold(text: str) -> str:
    return text.lower().replace("ё", "е")


def person_keys(found: list[tuple[str, str]]) -> list[str]:
    """One key per (name, surname) mention: the same key is the same person.

    Mentions share a surname's key unless the text names two people with
    that surname («Алла Бут», «Виктор Бут»); then each full name keeps its
    own key and a surname named alone goes to the nearest such person
    before it (or, when none is before, after it).
    """
    givens: dict[str, set[str]] = {}
    for name, surname in found:
        given = _fold(given_of(name, surname))
        if given:
            givens.setdefault(_fold(surname), set()).add(given)
    keys = []
    for name, surname in found:
        folded = _fold(surname)
        distinct = _distinct_given(givens.get(folded, set()))
        given = _fold(given_of(name, surname))
        if len(distinct) < 2:
            keys.append(folded)
        elif given:
            keys.append(f"{folded}|{_given_key(given, distinct)}")
        else:
            keys.append(f"{folded}|?")
    for index, key in enumerate(keys):
        if key.endswith("|?"):
            base = key[:-1]
            before = [k for k in keys[:index] if k.startswith(base) and not k.endswith("|?")]
            after = [k for k in keys[index:] if k.startswith(base) and not k.endswith("|?")]
            keys[index] = (before[-1:] or after[:1] or [key])[0]
    return keys


def _distinct_given(givens: set[str]) -> list[str]:
    """Given names that name different people: «Т.» and «Танзила» are one, «Алла» and «Виктор» two."""
    full = sorted((g for g in givens if not g.endswith(".")), key=len, reverse=True)
    distinct: list[str] = []
    for given in full:
        if not any(_same_given(other.split()[0], given.split()[0]) for other in distinct):
            distinct.append(given)
    return distinct


def _same_given(a: str, b: str) -> bool:
    """One given name in two forms: equal, or an unknown name with another ending («Сулимы», «Сулим»)."""
    if a == b:
        return True
    lemmas = [{p.normal_form for p in parses(w) if p.is_known and "Name" in p.tag} for w in (a, b)]
    if all(lemmas):
        return bool(lemmas[0] & lemmas[1])
    common = next((i for i, (x, y) in enumerate(zip(a, b, strict=False)) if x != y), min(len(a), len(b)))
    return common >= 4 and common >= max(len(a), len(b)) - 2


def _given_key(given: str, distinct: list[str]) -> str:
    first = given.split()[0]
    for other in distinct:
        if _same_given(other.split()[0], first) or (first.endswith(".") and other.startswith(first[:-1])):
            return other.split()[0]
    return first
