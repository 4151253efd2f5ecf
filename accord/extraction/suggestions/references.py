"""Reference suggestions: the document symbols a text cites, other than its own."""

from typing import TYPE_CHECKING

from accord.extraction.choices import SuggestionKind
from accord.extraction.models import Suggestion

if TYPE_CHECKING:
    from accord.extraction.suggestions.reader import Reader


def suggestions(reader: "Reader") -> list[Suggestion]:
    """A reference per cited symbol, with the sentence that cites it."""
    out = []
    contract = reader.contract
    references = contract.get("references") if isinstance(contract.get("references"), dict) else {}
    own = (reader.document.symbol or "").upper()
    for symbol in references.get("symbols") or []:
        if not isinstance(symbol, str) or not symbol.strip() or symbol.upper() == own:
            continue
        symbol = symbol.strip()[:120]
        offset = next(
            (m.begin for m in reader.raw_mentions if m.type == "symbol" and m.normal == symbol), None
        )
        out.append(
            reader.suggestion(
                SuggestionKind.REFERENCE,
                (symbol.upper(),),
                symbol,
                {"symbol": symbol},
                reader.evidence(offset),
                0.8,
            )
        )
    return out
