"""Extraction's initiative suggestions become initiatives (the `suggestion_acceptor` hook).

Extraction is a lower app and cannot import this one; it asks every
installed app's acceptor, and this one answers for initiatives only.
"""

from django.core.exceptions import ValidationError
from django.db.models import Q
from django.utils.translation import gettext as _

from accord.cooperation.models import Initiative, InitiativeSupport
from accord.cooperation.services import add_initiative_support, create_initiative
from accord.core.choices import Topic

PROPOSER_FIELDS = {
    "state": "proposer_state",
    "organization": "proposer_organization",
    "person": "proposer_person",
}


def _resolve(document, name: str) -> tuple[str, object] | None:
    """The registry record a proposer's name stands for: first as the document's own mentions link it, then by name."""
    from accord.registry.models import Alias, Organization, State

    name = (name or "").strip()
    if not name:
        return None
    mention = (
        document.mentions.filter(Q(text__iexact=name) | Q(normal__iexact=name))
        .filter(Q(state__isnull=False) | Q(organization__isnull=False) | Q(person__isnull=False))
        .select_related("state", "organization", "person")
        .first()
    )
    if mention is not None:
        for kind in ("state", "organization", "person"):
            if getattr(mention, f"{kind}_id"):
                return kind, getattr(mention, kind)
    state = State.objects.filter(
        Q(name_ru__iexact=name) | Q(name_en__iexact=name) | Q(iso3__iexact=name)
    ).first()
    if state is not None:
        return "state", state
    organization = Organization.objects.filter(
        Q(name_ru__iexact=name)
        | Q(name_en__iexact=name)
        | Q(abbreviation_ru__iexact=name)
        | Q(abbreviation_en__iexact=name)
    ).first()
    if organization is not None:
        return "organization", organization
    alias = Alias.objects.filter(text__iexact=name).select_related("state", "organization", "person").first()
    if alias is not None:
        for kind in ("state", "organization", "person"):
            if getattr(alias, f"{kind}_id"):
                return kind, getattr(alias, kind)
    return None


def _topics(text: str) -> list[str]:
    from accord.documents.search.analysis import terms
    from accord.extraction.pipeline.topics import topics

    return [t for t in topics(terms(text)) if t in Topic.values]


def _proposed_on(document):
    meeting = document.meeting
    published = document.published_on
    if meeting is None:
        return published
    if published and meeting.start_on <= published <= meeting.last_day:
        return published
    return meeting.start_on


def accept(suggestion, *, acting_user, data: dict) -> Initiative | None:
    """Create the initiative an accepted suggestion proposes (or add support to a known one); None for other kinds."""
    if suggestion.kind != "initiative":
        return None
    document = suggestion.document
    found = _resolve(document, data.get("proposer") or "")
    if found is None:
        raise ValidationError(
            {
                "proposer": _(
                    "“%(name)s” is not a state, organization or person of the registry: correct the proposer."
                )
                % {"name": data.get("proposer") or ""}
            }
        )
    kind, actor = found
    text = (data.get("text") or "").strip()
    meeting = document.meeting
    language = "en" if (suggestion.payload.get("language") or document.language) == "en" else "ru"
    if data.get("verb") == "supported":
        known = Initiative.objects.filter(Q(title_ru__iexact=text) | Q(title_en__iexact=text)).first()
        if known is not None:
            if not known.supports.filter(**{kind: actor}).exists():
                support = InitiativeSupport(
                    initiative=known, meeting=meeting, supported_on=_proposed_on(document), **{kind: actor}
                )
                add_initiative_support(support, acting_user=acting_user)
            known.documents.add(document)
            return known
    initiative = Initiative(
        meeting=meeting,
        proposed_on=_proposed_on(document),
        topics=_topics(text),
        confidentiality=document.confidentiality,
        **{PROPOSER_FIELDS[kind]: actor, f"title_{language}": text[:500]},
    )
    evidence = " … ".join(
        item.get("text", "") for item in suggestion.evidence or [] if isinstance(item, dict)
    )
    note = _("Accepted from the suggestion of “%(document)s”.") % {"document": str(document)[:300]}
    return create_initiative(
        initiative,
        acting_user=acting_user,
        documents=[document],
        **{f"note_{language}": f"{note}\n{evidence}".strip()[:4000]},
    )
