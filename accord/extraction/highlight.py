"""A document's text cut into plain and highlighted pieces for the entities page."""

from dataclasses import dataclass

from django.utils.translation import gettext as _

from accord.documents.ingest.text import normalize
from accord.documents.models import Document
from accord.extraction.choices import MentionMethod, MentionType
from accord.registry.models import Person

TYPE_CSS = {
    MentionType.STATE: "bg-primary-subtle",
    MentionType.ORGANIZATION: "bg-success-subtle",
    MentionType.PERSON: "bg-warning-subtle",
    MentionType.PLACE: "bg-info-subtle",
    MentionType.DATE: "bg-secondary-subtle",
    MentionType.SYMBOL: "bg-danger-subtle",
    MentionType.MANDATE: "bg-danger-subtle",
    MentionType.EVENT: "bg-body-secondary",
}


@dataclass
class Segment:
    text: str
    mention: object = None
    url: str = ""
    title: str = ""
    css: str = ""


def analyzed_text(document: Document, extraction) -> tuple[str, bool]:
    """The text the offsets refer to, and whether the document's text changed since extraction."""
    text = document.text or ""
    if extraction is None or Document.hash_text(text) == extraction.text_hash:
        return text, False
    normalized = normalize(text)
    if Document.hash_text(normalized) == extraction.text_hash:
        return normalized, False
    return text, True


def visible_people(mentions, user) -> set[int]:
    """Linked people the reader may see (the public does not see non-public people's records)."""
    ids = {m.person_id for m in mentions if m.person_id}
    if not ids:
        return set()
    return set(Person.objects.visible_to(user).filter(pk__in=ids).values_list("pk", flat=True))


def record_of(mention, people: set[int]):
    if mention.person_id:
        return mention.person if mention.person_id in people else None
    return mention.state or mention.organization


def segments(text: str, mentions, user) -> list[Segment]:
    """Plain and highlighted pieces in text order; a span inside another one is left to the outer one."""
    people = visible_people(mentions, user)
    pieces, position = [], 0
    for mention in sorted(mentions, key=lambda m: (m.begin, -m.end)):
        if mention.begin < position or mention.end > len(text):
            continue
        if mention.begin > position:
            pieces.append(Segment(text[position : mention.begin]))
        record = record_of(mention, people)
        name = str(record) if record is not None else mention.normal or mention.text
        title = _("%(type)s: %(name)s · %(method)s, confidence %(confidence)s%%") % {
            "type": mention.get_type_display(),
            "name": name,
            "method": MentionMethod(mention.method).label if mention.method in MentionMethod.values else "",
            "confidence": round(mention.confidence * 100),
        }
        pieces.append(
            Segment(
                text[mention.begin : mention.end],
                mention,
                record.get_absolute_url() if record is not None else "",
                title,
                TYPE_CSS.get(mention.type, "bg-body-secondary"),
            )
        )
        position = mention.end
    if position < len(text):
        pieces.append(Segment(text[position:]))
    return pieces


def legend(mentions) -> list[dict]:
    counts: dict[str, int] = {}
    for mention in mentions:
        counts[mention.type] = counts.get(mention.type, 0) + 1
    return [
        {"type": value, "label": label, "css": TYPE_CSS[value], "count": counts.get(value, 0)}
        for value, label in MentionType.choices
        if value != MentionType.EVENT or counts.get(value)
    ]


def entity_table(mentions, people: set[int]) -> list[dict]:
    """Each thing the text names once: type, normal form, linked record, how often."""
    rows: dict[tuple, dict] = {}
    for mention in mentions:
        record = record_of(mention, people)
        key = (mention.type, record.pk if record is not None else mention.normal or mention.text)
        row = rows.setdefault(
            key,
            {"mention": mention, "record": record, "count": 0, "css": TYPE_CSS.get(mention.type, "")},
        )
        row["count"] += 1
    return sorted(rows.values(), key=lambda r: (r["mention"].type, r["mention"].begin))
