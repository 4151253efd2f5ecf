"""Post suggestions from the contract's persons and their posts, and a new person where no post is named."""

import re
from typing import TYPE_CHECKING

from django.db.models import Q

from accord.extraction.choices import SuggestionKind
from accord.extraction.models import Suggestion
from accord.extraction.suggestions.common import clip, norm, pk_filter
from accord.registry.choices import PostRole
from accord.registry.models import Organization, Person, Post

if TYPE_CHECKING:
    from accord.extraction.suggestions.reader import Reader

HEAD_WORDS = re.compile(
    r"^(генеральн\w+ прокурор|министр|председател|директор|руководител|глав|начальник|президент|"
    r"посол|prosecutor general|minister|chair|director|head|president|ambassador|secretary-general)",
    re.I,
)
DEPUTY_WORDS = re.compile(r"^(перв\w+ )?(заместител|замести|deputy|vice)", re.I)


def post_role(title: str) -> str:
    """Head, deputy or other, from the title's first words."""
    if DEPUTY_WORDS.search(title):
        return PostRole.DEPUTY
    if HEAD_WORDS.search(title):
        return PostRole.HEAD
    return PostRole.OTHER


def split_name(name: str, surname: str, language: str) -> dict:
    """Given name and patronymic around the surname: «Александр Гуцан», «Гуцан Александр Викторович»."""
    parts = [p for p in name.replace(".", ". ").split() if p]
    stem = norm(surname)[: max(4, len(surname) - 1)]
    others = [p for p in parts if not norm(p).startswith(stem)]  # «Юлдашевым» is the surname too
    given = others[0] if others else ""
    patronymic = others[1] if len(others) > 1 and language == "ru" else ""
    return {"family_name": surname, "given_name": given, "patronymic": patronymic}


def person_offset(reader: "Reader", name: str, surname: str) -> int | None:
    """Where the text names the person: a person mention with the surname's stem, else the name itself."""
    stem = norm(surname)[:5]
    for m in reader.raw_mentions:
        if m.type == "person" and stem and (stem in norm(m.text) or stem in norm(m.normal)):
            return m.begin
    for probe in (name, surname):
        if probe:
            index = reader.text.find(probe)
            if index >= 0:
                return index
    if len(stem) >= 4:
        index = reader.text.lower().replace("ё", "е").find(stem)
        return index if index >= 0 else None
    return None


def person_record(reader: "Reader", name: str, surname: str) -> Person | None:
    """The registered person: one the pipeline linked, else the only one with that surname (and given name)."""
    stem = norm(surname)[:5]
    for m in reader.raw_mentions:
        named = stem and (stem in norm(m.text) or stem in norm(m.normal))
        if m.type == "person" and named and m.key in reader.persons:
            return reader.persons[m.key]
    if not surname:
        return None
    candidates = list(
        Person.objects.filter(Q(family_name_ru__iexact=surname) | Q(family_name_en__iexact=surname))[:5]
    )
    given = norm(name.split()[0]) if len(name.split()) > 1 else ""
    if given:
        exact = [p for p in candidates if given in (norm(p.given_name_ru), norm(p.given_name_en))]
        candidates = exact or candidates
    return candidates[0] if len(candidates) == 1 else None


def post_organization(reader: "Reader", post: dict, title: str, person: Person | None) -> Organization | None:
    """The organization of a post: as named, else one the title names, else where that title or person is."""
    named = reader.organization_named(post.get("organization") or "")
    if named is not None:
        return named
    from accord.documents.search.analysis import terms

    state_code = post.get("state") or ""
    for match in reader.gazetteer().find(terms(title)):
        if match.entry.kind == "organization":
            org = Organization.objects.filter(Q(slug=match.entry.key) | pk_filter(match.entry.key)).first()
            if org is not None:
                return org
        if match.entry.kind == "state" and not state_code:
            state_code = match.entry.key
    same_title = (
        Post.objects.filter(Q(title_ru__iexact=title) | Q(title_en__iexact=title))
        .select_related("organization")
        .order_by("-start_on")
        .first()
    )
    if same_title is not None:
        return same_title.organization
    if person is not None and state_code:
        held = person.posts.filter(organization__state__iso3=state_code).select_related("organization")
        first = held.order_by("-start_on").first()
        if first is not None:
            return first.organization
    return None


def suggestions(reader: "Reader") -> list[Suggestion]:
    """A post per titled post of each person; a new person when the text gives a full name and no post."""
    out = []
    for item in reader.items("persons"):
        name = clip(item.get("name") or "", 300).strip()
        surname = clip(item.get("surname") or (name.split()[-1] if name else ""), 200).strip()
        if not surname:
            continue
        record = person_record(reader, name, surname)
        offset = person_offset(reader, name, surname)
        evidence = reader.evidence(offset)
        names = split_name(name, surname, reader.language)
        person_name = record.name if record else name or surname
        posts = [p for p in item.get("posts") or [] if isinstance(p, dict) and p.get("title")]
        for post in posts:
            title = clip(post["title"]).strip()
            organization = post_organization(reader, post, title, record)
            payload = {
                "person": record.pk if record else None,
                "person_name": person_name,
                **names,
                "organization": organization.pk if organization else None,
                "organization_name": organization.name if organization else clip(post.get("organization")),
                "title": title,
                "role": post_role(title),
                "held_on": reader.published.isoformat() if reader.published else None,
                "start_on": None,
                "end_on": None,
            }
            confidence = 0.55 + 0.2 * bool(record) + 0.15 * bool(organization)
            out.append(
                reader.suggestion(
                    SuggestionKind.POST,
                    (record.pk if record else surname, title),
                    f"{person_name} — {title}",
                    payload,
                    evidence,
                    confidence,
                )
            )
        if not posts and record is None and len(name.split()) >= 2:
            out.append(
                reader.suggestion(
                    SuggestionKind.PERSON,
                    (name,),
                    name,
                    {**names, "person_name": name},
                    evidence,
                    0.45,
                )
            )
    return out
