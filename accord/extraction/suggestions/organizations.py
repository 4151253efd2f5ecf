"""Organization suggestions: the contract's organizations the registry does not know yet."""

import re
from typing import TYPE_CHECKING

from django.db.models import Q

from accord.extraction.choices import SuggestionKind
from accord.extraction.models import Suggestion
from accord.extraction.suggestions.common import MAX_TEXT, clip, norm, pk_filter
from accord.registry.choices import OrganizationKind
from accord.registry.models import Organization, State

if TYPE_CHECKING:
    from accord.extraction.suggestions.reader import Reader

AUTHORITY_WORDS = re.compile(
    r"министерств|прокуратур|служб|агентств|комитет|ведомств|управлени|суд|ministry|prosecutor|"
    r"agency|service|office|committee|court|authority|commission",
    re.I,
)


def organization_offset(reader: "Reader", forms: list[str]) -> int | None:
    """Where the text names the organization in one of its forms."""
    wanted = {norm(f) for f in forms if f}
    for m in reader.raw_mentions:
        if m.type == "organization" and (norm(m.normal) in wanted or norm(m.text) in wanted):
            return m.begin
    for form in forms:
        index = reader.text.find(form) if form else -1
        if index >= 0:
            return index
    return None


def suggestions(reader: "Reader") -> list[Suggestion]:
    """A new organization per unknown name, placed under the body or state its name contains."""
    from accord.documents.search.analysis import terms

    out = []
    for item in reader.items("organizations"):
        name = clip(item.get("name") or "").strip()
        if item.get("key") or len(name) < 4 or re.match(r"(?i)^the\s", name):
            continue
        aliases = [a for a in item.get("aliases") or [] if isinstance(a, str)]
        if reader.organization_named(name) is not None:
            continue
        parent = state = None
        for match in reader.gazetteer().find(terms(name)):
            if match.entry.kind == "organization":
                parent = Organization.objects.filter(
                    Q(slug=match.entry.key) | pk_filter(match.entry.key)
                ).first()
            elif match.entry.kind == "state" and state is None:
                state = State.objects.filter(iso3=match.entry.key).first()
        if parent is not None and state is None and parent.state_id:
            state = parent.state
        if parent is not None:
            kind = (
                OrganizationKind.NATIONAL_AUTHORITY
                if parent.kind == OrganizationKind.NATIONAL_AUTHORITY
                else OrganizationKind.BODY
            )
        elif state is not None and AUTHORITY_WORDS.search(name):
            kind = OrganizationKind.NATIONAL_AUTHORITY
        else:
            kind = OrganizationKind.OTHER
        abbreviation = next((a for a in aliases if a.isupper() and 2 <= len(a) <= 12 and " " not in a), "")
        offset = organization_offset(reader, [name, *aliases])
        payload = {
            "name": name,
            "abbreviation": abbreviation[:64],
            "aliases": [a[:MAX_TEXT] for a in aliases[:10]],
            "kind": kind,
            "parent": parent.pk if parent else None,
            "parent_name": parent.name if parent else "",
            "state": state.iso3 if state else None,
            "state_name": state.name if state else "",
        }
        confidence = 0.4 + 0.2 * bool(parent) + 0.1 * bool(state)
        label = f"{name} ({parent.name})" if parent else name
        out.append(
            reader.suggestion(
                SuggestionKind.ORGANIZATION, (name,), label, payload, reader.evidence(offset), confidence
            )
        )
    return out
