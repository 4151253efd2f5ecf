"""Popolo: a round trip leaves the data unchanged; a bad file changes nothing."""

import datetime
import functools
import json

import pytest
from django.core.management import CommandError, call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from accord.registry.models import Alias, Membership, Organization, Person, Post
from accord.registry.popolo import PopoloError, export_popolo
from accord.registry.services import import_popolo as import_popolo_as
from accord.registry.tests.factories import (
    AliasFactory,
    MembershipFactory,
    NationalAuthorityFactory,
    OrganizationFactory,
    PersonFactory,
    PostFactory,
    StateFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def import_popolo(secretariat_user):
    """The registry's import service, called by the secretariat."""
    return functools.partial(import_popolo_as, acting_user=secretariat_user)


@pytest.fixture
def registry():
    state = StateFactory(iso3="UZB", iso2="UZ")
    cis = OrganizationFactory(
        slug="cis",
        abbreviation_ru="СНГ",
        abbreviation_en="CIS",
        website="https://e-cis.info",
        founded_on=datetime.date(1991, 12, 8),
        description_ru="Содружество",
    )
    AliasFactory(state=None, organization=cis, text="Содружество", kind="short")
    committee = OrganizationFactory(parent=cis, kind="body", name_en="")
    authority = NationalAuthorityFactory(state=state)
    person = PersonFactory(
        patronymic_ru="Викторович", slug="krasnov", birth_on=datetime.date(1975, 6, 24), note="n"
    )
    AliasFactory(state=None, person=person, text="Krasnov", language="en", kind="other")
    PostFactory(
        person=person,
        organization=authority,
        start_on=datetime.date(2020, 1, 22),
        end_on=datetime.date(2025, 9, 30),
        end_precision="month",
    )
    PostFactory(
        person=PersonFactory(family_name_en="", given_name_en="", is_public=False),
        organization=committee,
        start_on=datetime.date(2025, 1, 1),
        start_precision="year",
    )
    MembershipFactory(
        body=cis,
        state=state,
        role="chair",
        start_on=datetime.date(2020, 1, 1),
        start_precision="year",
        end_on=datetime.date(2020, 12, 31),
        end_precision="year",
    )
    MembershipFactory(body=cis, state=None, organization=committee, role="observer", note="n")
    return cis


def wipe():
    Membership.objects.all().delete()
    Post.objects.all().delete()
    Person.objects.all().delete()
    Organization.objects.filter(parent__isnull=False).delete()
    Organization.objects.all().delete()


def test_round_trip_leaves_the_data_unchanged(registry, import_popolo):
    exported = export_popolo()
    assert exported["posts"][0]["end_date"] == "2025-09"
    assert {"@type": "Area", "id": "iso3166:UZB"} in [m["member"] for m in exported["memberships"]]
    wipe()
    counts = import_popolo(json.loads(json.dumps(exported)))
    assert counts["organizations"]["created"] == 3 and counts["posts"]["created"] == 2
    assert counts["memberships"]["created"] == 2 and counts["aliases"]["created"] == 2
    assert export_popolo() == exported
    person = Person.objects.get(slug="krasnov")
    assert person.patronymic_ru == "Викторович" and person.aliases.get().text == "Krasnov"
    assert Post.objects.get(end_precision="month").end_on == datetime.date(2025, 9, 30)
    # New rows after an import with explicit ids do not collide with them.
    OrganizationFactory()


def test_importing_the_same_file_again_updates_nothing_new(registry, import_popolo):
    exported = export_popolo()
    counts = import_popolo(exported)
    assert all(c["created"] == 0 for c in counts.values())
    assert counts["persons"]["updated"] == 2 and counts["posts"]["updated"] == 2
    assert Organization.objects.count() == 3 and Person.objects.count() == 2
    assert Membership.objects.count() == 2 and Alias.objects.count() == 2
    assert export_popolo() == exported


@pytest.mark.parametrize(
    "breakage",
    [
        lambda d: d["posts"][0].update(person_id="accord:person/999"),
        lambda d: d["posts"][0].update(start_date="2030", end_date="2020"),
        lambda d: d["memberships"][0]["member"].update(id="iso3166:XXX"),
        lambda d: d["persons"][0].update(other_names=[], family_name=""),
        lambda d: d["persons"][0].update(id="accord:person/one"),
        lambda d: d["organizations"][1].update(parent_id=d["organizations"][1]["id"]),
        lambda d: d["memberships"][0].update(role="emperor"),
        lambda d: d["posts"].append(dict(d["posts"][0])),
        lambda d: d["posts"][0].update(start_date="22.01.2020"),
    ],
)
def test_a_bad_file_writes_nothing(registry, breakage, import_popolo):
    data = export_popolo()
    wipe()
    breakage(data)
    with pytest.raises(PopoloError) as error:
        import_popolo(data)
    assert error.value.problems
    assert all(p.startswith(("accord:", "posts[")) for p in error.value.problems), error.value.problems
    assert Organization.objects.count() == Person.objects.count() == Post.objects.count() == 0
    assert Membership.objects.count() == Alias.objects.count() == 0


def test_problems_name_the_record_and_the_field(registry, import_popolo):
    data = export_popolo()
    post = data["posts"][0]
    post.update(person_id="accord:person/999", start_date="2030", end_date="2020")
    data["memberships"][0]["member"]["id"] = "iso3166:XXX"
    with pytest.raises(PopoloError) as error:
        import_popolo(data)
    problems = "\n".join(error.value.problems)
    assert f"{post['id']}: person_id:" in problems and "accord:person/999" in problems
    assert f"{data['memberships'][0]['id']}: member.id:" in problems and "XXX" in problems


def test_a_late_problem_rolls_back_what_was_already_saved(registry, import_popolo):
    data = export_popolo()
    wipe()
    # Only a model check inside the transaction sees this one: end before start.
    data["posts"][-1].update(start_date="2030", end_date="2020-05")
    with pytest.raises(PopoloError, match="end_date"):
        import_popolo(data)
    assert Organization.objects.count() == Person.objects.count() == 0


def test_records_from_other_tools_are_created_and_linked_within_the_file(import_popolo):
    StateFactory(iso3="KAZ", iso2="KZ")
    data = {
        "organizations": [
            {
                "id": "ocd-organization/child",
                "name": "Child",
                "classification": "body",
                "parent_id": "ocd-organization/root",
            },
            {"id": "ocd-organization/root", "name": "Root", "classification": "igo", "founding_date": "1991"},
        ],
        "persons": [
            {
                "id": "ocd-person/1",
                "name": "Ivan Petrov",
                "other_names": [
                    {"lang": "ru", "family_name": "Петров", "given_name": "Иван", "additional_name": "Ильич"}
                ],
            }
        ],
        "posts": [
            {
                "id": "x/1",
                "person_id": "ocd-person/1",
                "organization_id": "ocd-organization/child",
                "label": "Chair",
                "start_date": "2024-03",
            }
        ],
        "memberships": [
            {
                "id": "x/2",
                "organization_id": "ocd-organization/root",
                "member": {"@type": "Area", "id": "iso3166:KAZ"},
            }
        ],
    }
    counts = import_popolo(data)
    assert {k: v["created"] for k, v in counts.items()} == {
        "organizations": 2,
        "persons": 1,
        "posts": 1,
        "memberships": 1,
        "aliases": 0,
    }
    child = Organization.objects.get(name_en="Child")
    assert child.parent.name_en == "Root" and child.parent.founded_on == datetime.date(1991, 1, 1)
    post = Post.objects.get()
    assert (post.start_on, post.start_precision) == (datetime.date(2024, 3, 1), "month")
    assert post.person.patronymic_ru == "Ильич" and post.role == "other"
    assert Membership.objects.get().state.iso3 == "KAZ"


def test_export_does_not_depend_on_the_active_language(registry):
    with translation.override("en"):
        english = export_popolo()
    with translation.override("ru"):
        assert export_popolo() == english


def test_dry_run_counts_and_writes_nothing(registry, import_popolo):
    data = export_popolo()
    wipe()
    counts = import_popolo(data, dry_run=True)
    assert counts["persons"]["created"] == 2 and counts["aliases"]["created"] == 2
    assert Person.objects.count() == Organization.objects.count() == Alias.objects.count() == 0


def test_cli_export_import_and_errors(registry, tmp_path, capsys, secretariat_user):
    path = tmp_path / "registry.json"
    call_command("popolo", "export", str(path))
    data = json.loads(path.read_text(encoding="utf-8"))
    assert len(data["persons"]) == 2
    wipe()
    call_command("popolo", "import", str(path), "--dry-run", "--as", "secretariat")
    summary = capsys.readouterr().out.split("persons:")[1].splitlines()[0]
    assert "2" in summary  # «persons: 2 created» in whichever language
    assert Person.objects.count() == 0
    call_command("popolo", "export", "-")
    assert json.loads(capsys.readouterr().out) == {
        "persons": [],
        "organizations": [],
        "posts": [],
        "memberships": [],
        "areas": [],
    }
    bad = tmp_path / "bad.json"
    bad.write_text("{not json", encoding="utf-8")
    with pytest.raises(CommandError, match="JSON"):
        call_command("popolo", "import", str(bad), "--as", "secretariat")
    with pytest.raises(CommandError):
        call_command("popolo", "import", str(tmp_path / "missing.json"), "--as", "secretariat")
    bad.write_text(json.dumps({"persons": [{"id": "accord:person/1"}]}), encoding="utf-8")
    with pytest.raises(CommandError, match="accord:person/1"):
        call_command("popolo", "import", str(bad), "--as", "secretariat")


def test_api_shows_public_data_to_anonymous_users(registry, api_client, analyst_user):
    public = api_client.get("/api/popolo.json").json()
    assert len(public["persons"]) == 1 and len(public["posts"]) == 1
    # The birth date and the curators' note are members' reading, not the public's.
    assert "birth_date" not in public["persons"][0] and "summary" not in public["persons"][0]
    api_client.force_authenticate(analyst_user)
    members = api_client.get("/api/popolo.json").json()["persons"]
    assert len(members) == 2
    assert any(p.get("birth_date") == "1975-06-24" and p.get("summary") == "n" for p in members)


def test_api_runs_a_bounded_number_of_queries(api_client):
    def count():
        with CaptureQueriesContext(connection) as queries:
            assert api_client.get("/api/popolo.json").status_code == 200
        return len(queries)

    def grow(n):
        for _ in range(n):
            post = PostFactory()
            MembershipFactory(state=post.organization.state, body=post.organization)
            AliasFactory(state=None, person=post.person)
            AliasFactory(state=None, organization=post.organization)

    grow(2)
    small = count()
    grow(18)
    assert count() == small
