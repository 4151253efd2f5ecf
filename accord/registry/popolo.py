"""Popolo (https://www.popoloproject.com) export and import of the registry.

Mapping, because Popolo and Accord cut the world a little differently:

* `persons` and `organizations` are Popolo's, with English names in the main
  fields and every language's names in `other_names` (`lang` tells which;
  `note: "abbreviation"` marks abbreviations). A national authority's state
  is its `area_id`, «iso3166:UZB».
* `posts`: an Accord post is a person's tenure of a position, so each is
  written with the fields of a Popolo membership — `person_id`,
  `organization_id`, `label`, `role`, `start_date`, `end_date`.
* `memberships`: a state or an organization in a body; `member` is
  `{"@type": "Area", "id": "iso3166:UZB"}` or `{"@type": "Organization", "id": …}`.
* `areas` lists the states referred to, for readers; import resolves
  states by their ISO code and never creates them.

Ids are stable: «accord:person/12». Dates keep their precision: «2025»,
«2025-09», «2025-09-01». Import checks everything before it writes, then
writes everything in one transaction, or nothing.
"""

from collections.abc import Iterable
from typing import Any

from django.core.exceptions import ValidationError
from django.core.management.color import no_style
from django.db import connection, transaction
from django.utils.translation import gettext as _

from accord.core.dates import format_partial_date, parse_partial_date
from accord.registry.models import Membership, Organization, Person, Post, State

AREA_PREFIX = "iso3166:"
KINDS = {"person": Person, "organization": Organization, "post": Post, "membership": Membership}


class PopoloError(ValueError):
    """The file cannot be imported; `problems` says where and why, one line each."""

    def __init__(self, problems: list[str]):
        self.problems = problems
        super().__init__("\n".join(problems))


def popolo_id(obj) -> str:
    return f"accord:{type(obj).__name__.lower()}/{obj.pk}"


def _names(obj, fields: Iterable[str], lang: str, **extra) -> dict[str, str] | None:
    values = {
        popolo: getattr(obj, f"{field}_{lang}") for popolo, field in fields if getattr(obj, f"{field}_{lang}")
    }
    return {**values, "lang": lang, **extra} if values else None


def _period(obj) -> dict[str, str]:
    out = {}
    if obj.start_on:
        out["start_date"] = format_partial_date(obj.start_on, obj.start_precision)
    if obj.end_on:
        out["end_date"] = format_partial_date(obj.end_on, obj.end_precision)
    return out


def _person(person: Person) -> dict[str, Any]:
    fields = (("family_name", "family_name"), ("given_name", "given_name"), ("patronymic_name", "patronymic"))
    other_names = []
    for lang in ("en", "ru"):
        names = _names(person, fields if lang == "ru" else fields[:2], lang)
        if names:
            names["name"] = " ".join(names[k] for k in ("given_name", "family_name") if k in names)
            other_names.append(names)
    data: dict[str, Any] = {
        "id": popolo_id(person),
        "name": person.name,
        "family_name": person.family_name_en or person.family_name_ru,
        "given_name": person.given_name_en or person.given_name_ru,
        "other_names": other_names,
        "is_public": person.is_public,
    }
    if person.patronymic_ru:
        data["patronymic_name"] = person.patronymic_ru
    if person.birth_on:
        data["birth_date"] = person.birth_on.isoformat()
    if person.note:
        data["summary"] = person.note
    if person.slug:
        data["identifiers"] = [{"scheme": "accord", "identifier": person.slug}]
    return data


def _organization(organization: Organization) -> dict[str, Any]:
    other_names = [
        n
        for n in (
            _names(organization, [("name", "name")], "en"),
            _names(organization, [("name", "name")], "ru"),
            _names(organization, [("name", "abbreviation")], "en", note="abbreviation"),
            _names(organization, [("name", "abbreviation")], "ru", note="abbreviation"),
        )
        if n
    ]
    data: dict[str, Any] = {
        "id": popolo_id(organization),
        "name": organization.name_en or organization.name_ru,
        "classification": organization.kind,
        "other_names": other_names,
    }
    if organization.parent_id:
        data["parent_id"] = f"accord:organization/{organization.parent_id}"
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
    if organization.slug:
        data["identifiers"] = [{"scheme": "accord", "identifier": organization.slug}]
    return data


def _post(post: Post) -> dict[str, Any]:
    data: dict[str, Any] = {
        "id": popolo_id(post),
        "person_id": f"accord:person/{post.person_id}",
        "organization_id": f"accord:organization/{post.organization_id}",
        "label": post.title_en or post.title_ru,
        "other_labels": [n for n in (_names(post, [("name", "title")], lang) for lang in ("en", "ru")) if n],
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
        member = {"@type": "Organization", "id": f"accord:organization/{membership.organization_id}"}
    data = {
        "id": popolo_id(membership),
        "organization_id": f"accord:organization/{membership.body_id}",
        "member": member,
        "role": membership.role,
        **_period(membership),
    }
    if membership.note:
        data["note"] = membership.note
    return data


def export_popolo(user=None) -> dict[str, list[dict[str, Any]]]:
    """The registry as Popolo JSON; with a `user`, only what that user may see."""

    def visible(queryset):
        return queryset if user is None else queryset.visible_to(user)

    persons = visible(Person.objects.all()).order_by("pk")
    organizations = visible(Organization.objects.select_related("state")).order_by("pk")
    posts = visible(Post.objects.all()).order_by("pk")
    memberships = visible(Membership.objects.select_related("state")).order_by("pk")
    states = State.objects.filter(
        pk__in={m.state_id for m in memberships if m.state_id}
        | set(organizations.exclude(state=None).values_list("state_id", flat=True))
    ).order_by("iso3")
    return {
        "persons": [_person(p) for p in persons],
        "organizations": [_organization(o) for o in organizations],
        "posts": [_post(p) for p in posts],
        "memberships": [_membership(m) for m in memberships],
        "areas": [
            {
                "id": AREA_PREFIX + s.iso3,
                "name": s.name_en,
                "classification": "country",
                "identifiers": [{"scheme": "iso3166-1-alpha-2", "identifier": s.iso2}],
            }
            for s in states
        ],
    }


class _Importer:
    """Builds every instance in memory, collecting problems, before anything is saved."""

    def __init__(self, data: dict[str, Any]):
        self.data = data
        self.problems: list[str] = []
        self.states = {s.iso3: s for s in State.objects.all()}
        self.planned: dict[str, Any] = {}
        self.counts = {
            kind: {"created": 0, "updated": 0}
            for kind in ("persons", "organizations", "posts", "memberships")
        }

    def problem(self, record_id: str, message: str) -> None:
        self.problems.append(f"{record_id}: {message}")

    def rows(self, key: str) -> list[dict[str, Any]]:
        rows = self.data.get(key, [])
        if not isinstance(rows, list) or not all(isinstance(r, dict) for r in rows):
            self.problems.append(_("“%(key)s” must be a list of objects.") % {"key": key})
            return []
        return rows

    def pk_of(self, record_id: Any, kind: str) -> int | None:
        prefix = f"accord:{kind}/"
        if isinstance(record_id, str) and record_id.startswith(prefix) and record_id[len(prefix) :].isdigit():
            return int(record_id[len(prefix) :])
        return None

    def instance(self, model, row: dict[str, Any], kind: str):
        record_id = row.get("id")
        pk = self.pk_of(record_id, kind)
        if pk is None:
            self.problem(str(record_id), _("the id must look like “accord:%(kind)s/123”.") % {"kind": kind})
            return None
        existing = model.objects.filter(pk=pk).first()
        return existing or model(pk=pk)

    def ref(self, record_id: Any, kind: str, where: str):
        """An object named in the file or already in the database."""
        pk = self.pk_of(record_id, kind)
        if pk is not None:
            if record_id in self.planned:
                return self.planned[record_id]
            found = KINDS[kind].objects.filter(pk=pk).first()
            if found:
                return found
        self.problem(where, _("refers to an unknown %(kind)s “%(id)s”.") % {"kind": kind, "id": record_id})
        return None

    def state(self, area_id: Any, where: str) -> State | None:
        code = (
            area_id[len(AREA_PREFIX) :]
            if isinstance(area_id, str) and area_id.startswith(AREA_PREFIX)
            else None
        )
        if code in self.states:
            return self.states[code]
        self.problem(where, _("refers to an unknown state “%(id)s”.") % {"id": area_id})
        return None

    def dates(self, obj, row: dict[str, Any], where: str) -> None:
        try:
            obj.start_on, obj.start_precision = parse_partial_date(row.get("start_date"))
            obj.end_on, obj.end_precision = parse_partial_date(row.get("end_date"), end=True)
        except ValueError as exc:
            self.problem(where, str(exc))

    def lang_names(
        self, row: dict[str, Any], note: str | None = None, key: str = "other_names"
    ) -> dict[str, dict]:
        names = row.get(key) or []
        return {n.get("lang"): n for n in names if isinstance(n, dict) and n.get("note") == note}

    def build(self) -> list[tuple[str, Any]]:
        plan: list[tuple[str, Any]] = []
        for row in self.rows("organizations"):
            organization = self.instance(Organization, row, "organization")
            if organization is not None:
                self.planned[row["id"]] = organization
                plan.append(("organizations", (organization, row)))
        for row in self.rows("persons"):
            person = self.instance(Person, row, "person")
            if person is not None:
                self.planned[row["id"]] = person
                plan.append(("persons", (person, row)))
        for row in self.rows("posts"):
            post = self.instance(Post, row, "post")
            if post is not None:
                plan.append(("posts", (post, row)))
        for row in self.rows("memberships"):
            membership = self.instance(Membership, row, "membership")
            if membership is not None:
                plan.append(("memberships", (membership, row)))
        for kind, (obj, row) in plan:
            getattr(self, f"fill_{kind}")(obj, row)
        return plan

    def fill_organizations(self, organization: Organization, row: dict[str, Any]) -> None:
        where = row["id"]
        names = self.lang_names(row)
        abbreviations = self.lang_names(row, note="abbreviation")
        organization.kind = row.get("classification", "")
        organization.name_en = names.get("en", {}).get("name", "")
        organization.name_ru = names.get("ru", {}).get("name", "")
        if not (organization.name_en or organization.name_ru):
            organization.name_en = row.get("name", "")
        organization.abbreviation_en = abbreviations.get("en", {}).get("name", "")
        organization.abbreviation_ru = abbreviations.get("ru", {}).get("name", "")
        organization.parent = (
            self.ref(row["parent_id"], "organization", where) if row.get("parent_id") else None
        )
        organization.state = self.state(row["area_id"], where) if row.get("area_id") else None
        try:
            organization.founded_on = parse_partial_date(row.get("founding_date"))[0]
            organization.dissolved_on = parse_partial_date(row.get("dissolution_date"))[0]
        except ValueError as exc:
            self.problem(where, str(exc))
        links = [link for link in row.get("links") or [] if isinstance(link, dict)]
        organization.website = next(
            (link.get("url", "") for link in links if link.get("note") == "website"), ""
        )
        description = row.get("description") or {}
        organization.description_en = description.get("en", "")
        organization.description_ru = description.get("ru", "")
        organization.slug = self.slug(row)

    def slug(self, row: dict[str, Any]) -> str | None:
        identifiers = [i for i in row.get("identifiers") or [] if isinstance(i, dict)]
        return next((i.get("identifier") for i in identifiers if i.get("scheme") == "accord"), None)

    def fill_persons(self, person: Person, row: dict[str, Any]) -> None:
        names = self.lang_names(row)
        en, ru = names.get("en", {}), names.get("ru", {})
        person.family_name_en = en.get("family_name", "")
        person.given_name_en = en.get("given_name", "")
        person.family_name_ru = ru.get("family_name", "")
        person.given_name_ru = ru.get("given_name", "")
        person.patronymic_ru = ru.get("patronymic_name", "")
        if not (person.family_name_en or person.family_name_ru):
            person.family_name_en = row.get("family_name", "")
            person.given_name_en = row.get("given_name", "")
        person.is_public = bool(row.get("is_public", True))
        person.note = row.get("summary", "")
        person.slug = self.slug(row)
        try:
            person.birth_on = parse_partial_date(row.get("birth_date"))[0]
        except ValueError as exc:
            self.problem(row["id"], str(exc))

    def fill_posts(self, post: Post, row: dict[str, Any]) -> None:
        where = row["id"]
        post.person = self.ref(row.get("person_id"), "person", where)
        post.organization = self.ref(row.get("organization_id"), "organization", where)
        labels = self.lang_names(row, key="other_labels")
        post.title_en = labels.get("en", {}).get("name", "")
        post.title_ru = labels.get("ru", {}).get("name", "")
        if not (post.title_en or post.title_ru):
            post.title_en = row.get("label", "")
        post.role = row.get("role", "other")
        post.note = row.get("note", "")
        self.dates(post, row, where)

    def fill_memberships(self, membership: Membership, row: dict[str, Any]) -> None:
        where = row["id"]
        membership.body = self.ref(row.get("organization_id"), "organization", where)
        member = row.get("member") if isinstance(row.get("member"), dict) else {}
        membership.state = membership.organization = None
        if member.get("@type") == "Area":
            membership.state = self.state(member.get("id"), where)
        elif member.get("@type") == "Organization":
            membership.organization = self.ref(member.get("id"), "organization", where)
        else:
            self.problem(where, _("the member must be an Area (a state) or an Organization."))
        membership.role = row.get("role", "member")
        membership.note = row.get("note", "")
        self.dates(membership, row, where)

    def validate(self, plan: list[tuple[str, Any]]) -> None:
        for _kind, (obj, row) in plan:
            try:
                obj.full_clean(
                    exclude=["person", "organization", "body", "parent", "state"], validate_unique=False
                )
            except ValidationError as exc:
                for field, messages in exc.message_dict.items():
                    for message in messages:
                        self.problem(row["id"], f"{field}: {message}")


def import_popolo(data: Any, *, dry_run: bool = False) -> dict[str, dict[str, int]]:
    """Create or update the records of a Popolo file; all of them, or — on any problem — none."""
    if not isinstance(data, dict):
        raise PopoloError([_("A Popolo file is a JSON object with “persons”, “organizations”, … lists.")])
    importer = _Importer(data)
    plan = importer.build()
    importer.validate(plan)
    if importer.problems:
        raise PopoloError(importer.problems)
    try:
        with transaction.atomic():
            for kind, (obj, _row) in plan:
                importer.counts[kind]["updated" if obj._state.adding is False else "created"] += 1
                if kind == "organizations" and obj.parent is not None and obj.parent.pk == obj.pk:
                    raise PopoloError([f"{_row['id']}: " + _("an organization cannot be its own parent.")])
                obj.save(force_insert=obj._state.adding)
            _reset_sequences()
            if dry_run:
                transaction.set_rollback(True)
    except PopoloError:
        raise
    except Exception as exc:  # a constraint the checks above did not foresee
        raise PopoloError([_("The database refused the import: %(error)s") % {"error": exc}]) from exc
    return importer.counts


def _reset_sequences() -> None:
    """Rows were inserted with their file ids: move PostgreSQL's counters past them."""
    statements = connection.ops.sequence_reset_sql(no_style(), list(KINDS.values()))
    with connection.cursor() as cursor:
        for sql in statements:
            cursor.execute(sql)
