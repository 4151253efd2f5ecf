"""Popolo (https://www.popoloproject.com) export and import of the registry.

Popolo is how other parliamentary and people-and-organizations tools
exchange such data; this module maps Accord onto it and back, losslessly.

Mapping, because Popolo and Accord cut the world a little differently:

* Ids are stable and typed: «accord:person/12», «accord:organization/3»,
  «accord:post/7», «accord:membership/5» — the prefix says which table a
  record goes back to, the number is its primary key.
* `persons`: `name`, `family_name`, `given_name` hold the English name (the
  Russian one when there is no English family name). `other_names` holds
  every language's name with `lang` ("ru"/"en"); the Russian patronymic is
  Popolo's `patronymic_name` there (`additional_name` is accepted on import).
  `is_public` and `summary` (the note) complete it.
* `organizations`: `classification` is the kind, `parent_id`, `founding_date`,
  `dissolution_date`, `links` (`note: "website"`), `description` as
  `{"en": …, "ru": …}`, `identifiers` (`scheme: "accord"` is the reference
  key). `other_names`: the names per language (no `note`), abbreviations
  (`note: "abbreviation"`). A national authority's state is its `area_id`.
* Aliases of persons and organizations are `other_names` entries with
  `note: "alias"` and the alias `kind`.
* States are never exported as organizations: a state is the Popolo Area
  «iso3166:UZB» (ISO 3166-1 alpha-3). `areas` lists those referred to, for
  readers; import resolves states by the code and never creates them.
* `posts`: an Accord post is a person's tenure of a position, so each is
  written with the fields of a Popolo membership — `person_id`,
  `organization_id`, `label` (+ `other_labels` per language), `role`,
  `start_date`, `end_date`, `note`.
* `memberships`: a state or an organization in a body. `organization_id` is
  the body; `member` is `{"@type": "Area", "id": "iso3166:UZB"}` or
  `{"@type": "Organization", "id": "accord:organization/3"}`.
* Dates keep their precision: «2025», «2025-09», «2025-09-01». An end date
  of month or year precision is stored as the last day it can mean
  (`accord.core.dates`), so period queries stay plain comparisons.

Import: a record whose id is «accord:<type>/<pk>» updates that row, or creates
it with that pk; any other id (from another tool) creates a new row, and can
be referred to from within the same file. References resolve within the file,
then in the database. Everything is checked — the shape of the file, then
each model's `full_clean()` — and written in one transaction: all or nothing.
Aliases are only ever added, never removed.
"""

import graphlib
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import ValidationError
from django.core.management.color import no_style
from django.db import DatabaseError, connection, models, transaction
from django.db.models import Prefetch
from django.utils.translation import gettext as _

from accord.core.dates import format_partial_date, parse_partial_date
from accord.core.roles import is_member_user
from accord.registry.choices import AliasKind, Language
from accord.registry.models import Alias, Membership, Organization, Person, Post, State

ACCORD_PREFIX = "accord:"
AREA_PREFIX = "iso3166:"
SECTIONS: tuple[tuple[str, str, type[models.Model]], ...] = (
    ("organizations", "organization", Organization),
    ("persons", "person", Person),
    ("posts", "post", Post),
    ("memberships", "membership", Membership),
)
KINDS = {kind: model for _section, kind, model in SECTIONS}

# Model field → Popolo field, so that error messages speak the file's language.
_FIELD_NAMES = {
    "family_name_ru": "other_names[ru].family_name",
    "family_name_en": "other_names[en].family_name",
    "given_name_ru": "other_names[ru].given_name",
    "given_name_en": "other_names[en].given_name",
    "patronymic_ru": "other_names[ru].patronymic_name",
    "name_ru": "other_names[ru].name",
    "name_en": "other_names[en].name",
    "abbreviation_ru": "other_names[ru, abbreviation].name",
    "abbreviation_en": "other_names[en, abbreviation].name",
    "title_ru": "other_labels[ru].name",
    "title_en": "other_labels[en].name",
    "birth_on": "birth_date",
    "note": "note",
    "kind": "classification",
    "parent": "parent_id",
    "state": "area_id",
    "founded_on": "founding_date",
    "dissolved_on": "dissolution_date",
    "website": "links",
    "slug": "identifiers",
    "start_on": "start_date",
    "end_on": "end_date",
    "person": "person_id",
    "organization": "organization_id",
    "body": "organization_id",
    "__all__": "record",
}


class PopoloError(ValueError):
    """The file cannot be imported; `problems` says where and why, one line each."""

    def __init__(self, problems: list[str]):
        self.problems = problems
        super().__init__("\n".join(problems))


def popolo_id(kind: str, pk: int) -> str:
    """«accord:person/12»: the table and the primary key, so a round trip finds the row."""
    return f"{ACCORD_PREFIX}{kind}/{pk}"


def _accord_pk(record_id: Any, kind: str) -> int | None:
    prefix = f"{ACCORD_PREFIX}{kind}/"
    if isinstance(record_id, str) and record_id.startswith(prefix):
        number = record_id[len(prefix) :]
        if number.isascii() and number.isdigit() and int(number) > 0:
            return int(number)
    return None


# --------------------------------------------------------------------------- export


def _full_name(given: str, family: str) -> str:
    return " ".join(p for p in (given, family) if p)


def _period(obj: models.Model) -> dict[str, str]:
    out = {}
    if obj.start_on:
        out["start_date"] = format_partial_date(obj.start_on, obj.start_precision)
    if obj.end_on:
        out["end_date"] = format_partial_date(obj.end_on, obj.end_precision)
    return out


def _aliases(obj: models.Model) -> list[dict[str, str]]:
    return [
        {"name": a.text, "lang": a.language, "note": "alias", "kind": a.kind}
        for a in sorted(obj.aliases.all(), key=lambda a: (a.language, a.kind, a.text))
    ]


def _identifiers(obj: models.Model) -> dict[str, Any]:
    return {"identifiers": [{"scheme": "accord", "identifier": obj.slug}]} if obj.slug else {}


def _person(person: Person, *, personal: bool = True) -> dict[str, Any]:
    """A person in Popolo; `personal` adds the birth date and the note, which only members read."""
    other_names = []
    for lang in ("en", "ru"):
        family, given = getattr(person, f"family_name_{lang}"), getattr(person, f"given_name_{lang}")
        patronymic = person.patronymic_ru if lang == "ru" else ""
        if not (family or given or patronymic):
            continue
        names = {"name": _full_name(given, family), "lang": lang}
        names.update({k: v for k, v in (("family_name", family), ("given_name", given)) if v})
        if patronymic:
            names["patronymic_name"] = patronymic
        other_names.append(names)
    lang = "en" if person.family_name_en else "ru"
    family, given = getattr(person, f"family_name_{lang}"), getattr(person, f"given_name_{lang}")
    data: dict[str, Any] = {
        "id": popolo_id("person", person.pk),
        "name": _full_name(given, family),
        "family_name": family,
        "given_name": given,
        "other_names": other_names + _aliases(person),
        "is_public": person.is_public,
        **_identifiers(person),
    }
    if personal and person.birth_on:
        data["birth_date"] = person.birth_on.isoformat()
    if personal and person.note:
        data["summary"] = person.note
    return data


def _organization(organization: Organization) -> dict[str, Any]:
    other_names = []
    for note, field_name in ((None, "name"), ("abbreviation", "abbreviation")):
        for lang in ("en", "ru"):
            value = getattr(organization, f"{field_name}_{lang}")
            if value:
                other_names.append({"name": value, "lang": lang, **({"note": note} if note else {})})
    data: dict[str, Any] = {
        "id": popolo_id("organization", organization.pk),
        "name": organization.name_en or organization.name_ru,
        "classification": organization.kind,
        "other_names": other_names + _aliases(organization),
        **_identifiers(organization),
    }
    if organization.parent_id:
        data["parent_id"] = popolo_id("organization", organization.parent_id)
    if organization.state_id:
        data["area_id"] = AREA_PREFIX + organization.state.iso3
    if organization.founded_on:
        data["founding_date"] = organization.founded_on.isoformat()
    if organization.dissolved_on:
        data["dissolution_date"] = organization.dissolved_on.isoformat()
    if organization.website:
        data["links"] = [{"url": organization.website, "note": "website"}]
    descriptions = {lang: getattr(organization, f"description_{lang}") for lang in ("en", "ru")}
    if any(descriptions.values()):
        data["description"] = {k: v for k, v in descriptions.items() if v}
    return data


def _post(post: Post) -> dict[str, Any]:
    data: dict[str, Any] = {
        "id": popolo_id("post", post.pk),
        "person_id": popolo_id("person", post.person_id),
        "organization_id": popolo_id("organization", post.organization_id),
        "label": post.title_en or post.title_ru,
        "other_labels": [
            {"name": getattr(post, f"title_{lang}"), "lang": lang}
            for lang in ("en", "ru")
            if getattr(post, f"title_{lang}")
        ],
        "role": post.role,
        **_period(post),
    }
    if post.note:
        data["note"] = post.note
    return data


def _membership(membership: Membership) -> dict[str, Any]:
    if membership.state_id:
        member = {"@type": "Area", "id": AREA_PREFIX + membership.state.iso3}
    else:
        member = {"@type": "Organization", "id": popolo_id("organization", membership.organization_id)}
    data: dict[str, Any] = {
        "id": popolo_id("membership", membership.pk),
        "organization_id": popolo_id("organization", membership.body_id),
        "member": member,
        "role": membership.role,
        **_period(membership),
    }
    if membership.note:
        data["note"] = membership.note
    return data


def _area(state: State) -> dict[str, Any]:
    return {
        "id": AREA_PREFIX + state.iso3,
        "name": state.name_en or state.name_ru,
        "classification": "country",
        "other_names": [
            {"name": getattr(state, f"name_{lang}"), "lang": lang}
            for lang in ("en", "ru")
            if getattr(state, f"name_{lang}")
        ],
        "identifiers": [
            {"scheme": "iso3166-1-alpha-3", "identifier": state.iso3},
            {"scheme": "iso3166-1-alpha-2", "identifier": state.iso2},
        ],
    }


def export_popolo(queryset_filter_user: Any = None) -> dict[str, list[dict[str, Any]]]:
    """The registry as Popolo JSON, in primary-key order so that exports diff cleanly.

    With a user, only what `visible_to(user)` lets that user see (the API);
    None means everything (the command line). A constant number of queries.
    """
    user = queryset_filter_user

    def visible(queryset: models.QuerySet) -> models.QuerySet:
        return (queryset if user is None else queryset.visible_to(user)).order_by("pk")

    aliases = Prefetch("aliases", queryset=Alias.objects.order_by())
    persons = list(visible(Person.objects.prefetch_related(aliases)))
    organizations = list(visible(Organization.objects.select_related("state").prefetch_related(aliases)))
    posts = list(visible(Post.objects.all()))
    memberships = list(visible(Membership.objects.select_related("state")))
    states = {o.state.iso3: o.state for o in organizations if o.state_id}
    states.update({m.state.iso3: m.state for m in memberships if m.state_id})
    return {
        "persons": [_person(p, personal=user is None or is_member_user(user)) for p in persons],
        "organizations": [_organization(o) for o in organizations],
        "posts": [_post(p) for p in posts],
        "memberships": [_membership(m) for m in memberships],
        "areas": [_area(states[code]) for code in sorted(states)],
    }


# --------------------------------------------------------------------------- import


@dataclass(eq=False)
class _Record:
    """One row of the file: the instance it becomes and what it depends on."""

    section: str
    kind: str
    id: str
    row: dict[str, Any]
    obj: models.Model
    created: bool
    depends: list["_Record"] = field(default_factory=list)
    aliases: list[dict[str, str]] = field(default_factory=list)


def _text(value: Any) -> str:
    return value.strip() if isinstance(value, str) else ""


class _Importer:
    """Builds every instance in memory and collects every problem before anything is saved."""

    def __init__(self, data: dict[str, Any], write: Callable[..., None]):
        self.data = data
        self.write = write
        self.problems: list[str] = []
        self.records: dict[str, _Record] = {}
        self.states = {s.iso3: s for s in State.objects.all()}
        self._known: dict[tuple[str, int], models.Model | None] = {}
        self.counts = {
            section: {"created": 0, "updated": 0} for section in [s for s, _k, _m in SECTIONS] + ["aliases"]
        }

    def problem(self, where: str, field_name: str, message: str) -> None:
        self.problems.append(f"{where}: {field_name}: {message}")

    # Phase 1: the shape of the file and its references.

    def rows(self, section: str) -> list[dict[str, Any]]:
        rows = self.data.get(section, [])
        if rows is None:
            return []
        if not isinstance(rows, list) or not all(isinstance(r, dict) for r in rows):
            self.problems.append(_("“%(key)s” must be a list of objects.") % {"key": section})
            return []
        return rows

    def collect(self) -> None:
        for section, kind, model in SECTIONS:
            rows = self.rows(section)
            pks = {pk for r in rows if (pk := _accord_pk(r.get("id"), kind))}
            existing = model.objects.in_bulk(pks) if pks else {}
            for index, row in enumerate(rows):
                record_id = row.get("id")
                where = record_id if isinstance(record_id, str) and record_id else f"{section}[{index}]"
                if not isinstance(record_id, str) or not record_id.strip():
                    self.problem(where, "id", _("every record needs an id."))
                    continue
                if record_id in self.records:
                    self.problem(where, "id", _("the id is used by more than one record."))
                    continue
                pk = _accord_pk(record_id, kind)
                if pk is None and record_id.startswith(ACCORD_PREFIX):
                    self.problem(
                        where, "id", _("an Accord id here looks like “accord:%(kind)s/123”.") % {"kind": kind}
                    )
                    continue
                obj = existing.get(pk) if pk else None
                created = obj is None
                if obj is None:
                    obj = model(pk=pk) if pk else model()
                self.records[record_id] = _Record(section, kind, record_id, row, obj, created)

    def ref(self, record: _Record, value: Any, kind: str, field_name: str) -> models.Model | None:
        """The object an id names: a record of the file, else a row of the database."""
        target = self.records.get(value) if isinstance(value, str) else None
        if target is not None and target.kind == kind:
            record.depends.append(target)
            return target.obj
        pk = _accord_pk(value, kind)
        if pk is not None and target is None:
            key = (kind, pk)
            if key not in self._known:
                self._known[key] = KINDS[kind].objects.filter(pk=pk).first()
            if self._known[key] is not None:
                return self._known[key]
        if value in (None, ""):
            self.problem(record.id, field_name, _("is required."))
        else:
            self.problem(
                record.id,
                field_name,
                _("refers to an unknown %(kind)s “%(id)s”.")
                % {"kind": KINDS[kind]._meta.verbose_name, "id": value},
            )
        return None

    def state(self, record: _Record, value: Any, field_name: str) -> State | None:
        code = value[len(AREA_PREFIX) :] if isinstance(value, str) and value.startswith(AREA_PREFIX) else None
        if code in self.states:
            return self.states[code]
        self.problem(
            record.id,
            field_name,
            _("refers to an unknown state “%(id)s” (expected “iso3166:” and an ISO alpha-3 code).")
            % {"id": value},
        )
        return None

    def date(self, record: _Record, field_name: str, *, end: bool = False):
        try:
            return parse_partial_date(record.row.get(field_name), end=end)
        except (TypeError, ValueError) as exc:
            self.problem(record.id, field_name, str(exc))
            return None, "day"

    def period(self, record: _Record) -> None:
        obj = record.obj
        obj.start_on, obj.start_precision = self.date(record, "start_date")
        obj.end_on, obj.end_precision = self.date(record, "end_date", end=True)

    def other_names(self, record: _Record, key: str = "other_names") -> list[dict[str, Any]]:
        names = record.row.get(key) or []
        if not isinstance(names, list) or not all(isinstance(n, dict) for n in names):
            self.problem(record.id, key, _("must be a list of objects."))
            return []
        return names

    def names_by_lang(self, names: list[dict[str, Any]], note: str | None = None) -> dict[str, dict]:
        return {n.get("lang"): n for n in names if (n.get("note") or None) == note}

    def collect_aliases(self, record: _Record, names: list[dict[str, Any]]) -> None:
        for n in names:
            if n.get("note") != "alias":
                continue
            spec = {
                "text": _text(n.get("name")),
                "language": _text(n.get("lang")),
                "kind": _text(n.get("kind")) or AliasKind.OTHER,
            }
            where = "other_names[alias]"
            if not spec["text"]:
                self.problem(record.id, f"{where}.name", _("an alias cannot be empty."))
            elif spec["language"] not in Language.values:
                self.problem(record.id, f"{where}.lang", _("must be “ru” or “en”."))
            elif spec["kind"] not in AliasKind.values:
                self.problem(
                    record.id,
                    f"{where}.kind",
                    _("must be one of: %(kinds)s.") % {"kinds": ", ".join(AliasKind.values)},
                )
            else:
                record.aliases.append(spec)

    def slug(self, record: _Record) -> str | None:
        identifiers = record.row.get("identifiers") or []
        if not isinstance(identifiers, list):
            self.problem(record.id, "identifiers", _("must be a list of objects."))
            return None
        slugs = [
            i.get("identifier") for i in identifiers if isinstance(i, dict) and i.get("scheme") == "accord"
        ]
        return _text(slugs[0]) or None if slugs else None

    def fill_organization(self, record: _Record) -> None:
        organization, row = record.obj, record.row
        names = self.other_names(record)
        by_lang = self.names_by_lang(names)
        abbreviations = self.names_by_lang(names, note="abbreviation")
        for lang in ("en", "ru"):
            setattr(organization, f"name_{lang}", _text(by_lang.get(lang, {}).get("name")))
            setattr(organization, f"abbreviation_{lang}", _text(abbreviations.get(lang, {}).get("name")))
        if not (organization.name_en or organization.name_ru):
            organization.name_en = _text(row.get("name"))
        if not (organization.name_en or organization.name_ru):
            self.problem(record.id, "name", _("an organization needs a name."))
        self.collect_aliases(record, names)
        organization.kind = _text(row.get("classification"))
        parent_id = row.get("parent_id")
        organization.parent = self.ref(record, parent_id, "organization", "parent_id") if parent_id else None
        area_id = row.get("area_id")
        organization.state = self.state(record, area_id, "area_id") if area_id else None
        organization.founded_on = self.date(record, "founding_date")[0]
        organization.dissolved_on = self.date(record, "dissolution_date", end=True)[0]
        links = row.get("links") or []
        links = [link for link in links if isinstance(link, dict)] if isinstance(links, list) else []
        websites = [link.get("url") for link in links if link.get("note") == "website"]
        organization.website = _text(websites[0]) if websites else ""
        description = row.get("description") or {}
        if isinstance(description, str):
            description = {"en": description}
        if not isinstance(description, dict):
            self.problem(record.id, "description", _("must be text or {“en”: …, “ru”: …}."))
            description = {}
        organization.description_en = _text(description.get("en"))
        organization.description_ru = _text(description.get("ru"))
        organization.slug = self.slug(record)

    def fill_person(self, record: _Record) -> None:
        person, row = record.obj, record.row
        names = self.other_names(record)
        by_lang = self.names_by_lang(names)
        en, ru = by_lang.get("en", {}), by_lang.get("ru", {})
        person.family_name_en = _text(en.get("family_name"))
        person.given_name_en = _text(en.get("given_name"))
        person.family_name_ru = _text(ru.get("family_name"))
        person.given_name_ru = _text(ru.get("given_name"))
        person.patronymic_ru = _text(ru.get("patronymic_name")) or _text(ru.get("additional_name"))
        if not (person.family_name_en or person.family_name_ru):
            person.family_name_en = _text(row.get("family_name"))
            person.given_name_en = _text(row.get("given_name"))
        if not (person.family_name_en or person.family_name_ru):
            self.problem(
                record.id, "family_name", _("a person needs a family name, in Russian or in English.")
            )
        self.collect_aliases(record, names)
        is_public = row.get("is_public", True)
        if not isinstance(is_public, bool):
            self.problem(record.id, "is_public", _("must be true or false."))
        person.is_public = is_public is not False
        person.note = _text(row.get("summary"))
        person.slug = self.slug(record)
        person.birth_on = self.date(record, "birth_date")[0]

    def fill_post(self, record: _Record) -> None:
        post, row = record.obj, record.row
        post.person = self.ref(record, row.get("person_id"), "person", "person_id")
        post.organization = self.ref(record, row.get("organization_id"), "organization", "organization_id")
        labels = self.names_by_lang(self.other_names(record, key="other_labels"))
        post.title_en = _text(labels.get("en", {}).get("name"))
        post.title_ru = _text(labels.get("ru", {}).get("name"))
        if not (post.title_en or post.title_ru):
            post.title_en = _text(row.get("label"))
        if not (post.title_en or post.title_ru):
            self.problem(record.id, "label", _("a post needs a title."))
        post.role = _text(row.get("role")) or "other"
        post.note = _text(row.get("note"))
        self.period(record)

    def fill_membership(self, record: _Record) -> None:
        membership, row = record.obj, record.row
        membership.body = self.ref(record, row.get("organization_id"), "organization", "organization_id")
        member = row.get("member") if isinstance(row.get("member"), dict) else {}
        membership.state = membership.organization = None
        if member.get("@type") == "Area":
            membership.state = self.state(record, member.get("id"), "member.id")
        elif member.get("@type") == "Organization":
            membership.organization = self.ref(record, member.get("id"), "organization", "member.id")
        else:
            self.problem(record.id, "member", _("must be {“@type”: “Area” or “Organization”, “id”: …}."))
        membership.role = _text(row.get("role")) or "member"
        membership.note = _text(row.get("note"))
        self.period(record)

    def build(self) -> list[_Record]:
        """Fill every instance; return them in an order in which they can be saved."""
        self.collect()
        for record in self.records.values():
            getattr(self, f"fill_{record.kind}")(record)
            self.check_fields(record)
        organizations = [r for r in self.records.values() if r.kind == "organization"]
        sorter = graphlib.TopologicalSorter({r.id: [d.id for d in r.depends] for r in organizations})
        try:
            order = list(sorter.static_order())
        except graphlib.CycleError as exc:
            for record_id in dict.fromkeys(exc.args[1]):
                self.problem(record_id, "parent_id", _("the parents form a loop."))
            order = [r.id for r in organizations]
        rest = [r for r in self.records.values() if r.kind != "organization"]
        return [self.records[record_id] for record_id in order] + rest

    # Phase 2: every model's own checks, then the rows, inside one transaction.

    def save(self, plan: list[_Record]) -> None:
        failed: set[int] = set()
        for record in plan:
            obj = record.obj
            if any(id(d) in failed for d in record.depends):
                # What it refers to is wrong already: report its own faults, save nothing.
                relations = [f.name for f in obj._meta.concrete_fields if f.is_relation]
                self.check(record.id, obj, exclude=relations)
                failed.add(id(record))
                continue
            _attach_saved_relations(obj)
            if not self.check(record.id, obj):
                failed.add(id(record))
                continue
            try:
                with transaction.atomic():
                    self.write(obj, created=record.created)
            except DatabaseError as exc:
                self.problem(record.id, _("record"), _("the database refused it: %(error)s") % {"error": exc})
                failed.add(id(record))
                continue
            self.counts[record.section]["created" if record.created else "updated"] += 1
            self.save_aliases(record)

    def save_aliases(self, record: _Record) -> None:
        for spec in record.aliases:
            alias = Alias(**spec, **{record.kind: record.obj})
            duplicate = Alias.objects.filter(**spec, **{record.kind: record.obj}).exists()
            if duplicate:
                self.counts["aliases"]["updated"] += 1
                continue
            if self.check(record.id, alias, prefix="other_names[alias]"):
                self.write(alias, created=True)
                self.counts["aliases"]["created"] += 1

    def check_fields(self, record: _Record) -> None:
        """Choices, lengths, URLs: what needs neither the database nor the other records."""
        relations = [f.name for f in record.obj._meta.concrete_fields if f.is_relation]
        try:
            record.obj.clean_fields(exclude=relations)
        except ValidationError as exc:
            self.report(record.id, exc)

    def report(self, record_id: str, exc: ValidationError, prefix: str = "") -> None:
        for field_name, messages in exc.message_dict.items():
            name = _FIELD_NAMES.get(field_name, field_name)
            for message in messages:
                self.problem(record_id, f"{prefix}.{name}" if prefix else name, message)

    def check(
        self, record_id: str, obj: models.Model, prefix: str = "", exclude: list[str] | None = None
    ) -> bool:
        try:
            obj.full_clean(exclude=exclude)
        except ValidationError as exc:
            self.report(record_id, exc, prefix)
            return False
        return True


def _attach_saved_relations(obj: models.Model) -> None:
    """Copy the pk of a related object saved just before into its `<field>_id`."""
    for f in obj._meta.concrete_fields:
        if f.is_relation and f.is_cached(obj):
            related = f.get_cached_value(obj)
            if related is not None and related.pk is not None and getattr(obj, f.attname) != related.pk:
                setattr(obj, f.name, related)


def run_import(data: Any, *, write: Callable[..., None], dry_run: bool = False) -> dict[str, dict[str, int]]:
    """Map and check a Popolo file, then hand each row to `write(record, created=…)`: all or none.

    `accord.registry.services.import_popolo` is the one caller: it passes the
    registry's writer and names the actor. Raises `PopoloError` with one line
    per problem («accord:post/7: end_date: …»). With `dry_run`, everything is
    checked and counted, then rolled back.
    """
    if not isinstance(data, dict):
        raise PopoloError([_("A Popolo file is a JSON object with “persons”, “organizations”, … lists.")])
    importer = _Importer(data, write)
    plan = importer.build()
    if importer.problems:
        raise PopoloError(importer.problems)
    with transaction.atomic():
        importer.save(plan)
        if importer.problems:
            raise PopoloError(importer.problems)  # leaving the block rolls everything back
        if dry_run:
            transaction.set_rollback(True)
        else:
            _reset_sequences(model for _s, _k, model in SECTIONS)
    return importer.counts


def _reset_sequences(model_list: Iterable[type[models.Model]]) -> None:
    """Rows were inserted with their file ids: move PostgreSQL's counters past them."""
    statements = connection.ops.sequence_reset_sql(no_style(), list(model_list))
    with connection.cursor() as cursor:
        for sql in statements:
            cursor.execute(sql)
