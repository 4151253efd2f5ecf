"""English lists of bodies: coordinated names cut apart, plural names spread over the states they list.

The chunker reads "the Office of A and the Ministry of B" as one run of
capitalized words; when both sides of "and" carry a body's head noun they
are two bodies. "The Prosecutor's Offices of A, B and C" names one office
per state, as the annotation conventions do for «генеральные прокуратуры
Киргизии и Таджикистана»; a plural that names no state ("the two Offices")
names no body.
"""

from __future__ import annotations

import difflib
import re
from typing import TYPE_CHECKING

from accord.extraction.pipeline.organizations import ORG_HEADS_EN, OrgSpan

if TYPE_CHECKING:
    from accord.extraction.pipeline.stages import Text

_WORD = re.compile(r"[^\W\d_][\w’'-]*")
# Plurals of the heads of bodies' names: "Offices" → "Office", "Ministries" → "Ministry".
_PLURAL_HEADS = {
    (
        head[:-1] + "ies" if head.endswith("y") else head + "es" if head.endswith(("s", "ch")) else head + "s"
    ): (head.capitalize())
    for head in ORG_HEADS_EN
    if not head.endswith("s")
}
_PLURAL_BODY = re.compile(
    r"\b((?:[A-Z][\w’'-]*\s+){0,4}?(?:[A-Z][\w’'-]*[’']s\s+)?)("
    + "|".join(w.capitalize() for w in _PLURAL_HEADS)
    + r")"
    r"\s+of\s+"
)


def _has_head(text: str) -> bool:
    words = [re.sub(r"[’']s$", "", w.lower()) for w in _WORD.findall(text)]
    return any(w in ORG_HEADS_EN or w in _PLURAL_HEADS for w in words)


def split_coordinated(text: str, chunks: list[OrgSpan]) -> list[OrgSpan]:
    """Chunks cut at "and" where both sides name a body; a plural body before a list of states is left out."""
    out = []
    for chunk in chunks:
        pieces = [(chunk.begin, chunk.end)]
        for m in re.finditer(r"\s+and\s+(?:the\s+)?", text[chunk.begin : chunk.end]):
            begin, end = pieces[-1]
            left_end, right_begin = chunk.begin + m.start(), chunk.begin + m.end()
            if left_end <= begin or right_begin >= end:
                continue
            left, right = text[begin:left_end], text[right_begin:end]
            if _has_head(left) and _has_head(right) and right[:1].isupper():
                pieces[-1] = (begin, left_end)
                pieces.append((right_begin, end))
        for begin, end in pieces:
            piece = text[begin:end]
            if _PLURAL_BODY.match(piece) and not _has_head(_PLURAL_BODY.sub("", piece, count=1)):
                continue  # "Audit Chambers of Ruritania": spread over its states by `plural_bodies`
            if len(pieces) == 1:
                out.append(chunk)
            else:
                out.append(OrgSpan(begin, end, piece, chunk.method, chunk.anchored, chunk.head))
    return out


def plural_bodies(doc: Text, known: list[str]) -> list[tuple[str, int, int]]:
    """(name, begin, end) of one body per state after a plural name: "the Offices of A, B and C".

    A state's body the text (or the registry) already names, in other words, is not repeated (`known`).
    """
    states = sorted(
        (doc.tokens[m.first].begin, doc.tokens[m.last - 1].end)
        for m in doc.matches
        if m.entry.kind == "state"
    )
    found = []
    for m in _PLURAL_BODY.finditer(doc.text):
        items = _listed_names(doc.text, m.end())
        if len(items) < 2 or sum(any(b < i[1] and i[0] < e for b, e in states) for i in items) * 2 < len(
            items
        ):
            continue  # a list of states, not "the Offices of Prosecutors and Judges"
        head = (m.group(1) + _PLURAL_HEADS[m.group(2).lower()]).strip()
        for begin, end in items:
            name = f"{head} of {doc.text[begin:end]}"
            if any(_similar(name, other) for other in known):
                continue
            found.append((name, begin, end))
    return found


def _listed_names(text: str, position: int) -> list[tuple[int, int]]:
    """Spans of the capitalized names listed from `position`: "A, the B C and D"."""
    items = []
    item = re.compile(r"(?:the\s+)?([A-Z][\w’'-]*(?:\s+(?:of\s+)?[A-Z][\w’'-]*){0,3})")
    separator = re.compile(r"\s*,\s*(?:and\s+)?|\s+and\s+")
    while True:
        m = item.match(text, position)
        if not m:
            break
        items.append((m.start(1) if not m.group().startswith("the ") else m.start(), m.end(1)))
        gap = separator.match(text, m.end())
        if not gap:
            break
        last = "and" in gap.group()
        position = gap.end()
        if last:
            m = item.match(text, position)
            if m:
                items.append((m.start(1) if not m.group().startswith("the ") else m.start(), m.end(1)))
            break
    return items


def _similar(a: str, b: str) -> bool:
    fold = str.maketrans("’", "'")
    a, b = a.lower().translate(fold), b.lower().translate(fold)
    return a == b or difflib.SequenceMatcher(None, a, b).ratio() >= 0.85
