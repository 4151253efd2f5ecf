"""Open data: the package is valid against its own schema, holds only public rows, and is switched atomically."""

import csv
import datetime
import io
import json
import zipfile
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone
from django.utils.module_loading import import_string
from frictionless import Package, validate
from icalendar import Calendar

from accord.cooperation.tests.factories import AgreementFactory, AgreementPartyFactory, InitiativeFactory
from accord.core import opendata as core_opendata
from accord.core.choices import Confidentiality
from accord.core.roles import Role
from accord.documents.tests.factories import DocumentFactory
from accord.followup.tests.factories import RecommendationFactory
from accord.instruments.tests.factories import InstrumentFactory, PartyFactory
from accord.legal_cooperation.tests.factories import CooperationRequestFactory
from accord.meetings.tests.factories import MeetingFactory, ParticipationFactory
from accord.news.choices import LinkStatus, NewsStatus
from accord.news.models import NewsItem, NewsLink
from accord.portal import opendata
from accord.registry.models import State
from accord.registry.tests.factories import (
    MembershipFactory,
    NationalAuthorityFactory,
    OrganizationFactory,
    PersonFactory,
    PostFactory,
    StateFactory,
)
from accord.reviews.models import Summary
from accord.reviews.tests.factories import CountryReviewFactory
from conftest import make_user

pytestmark = pytest.mark.django_db

#: Words that only non-public records carry: none may appear in any file of the package.
SECRETS = (
    "Hiddenfamily",
    "Hidden post title",
    "Restricted meeting",
    "Confidential meeting",
    "Restricted document",
    "Confidential document",
    "Unpublished summary text",
    "Restricted recommendation text",
    "Confidential agreement",
    "Restricted initiative",
    "SECRET-REF",
    "Secret request subject",
    "Draft news title",
    "Review news title",
    "Future news title",
)


@pytest.fixture
def root(settings, tmp_path) -> Path:
    settings.ACCORD_OPENDATA_DIR = str(tmp_path / "opendata")
    return tmp_path / "opendata"


@pytest.fixture
def world(db):
    """Public records and, next to each, one the public must never see."""
    state, other = StateFactory(name_en="Publicland"), StateFactory()
    body = OrganizationFactory(name_en="Public council")
    authority = NationalAuthorityFactory(state=state)
    other_authority = NationalAuthorityFactory(state=other)
    person = PersonFactory(family_name_en="Publicfamily")
    hidden = PersonFactory(family_name_en="Hiddenfamily", family_name_ru="Скрытов", is_public=False)
    PostFactory(person=person, organization=authority, title_en="Public post title")
    PostFactory(person=hidden, organization=authority, title_en="Hidden post title")
    MembershipFactory(body=body, state=state)
    MembershipFactory(body=body, organization=authority, state=None)
    instrument = InstrumentFactory(organization=body)
    PartyFactory(instrument=instrument, state=state, signed_on=datetime.date(2004, 1, 1))
    meeting = MeetingFactory(body=body, country=state, title_en="Public meeting")
    restricted = MeetingFactory(
        body=body, title_en="Restricted meeting", confidentiality=Confidentiality.RESTRICTED
    )
    MeetingFactory(title_en="Confidential meeting", confidentiality=Confidentiality.CONFIDENTIAL)
    MeetingFactory(body=body, title_en="Public sitting", parent=restricted)
    ParticipationFactory(meeting=meeting, state=state)
    ParticipationFactory(meeting=meeting, state=None, person=person)
    ParticipationFactory(meeting=meeting, state=None, person=hidden)
    ParticipationFactory(meeting=restricted, state=other)
    document = DocumentFactory(
        title="Public document", meeting=restricted, publisher=body, text="Texte " * 50
    )
    DocumentFactory(title="Restricted document", confidentiality=Confidentiality.RESTRICTED)
    DocumentFactory(
        title="Confidential document", confidentiality=Confidentiality.CONFIDENTIAL, version_of=document
    )
    published = CountryReviewFactory(state=state)
    Summary.objects.create(review=published, text_en="Published summary text", published_at=timezone.now())
    unpublished = CountryReviewFactory(state=other)
    Summary.objects.create(review=unpublished, text_en="Unpublished summary text")
    RecommendationFactory(state=state, text_en="Public recommendation text", themes=["integrity"])
    RecommendationFactory(
        state=state, text_en="Restricted recommendation text", confidentiality=Confidentiality.RESTRICTED
    )
    InitiativeFactory(proposer_state=None, proposer_person=hidden, meeting=restricted)
    InitiativeFactory(title_en="Restricted initiative", confidentiality=Confidentiality.RESTRICTED)
    agreement = AgreementFactory(title_en="Public agreement", signed_at_meeting=restricted)
    AgreementPartyFactory(agreement=agreement, state=state)
    AgreementPartyFactory(
        agreement=AgreementFactory(
            title_en="Confidential agreement", confidentiality=Confidentiality.CONFIDENTIAL
        ),
        state=other,
    )
    for n in range(6):
        CooperationRequestFactory(
            requesting_authority=authority,
            requested_authority=other_authority,
            reference_number=f"SECRET-REF-{n}",
            subject="Secret request subject",
        )
    CooperationRequestFactory(
        kind="extradition", requesting_authority=other_authority, requested_authority=authority
    )
    now = timezone.now()
    news = NewsItem.objects.create(
        slug="public-news",
        title_en="Published news title",
        status=NewsStatus.PUBLISHED,
        published_at=now - datetime.timedelta(hours=1),
    )
    NewsLink.objects.create(news=news, meeting=meeting)
    NewsLink.objects.create(news=news, person=hidden)
    NewsLink.objects.create(news=news, state=other, status=LinkStatus.PROPOSED)
    NewsItem.objects.create(slug="draft", title_en="Draft news title", status=NewsStatus.DRAFT)
    NewsItem.objects.create(slug="review", title_en="Review news title", status=NewsStatus.REVIEW)
    NewsItem.objects.create(
        slug="future",
        title_en="Future news title",
        status=NewsStatus.PUBLISHED,
        published_at=now + datetime.timedelta(days=1),
    )
    return {
        "state": state,
        "meeting": meeting,
        "restricted": restricted,
        "document": document,
        "person": person,
    }


#: Every resource of the package and its columns, in order: what the apps' declarations add up to.
RESOURCES = {
    "states": (
        "id",
        "iso2",
        "iso3",
        "m49",
        "name_ru",
        "name_en",
        "official_name_ru",
        "official_name_en",
        "regional_group",
        "un_status",
        "url",
    ),
    "organizations": (
        "id",
        "slug",
        "kind",
        "parent_id",
        "state_id",
        "name_ru",
        "name_en",
        "abbreviation_ru",
        "abbreviation_en",
        "founded_on",
        "dissolved_on",
        "website",
        "description_ru",
        "description_en",
        "url",
    ),
    "people": (
        "id",
        "slug",
        "family_name_ru",
        "given_name_ru",
        "patronymic_ru",
        "family_name_en",
        "given_name_en",
        "url",
    ),
    "posts": (
        "id",
        "person_id",
        "organization_id",
        "title_ru",
        "title_en",
        "role",
        "start_on",
        "start_precision",
        "end_on",
        "end_precision",
        "note",
    ),
    "memberships": (
        "id",
        "body_id",
        "state_id",
        "organization_id",
        "role",
        "start_on",
        "start_precision",
        "end_on",
        "end_precision",
        "note",
    ),
    "instruments": (
        "id",
        "slug",
        "kind",
        "parent_id",
        "organization_id",
        "name_ru",
        "name_en",
        "abbreviation_ru",
        "abbreviation_en",
        "adopted_on",
        "opened_for_signature_on",
        "entry_into_force_on",
        "depositary_ru",
        "depositary_en",
        "official_url",
        "url",
    ),
    "instrument_parties": (
        "id",
        "instrument_id",
        "state_id",
        "status",
        "signed_on",
        "consent",
        "consent_on",
        "entry_into_force_on",
        "withdrawn_on",
        "note",
    ),
    "meetings": (
        "id",
        "kind",
        "body_id",
        "ordinal",
        "title_ru",
        "title_en",
        "start_on",
        "end_on",
        "city_ru",
        "city_en",
        "country_id",
        "format",
        "status",
        "parent_id",
        "web_page",
        "url",
    ),
    "participations": (
        "id",
        "meeting_id",
        "state_id",
        "organization_id",
        "person_id",
        "role",
        "mode",
        "note",
    ),
    "documents": (
        "id",
        "symbol",
        "language",
        "title",
        "kind",
        "published_on",
        "publisher_id",
        "meeting_id",
        "version_of_id",
        "source_url",
        "author",
        "content_hash",
        "text_length",
        "url",
    ),
    "country_reviews": (
        "id",
        "mechanism",
        "cycle",
        "cluster",
        "cluster_name_ru",
        "cluster_name_en",
        "state_id",
        "year",
        "phase",
        "dialogue_format",
        "dialogue_meeting_id",
        "url",
    ),
    "review_summaries": ("id", "review_id", "text_ru", "text_en", "published_at"),
    "recommendations": (
        "id",
        "source_kind",
        "source_title_ru",
        "source_title_en",
        "body_id",
        "state_id",
        "authority_id",
        "themes",
        "text_ru",
        "text_en",
        "priority",
        "due_on",
        "status",
        "is_status_assessed",
        "document_id",
        "meeting_id",
        "url",
    ),
    "initiatives": (
        "id",
        "title_ru",
        "title_en",
        "proposer_state_id",
        "proposer_organization_id",
        "proposer_person_id",
        "meeting_id",
        "proposed_on",
        "status",
        "topics",
        "url",
    ),
    "agreements": (
        "id",
        "kind",
        "title_ru",
        "title_en",
        "signed_on",
        "signed_place",
        "signed_at_meeting_id",
        "entry_into_force_on",
        "term",
        "expires_on",
        "status",
        "url",
    ),
    "agreement_parties": ("id", "agreement_id", "state_id", "organization_id", "role"),
    "request_statistics": ("section", "key", "label", "count", "display"),
    "news": (
        "id",
        "slug",
        "title_ru",
        "title_en",
        "lead_ru",
        "lead_en",
        "body_ru",
        "body_en",
        "published_at",
        "url",
    ),
    "news_links": ("id", "news_id", "state_id", "organization_id", "person_id", "meeting_id"),
}


def test_apps_declare_the_same_resources_and_columns_in_the_same_order():
    assert {t.name: tuple(c.name for c in t.columns) for t in opendata.tables()} == RESOURCES
    assert [t.name for t in opendata.tables()] == list(RESOURCES)


def test_each_app_declares_its_own_tables_through_its_appconfig():
    from django.apps import apps

    declared = {
        config.label: [t.name for t in import_string(config.opendata_tables)()]
        for config in apps.get_app_configs()
        if getattr(config, "opendata_tables", None)
    }
    assert declared["registry"] == ["states", "organizations", "people", "posts", "memberships"]
    assert declared["news"] == ["news", "news_links"]
    assert "portal" not in declared


def test_every_reference_points_to_a_resource_written_before():
    seen: set[str] = set()
    for table in opendata.tables():
        for _own, resource, _other in table.foreign_keys:
            assert resource == "" or resource in seen, (table.name, resource)
        seen.add(table.name)


def _rows(package_dir: Path, name: str) -> list[dict[str, str]]:
    with open(package_dir / f"{name}.csv", encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def test_package_is_valid_against_its_own_schema(world, root):
    result = opendata.build_open_data()
    descriptor = result.directory / opendata.DATAPACKAGE
    report = validate(str(descriptor))
    assert report.valid, report.flatten(["taskName", "rowNumber", "fieldName", "type", "note"])
    package = Package(str(descriptor))
    names = [r.name for r in package.resources]
    assert names == [t.name for t in opendata.tables()]
    assert package.profile == "tabular-data-package"
    assert package.licenses[0]["name"] == "CC-BY-4.0"
    posts = package.get_resource("posts").schema
    assert posts.primary_key == ["id"]
    assert {
        "fields": ["person_id"],
        "reference": {"resource": "people", "fields": ["id"]},
    } in posts.foreign_keys
    assert all(f.description for r in package.resources for f in r.schema.fields)
    assert package.get_resource("organizations").schema.get_field("website").format == "uri"
    assert package.get_resource("meetings").schema.get_field("start_on").description == "Start date"
    assert package.get_resource("meetings").schema.get_field("status").constraints["enum"] == [
        "planned",
        "held",
        "cancelled",
    ]


def test_a_broken_reference_makes_the_package_invalid(world, root):
    """The validation can fail: a post pointing at nobody is caught as a foreign-key error."""
    result = opendata.build_open_data()
    with open(result.directory / "posts.csv", "a", encoding="utf-8", newline="") as handle:
        csv.writer(handle).writerow(
            [999999, 888888, world["state"].pk, "X", "X", "head", "", "day", "", "day", ""]
        )
    report = validate(str(result.directory / opendata.DATAPACKAGE))
    assert not report.valid
    assert "foreign-key" in {row[0] for row in report.flatten(["type"])}


def test_no_file_holds_anything_the_public_cannot_see(world, root):
    result = opendata.build_open_data()
    texts = {p.name: p.read_text(encoding="utf-8") for p in result.directory.iterdir() if p.suffix != ".zip"}
    with zipfile.ZipFile(result.directory / opendata.ZIP) as archive:
        texts.update({f"zip:{n}": archive.read(n).decode("utf-8") for n in archive.namelist()})
    for name, text in texts.items():
        for secret in SECRETS:
            assert secret not in text, f"{secret!r} leaked into {name}"
    package_dir = result.directory
    assert [r["family_name_en"] for r in _rows(package_dir, "people")] == ["Publicfamily"]
    assert [r["title_en"] for r in _rows(package_dir, "posts")] == ["Public post title"]
    assert {r["title_en"] for r in _rows(package_dir, "meetings")} == {"Public meeting", "Public sitting"}
    assert [r["title"] for r in _rows(package_dir, "documents")] == ["Public document"]
    assert [r["text_en"] for r in _rows(package_dir, "review_summaries")] == ["Published summary text"]
    assert len(_rows(package_dir, "country_reviews")) == 1
    assert [r["text_en"] for r in _rows(package_dir, "recommendations")] == ["Public recommendation text"]
    assert [r["title_en"] for r in _rows(package_dir, "agreements")] == ["Public agreement"]
    assert [r["title_en"] for r in _rows(package_dir, "news")] == ["Published news title"]
    links = _rows(package_dir, "news_links")
    assert [(r["meeting_id"], r["person_id"], r["state_id"]) for r in links] == [
        (str(world["meeting"].pk), "", "")
    ]
    participants = _rows(package_dir, "participations")
    assert {r["person_id"] for r in participants} == {"", str(world["person"].pk)}
    assert len(participants) == 2
    assert "Texte" not in texts["documents.csv"]  # metadata only, never the text


def test_references_to_hidden_records_are_left_empty(world, root):
    package_dir = opendata.build_open_data().directory
    (document,) = _rows(package_dir, "documents")
    assert document["meeting_id"] == ""
    assert document["publisher_id"] == str(world["document"].publisher_id)
    assert document["text_length"] == str(len(world["document"].text))
    sitting = next(r for r in _rows(package_dir, "meetings") if r["title_en"] == "Public sitting")
    assert sitting["parent_id"] == ""
    (agreement,) = _rows(package_dir, "agreements")
    assert agreement["signed_at_meeting_id"] == ""
    initiative = _rows(package_dir, "initiatives")[0]
    assert (
        initiative["meeting_id"] == initiative["proposer_person_id"] == initiative["proposer_state_id"] == ""
    )


def test_request_statistics_are_aggregates_with_small_counts_suppressed(world, root):
    rows = {
        (r["section"], r["key"]): r for r in _rows(opendata.build_open_data().directory, "request_statistics")
    }
    assert rows[("total", "total")]["count"] == "7"
    assert rows[("by_kind", "mutual_legal_assistance")]["count"] == "6"
    extradition = rows[("by_kind", "extradition")]
    assert (extradition["count"], extradition["display"]) == ("", "<5")
    assert set(rows[("sent_by_state", world["state"].iso3)].values()) >= {"6"}


def test_json_twins_hold_the_same_rows_typed(world, root):
    package_dir = opendata.build_open_data().directory
    for table in opendata.tables():
        rows = json.loads((package_dir / f"{table.name}.json").read_text(encoding="utf-8"))
        assert len(rows) == len(_rows(package_dir, table.name)), table.name
    (news,) = json.loads((package_dir / "news.json").read_text(encoding="utf-8"))
    assert news["published_at"].endswith("Z")
    assert news["lead_en"] is None
    meeting = next(
        m
        for m in json.loads((package_dir / "meetings.json").read_text())
        if m["title_en"] == "Public meeting"
    )
    assert meeting["start_on"] == "2021-12-13"
    assert meeting["id"] == world["meeting"].pk
    (recommendation,) = json.loads((package_dir / "recommendations.json").read_text())
    assert recommendation["themes"] == "integrity"
    assert recommendation["is_status_assessed"] is False


def test_manifest_lists_sizes_rows_and_media_types(world, root):
    result = opendata.build_open_data()
    package = opendata.current_package()
    assert package.directory == result.directory
    files = package.files
    assert files["states.csv"]["rows"] == State.objects.count() > 2
    assert files["states.csv"]["size"] == (result.directory / "states.csv").stat().st_size
    assert files["meetings.ics"]["media_type"] == "text/calendar"
    assert files[opendata.ZIP]["media_type"] == "application/zip"
    assert result.counts["documents"] == 1
    with zipfile.ZipFile(result.directory / opendata.ZIP) as archive:
        assert f"accord-open-data/{opendata.DATAPACKAGE}" in archive.namelist()
        assert "accord-open-data/states.csv" in archive.namelist()


def test_a_second_build_replaces_the_first_atomically(world, root):
    first = opendata.build_open_data()
    StateFactory(name_en="Newland")
    seen_during_build = []

    def progress(name, rows):
        seen_during_build.append(opendata.current_package().directory)

    second = opendata.build_open_data(progress=progress)
    # While the second package was written, downloads still came from the first, complete one.
    assert set(seen_during_build) == {first.directory}
    assert opendata.current_package().directory == second.directory != first.directory
    assert "Newland" in (second.directory / "states.csv").read_text(encoding="utf-8")
    assert first.directory.exists()  # a download that began on it can finish
    third = opendata.build_open_data()
    assert not first.directory.exists()
    assert sorted(p.name for p in root.iterdir() if p.is_dir()) == sorted(
        [second.directory.name, third.directory.name]
    )


def test_pruning_removes_only_old_packages(db, root):
    root.mkdir(parents=True)
    (root / "someone-elses").mkdir()
    (root / "20240101T000000000000Z-zzzzzz").mkdir()  # not a name a build gives
    (root / "notes.txt").write_text("keep me")
    builds = [opendata.build_open_data() for _ in range(3)]
    assert not builds[0].directory.exists()
    assert (root / "someone-elses").is_dir()
    assert (root / "20240101T000000000000Z-zzzzzz").is_dir()
    assert (root / "notes.txt").read_text() == "keep me"


def test_a_failed_build_leaves_the_current_package_alone(world, root, monkeypatch):
    first = opendata.build_open_data()
    original = opendata.write_table

    def failing(table, directory):
        if table.name == "meetings":
            raise OSError(28, "No space left on device")
        return original(table, directory)

    monkeypatch.setattr(opendata, "write_table", failing)
    with pytest.raises(opendata.OpenDataError, match="No space left"):
        opendata.build_open_data()
    assert opendata.current_package().directory == first.directory
    assert [p.name for p in root.iterdir() if p.name.startswith(".")] == []


def test_rows_are_streamed_in_chunks(db, root, monkeypatch, django_assert_max_num_queries):
    monkeypatch.setattr(core_opendata, "CHUNK_SIZE", 3)
    DocumentFactory.create_batch(10)
    table = next(t for t in opendata.tables() if t.name == "documents")
    rows = table.rows()
    assert not isinstance(rows, list | tuple)
    with django_assert_max_num_queries(2):
        assert len(list(rows)) == 10
    root.mkdir(parents=True)
    assert opendata.write_table(table, root) == 10


def test_no_package_yet(root):
    assert opendata.current_package() is None
    root.mkdir(parents=True)
    (root / opendata.POINTER).write_text('{"package": "../elsewhere"}')
    assert opendata.current_package() is None


def test_icalendar_parses_and_holds_public_meetings(world, root):
    package_dir = opendata.build_open_data().directory
    calendar = Calendar.from_ical((package_dir / opendata.ICALENDAR).read_bytes())
    summaries = {str(event["summary"]) for event in calendar.walk("VEVENT")}
    assert summaries == {"Public meeting", "Public sitting"}


def test_popolo_has_public_people_organizations_and_memberships(world, root):
    package_dir = opendata.build_open_data().directory
    data = json.loads((package_dir / opendata.POPOLO).read_text(encoding="utf-8"))
    assert {p["family_name"] for p in data["persons"]} == {"Publicfamily"}
    assert {o["name"] for o in data["organizations"]} >= {"Public council"}
    assert len(data["memberships"]) == 2
    assert [p["label"] for p in data["posts"]] == ["Public post title"]


# --------------------------------------------------------------------------- command and task


def test_command_prints_progress_and_summary(world, root, capsys):
    call_command("export_open_data")
    out = capsys.readouterr().out
    assert f"states: {State.objects.count()} rows" in out
    assert "popolo" in out
    assert opendata.current_package() is not None


def test_command_json_summary(world, root, capsys):
    call_command("export_open_data", "--format", "json")
    summary = json.loads(capsys.readouterr().out)
    assert summary["counts"]["people"] == 1
    assert summary["counts"]["news"] == 1
    assert summary["dry_run"] is False
    assert Path(summary["directory"]) == opendata.current_package().directory


def test_command_dry_run_keeps_nothing(world, root, capsys):
    call_command("export_open_data", "--dry-run", "--format", "json")
    assert json.loads(capsys.readouterr().out)["counts"]["states"] == State.objects.count()
    assert opendata.current_package() is None
    assert not root.exists()


def test_command_refuses_an_unwritable_directory(db, tmp_path, english):
    blocker = tmp_path / "a-file"
    blocker.write_text("not a directory")
    with pytest.raises(CommandError, match="Cannot write the open-data directory"):
        call_command("export_open_data", "--output", str(blocker / "opendata"))


def test_command_rejects_an_unknown_format(db):
    with pytest.raises(CommandError):
        call_command("export_open_data", "--format", "xml")


def test_task_regenerates_the_package(world, root, settings):
    from accord.portal.tasks import regenerate_open_data

    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    result = regenerate_open_data.enqueue()
    assert result.return_value["counts"]["meetings"] == 2
    assert opendata.current_package().directory == Path(result.return_value["directory"])


def test_regeneration_is_enqueued_once_while_waiting(db, settings):
    from django_tasks import default_task_backend

    from accord.portal.tasks import request_regeneration

    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    default_task_backend.clear()
    assert request_regeneration() is True
    assert request_regeneration() is False
    assert len(default_task_backend.results) == 1
    assert default_task_backend.results[0].task.name == "regenerate_open_data"


# --------------------------------------------------------------------------- pages and downloads


@pytest.mark.usefixtures("english")
def test_page_says_when_there_is_no_package(client, root):
    page = client.get("/open-data/")
    assert page.status_code == 200
    assert "No open-data package has been generated yet" in page.content.decode()
    assert client.get("/open-data/states.csv").status_code == 404


@pytest.mark.usefixtures("english")
def test_page_lists_the_files_and_their_schema(world, root, client, django_assert_max_num_queries):
    opendata.build_open_data()
    # The page reads the package's files; its one query is the cache's (when news is next published).
    with django_assert_max_num_queries(1):
        page = client.get("/open-data/")
    html = page.content.decode()
    assert page.status_code == 200
    assert 'href="/open-data/states.csv"' in html
    assert 'href="/open-data/people.json"' in html
    assert 'href="/open-data/datapackage.json"' in html
    assert 'href="/open-data/meetings.ics"' in html
    assert 'href="/open-data/accord-open-data.zip"' in html
    assert 'href="/open-data/api/"' in html
    assert 'id="schema-posts"' in html
    assert "UN regional group (its code)." in html
    assert 'href="#schema-people"><code>people.id</code>' in html
    assert "csrfmiddlewaretoken" not in html
    assert "Regenerate now" not in html


def test_page_shows_a_new_package_at_once(world, root, client, monkeypatch):
    """The page is cached for anonymous visitors; a build makes the cached copy stale by itself."""
    opendata.build_open_data()
    before = client.get("/open-data/").content.decode()
    assert client.get("/open-data/").content.decode() == before
    later = timezone.now() + datetime.timedelta(days=3)
    monkeypatch.setattr(opendata.timezone, "now", lambda: later)
    opendata.build_open_data()  # no record changed: only the build itself can refresh the page
    after = client.get("/open-data/").content.decode()
    assert f'datetime="{later.replace(microsecond=0).isoformat()}"' in after
    assert after != before


@pytest.mark.usefixtures("english")
def test_the_secretariat_regenerates_from_the_page(root, client, settings):
    from django_tasks import default_task_backend

    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    default_task_backend.clear()
    client.force_login(make_user("od-secretariat", Role.SECRETARIAT))
    assert "Regenerate now" in client.get("/open-data/").content.decode()
    response = client.post("/open-data/regenerate/", follow=True)
    assert response.redirect_chain[-1][0] == "/open-data/"
    assert "will be regenerated" in response.content.decode()
    assert len(default_task_backend.results) == 1


def test_others_may_not_regenerate(root, client, settings):
    from django_tasks import default_task_backend

    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    default_task_backend.clear()
    assert client.post("/open-data/regenerate/").status_code == 403
    client.force_login(make_user("od-analyst", Role.ANALYST))
    assert client.post("/open-data/regenerate/").status_code == 403
    assert client.get("/open-data/regenerate/").status_code == 405
    assert default_task_backend.results == []


@pytest.mark.parametrize(
    ("name", "content_type"),
    [
        ("states.csv", "text/csv; charset=utf-8"),
        ("states.json", "application/json"),
        ("datapackage.json", "application/json"),
        ("popolo.json", "application/json"),
        ("meetings.ics", "text/calendar; charset=utf-8"),
        ("accord-open-data.zip", "application/zip"),
    ],
)
def test_downloads_have_their_content_type(world, root, client, name, content_type):
    result = opendata.build_open_data()
    response = client.get(f"/open-data/{name}")
    assert response.status_code == 200
    assert response["Content-Type"] == content_type
    assert response["Content-Disposition"] == f'attachment; filename="{name}"'
    assert b"".join(response.streaming_content) == (result.directory / name).read_bytes()


@pytest.mark.parametrize(
    "address",
    [
        "/open-data/manifest.json",  # on disk, but not a download
        "/open-data/..%2Fcurrent.json",
        "/open-data/%2e%2e/current.json",
        "/open-data/../secret_key",
        "/open-data/..",
        "/open-data/nothing.csv",
        "/open-data/%2Fetc%2Fpasswd",
    ],
)
def test_only_listed_files_are_served(world, root, client, address):
    opendata.build_open_data()
    assert client.get(address).status_code == 404


def test_the_zip_is_readable(world, root, client):
    opendata.build_open_data()
    response = client.get("/open-data/accord-open-data.zip")
    with zipfile.ZipFile(io.BytesIO(b"".join(response.streaming_content))) as archive:
        assert archive.testzip() is None
        assert "accord-open-data/popolo.json" in archive.namelist()


@pytest.mark.usefixtures("english")
def test_api_guide_page(client):
    page = client.get("/open-data/api/")
    html = page.content.decode()
    assert page.status_code == 200
    assert "/api/schema/" in html
    assert "/api/docs/" in html
    assert "/api/popolo.json" in html
    assert "curl" in html


# --------------------------------------------------------------------------- automatic refresh


@pytest.fixture
def autorefresh(settings):
    from django.db.models.signals import m2m_changed, post_delete, post_save
    from django_tasks import default_task_backend

    from accord.portal.tasks import connect_autorefresh

    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    settings.ACCORD_OPENDATA_REFRESH_MINUTES = 15
    default_task_backend.clear()
    connect_autorefresh()
    yield default_task_backend
    for signal in (post_save, post_delete, m2m_changed):
        signal.disconnect(dispatch_uid=f"accord-opendata-{signal!r}")


def test_changes_to_public_data_schedule_one_build_per_window(
    db, autorefresh, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        StateFactory()
    with django_capture_on_commit_callbacks(execute=True):
        MeetingFactory()
        DocumentFactory()
    (result,) = autorefresh.results
    assert result.task.name == "regenerate_open_data"
    assert result.task.run_after - timezone.now() > datetime.timedelta(minutes=14)


def test_the_build_opens_the_next_window(db, root, autorefresh, django_capture_on_commit_callbacks):
    from accord.portal.tasks import regenerate_open_data

    with django_capture_on_commit_callbacks(execute=True):
        StateFactory()
    regenerate_open_data.call()
    with django_capture_on_commit_callbacks(execute=True):
        StateFactory()
    assert len(autorefresh.results) == 2


def test_other_changes_and_a_zero_window_schedule_nothing(
    db, settings, autorefresh, django_capture_on_commit_callbacks
):
    parties = {
        "requesting_authority": NationalAuthorityFactory(),
        "requested_authority": NationalAuthorityFactory(),
        "instrument": InstrumentFactory(),
    }
    with django_capture_on_commit_callbacks(execute=True):
        CooperationRequestFactory(**parties)  # confidential: never in the package
    assert autorefresh.results == []
    settings.ACCORD_OPENDATA_REFRESH_MINUTES = 0
    with django_capture_on_commit_callbacks(execute=True):
        StateFactory()
    assert autorefresh.results == []


@pytest.mark.django_db(transaction=True)
def test_a_build_outside_any_transaction(root):
    """As the command and the worker run it: on PostgreSQL inside one read-only repeatable-read snapshot."""
    person = PersonFactory()
    PostFactory(person=person)
    result = opendata.build_open_data()
    assert validate(str(result.directory / opendata.DATAPACKAGE)).valid
    assert result.counts["posts"] == 1
