"""The pipeline's Russian morphology: readings, lemmas, cases, and phrases put in the nominative.

Every stage reads words through these helpers (organizations, persons,
places, people, events, the recognizer), so they share one cache of
pymorphy3 readings with the search index (`accord.core.morphology.parses`).
"""

import functools
import re

from accord.core.morphology import analyzer, parses

__all__ = [
    "NAME_TAGS",
    "WORD",
    "all_parses",
    "cases",
    "genitive_chain_end",
    "is_abbreviation",
    "is_name",
    "lemma",
    "nominative_phrase",
    "parses",
    "pos",
    "restore_case",
]

#: The grammemes pymorphy3 gives a given name, a surname and a patronymic.
NAME_TAGS = {"Name", "Surn", "Patr"}
#: A word: letters with inner hyphens or apostrophes, or a number.
WORD = re.compile(r"[^\W\d_]+(?:[-'’][^\W\d_]+)*|\d+", re.UNICODE)


@functools.lru_cache(maxsize=50_000)
def all_parses(word: str) -> tuple:
    """Every reading pymorphy3 gives a lower-case word, best first.

    `parses` keeps the best four, enough for common words; a name needs them
    all (the surname reading of «Муродовым» comes fifth, after adjectives).
    """
    return tuple(analyzer().parse(word))


def pos(word: str) -> set[str]:
    """Every part of speech pymorphy3 reads the word as."""
    return {str(p.tag.POS) for p in parses(word.lower())}


def cases(word: str) -> set[str]:
    """Every case pymorphy3 reads the word in."""
    return {str(p.tag.case) for p in parses(word.lower()) if p.tag.case}


def lemma(word: str) -> str:
    """The best reading's dictionary form, lower case, ё as е (the word itself when unknown)."""
    readings = parses(word.lower())
    return readings[0].normal_form.replace("ё", "е") if readings else word.lower()


def is_abbreviation(word: str) -> bool:
    """Two or more capitals, with a letter among them («СНГ», "UNODC")."""
    return len(word) >= 2 and word.isupper() and any(c.isalpha() for c in word)


def restore_case(original: str, word: str) -> str:
    """Give an inflected word the capitals of the word it came from."""
    if original.isupper() and len(original) > 1:
        return word.upper()
    if original[:1].isupper():
        return (
            "-".join(p[:1].upper() + p[1:] for p in word.split("-")) if "-" in original else word.capitalize()
        )
    return word


def is_name(word: str) -> bool:
    """A capitalized word that pymorphy reads as a given name, surname or patronymic."""
    return word[:1].isupper() and any(NAME_TAGS & set(p.tag.grammemes) for p in parses(word.lower())[:2])


def nominative_phrase(phrase: str) -> str:
    """The phrase with its leading adjectives and head noun in the nominative.

    «Генеральной прокуратуры Российской Федерации» → «Генеральная прокуратура
    Российской Федерации»; «Министерства иностранных дел» → «Министерство
    иностранных дел». Words after the head keep their form; a phrase that
    cannot be read with confidence comes back unchanged.
    """
    words = phrase.split(" ")
    head_index = None
    for index, word in enumerate(words):
        if not re.fullmatch(r"[А-Яа-яЁё]+(?:-[А-Яа-яЁё]+)*", word) or is_abbreviation(word):
            return phrase
        readings = parses(word.lower())
        if any(p.tag.POS == "NOUN" for p in readings) and not (
            readings and readings[0].tag.POS in ("ADJF", "PRTF") and index + 1 < len(words)
        ):
            head_index = index
            break
    if head_index is None:
        return phrase
    head_word = words[head_index]
    for head in sorted(
        (p for p in parses(head_word.lower()) if p.tag.POS == "NOUN"),
        key=lambda p: (p.tag.number != "sing", p.tag.case == "nomn"),
    ):
        case, number = head.tag.case, head.tag.number
        if case == "nomn":
            return phrase
        out = []
        for word in words[:head_index]:
            agreeing = [
                p
                for p in parses(word.lower())
                if p.tag.POS in ("ADJF", "PRTF") and p.tag.case == case and p.tag.number == number
            ]
            if not agreeing:
                break
            grammemes = {"nomn", number} | (
                {head.tag.gender} if number == "sing" and head.tag.gender else set()
            )
            form = _same_stem(agreeing[0], agreeing[0].inflect(grammemes), grammemes)
            if form is None:
                break
            out.append(restore_case(word, form.word))
        else:
            form = head.inflect({"nomn", number})
            if form is None:
                continue
            out.append(restore_case(head_word, form.word))
            return " ".join(out + words[head_index + 1 :])
    return phrase


def _same_stem(reading, form, grammemes: set[str]):
    """The inflected form of the word itself: a superlative's lexeme holds several
    («высшим» → «высший», not «высочайший»); the one sharing most of the word's beginning is meant."""
    if form is None:
        return None

    def shared(candidate) -> int:
        return next(
            (i for i, (a, b) in enumerate(zip(candidate.word, reading.word, strict=False)) if a != b),
            min(len(candidate.word), len(reading.word)),
        )

    others = [f for f in reading.lexeme if grammemes <= set(f.tag.grammemes)]
    best = max(others, key=shared, default=form)
    return best if shared(best) > shared(form) else form


def genitive_chain_end(text: str, offset: int, limit: int, most: int = 8) -> int:
    """Where the genitive complement after a word ends: «заседание Совета министров иностранных дел …»."""
    end = offset
    for count, word in enumerate(WORD.finditer(text, offset, limit)):
        if count >= most or text[end : word.start()].strip():
            break
        w = word.group()
        if is_abbreviation(w) or "gent" in cases(w) or (w[:1].isupper() and not pos(w) & {"VERB", "PREP"}):
            end = word.end()
            continue
        break
    return end
