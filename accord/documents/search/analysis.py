"""Words to index terms, the same for documents and queries, on every database.

Russian words become their dictionary form (pymorphy3: «коррупции» →
«коррупция»), English words their Snowball stem ("reviews" → "review"), so
that SQLite FTS5 and PostgreSQL see identical terms and answer alike.

Surnames need one more rule: pymorphy knows few Central Asian surnames and
guesses «Сейтимов» and «Сейтимовым» into different words. A capitalized
word after a given name or an initial, or one pymorphy does not know, that
looks like a Russian-style surname is reduced to its masculine base
(«Сейтимовым», «Сейтимова» → «сейтимов»).

UN symbols are indexed in Latin letters whichever alphabet they were typed
in: «СТОС/СОР/WG.10/2019/5», written (or recognized) with Cyrillic letters
that look Latin, gives the terms of CTOC/COP/WG.10/2019/5, in a text as in a
query.
"""

import functools
import re

import snowballstemmer

from accord.core.morphology import parses
from accord.documents.symbols import LOOKALIKES, is_symbol

TOKEN = re.compile(r"[^\W_]+", re.UNICODE)
_CYRILLIC = re.compile(r"[а-яё]")
_SURNAME = re.compile(r"^(.{3,}?(?:ов|ев|ёв|ин|ын))(?:а|у|ым|ой|ом|е|ых|ыми|ою)?$")
_english = snowballstemmer.stemmer("english")
# A run with a slash that starts with a capital: a candidate symbol («СТОС/СОР/2020/1», "A/RES/58/4").
_SYMBOL_LIKE = re.compile(r"(?<![\w/])[^\W\d_a-zа-яё][\w.\-]*(?:/[\w.\-]*\w)+")
_ANY_CYRILLIC = re.compile(r"[\u0400-\u04FF]")


def _latin_symbol(match: re.Match) -> str:
    text = match.group()
    if not _ANY_CYRILLIC.search(text):
        return text
    mapped = text.translate(LOOKALIKES)
    return mapped if not _ANY_CYRILLIC.search(mapped) and is_symbol(mapped) else text


def latin_symbols(text: str) -> str:
    """The text with each UN symbol typed in Cyrillic look-alike letters spelled in Latin ones."""
    if "/" not in text or not _ANY_CYRILLIC.search(text):
        return text
    return _SYMBOL_LIKE.sub(_latin_symbol, text)


@functools.lru_cache(maxsize=300_000)
def _analysis(word: str) -> tuple[str, bool, bool]:
    """(term, is a given name, is a known dictionary word) of one lower-case word."""
    if _CYRILLIC.search(word):
        readings = parses(word)
        lemma = readings[0].normal_form.replace("ё", "е")
        is_name = any("Name" in p.tag for p in readings[:3])
        return lemma, is_name, readings[0].is_known
    if word.isascii() and word.isalpha():
        return _english.stemWord(word), False, True
    return word, False, True


def term(word: str) -> str:
    """The index term of one lower-case word, without context."""
    return _analysis(word)[0]


def surname_base(word: str) -> str | None:
    match = _SURNAME.match(word.replace("ё", "е"))
    return match.group(1) if match else None


def words(text: str) -> list[str]:
    return [w.lower() for w in TOKEN.findall(text)]


def terms(text: str) -> list[str]:
    return [t for group in terms_of_pieces([text]) for t in group]


def terms_of_pieces(pieces: list[str]) -> list[list[str]]:
    """Terms of consecutive pieces of text (query words), the surname rule reading across them."""
    out: list[list[str]] = []
    previous_is_name = False
    for piece in pieces:
        group = []
        for token in TOKEN.findall(latin_symbols(piece)):
            lower = token.lower()
            lemma, is_name, known = _analysis(lower)
            if token[:1].isupper() and _CYRILLIC.match(lower) and (previous_is_name or not known):
                lemma = surname_base(lower) or lemma
            group.append(lemma)
            # A given name or an initial announces a surname.
            previous_is_name = token[:1].isupper() and (is_name or (len(token) == 1 and token.isalpha()))
        out.append(group)
    return out


def terms_text(text: str) -> str:
    return " ".join(terms(text))
