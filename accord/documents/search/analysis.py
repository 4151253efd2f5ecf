"""Words to index terms, the same for documents and queries, on every database.

Russian words become their dictionary form (pymorphy3: «коррупции» →
«коррупция»), English words their Snowball stem ("reviews" → "review"), so
that SQLite FTS5 and PostgreSQL see identical terms and answer alike.
"""

import functools
import re

import snowballstemmer

from accord.core.morphology import analyzer

TOKEN = re.compile(r"[^\W_]+", re.UNICODE)
_CYRILLIC = re.compile(r"[а-яё]")
_english = snowballstemmer.stemmer("english")


@functools.lru_cache(maxsize=300_000)
def term(word: str) -> str:
    """The index term of one lower-case word."""
    if _CYRILLIC.search(word):
        return analyzer().parse(word)[0].normal_form.replace("ё", "е")
    if word.isascii() and word.isalpha():
        return _english.stemWord(word)
    return word


def words(text: str) -> list[str]:
    return [w.lower() for w in TOKEN.findall(text)]


def terms(text: str) -> list[str]:
    return [term(w) for w in words(text)]


def terms_text(text: str) -> str:
    return " ".join(terms(text))
