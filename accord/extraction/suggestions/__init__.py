"""From a pipeline `Analysis` to unsaved mentions and suggestions: how the contract is read.

The pipeline names things by registry keys and by the words of the text; this
package turns them into rows: mentions linked to the records their keys name,
and suggestions whose payloads hold what accepting would write (ids of known
records, names of new ones) with the sentences that support them. It reads
the registry but writes nothing; `services.store_analysis` stores the result.
Everything the contract may lack (a body, a place's country, participants)
is looked for in the mentions of the same sentence, and left empty otherwise.

`reader.Reader` holds what every builder asks of one analysis (the registry
records its keys name, the sentences, the evidence) and runs one builder per
kind, each in its own module: `meetings` (meetings and the participations a
registered meeting lacks), `posts` (posts and new people), `organizations`,
`references` and `initiatives`; `mentions` turns the spans into rows.
"""

from accord.extraction.suggestions.common import event_period, fingerprint, norm, parse_date
from accord.extraction.suggestions.reader import Built, Reader, build

__all__ = ["Built", "Reader", "build", "event_period", "fingerprint", "norm", "parse_date"]
