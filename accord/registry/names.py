"""Every name the registry knows, in one index: states, organizations and persons with their aliases.

Documents search (a name in a query stands for all the names of its record)
and extraction's gazetteer (names found in texts) both read the registry's
names; they read them here, with one query per table, kept until a name
changes. Each turns the records into its own structure (search terms, pipeline
entries): this module knows the registry, not how its names are matched.

A record's `key` is how the rest of Accord refers to it without the database:
a state's ISO3 code, an organization's slug (or its id), a person's id.
"""

import functools
import time
from dataclasses import dataclass

from django.db.models import Count, Max

from accord.registry.models import Alias, Organization, Person, State

#: How the index names its records.
STATE, ORGANIZATION, PERSON = "state", "organization", "person"


@dataclass(frozen=True)
class AliasName:
    """One alias (псевдоним) as the index keeps it, with the record it names."""

    owner: tuple[str, int]  # (kind, pk) of the record
    text: str
    kind: str  # AliasKind
    language: str


@dataclass(frozen=True)
class NamedRecord:
    """A state, organization or person with the names it goes by.

    `name_ru`/`name_en` are its names in each language: for a person the full
    name ("given family") when both parts are known, else the family name.
    `other_names` are the record's further names as stored: a state's official
    names in Russian and English (empty when unknown), an organization's
    abbreviations (those it has), a person's full names (those complete).
    """

    kind: str
    pk: int
    key: str
    name_ru: str
    name_en: str
    other_names: tuple[str, ...] = ()
    aliases: tuple[AliasName, ...] = ()
    state: str = ""  # an organization's state (ISO3)
    parent: str = ""  # an organization's parent (its key)

    def names(self) -> set[str]:
        """Every complete name of the record, without its aliases; a family name alone is not one."""
        if self.kind == PERSON:
            return set(self.other_names)
        return {self.name_ru, self.name_en, *self.other_names} - {""}


@dataclass(frozen=True, eq=False)
class NameIndex:
    """The registry's names at one moment; compared (and cached by its users) by identity."""

    records: dict[tuple[str, int], NamedRecord]  # states, organizations, persons, each in registry order
    aliases: tuple[AliasName, ...]  # every alias, in registry order (by text)

    def of_kind(self, kind: str) -> list[NamedRecord]:
        return [record for record in self.records.values() if record.kind == kind]


def _signature() -> tuple:
    """Changes whenever a name does (a row added, changed or removed), so the index is rebuilt only then."""
    return tuple(
        tuple(model.objects.aggregate(n=Count("pk"), t=Max("updated_at")).values())
        for model in (Alias, Organization, State, Person)
    )


def _full_name(given: str, family: str) -> str:
    return f"{given} {family}" if given and family else ""


@functools.lru_cache(maxsize=2)
def _build(signature: tuple) -> NameIndex:
    fields: dict[tuple[str, int], dict] = {}
    for pk, iso3, name_ru, name_en, official_ru, official_en in State.objects.values_list(
        "pk", "iso3", "name_ru", "name_en", "official_name_ru", "official_name_en"
    ):
        fields[(STATE, pk)] = {
            "key": iso3,
            "name_ru": name_ru,
            "name_en": name_en,
            "other_names": (official_ru, official_en),
        }
    organizations = Organization.objects.values_list(
        "pk",
        "slug",
        "name_ru",
        "name_en",
        "abbreviation_ru",
        "abbreviation_en",
        "state__iso3",
        "parent_id",
        "parent__slug",
    )
    for pk, slug, name_ru, name_en, abbr_ru, abbr_en, state, parent_id, parent_slug in organizations:
        fields[(ORGANIZATION, pk)] = {
            "key": slug or str(pk),
            "name_ru": name_ru,
            "name_en": name_en,
            "other_names": tuple(a for a in (abbr_ru, abbr_en) if a),
            "state": state or "",
            "parent": (parent_slug or str(parent_id)) if parent_id else "",
        }
    for pk, family_ru, given_ru, family_en, given_en in Person.objects.values_list(
        "pk", "family_name_ru", "given_name_ru", "family_name_en", "given_name_en"
    ):
        full_ru, full_en = _full_name(given_ru, family_ru), _full_name(given_en, family_en)
        fields[(PERSON, pk)] = {
            "key": str(pk),
            "name_ru": full_ru or family_ru,
            "name_en": full_en or family_en,
            "other_names": tuple(n for n in (full_ru, full_en) if n),
        }
    aliases = []
    by_owner: dict[tuple[str, int], list[AliasName]] = {}
    for text, kind, language, state_id, organization_id, person_id in Alias.objects.values_list(
        "text", "kind", "language", "state_id", "organization_id", "person_id"
    ):
        owner = (
            (STATE, state_id)
            if state_id
            else ((ORGANIZATION, organization_id) if organization_id else (PERSON, person_id))
        )
        if owner not in fields:
            continue  # its record was added after the records were read
        alias = AliasName(owner, text, kind, language)
        aliases.append(alias)
        by_owner.setdefault(owner, []).append(alias)
    records = {
        owner: NamedRecord(owner[0], owner[1], aliases=tuple(by_owner.get(owner, ())), **values)
        for owner, values in fields.items()
    }
    return NameIndex(records, tuple(aliases))


_checked: dict = {"at": 0.0, "signature": None}


def names_changed(**kwargs) -> None:
    """A registry name changed in this process: the next `name_index` looks again (a signal receiver)."""
    _checked["signature"] = None


def name_index(*, max_age: float = 0.0) -> NameIndex:
    """The registry's names as they are now.

    With `max_age`, a look at the registry up to that many seconds old will do
    (search asks on every query and can afford to see another process's change
    half a minute late); changes made in this process are seen at once.
    """
    now = time.monotonic()
    if _checked["signature"] is None or now - _checked["at"] >= max_age:
        _checked["signature"], _checked["at"] = _signature(), now
    return _build(_checked["signature"])


def connect_signals() -> None:
    """Called once from the registry app's `ready`."""
    from django.db.models.signals import post_delete, post_save

    from accord.core.reference import (
        records_written,
    )  # the reference loader writes in bulk, with no post_save

    for model in (Alias, Organization, Person, State):
        post_save.connect(names_changed, sender=model, dispatch_uid=f"registry-names-{model.__name__}")
        post_delete.connect(names_changed, sender=model, dispatch_uid=f"registry-names-del-{model.__name__}")
        records_written.connect(
            names_changed, sender=model, dispatch_uid=f"registry-names-bulk-{model.__name__}"
        )
