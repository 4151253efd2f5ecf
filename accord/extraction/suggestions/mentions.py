"""Mention rows from the pipeline's spans, linked to the registry records their keys name."""

from typing import TYPE_CHECKING

from accord.extraction.choices import MentionMethod, MentionType
from accord.extraction.models import Mention
from accord.extraction.suggestions.common import clip, unit

if TYPE_CHECKING:
    from accord.extraction.suggestions.reader import Reader


def mentions(reader: "Reader") -> list[Mention]:
    """One unsaved row per span of a known type; an unknown method counts as a rule's."""
    rows = []
    types = set(MentionType.values)
    methods = set(MentionMethod.values)
    for m in reader.raw_mentions:
        if m.type not in types:
            continue
        key = str(m.key or "")
        row = Mention(
            document=reader.document,
            begin=m.begin,
            end=m.end,
            type=m.type,
            text=clip(m.text or reader.text[m.begin : m.end]),
            normal=clip(m.normal),
            key=key[:120],
            method=m.method if m.method in methods else MentionMethod.RULE,
            confidence=unit(m.confidence),
        )
        if key and m.type == MentionType.STATE:
            row.state = reader.states.get(key)
        elif key and m.type == MentionType.ORGANIZATION:
            row.organization = reader.organizations.get(key)
        elif key and m.type == MentionType.PERSON:
            row.person = reader.persons.get(key)
        rows.append(row)
    return rows
