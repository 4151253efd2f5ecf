"""Builds the pipeline's gazetteer from the registry (the one place extraction reads the ORM).

The names come from the registry's name index (`accord.registry.names`, which
documents search reads too); the posts, which only extraction needs, from here.
"""

import functools

from django.db.models import Count, Max

from accord.documents.search.analysis import terms as analyze
from accord.extraction.pipeline.gazetteer import Entry, Gazetteer, PostRecord
from accord.registry.choices import AliasKind
from accord.registry.models import Post
from accord.registry.names import ORGANIZATION, PERSON, STATE, NameIndex, name_index


def _posts_signature() -> tuple:
    return tuple(Post.objects.aggregate(n=Count("pk"), t=Max("updated_at")).values())


def gazetteer() -> Gazetteer:
    return _build(name_index(), _posts_signature())


def _entry(record) -> Entry:
    if record.kind == STATE:
        return Entry(STATE, record.key, record.name_ru, record.name_en, list(record.other_names))
    if record.kind == ORGANIZATION:
        return Entry(
            ORGANIZATION,
            record.key,
            record.name_ru,
            record.name_en,
            list(record.other_names),
            state=record.state,
            parent=record.parent,
        )
    names = list(record.other_names)  # a person's full names
    return Entry(PERSON, record.key, names[0] if names else record.name_ru, names[-1] if names else "", names)


@functools.lru_cache(maxsize=2)
def _build(names: NameIndex, posts_signature: tuple) -> Gazetteer:
    entries = {owner: _entry(record) for owner, record in names.records.items()}
    places: dict[str, Entry] = {}
    for alias in names.aliases:
        if alias.owner[0] == STATE and alias.kind == AliasKind.CAPITAL:
            # A capital is a place; «Москва заявила» as the state is left to context.
            iso3 = names.records[alias.owner].key
            if alias.language == "ru" and alias.text[:1].isupper():
                place = places.setdefault(
                    iso3 + "-ru", Entry("place", alias.text, alias.text, "", [], state=iso3)
                )
                place.aliases.append(alias.text)
            elif alias.language == "en":
                places.setdefault(iso3 + "-en", Entry("place", alias.text, "", alias.text, [], state=iso3))
            continue
        entries[alias.owner].aliases.append(alias.text)
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
