"""Initiative suggestions: what someone proposed, supported or invited, in the text or at one of its events."""

from typing import TYPE_CHECKING

from accord.extraction.choices import SuggestionKind
from accord.extraction.models import Suggestion
from accord.extraction.suggestions.common import clip, unit

if TYPE_CHECKING:
    from accord.extraction.suggestions.reader import Reader

VERBS = ("proposed", "supported", "invited")


def suggestions(reader: "Reader") -> list[Suggestion]:
    """An initiative per proposal with a text, its proposer as the text names it."""
    proposals = [p for p in reader.contract.get("proposals") or [] if isinstance(p, dict)]
    for event in reader.items("events"):
        proposals.extend(p for p in event.get("proposals") or [] if isinstance(p, dict))
    out = []
    for proposal in proposals:
        text = clip(proposal.get("text") or "").strip()
        if not text:
            continue
        proposer = clip(proposal.get("proposer") or "", 300)
        if isinstance(proposal.get("proposer"), dict):
            proposer = clip(proposal["proposer"].get("name") or "", 300)
        verb = proposal.get("verb") if proposal.get("verb") in VERBS else "proposed"
        offset = proposal.get("begin") if isinstance(proposal.get("begin"), int) else None
        evidence = reader.evidence(offset)
        if not evidence and isinstance(proposal.get("evidence"), str) and proposal["evidence"].strip():
            evidence = [{"text": proposal["evidence"][:2000], "begin": offset or 0, "end": offset or 0}]
        payload = {
            "proposer": proposer,
            "proposer_kind": clip(proposal.get("proposer_kind") or "", 20),
            "verb": verb,
            "text": text,
        }
        out.append(
            reader.suggestion(
                SuggestionKind.INITIATIVE,
                (proposer, verb, text[:200]),
                f"{proposer}: {text}" if proposer else text,
                payload,
                evidence,
                unit(proposal.get("confidence", 0.5)),
            )
        )
    return out
