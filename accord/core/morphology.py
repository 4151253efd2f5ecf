"""Russian morphology shared by the registry (alias forms) and extraction.

One pymorphy3 analyzer per process: its dictionaries take a second and
tens of megabytes to load, so it is built on first use and kept.
"""

import functools
import re

import pymorphy3

CASES = ("gent", "datv", "accs", "ablt", "loct")
_HEAD_POS = {"NOUN"}
_AGREEING_POS = {"ADJF", "PRTF", "NUMR"}
_CYRILLIC_WORD = re.compile(r"^[А-Яа-яЁё]+(?:-[А-Яа-яЁё]+)*$")


@functools.cache
def analyzer() -> pymorphy3.MorphAnalyzer:
    return pymorphy3.MorphAnalyzer(lang="ru")


@functools.lru_cache(maxsize=300_000)
def parses(word: str) -> tuple:
    """pymorphy3's readings of one lower-case word, best first, cached for the process."""
    return tuple(analyzer().parse(word)[:4])


def lemma(word: str) -> str:
    """The dictionary form of a word («Узбекистана» → «узбекистан»)."""
    return analyzer().parse(word)[0].normal_form


def _restore_shape(original: str, inflected: str) -> str:
    """Give an inflected word the capitals of the original («Федерации», «КНДР»)."""
    if original.isupper() and len(original) > 1:
        return inflected.upper()
    parts = inflected.split("-")
    shapes = original.split("-")
    if len(parts) == len(shapes):
        return "-".join(p.capitalize() if s[:1].isupper() else p for p, s in zip(parts, shapes, strict=True))
    return inflected.capitalize() if original[:1].isupper() else inflected


@functools.lru_cache(maxsize=100_000)
def _readings(word: str) -> tuple:
    """Every reading of a word as written (capitals matter to pymorphy3), cached for the process:
    names repeat their words («Республика», «Федерация») and every case re-reads them."""
    return tuple(analyzer().parse(word))


def _nominative_parse(word: str, pos: set[str], number: str | None = None):
    for parse in _readings(word):
        tag = parse.tag
        if tag.POS in pos and "nomn" in tag and (number is None or tag.number == number):
            return parse
    return None


def inflect_phrase(phrase: str, case: str) -> str | None:
    """A name in another case: «Российская Федерация» → «Российской Федерации».

    Declines the leading adjectives and the first noun of each group joined
    by «и»; what follows the head (an apposition, a genitive complement:
    «Республика Узбекистан», «Штаты Америки») keeps its form. Returns None
    when the phrase cannot be declined with confidence (abbreviations,
    foreign words), so that callers never store a made-up form.
    """
    words = phrase.split()
    out: list[str] = []
    declining = True
    head_found = False
    head_index = -1
    for index, word in enumerate(words):
        if word == "и" and head_found and index == head_index + 1:
            # «Босния и Герцеговина»: a second head joined to the first. After a
            # complement («…сотрудничества и развития») nothing more declines.
            declining, head_found = True, False
            out.append(word)
            continue
        if not declining:
            out.append(word)
            continue
        if not _CYRILLIC_WORD.match(word) or (word.isupper() and len(word) > 1):
            return None
        head = None
        for rest in words[index:]:
            head = _nominative_parse(rest, _HEAD_POS)
            if head:
                break
        if head is None:
            return None
        if parse := _nominative_parse(word, _HEAD_POS):
            form = parse.inflect({case})
            head_found = True
            head_index = index
            declining = False
        elif parse := _nominative_parse(word, _AGREEING_POS, head.tag.number):
            grammemes = {case, head.tag.number}
            if head.tag.number == "sing" and head.tag.gender:
                grammemes.add(head.tag.gender)
            if case == "accs":
                grammemes.add("inan")
            form = parse.inflect(grammemes) or parse.inflect({case, head.tag.number})
        else:
            return None
        if form is None:
            return None
        out.append(_restore_shape(word, form.word))
    return " ".join(out) if head_found or not declining else None


def case_forms(phrase: str) -> list[str]:
    """Every declined form of a name that differs from it, in `CASES` order, once each."""
    return list(_case_forms(phrase))


@functools.lru_cache(maxsize=20_000)
def _case_forms(phrase: str) -> tuple[str, ...]:
    # Cached: every reference load declines the same few hundred names.
    forms: list[str] = []
    for case in CASES:
        form = inflect_phrase(phrase, case)
        if form and form != phrase and form not in forms:
            forms.append(form)
    return tuple(forms)
