"""Reference data: the states, bodies, people and memberships every install starts with.

Codes and names come from well-kept libraries (pycountry with its Russian
translations, Babel's CLDR names, pymorphy3 for declined forms); what no
library has is written by hand in `reference/*.toml`. Loading is idempotent
and atomic: a second run changes nothing, a bad file changes nothing.
"""

import gettext
import unicodedata
from functools import cache
from pathlib import Path
from typing import Any

import pycountry
from babel import Locale
from django.core.exceptions import PermissionDenied
from django.db import models, transaction
from django.utils.translation import gettext as _

from accord.core.cache import invalidation_deferred
from accord.core.dates import parse_partial_date
from accord.core.morphology import case_forms
from accord.core.reference import BulkRecordWriter, ReferenceDataError, read_toml_files
from accord.core.roles import ensure_role_groups, is_secretariat
from accord.core.services import save_validated, service
from accord.registry.choices import AliasKind, Language, UnStatus
from accord.registry.models import Alias, Membership, Organization, Person, Post, RegionalGroup, State
from accord.registry.querysets import focal_state_id

REFERENCE_DIR = Path(__file__).resolve().parent / "reference"
_UNCLEAN_SHORT_NAME = ("&", " - ", "(", "St.")


def read_reference(directory: Path = REFERENCE_DIR) -> dict[str, Any]:
    """The TOML files as one dictionary; a syntax error names its file."""
    return read_toml_files(directory, ("regional_groups", "states", "organizations", "people", "memberships"))


@cache
def _russian_iso_names() -> gettext.NullTranslations:
    return gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=["ru"], fallback=True)


def _clean(text: str | None) -> str:
    """NFC, no stress marks (pycountry's «Респу́блика»), no leading English article."""
    if not text:
        return ""
    text = "".join(ch for ch in unicodedata.normalize("NFD", text) if ch != "\u0301")
    text = unicodedata.normalize("NFC", text).strip()
    return text[4:] if text.startswith("the ") else text


def _is_unclean(name: str) -> bool:
    """CLDR's «Bosnia & Herzegovina», «Congo - Kinshasa», «Myanmar (Burma)» are not names to show."""
    return any(mark in name for mark in _UNCLEAN_SHORT_NAME)


def _uncomma(name: str) -> str:
    """ISO's inverted names read straight: «Korea, Republic of» → «Republic of Korea»."""
    if ", " not in name:
        return name
    head, tail = name.split(", ", 1)
    text = f"{tail} {head}"
    return text[4:] if text.lower().startswith("the ") else text


def state_names(iso3: str, overrides: dict[str, Any]) -> dict[str, Any]:
    """Codes, short and official names and other names of one state, libraries first."""
    country = pycountry.countries.get(alpha_3=iso3)
    if country is None:
        raise ReferenceDataError([_("%(code)s is not an ISO 3166-1 alpha-3 code.") % {"code": iso3}])
    ru = _russian_iso_names().gettext
    iso_name = country.name
    common = getattr(country, "common_name", None)
    official = getattr(country, "official_name", None)
    babel_en = Locale("en").territories.get(country.alpha_2, "")
    babel_ru = Locale("ru").territories.get(country.alpha_2, "")

    def first_clean(*candidates: str | None) -> str:
        for candidate in candidates:
            if candidate and not _is_unclean(candidate) and "," not in candidate:
                return _clean(candidate)
        return _clean(official or _uncomma(iso_name))

    name_en = overrides.get("name_en") or first_clean(babel_en, common, iso_name)
    name_ru = overrides.get("name_ru") or first_clean(babel_ru, ru(iso_name))
    official_en = overrides.get("official_name_en") or _clean(official or _uncomma(iso_name))
    official_ru = overrides.get("official_name_ru") or _clean(ru(official or iso_name))
    others_en = [_clean(_uncomma(x)) for x in (babel_en, common, iso_name) if x and not _is_unclean(x)]
    others_ru = [_clean(x) for x in (babel_ru, ru(iso_name)) if x and not _is_unclean(x)]
    return {
        "iso2": country.alpha_2,
        "iso3": country.alpha_3,
        "m49": country.numeric,
        "name_en": name_en,
        "name_ru": name_ru,
        "official_name_en": official_en,
        "official_name_ru": official_ru,
        "other_names_en": [
            n for n in dict.fromkeys(others_en + overrides.get("aliases_en", [])) if n != name_en
        ],
        "other_names_ru": [
            n for n in dict.fromkeys(others_ru + overrides.get("aliases_ru", [])) if n != name_ru
        ],
    }


def _yo_variants(text: str) -> list[str]:
    """Russian texts write «ё» as «е» as often as not: match both."""
    return [text, text.replace("ё", "е").replace("Ё", "Е")] if "ё" in text.lower() else [text]


class _Loader(BulkRecordWriter):
    """Writes the registry's reference rows."""

    def __init__(self) -> None:
        super().__init__()
        self.organizations: dict[str, Organization] = {}
        self.states: dict[str, State] = {}

    def alias(self, text: str, language: str, kind: str, **target: models.Model) -> None:
        for variant in _yo_variants(text.strip()):
            if variant:
                self.upsert(Alias, {"text": variant, "language": language, "kind": kind, **target}, {})

    def regional_groups(self, data: dict[str, Any]) -> dict[str, RegionalGroup]:
        groups = {}
        for group in data["group"]:
            groups[group["code"]] = self.upsert(
                RegionalGroup,
                {"code": group["code"]},
                {
                    "abbreviation_ru": group.get("abbreviation_ru", ""),
                    "abbreviation_en": group.get("abbreviation_en", ""),
                    "name_ru": group["name_ru"],
                    "name_en": group["name_en"],
                },
            )
        return groups

    def load_states(self, groups_data: dict[str, Any], overrides: dict[str, Any], groups: dict) -> None:
        for group in groups_data["group"]:
            for iso3 in group["members"]:
                extra = overrides.get(iso3, {})
                names = state_names(iso3, extra)
                state = self.upsert(
                    State,
                    {"iso3": iso3},
                    {
                        "iso2": names["iso2"],
                        "m49": names["m49"],
                        "name_ru": names["name_ru"],
                        "name_en": names["name_en"],
                        "official_name_ru": names["official_name_ru"],
                        "official_name_en": names["official_name_en"],
                        "regional_group": groups[group["code"]],
                        "un_status": extra.get("un_status", UnStatus.MEMBER),
                    },
                )
                self.states[iso3] = state
                self._state_aliases(state, names, extra)

    def _state_aliases(self, state: State, names: dict[str, Any], extra: dict[str, Any]) -> None:
        ru, en = Language.RU, Language.EN
        for text in names["other_names_en"]:
            self.alias(text, en, AliasKind.SHORT, state=state)
        for text in names["other_names_ru"]:
            self.alias(text, ru, AliasKind.SHORT, state=state)
        if names["official_name_en"] != names["name_en"]:
            self.alias(names["official_name_en"], en, AliasKind.OFFICIAL, state=state)
        if names["official_name_ru"] != names["name_ru"]:
            self.alias(names["official_name_ru"], ru, AliasKind.OFFICIAL, state=state)
        declinable = dict.fromkeys([names["name_ru"], names["official_name_ru"], *names["other_names_ru"]])
        for text in declinable:
            for form in case_forms(text):
                self.alias(form, ru, AliasKind.INFLECTED, state=state)
        for text in extra.get("adjectives_ru", []):
            self.alias(text, ru, AliasKind.ADJECTIVE, state=state)
        for text in extra.get("adjectives_en", []):
            self.alias(text, en, AliasKind.ADJECTIVE, state=state)
        if capital := extra.get("capital_ru"):
            self.alias(capital, ru, AliasKind.CAPITAL, state=state)
            for form in case_forms(capital):
                self.alias(form, ru, AliasKind.CAPITAL, state=state)
        if capital := extra.get("capital_en"):
            self.alias(capital, en, AliasKind.CAPITAL, state=state)

    def load_organizations(self, data: dict[str, Any]) -> None:
        pending = list(data.get("organization", []))
        known = {row["key"] for row in pending}
        problems = [
            _("Organization “%(key)s” names an unknown parent “%(parent)s”.")
            % {"key": row["key"], "parent": row["parent"]}
            for row in pending
            if row.get("parent") and row["parent"] not in known
        ]
        if problems:
            raise ReferenceDataError(problems)
        # Parents first, whatever the order in the file.
        while pending:
            ready = [r for r in pending if not r.get("parent") or r["parent"] in self.organizations]
            if not ready:
                raise ReferenceDataError([_("The organization tree has a loop.")])
            for row in ready:
                self._organization(row)
                pending.remove(row)

    def _organization(self, row: dict[str, Any]) -> None:
        state = self._state(row.get("state"), row["key"])
        founded, _precision = parse_partial_date(row.get("founded_on"))
        dissolved, _precision = parse_partial_date(row.get("dissolved_on"), end=True)
        organization = self.upsert(
            Organization,
            {"slug": row["key"]},
            {
                "kind": row["kind"],
                "parent": self.organizations.get(row.get("parent")),
                "state": state,
                "name_ru": row.get("name_ru", ""),
                "name_en": row.get("name_en", ""),
                "abbreviation_ru": row.get("abbreviation_ru", ""),
                "abbreviation_en": row.get("abbreviation_en", ""),
                "founded_on": founded,
                "dissolved_on": dissolved,
                "website": row.get("website", ""),
                "description_ru": row.get("description_ru", ""),
                "description_en": row.get("description_en", ""),
            },
        )
        self.organizations[row["key"]] = organization
        for field, kind in (
            ("abbreviation_ru", AliasKind.ABBREVIATION),
            ("abbreviation_en", AliasKind.ABBREVIATION),
        ):
            if row.get(field):
                self.alias(row[field], field[-2:], kind, organization=organization)
        for language in (Language.RU, Language.EN):
            for text in row.get(f"aliases_{language}", []):
                self.alias(text, language, AliasKind.SHORT, organization=organization)

    def _state(self, iso3: str | None, where: str) -> State | None:
        if not iso3:
            return None
        if iso3 not in self.states:
            raise ReferenceDataError(
                [_("%(where)s: unknown state “%(code)s”.") % {"where": where, "code": iso3}]
            )
        return self.states[iso3]

    def _organization_ref(self, key: str, where: str) -> Organization:
        if key not in self.organizations:
            raise ReferenceDataError(
                [_("%(where)s: unknown organization “%(key)s”.") % {"where": where, "key": key}]
            )
        return self.organizations[key]

    def load_people(self, data: dict[str, Any]) -> None:
        for row in data.get("person", []):
            names = {
                f: row.get(f, "")
                for f in (
                    "family_name_ru",
                    "given_name_ru",
                    "patronymic_ru",
                    "family_name_en",
                    "given_name_en",
                )
            }
            person = self.upsert(Person, {"slug": row["key"]}, names)
            for language in (Language.RU, Language.EN):
                for text in row.get(f"aliases_{language}", []):
                    self.alias(text, language, AliasKind.OTHER, person=person)
            for post in row.get("post", []):
                organization = self._organization_ref(post["organization"], row["key"])
                start, start_precision = parse_partial_date(post.get("start"))
                end, end_precision = parse_partial_date(post.get("end"), end=True)
                self.upsert(
                    Post,
                    {"person": person, "organization": organization, "title_ru": post.get("title_ru", "")},
                    {
                        "title_en": post.get("title_en", ""),
                        "role": post.get("role", "other"),
                        "start_on": start,
                        "start_precision": start_precision,
                        "end_on": end,
                        "end_precision": end_precision,
                    },
                )

    def load_memberships(self, data: dict[str, Any]) -> None:
        for row in data.get("membership", []):
            body = self._organization_ref(row["body"], "membership")
            start, start_precision = parse_partial_date(row.get("start"))
            end, end_precision = parse_partial_date(row.get("end"), end=True)
            for iso3 in row["states"]:
                self.upsert(
                    Membership,
                    {
                        "body": body,
                        "state": self._state(iso3, row["body"]),
                        "role": row["role"],
                        "start_on": start,
                    },
                    {
                        "start_precision": start_precision,
                        "end_on": end,
                        "end_precision": end_precision,
                        "note": row.get("note", ""),
                    },
                )


def load_reference(*, dry_run: bool = False, directory: Path = REFERENCE_DIR) -> dict[str, dict[str, int]]:
    """Load or refresh every reference record; returns counts per kind of record.

    Raises `ReferenceDataError` (and writes nothing) when the files are wrong.
    With `dry_run` the counts are computed and the transaction rolled back.
    """
    data = read_reference(directory)
    loader = _Loader()
    try:
        with transaction.atomic(), invalidation_deferred():
            ensure_role_groups()
            groups = loader.regional_groups(data["regional_groups"])
            loader.load_states(data["regional_groups"], data["states"], groups)
            loader.load_organizations(data["organizations"])
            loader.load_people(data["people"])
            loader.load_memberships(data["memberships"])
            loader.flush()
            if dry_run:
                transaction.set_rollback(True)
    except (KeyError, ValueError) as exc:
        if isinstance(exc, ReferenceDataError):
            raise
        raise ReferenceDataError([_("Missing or malformed field: %(error)s") % {"error": exc}]) from exc
    return loader.report()


# ---- members' writes: the secretariat anywhere, a national focal point in its own state --------

RegistryRecord = Organization | Person | Post


def _may_write(model: type[models.Model], pk: int | None, user) -> bool:
    """The one rule, read from the model's `editable_by`: may the user write the stored row `pk`?"""
    return pk is not None and model.objects.editable_by(user).filter(pk=pk).exists()


def _changed(record: RegistryRecord, stored: RegistryRecord | None, field: str) -> bool:
    value = getattr(record, f"{field}_id")
    return value is not None and (stored is None or getattr(stored, f"{field}_id") != value)


def check_registry_write(record: RegistryRecord, *, acting_user) -> None:
    """Refuse (`PermissionDenied`) unless the user may write the record as stored and as it will be.

    The secretariat writes anything. A national focal point writes only inside
    its own state, as the querysets' `editable_by` define it: organizations of
    its state, under parents of its state; people all of whose posts are in its
    state (or, without posts, whom its state added); posts in its state's
    organizations for such people. The stored row is judged before the change
    and every reference the change sets (parent, person, organization) after
    it, so no write can reach outside the state, not even for a moment.
    """
    model = type(record)
    stored = model.objects.filter(pk=record.pk).first() if record.pk is not None else None
    if stored is not None and not _may_write(model, stored.pk, acting_user):
        raise PermissionDenied(_("You may not change this record."))
    if is_secretariat(acting_user):
        return
    state_id = focal_state_id(acting_user)
    if state_id is None:
        raise PermissionDenied(_("Only the secretariat and national focal points keep the registry."))
    if isinstance(record, Organization):
        if record.state_id != state_id:
            raise PermissionDenied(_("A focal point keeps the organizations of its own state only."))
        if _changed(record, stored, "parent") and not _may_write(Organization, record.parent_id, acting_user):
            raise PermissionDenied(
                _("A focal point may place an organization only under an organization of its own state.")
            )
    elif isinstance(record, Post):
        if _changed(record, stored, "organization") and not _may_write(
            Organization, record.organization_id, acting_user
        ):
            raise PermissionDenied(_("A focal point records posts in its own state's organizations only."))
        if _changed(record, stored, "person") and not _may_write(Person, record.person_id, acting_user):
            raise PermissionDenied(
                _(
                    "This person holds a post outside your state, or was not added by your state: "
                    "the secretariat keeps their record."
                )
            )


@service
def save_registry_record(record: RegistryRecord, *, acting_user) -> RegistryRecord:
    """Validate and save a new or changed organization, person or post on behalf of a member.

    Guarantees `check_registry_write` held and `full_clean()` passed; a person
    a focal point adds is marked as its state's (`added_by_state`).
    """
    check_registry_write(record, acting_user=acting_user)
    if isinstance(record, Person) and record.pk is None and not is_secretariat(acting_user):
        record.added_by_state_id = focal_state_id(acting_user)
    return save_validated(record)


@service
def delete_registry_record(record: RegistryRecord, *, acting_user) -> None:
    """Delete an organization, person (with their posts) or post the user may write.

    `ProtectedError` (an organization with posts or sub-bodies) reaches the caller.
    """
    if not _may_write(type(record), record.pk, acting_user):
        raise PermissionDenied(_("You may not delete this record."))
    record.delete()


# ---- the secretariat's writes: states, memberships, aliases ------------------------------------

SecretariatRecord = State | Membership | Alias


def _check_secretariat(user) -> None:
    if not is_secretariat(user):
        raise PermissionDenied(_("Only the secretariat keeps states, memberships and aliases."))


@service
def save_secretariat_record(record: SecretariatRecord, *, acting_user) -> SecretariatRecord:
    """Validate and save a new or changed state, membership or alias (the secretariat's alone)."""
    _check_secretariat(acting_user)
    return save_validated(record)


@service
def delete_secretariat_record(record: SecretariatRecord, *, acting_user) -> None:
    """Delete a state, membership or alias; `ProtectedError` (a state with meetings…) reaches the caller."""
    _check_secretariat(acting_user)
    record.delete()


# ---- Popolo import -------------------------------------------------------------------------------


@service
def import_popolo(data: Any, *, acting_user, dry_run: bool = False) -> dict[str, dict[str, int]]:
    """Create or update the records of a Popolo file: all of them or none.

    The file is mapped and checked by `accord.registry.popolo`; every row is
    written here, with `full_clean()` passed, in one transaction, and the
    audit log names `acting_user`. It is an operator's import (`accord popolo
    import --as USERNAME`): the user is named, not judged, as before. Raises
    `PopoloError` with one line per problem; with `dry_run` everything is
    checked and counted, then rolled back.
    """
    from accord.registry.popolo import run_import

    return run_import(data, write=_write_imported, dry_run=dry_run)


def _write_imported(record: models.Model, *, created: bool) -> None:
    """One row of an import, already checked with `full_clean()`; a new row keeps the pk its file gave."""
    record.save(force_insert=created)
