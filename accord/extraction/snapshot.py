"""Builds the pipeline's gazetteer from the registry (the one place extraction reads the ORM)."""

import functools

from django.db.models import Count, Max

from accord.documents.search.analysis import terms as analyze
from accord.extraction.pipeline.gazetteer import Entry, Gazetteer, PostRecord
from accord.registry.choices import AliasKind
from accord.registry.models import Alias, Organization, Person, Post, State


def _signature() -> tuple:
    return tuple(
        tuple(model.objects.aggregate(n=Count("pk"), t=Max("updated_at")).values())
        for model in (Alias, Organization, State, Person, Post)
    )


def gazetteer() -> Gazetteer:
    return _build(_signature())


@functools.lru_cache(maxsize=2)
def _build(signature: tuple) -> Gazetteer:
    entries: dict[tuple[str, object], Entry] = {}
    for state in State.objects.all():
        entries[("state", state.pk)] = Entry(
            "state",
            state.iso3,
            state.name_ru,
            state.name_en,
            [state.official_name_ru, state.official_name_en],
        )
    places: dict[str, Entry] = {}
    for org in Organization.objects.select_related("state", "parent"):
        entries[("organization", org.pk)] = Entry(
            "organization",
            org.slug or str(org.pk),
            org.name_ru,
            org.name_en,
            [a for a in (org.abbreviation_ru, org.abbreviation_en) if a],
            state=org.state.iso3 if org.state_id else "",
            parent=(org.parent.slug or str(org.parent_id)) if org.parent_id else "",
        )
    for person in Person.objects.all():
        names = [
            f"{g} {f}"
            for g, f in (
                (person.given_name_ru, person.family_name_ru),
                (person.given_name_en, person.family_name_en),
            )
            if g and f
        ]
        entries[("person", person.pk)] = Entry(
            "person",
            str(person.pk),
            names[0] if names else person.family_name_ru,
            names[-1] if names else "",
            names,
        )
    for alias in Alias.objects.select_related("state"):
        if alias.state_id and alias.kind == AliasKind.CAPITAL:
            # A capital is a place; «Москва заявила» as the state is left to context.
            if alias.language == "ru" and alias.text[:1].isupper():
                place = places.setdefault(
                    alias.state.iso3 + "-ru",
                    Entry("place", alias.text, alias.text, "", [], state=alias.state.iso3),
                )
                place.aliases.append(alias.text)
            elif alias.language == "en":
                places.setdefault(
                    alias.state.iso3 + "-en",
                    Entry("place", alias.text, "", alias.text, [], state=alias.state.iso3),
                )
            continue
        key = (
            ("state", alias.state_id)
            if alias.state_id
            else (
                ("organization", alias.organization_id)
                if alias.organization_id
                else ("person", alias.person_id)
            )
        )
        if key in entries:
            entries[key].aliases.append(alias.text)
    posts = [
        PostRecord(
            str(post.person_id),
            post.title_ru,
            post.title_en,
            post.organization.slug or str(post.organization_id),
            post.organization.state.iso3 if post.organization.state_id else "",
            post.start_on,
            post.end_on,
        )
        for post in Post.objects.select_related("organization__state")
    ]
    return Gazetteer([*entries.values(), *places.values()], analyze, posts)
