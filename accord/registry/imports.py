"""Spreadsheet imports of the registry: organizations, and people with their posts.

Each row goes through `save_registry_record`, the registry's one write path
(the same permission rule, `full_clean()` and audit log as the forms); the
reading, the dry run and the all-or-nothing transaction are core's
(`accord.core.imports`). The lookups of states, organizations and people
by name are here, for the other apps' imports too.
"""

from django.db.models import Q, Value
from django.db.models.functions import Concat
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from accord.core.imports import (
    CHANGED,
    CREATED,
    UNCHANGED,
    Column,
    ImportKind,
    RowError,
    changed_fields,
    find_one,
    parse_choice,
    parse_date,
)
from accord.registry.choices import OrganizationKind, PostRole
from accord.registry.models import Organization, Person, Post, State
from accord.registry.services import save_registry_record


def find_state(text: str, column: str) -> State | None:
    """A state by ISO code (RUS, RU) or its name in either language; empty is None."""
    if not text.strip():
        return None
    return find_one(State.objects.all(), ("iso3", "iso2", "name_ru", "name_en"), text, _("state"), column)


def find_organization(text: str, column: str, state: State | None = None) -> Organization | None:
    """An organization (of `state`, if given) by its key, abbreviation or name in either language; empty is None."""
    if not text.strip():
        return None
    organizations = Organization.objects.all()
    if state is not None:
        organizations = organizations.filter(state=state)
    return find_one(
        organizations,
        ("slug", "abbreviation_ru", "abbreviation_en", "name_ru", "name_en"),
        text,
        _("organization"),
        column,
    )


def find_person(text: str, column: str) -> Person | None:
    """A person by "Family Given" or "Given Family" in either language; empty is None."""
    if not text.strip():
        return None
    text = " ".join(text.split())
    people = Person.objects.annotate(
        fg_ru=Concat("family_name_ru", Value(" "), "given_name_ru"),
        gf_ru=Concat("given_name_ru", Value(" "), "family_name_ru"),
        fg_en=Concat("family_name_en", Value(" "), "given_name_en"),
        gf_en=Concat("given_name_en", Value(" "), "family_name_en"),
        fgp_ru=Concat("family_name_ru", Value(" "), "given_name_ru", Value(" "), "patronymic_ru"),
    )
    return find_one(people, ("fgp_ru", "fg_ru", "gf_ru", "fg_en", "gf_en"), text, _("person"), column)


class OrganizationImport(ImportKind):
    """One organization per row; a row naming an organization already recorded changes it."""

    name = "organizations"
    title = gettext_lazy("Organizations")
    model = Organization
    columns = (
        Column(
            "slug",
            gettext_lazy("Reference key (optional); a row with a known key changes that organization."),
        ),
        Column("name_ru", gettext_lazy("Name in Russian (this or the English name is required).")),
        Column("name_en", gettext_lazy("Name in English.")),
        Column(
            "kind",
            gettext_lazy("Kind: igo, body, national_authority, ngo, media, academic, other (or its name)."),
            required=True,
        ),
        Column("state", gettext_lazy("State: ISO code (KAZ) or name; required for a national authority.")),
        Column("parent", gettext_lazy("Parent organization: its key, abbreviation or name.")),
        Column("abbreviation_ru", gettext_lazy("Abbreviation in Russian.")),
        Column("abbreviation_en", gettext_lazy("Abbreviation in English.")),
        Column("website", gettext_lazy("Website address.")),
        Column("founded_on", gettext_lazy("Founded on (2024-05-31).")),
    )
    example = (
        {
            "name_ru": "Агентство по противодействию коррупции",
            "name_en": "Anti-Corruption Agency",
            "kind": "national_authority",
            "state": "KAZ",
            "abbreviation_en": "ACA",
            "website": "https://example.org",
            "founded_on": "2019-06-13",
        },
    )

    def _existing(self, values: dict[str, str], state: State | None) -> Organization | None:
        if values.get("slug"):
            return Organization.objects.filter(slug=values["slug"]).first()
        names = Q()
        for field in ("name_ru", "name_en"):
            if values.get(field):
                names |= Q(**{f"{field}__iexact": values[field]})
        if not names:
            return None
        found = list(Organization.objects.filter(names, state=state)[:2])
        if len(found) > 1:
            raise RowError(_("Several organizations of this state have this name; give its key (slug)."))
        return found[0] if found else None

    def import_row(self, values: dict[str, str], *, acting_user) -> tuple[str, str]:
        get = values.get
        state = find_state(get("state", ""), "state")
        fields = {
            "kind": parse_choice(get("kind", ""), OrganizationKind, "kind"),
            "state": state,
            "parent": find_organization(get("parent", ""), "parent"),
        }
        for name in ("name_ru", "name_en", "abbreviation_ru", "abbreviation_en", "website"):
            if get(name):
                fields[name] = get(name)
        if get("founded_on"):
            fields["founded_on"] = parse_date(get("founded_on", ""), "founded_on")
        if not (get("name_ru") or get("name_en")):
            raise RowError(_("Give the name in Russian or in English."))
        organization = self._existing(values, state)
        if organization is None:
            organization = Organization(slug=get("slug") or None)
            changed_fields(organization, fields)
            save_registry_record(organization, acting_user=acting_user)
            return CREATED, str(organization)
        if not changed_fields(organization, fields):
            return UNCHANGED, str(organization)
        save_registry_record(organization, acting_user=acting_user)
        return CHANGED, str(organization)


class PersonPostImport(ImportKind):
    """One post per row, with the person who holds it: the person is found by name or added, then the post."""

    name = "people"
    title = gettext_lazy("People with posts")
    model = Post
    columns = (
        Column(
            "family_name_ru", gettext_lazy("Family name in Russian (this or the English one is required).")
        ),
        Column("given_name_ru", gettext_lazy("Given name in Russian.")),
        Column("patronymic_ru", gettext_lazy("Patronymic in Russian.")),
        Column("family_name_en", gettext_lazy("Family name in English.")),
        Column("given_name_en", gettext_lazy("Given name in English.")),
        Column("birth_on", gettext_lazy("Date of birth (tells apart two people of one name).")),
        Column(
            "organization",
            gettext_lazy("Organization of the post: its key, abbreviation or name."),
            required=True,
        ),
        Column(
            "state",
            gettext_lazy("State of the organization (ISO code or name), when its name is not unique."),
        ),
        Column(
            "title_ru", gettext_lazy("Title of the post in Russian (this or the English one is required).")
        ),
        Column("title_en", gettext_lazy("Title of the post in English.")),
        Column("role", gettext_lazy("Role: head, deputy, member, staff, representative, other.")),
        Column("start_on", gettext_lazy("Start of the post (2024-05-31).")),
        Column("end_on", gettext_lazy("End of the post; empty while it is held.")),
        Column("note", gettext_lazy("Note on the post.")),
    )
    example = (
        {
            "family_name_ru": "Иванова",
            "given_name_ru": "Анна",
            "patronymic_ru": "Сергеевна",
            "family_name_en": "Ivanova",
            "given_name_en": "Anna",
            "organization": "Anti-Corruption Agency",
            "state": "KAZ",
            "title_ru": "Председатель",
            "title_en": "Chair",
            "role": "head",
            "start_on": "2023-01-09",
        },
    )

    def _person(self, values: dict[str, str]) -> Person | None:
        get = values.get
        names = {
            f"{field}__iexact": get(field, "")
            for field in ("family_name_ru", "given_name_ru", "patronymic_ru")
            if get("family_name_ru")
        } or {f"{field}__iexact": get(field, "") for field in ("family_name_en", "given_name_en")}
        people = Person.objects.filter(**names)
        birth_on = parse_date(get("birth_on", ""), "birth_on")
        if birth_on:
            people = people.filter(Q(birth_on=birth_on) | Q(birth_on__isnull=True))
        found = list(people[:2])
        if len(found) > 1:
            raise RowError(
                _("Several people in the registry have this name: add the date of birth (birth_on).")
            )
        return found[0] if found else None

    def import_row(self, values: dict[str, str], *, acting_user) -> tuple[str, str]:
        get = values.get
        if not (get("family_name_ru") or get("family_name_en")):
            raise RowError(_("Give the family name in Russian or in English."))
        state = find_state(get("state", ""), "state")
        organization = find_organization(get("organization", ""), "organization", state)
        if organization is None:
            raise RowError(_("%(column)s is required.") % {"column": "organization"})
        person_fields = {
            name: get(name)
            for name in (
                "family_name_ru",
                "given_name_ru",
                "patronymic_ru",
                "family_name_en",
                "given_name_en",
            )
            if get(name)
        }
        if get("birth_on"):
            person_fields["birth_on"] = parse_date(get("birth_on", ""), "birth_on")
        start_on = parse_date(get("start_on", ""), "start_on")
        post_fields = {
            "title_ru": get("title_ru", ""),
            "title_en": get("title_en", ""),
            "role": parse_choice(get("role", ""), PostRole, "role", default=PostRole.OTHER),
            "end_on": parse_date(get("end_on", ""), "end_on"),
        }
        if get("note"):
            post_fields["note"] = get("note")
        action = UNCHANGED
        person = self._person(values)
        if person is None:
            person = Person()
            changed_fields(person, person_fields)
            save_registry_record(person, acting_user=acting_user)
        elif changed_fields(person, person_fields):
            save_registry_record(person, acting_user=acting_user)
            action = CHANGED
        titles = Q()
        for field in ("title_ru", "title_en"):
            if post_fields[field]:
                titles |= Q(**{f"{field}__iexact": post_fields[field]})
        post = (
            person.posts.filter(titles, organization=organization, start_on=start_on).first()
            if titles
            else None
        )
        if post is None:
            post = Post(person=person, organization=organization, start_on=start_on)
            changed_fields(post, post_fields)
            save_registry_record(post, acting_user=acting_user)
            action = CREATED  # the row is the post: new whether or not its holder was
        elif changed_fields(post, post_fields):
            save_registry_record(post, acting_user=acting_user)
            action = CHANGED
        return action, f"{person.name} — {post.title}, {organization}"


KINDS = [OrganizationImport, PersonPostImport]
