"""References in a text: UN document symbols and the resolutions and decisions it cites.

- `find_symbols(text)`: «CTOC/COP/WG.10/2019/5», "E/CN.15/2020/L.3/Rev.1", also
  typed with Cyrillic look-alike letters («СТОС/СОР/2020/1»), each parsed by
  `accord.documents.symbols.parse_symbol` into its Latin upper-case form.
- `find_mandates(text, symbols)`: the numbers after «резолюция», «решением»,
  "resolutions … and …", "decision": «9/1», "2004/23", each in a list perhaps
  with its date ("12/3 of 5 May 2001"); and, in a text that speaks of
  resolutions or decisions, the numbers a table of contents lists before
  their titles («5/1. О …»).

A symbol has at least three parts: two-part strings («МОТ/2020», "TCP/IP")
are more often something else. A mandate number needs its keyword, so
«12/2021» alone, a page «2/3» or the tail of a symbol is not one.
"""

import re

from accord.documents.symbols import SymbolError, parse_symbol

# A series in capitals, then parts separated by slashes: WG.10, 2019, L.3, Rev.1, Add.2.
SYMBOL_CANDIDATE = re.compile(
    r"(?<![\w/.\-])[A-ZА-ЯЁ][A-ZА-ЯЁ0-9.\-]*(?:/[A-Za-zА-Яа-яЁё0-9.\-]+){2,9}(?![\w/])"
)

_NUMBER = r"(?<![\w/.])(?:\d{1,3}|19[4-9]\d|20\d\d)/\d{1,3}(?![\w/]|[.,]\d)"
_KEYWORD = r"резолюци[яиюейх]\w*|решени[еяюийм]\w*|resolutions?|decisions?"
# Between the keyword and the number, Russian may name the body: «резолюции Генеральной Ассамблеи ООН 58/4».
_BODY_WORD = r"(?:(?-i:[А-ЯЁA-Z])[\w\-]*|государств|участников|[-–—])"
_NUMBER_SIGN = r"(?:№|No\.?|Nos\.?|nos?\.)"
_JOIN = r"(?:\s*,\s*|\s*[-–—]\s*|\s+(?:и|а\s+также|and|as\s+well\s+as|&)\s+|,\s+(?:и|and)\s+)"
# A number in a list may carry its date and a footnote mark: "54/1 of 2 May 2001 3, 55/2 …".
_DATED = r"(?:\s+(?:of|от)\s+\d{1,2}\s+[^\W\d]+\.?,?\s+(?:19|20)\d\d(?:\s*(?:года|г\.))?)?"
_FOOTNOTE = r"(?:\s+\d{1,2}(?![\d/.,]))?"
_ITEM = rf"{_NUMBER}{_DATED}{_FOOTNOTE}"
MANDATE = re.compile(
    rf"\b(?P<keyword>{_KEYWORD})(?:\s+{_BODY_WORD}){{0,6}}\s+(?:{_NUMBER_SIGN}\s*)?"
    rf"(?P<numbers>{_ITEM}(?:{_JOIN}(?:{_NUMBER_SIGN}\s*)?(?:\d{{1,2}}\s+(?=\d+/))?{_ITEM})*)",
    re.I,
)
_NUMBER_IN_LIST = re.compile(_NUMBER)
# A table of contents lists numbers far from their keyword, each before its title: «5/1. О …», "5/2. On …".
CONTENTS_ITEM = re.compile(rf"(?:^|(?<=\s))(?P<number>{_NUMBER})\.\s+[«\"“]?(?-i:[A-ZА-ЯЁ])", re.M)
_ANY_KEYWORD = re.compile(rf"\b(?:{_KEYWORD})", re.I)


def find_symbols(text: str) -> list[tuple[int, int, str]]:
    """(begin, end, symbol) for each UN document symbol, in text order, the symbol in Latin capitals."""
    found = []
    for match in SYMBOL_CANDIDATE.finditer(text):
        candidate = match.group().rstrip(".,;:-")
        if not re.search(r"\d", candidate) or candidate.count("/") < 2:
            continue
        try:
            symbol = parse_symbol(candidate).symbol
        except SymbolError:
            continue
        found.append((match.start(), match.start() + len(candidate), symbol))
    return found


def find_mandates(text: str, symbols: list[tuple[int, int, str]] | None = None) -> list[tuple[int, int, str]]:
    """(begin, end, number) for each resolution or decision number the text cites, in text order.

    «резолюции 10/1 и 10/2» gives two numbers; numbers inside the `symbols`
    found by `find_symbols` are left out.
    """
    taken = [(begin, end) for begin, end, _symbol in (symbols or [])]
    found = []
    for match in MANDATE.finditer(text):
        offset = match.start("numbers")
        for number in _NUMBER_IN_LIST.finditer(match.group("numbers")):
            begin, end = offset + number.start(), offset + number.end()
            if not any(b < end and begin < e for b, e in taken):
                found.append((begin, end, number.group()))
    if _ANY_KEYWORD.search(text):
        seen = {(begin, end) for begin, end, _number in found}
        for match in CONTENTS_ITEM.finditer(text):
            begin, end = match.span("number")
            if (begin, end) not in seen and not any(b < end and begin < e for b, e in taken):
                found.append((begin, end, match.group("number")))
    return sorted(found)
