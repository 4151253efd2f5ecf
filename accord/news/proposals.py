"""What a news item names, read by the extraction pipeline: the records its links are proposed to.

The pipeline reads the item's plain text (title, lead and body, each
language apart) with the registry's gazetteer; its mentions name states by
ISO3 code, organizations by slug and people by id, and its events are matched
to meetings already in the registry the way extraction matches them (same
days, same body or, without one, the same city). Nothing is written here.
"""

import datetime
from dataclasses import dataclass

from django.utils import timezone

from accord.news.sanitize import plain_text

MATCHED_TEXT_LIMIT = 300


@dataclass(frozen=True)
class Named:
    """A record the text names and the words that name it."""

    field: str  # state | organization | person | meeting
    record: object
    matched_text: str


def item_texts(item) -> list[tuple[str, str]]:
    """(language, plain text) for each language the item is written in."""
    texts = []
    for language in ("ru", "en"):
        parts = [
            getattr(item, f"title_{language}", ""),
            getattr(item, f"lead_{language}", ""),
            plain_text(getattr(item, f"body_{language}", "")),
        ]
        text = "\n\n".join(p.strip() for p in parts if p and p.strip())
        if text:
            texts.append((language, text))
    return texts


def analyses(item) -> list[tuple[str, datetime.date, object]]:
    """(language, day, analysis) of each language version; relative days are dated from the publication day."""
    from accord.extraction.pipeline.assemble import analyze
    from accord.extraction.snapshot import gazetteer

    texts = item_texts(item)
    if not texts:
        return []
    registry = gazetteer()
    day = timezone.localdate(item.published_at) if item.published_at else timezone.localdate()
    return [
        (language, day, analyze(f"news-{item.pk}-{language}", text, registry, day))
        for language, text in texts
    ]


@dataclass(frozen=True)
class _Source:
    """What extraction's reader asks of the text's source: its language and day (a news item has no symbol)."""

    language: str
    published_on: datetime.date
    symbol: str = ""


def named_records(item) -> list[Named]:
    """The states, bodies, people and meetings the item's text names, each once, in the order found.

    Records and meetings are resolved by extraction's own reader, as for a document's suggestions.
    """
    from accord.extraction.suggestions import Reader

    named: dict[tuple[str, int], Named] = {}
    for language, day, analysis in analyses(item):
        reader = Reader(_Source(language, day), analysis)
        found = {"state": reader.states, "organization": reader.organizations, "person": reader.persons}
        for mention in reader.raw_mentions:
            record = found.get(mention.type, {}).get(str(mention.key)) if mention.key else None
            if record is not None:
                named.setdefault(
                    (mention.type, record.pk), Named(mention.type, record, mention.text[:MATCHED_TEXT_LIMIT])
                )
        for event in reader.events():
            meeting = reader.registered_meeting(event)
            if meeting is not None:
                words = event.get("title") or event.get("evidence") or str(meeting)
                named.setdefault(
                    ("meeting", meeting.pk), Named("meeting", meeting, str(words)[:MATCHED_TEXT_LIMIT])
                )
    return list(named.values())
