"""Popolo: a round trip leaves the data unchanged; a bad file changes nothing."""

import datetime
import json

import pytest
from django.core.management import CommandError, call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from accord.registry.models import Membership, Organization, Person, Post
from accord.registry.popolo import PopoloError, export_popolo, import_popolo
from accord.registry.tests.factories import (
    MembershipFactory,
    NationalAuthorityFactory,
    OrganizationFactory,
    PersonFactory,
    PostFactory,
    StateFactory,
)

pytestmark = pytest.mark.django_db


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
    committee = OrganizationFactory(parent=cis, kind="body", name_en="")
    authority = NationalAuthorityFactory(state=state)
    person = PersonFactory(
        patronymic_ru="Викторович", slug="krasnov", birth_on=datetime.date(1975, 6, 24), note="n"
    )
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


def test_round_trip_leaves_the_data_unchanged(registry):
    exported = export_popolo()
    assert exported["posts"][0]["end_date"] == "2025-09"
    assert {"@type": "Area", "id": "iso3166:UZB"} in [m["member"] for m in exported["memberships"]]
    wipe()
    counts = import_popolo(json.loads(json.dumps(exported)))
    assert counts["organizations"]["created"] == 3 and counts["posts"]["created"] == 2
    assert export_popolo() == exported
    assert Post.objects.get(end_precision="month").end_on == datetime.date(2025, 9, 30)
    # New rows after an import with explicit ids do not collide with them.
    OrganizationFactory()


def test_importing_the_same_file_again_updates_nothing_new(registry):
    exported = export_popolo()
    counts = import_popolo(exported)
    assert all(c["created"] == 0 for c in counts.values())
    assert Organization.objects.count() == 3 and Person.objects.count() == 2
    assert export_popolo() == exported


@pytest.mark.parametrize(
    "breakage",
    [
        lambda d: d["posts"][0].update(person_id="accord:person/999"),
        lambda d: d["posts"][0].update(start_date="2030", end_date="2020"),
        lambda d: d["memberships"][0]["member"].update(id="iso3166:XXX"),
        lambda d: d["persons"][0].update(other_names=[], family_name=""),
        lambda d: d["persons"][0].update(id="person-1"),
        lambda d: d["posts"][0].update(start_date="22.01.2020"),
    ],
)
def test_a_bad_file_writes_nothing(registry, breakage):
    data = export_popolo()
    wipe()
    breakage(data)
    with pytest.raises(PopoloError) as error:
        import_popolo(data)
    assert error.value.problems
    assert Organization.objects.count() == Person.objects.count() == Post.objects.count() == 0


def test_cli_export_import_and_errors(registry, tmp_path, capsys):
    path = tmp_path / "registry.json"
    call_command("popolo", "export", str(path))
    data = json.loads(path.read_text(encoding="utf-8"))
    assert len(data["persons"]) == 2
    wipe()
    call_command("popolo", "import", str(path), "--dry-run")
    assert "Пробный запуск" in capsys.readouterr().out  # commands speak the default language
    assert Person.objects.count() == 0
    bad = tmp_path / "bad.json"
    bad.write_text("{not json", encoding="utf-8")
    with pytest.raises(CommandError, match="JSON"):
        call_command("popolo", "import", str(bad))
    with pytest.raises(CommandError):
        call_command("popolo", "import", str(tmp_path / "missing.json"))
    bad.write_text(json.dumps({"persons": [{"id": "accord:person/1"}]}), encoding="utf-8")
    with pytest.raises(CommandError, match="accord:person/1"):
        call_command("popolo", "import", str(bad))


def test_api_shows_public_data_to_anonymous_users(registry, api_client, analyst_user):
    public = api_client.get("/api/popolo.json").json()
    assert len(public["persons"]) == 1 and len(public["posts"]) == 1
    api_client.force_authenticate(analyst_user)
    assert len(api_client.get("/api/popolo.json").json()["persons"]) == 2


def test_api_runs_a_bounded_number_of_queries(api_client):
    def count():
        with CaptureQueriesContext(connection) as queries:
            assert api_client.get("/api/popolo.json").status_code == 200
        return len(queries)

    def grow(n):
        for _ in range(n):
            post = PostFactory()
            MembershipFactory(state=post.organization.state, body=post.organization)

    grow(2)
    small = count()
    grow(18)
    assert count() == small
