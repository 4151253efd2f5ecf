"""United Nations document symbols: parse, validate and normalize them.

«СТОС/СОР/WG.10/2019/5», typed or recognized with Cyrillic letters that look
Latin, is CTOC/COP/WG.10/2019/5. A symbol is a series, bodies, then numbers —
session, year, a document type such as L., CRP., INF — then modifiers such
as Add.1, Rev.2, Corr.1 (UN Documentation: Document symbols).
"""

import re
import unicodedata
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

# Cyrillic letters that readers and OCR confuse with Latin ones.
LOOKALIKES = str.maketrans(
    "АВСЕНІЈКМОРЅТХУаеіјорсхуѕ",
    "ABCEHIJKMOPSTXYaeijopcxys",
)
_CYRILLIC = re.compile(r"[\u0400-\u04FF]")
_MODIFIER = re.compile(r"^(ADD|REV|CORR|AMEND|SUMMARY|ERR)\.?(\d+)?$", re.IGNORECASE)
_MODIFIER_NAMES = {
    "ADD": "Add",
    "REV": "Rev",
    "CORR": "Corr",
    "AMEND": "Amend",
    "SUMMARY": "Summary",
    "ERR": "Err",
}
_COMPONENT = re.compile(r"^[A-Z][A-Z0-9]*(?:[.\-][A-Z0-9]+)*$|^\d+[A-Z]?$")
_TYPED_NUMBER = re.compile(r"^(L|CRP|INF|WP|R|NGO|MISC|PV|SR)\.(\d+)$")
_TYPE_ONLY = {"INF", "NGO", "MISC", "PV", "SR"}
_DASHES = dict.fromkeys(map(ord, "\u2010\u2011\u2012\u2013\u2014\u2212"), "-")


class SymbolError(ValueError):
    """Not a document symbol; the message says why."""


@dataclass(frozen=True)
class Symbol:
    symbol: str
    series: str
    bodies: tuple[str, ...] = ()
    session: int | None = None
    year: int | None = None
    doc_type: str = ""
    number: str = ""
    modifiers: tuple[str, ...] = field(default_factory=tuple)

    @property
    def root(self) -> str:
        """The symbol without Add./Rev./Corr.: what all revisions of a document share."""
        if not self.modifiers:
            return self.symbol
        return self.symbol.rsplit("/", len(self.modifiers))[0]

    def __str__(self) -> str:
        return self.symbol


def normalize_symbol_text(text: str) -> str:
    """Unicode forms, dashes, spaces around slashes and look-alike letters, before parsing."""
    text = unicodedata.normalize("NFKC", text or "").translate(_DASHES).strip().strip(".,;:()[]«»\"'")
    text = re.sub(r"\s*/\s*", "/", text)
    if _CYRILLIC.search(text):
        mapped = text.translate(LOOKALIKES)
        if _CYRILLIC.search(mapped):
            letters = "".join(sorted(set(_CYRILLIC.findall(mapped))))
            raise SymbolError(
                _("“%(text)s” has Cyrillic letters that are not Latin look-alikes (%(letters)s).")
                % {"text": text, "letters": letters}
            )
        text = mapped
    return text


def parse_symbol(text: str) -> Symbol:
    """Parse a UN document symbol, or raise `SymbolError` saying what is wrong."""
    cleaned = normalize_symbol_text(text)
    if not cleaned:
        raise SymbolError(_("A document symbol cannot be empty."))
    if re.search(r"\s", cleaned):
        raise SymbolError(_("“%(text)s”: a symbol has no spaces.") % {"text": cleaned})
    raw = cleaned.split("/")
    if len(raw) < 2:
        raise SymbolError(
            _("“%(text)s”: a symbol has at least two parts separated by “/”.") % {"text": cleaned}
        )
    if any(not part for part in raw):
        raise SymbolError(_("“%(text)s”: a symbol has an empty part.") % {"text": cleaned})

    modifiers: list[str] = []
    while len(raw) > 2 and (match := _MODIFIER.match(raw[-1])):
        name, number = match.groups()
        modifiers.insert(
            0, f"{_MODIFIER_NAMES[name.upper()]}.{number}" if number else _MODIFIER_NAMES[name.upper()]
        )
        raw.pop()
    parts = [part.upper() for part in raw]
    for part in parts:
        if not _COMPONENT.match(part):
            raise SymbolError(
                _("“%(text)s”: “%(part)s” is not a valid part of a symbol.") % {"text": cleaned, "part": part}
            )
    if not parts[0][0].isalpha():
        raise SymbolError(
            _("“%(text)s”: a symbol starts with its series, such as A, E or CTOC.") % {"text": cleaned}
        )

    bodies: list[str] = []
    numbers: list[str] = []
    doc_type = ""
    number = ""
    for part in parts[1:]:
        if typed := _TYPED_NUMBER.match(part):
            doc_type, number = typed.groups()
        elif part in _TYPE_ONLY:
            doc_type = part
        elif part[0].isdigit():
            numbers.append(part)
        elif numbers or doc_type:
            raise SymbolError(
                _("“%(text)s”: the body “%(part)s” comes after the numbers.")
                % {"text": cleaned, "part": part}
            )
        else:
            bodies.append(part)

    year = session = None
    plain = [n for n in numbers if n.isdigit()]
    for candidate in plain:
        if len(candidate) == 4 and 1946 <= int(candidate) <= 2100 and year is None:
            year = int(candidate)
    rest = [n for n in numbers if not (year is not None and n == str(year))]
    if not number and rest:
        number = rest.pop()
    if rest:
        if len(rest) > 1 or not rest[0].isdigit():
            raise SymbolError(_("“%(text)s”: too many numbers in a row.") % {"text": cleaned})
        session = int(rest[0])
    symbol = "/".join(parts + modifiers)
    return Symbol(
        symbol=symbol,
        series=parts[0],
        bodies=tuple(bodies),
        session=session,
        year=year,
        doc_type=doc_type,
        number=number,
        modifiers=tuple(modifiers),
    )


def is_symbol(text: str) -> bool:
    try:
        parse_symbol(text)
    except SymbolError:
        return False
    return True
