"""Reference data integrity: every state, code, group and alias where it belongs."""

import datetime
import json
import shutil

import pytest
from django.core.management import CommandError, call_command

from accord.registry.models import Alias, Membership, Organization, Person, Post, State
from accord.registry.services import REFERENCE_DIR, ReferenceDataError, load_reference, read_reference

pytestmark = pytest.mark.django_db


@pytest.fixture
def loaded(reference_data):
    """The reference data, from the session's one load."""


def test_all_un_members_and_observers_with_unique_codes(loaded):
    assert State.objects.filter(un_status="member").count() == 193
    assert set(State.objects.filter(un_status="observer").values_list("iso3", flat=True)) == {"VAT", "PSE"}
    for field in ("iso2", "iso3", "m49", "name_ru", "name_en"):
        values = list(State.objects.values_list(field, flat=True))
        assert len(values) == len(set(values)) == 195, field
        assert all(values), field
    assert not State.objects.filter(regional_group__isnull=True).exists()
    assert not State.objects.filter(official_name_ru="").exists()


def test_names_follow_network_usage(loaded):
    kgz = State.objects.get(iso3="KGZ")
    assert (kgz.name_ru, kgz.official_name_ru) == ("Кыргызстан", "Кыргызская Республика")
    rus = State.objects.get(iso3="RUS")
    assert (rus.iso2, rus.m49, rus.official_name_en) == ("RU", "643", "Russian Federation")
    assert State.objects.get(iso3="KOR").official_name_en == "Republic of Korea"
    assert "Congo - Kinshasa" not in Alias.objects.values_list("text", flat=True)


def test_every_alias_resolves_to_one_record(loaded):
    assert (
        Alias.objects.filter(state__isnull=True, organization__isnull=True, person__isnull=True).count() == 0
    )
    for text, iso3 in [
        ("российский", "RUS"),
        ("узбекистанский", "UZB"),
        ("России", "RUS"),
        ("Республики Узбекистан", "UZB"),
        ("Кыргызской Республики", "KGZ"),
        ("Астана", "KAZ"),
        ("Соединенных Штатов Америки", "USA"),
    ]:
        states = {a.state.iso3 for a in Alias.objects.filter(text=text, state__isnull=False)}
        assert states == {iso3}, text
    for text, key in [
        ("КСГП", "cis-prosecutors-council"),
        ("МСПК", "cis-anticorruption-council"),
        ("Антикор", "kaz-anticorruption-agency"),
        ("УНП ООН", "unodc"),
        ("ОЭСР", "oecd"),
        ("ШОС", "sco"),
        ("Исполком СНГ", "cis-executive-committee"),
    ]:
        assert Alias.objects.get(text=text, organization__isnull=False).organization.slug == key


def test_bodies_people_and_chairmanship(loaded):
    department = Organization.objects.get(slug="cis-security-department")
    assert [o.slug for o in department.ancestors()] == ["cis", "cis-executive-committee"]
    assert Organization.objects.get(slug="untoc-wg-firearms").parent.slug == "untoc-cop"
    on_2024 = Post.objects.filter(organization__slug="rus-prosecutor-general").held_on(
        datetime.date(2024, 6, 1)
    )
    assert [p.person.family_name_en for p in on_2024] == ["Krasnov"]
    krasnov_post = on_2024.get()
    assert (krasnov_post.end_on, krasnov_post.end_precision) == (datetime.date(2025, 9, 30), "month")
    chairs = Membership.objects.filter(body__slug="cis", role="chair").active_on(datetime.date(2020, 7, 1))
    assert [m.state.iso3 for m in chairs] == ["UZB"]
    co_chairs = Membership.objects.filter(body__slug="cis", role="co_chair").active_on(
        datetime.date(2023, 3, 1)
    )
    assert {m.state.iso3 for m in co_chairs} == {"KAZ", "RUS"}
    assert Person.objects.get(slug="yuldashev-nigmatilla").posts.get().start_on is None


def test_loading_twice_changes_nothing(loaded):
    before = {m: m.objects.count() for m in (State, Organization, Person, Post, Membership, Alias)}
    counts = load_reference()
    assert all(set(c) == {"unchanged"} for c in counts.values()), counts
    assert before == {m: m.objects.count() for m in before}


def test_dry_run_writes_nothing():
    counts = load_reference(dry_run=True)
    assert counts["states"]["created"] == 195
    assert State.objects.count() == 0


def test_bad_reference_file_writes_nothing(tmp_path):
    directory = tmp_path / "reference"
    shutil.copytree(REFERENCE_DIR, directory)
    with (directory / "people.toml").open("a", encoding="utf-8") as handle:
        handle.write(
            '\n[[person]]\nkey = "x"\nfamily_name_ru = "Иванов"\n'
            '  [[person.post]]\n  organization = "no-such-body"\n  title_ru = "Директор"\n'
        )
    with pytest.raises(ReferenceDataError, match="no-such-body"):
        load_reference(directory=directory)
    assert State.objects.count() == 0 and Organization.objects.count() == 0


def test_syntax_error_names_the_file(tmp_path):
    directory = tmp_path / "reference"
    shutil.copytree(REFERENCE_DIR, directory)
    (directory / "states.toml").write_text("[RUS\n", encoding="utf-8")
    with pytest.raises(ReferenceDataError, match=r"states\.toml"):
        read_reference(directory)


def test_command_reports_json_and_errors(capsys, monkeypatch):
    call_command("load_reference", "--dry-run", "--format", "json")
    report = json.loads(capsys.readouterr().out)
    assert report["dry_run"] is True and report["counts"]["states"]["created"] == 195

    def broken(*args, **kwargs):
        raise ReferenceDataError(["people.toml: broken"])

    monkeypatch.setattr("accord.core.management.commands.load_reference.load_all", broken)
    with pytest.raises(CommandError, match=r"people\.toml: broken"):
        call_command("load_reference")


def test_a_reload_writes_only_the_changed_row_audits_it_and_makes_pages_stale_once(loaded, monkeypatch):
    from auditlog.models import LogEntry

    state = State.objects.get(iso3="KGZ")
    State.objects.filter(pk=state.pk).update(name_en="Kirghizia")
    from accord.core.cache import generation

    generation()  # a page was rendered since the last bump: the change must reach it at once
    bumps = []
    monkeypatch.setattr("accord.core.cache.bump_generation", lambda: bumps.append(1))
    counts = load_reference()
    assert counts["states"] == {"updated": 1, "unchanged": 194}
    assert State.objects.get(pk=state.pk).name_en == state.name_en
    entry = LogEntry.objects.get_for_object(state).filter(action=LogEntry.Action.UPDATE).get()
    assert entry.changes_dict["name_en"] == ["Kirghizia", state.name_en]
    assert len(bumps) == 1  # not one per row


def test_a_first_load_audits_every_created_row(loaded):
    from auditlog.models import LogEntry
    from django.contrib.contenttypes.models import ContentType

    state = State.objects.get(iso3="RUS")
    entry = LogEntry.objects.get_for_object(state).get()
    assert entry.action == LogEntry.Action.CREATE and entry.changes_dict["iso3"][1] == "RUS"
    for model in (Organization, Person, Post, Membership, Alias):
        kind = ContentType.objects.get_for_model(model)
        assert LogEntry.objects.filter(content_type=kind).count() == model.objects.count(), model


def test_rows_pointing_to_rows_of_the_same_load_are_written_after_them(loaded):
    # Parents come before children, whatever the order the loader met them in.
    assert Organization.objects.filter(parent__isnull=False).count() > 50
    assert not Alias.objects.filter(
        state__isnull=True, organization__isnull=True, person__isnull=True
    ).exists()
