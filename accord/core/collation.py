"""Alphabetical order in the reader's language: «Австрия» before «Беларусь» on Russian pages.

One rule for every list and choice list. In SQL, `by_name()` orders by the
name in the active language under that language's collation: on PostgreSQL
the ICU collations it ships (`ru-x-icu`, `en-x-icu`); on SQLite, which has
none, collations of the same names are registered on each connection and
compare by the Unicode Collation Algorithm (pyuca). In Python, `sort_key()`
gives the same order to lists already in memory (a form's choices).
"""

import functools
import unicodedata
from collections.abc import Callable, Iterable
from typing import Any, TypeVar

from django.db.models import F, Value
from django.db.models.functions import Coalesce, Collate, NullIf

from accord.core.models import active_language, language_order

T = TypeVar("T")

LANGUAGES = ("ru", "en")


def collation_name(language: str | None = None) -> str:
    """The database collation of a language: PostgreSQL's ICU name, registered under the same name on SQLite."""
    return f"{language or active_language()}-x-icu"


@functools.cache
def _collator():
    import pyuca

    return pyuca.Collator()


def _is_cyrillic(char: str) -> bool:
    return "CYRILLIC" in unicodedata.name(char, "")


def sort_key(text: str, language: str | None = None) -> tuple:
    """The key that orders `text` alphabetically for `language` (the active one by default)."""
    return _sort_key(str(text or ""), language or active_language())


@functools.lru_cache(maxsize=50_000)
def _sort_key(text: str, language: str) -> tuple:
    # The Unicode Collation Algorithm's default table puts Latin before
    # Cyrillic; the Russian order (as ICU's `ru` has it) puts Cyrillic first.
    first = next((c for c in text if c.isalpha()), "")
    script = 0 if not first or _is_cyrillic(first) == (language == "ru") else 1
    return (script, _collator().sort_key(text))


def collated(items: Iterable[T], key: Callable[[T], str] = str, language: str | None = None) -> list[T]:
    """`items` sorted by `key(item)` in the language's alphabetical order."""
    return sorted(items, key=lambda item: sort_key(key(item), language))


def by_name(prefix: str = "", field: str = "name") -> Collate:
    """Order by the name in the reader's language (the other one when empty), in that language's collation."""
    first, second = language_order()
    name = Coalesce(NullIf(F(f"{prefix}{field}_{first}"), Value("")), F(f"{prefix}{field}_{second}"))
    return Collate(name, collation_name(first))


def _compare(language: str) -> Callable[[str, str], int]:
    def compare(left: str, right: str) -> int:
        a, b = sort_key(left, language), sort_key(right, language)
        return (a > b) - (a < b)

    return compare


def register_sqlite_collations(sender: Any, connection: Any, **kwargs: Any) -> None:
    """`connection_created` receiver: SQLite learns the collations PostgreSQL has built in."""
    if connection.vendor != "sqlite":
        return
    for language in LANGUAGES:
        connection.connection.create_collation(collation_name(language), _compare(language))
