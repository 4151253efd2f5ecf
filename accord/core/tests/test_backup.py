"""`accord backup` and `accord restore`: the demo data round-trips, bad archives change nothing."""

import hashlib
import io
import json
import tarfile
import uuid
from pathlib import Path

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import storages
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection

from accord.core.backup import MANIFEST, model_tables
from accord.core.testing import POSTGRES_ADMIN_URL, postgres_admin_connection
from accord.documents.models import Document
from accord.documents.tests.factories import DocumentFactory
from conftest import run_accord

# Written for these tests: three short notes that become documents with originals.
NOTES = {
    "meeting-note.txt": "Рабочая группа экспертов обсудила обмен сведениями о бенефициарных владельцах "
    "и договорилась подготовить общий вопросник к следующему заседанию.",
    "visit-summary.html": "<html><head><title>Visit summary</title></head><body><p>The delegation "
    "visited the training centre of the prosecution service and agreed on two joint seminars "
    "on asset recovery for the coming year.</p></body></html>",
    "plan.txt": "План мероприятий предусматривает три семинара по вопросам возврата активов "
    "и совместную подготовку методических рекомендаций для следователей.",
}


@pytest.fixture
def media(settings, tmp_path):
    """A media folder of the test's own, and a backups folder beside it."""
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.STORAGES = {
        **settings.STORAGES,
        "backups": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": str(tmp_path / "backups")},
        },
    }
    return tmp_path


def table_counts() -> dict[str, int]:
    existing = set(connection.introspection.table_names())
    with connection.cursor() as cursor:
        counts = {}
        for table in model_tables():
            if table in existing:
                cursor.execute(f'SELECT COUNT(*) FROM "{table}"')
                counts[table] = cursor.fetchone()[0]
    return counts


def checksums(folder: Path) -> dict[str, str]:
    return {
        str(path.relative_to(folder)): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }


def ingest_notes(folder: Path) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in NOTES.items():
        (folder / name).write_text(text, encoding="utf-8")
    call_command("ingest", str(folder), "--no-progress", "--no-extract", verbosity=0)


def small_install(count: int = 2) -> list[Document]:
    return [
        DocumentFactory(original=ContentFile(f"Текст записки номер {n}.".encode(), name=f"note-{n}.txt"))
        for n in range(count)
    ]


def wipe(settings, tmp_path: Path, name: str) -> None:
    """An empty install: no rows, another (empty) media folder."""
    call_command("flush", interactive=False, verbosity=0)
    settings.MEDIA_ROOT = tmp_path / name


# ---- the round trip of the demo data ------------------------------------------------------------


@pytest.mark.slow
def test_demo_data_round_trips_through_backup_and_restore(
    transactional_db, sample_data, media, settings, capsys
):
    """Reference data, samples and ingested originals come back: every table's rows, every file's bytes.

    The samples are the session's one load (`sample_data`), as `accord load-samples` writes them.
    """
    ingest_notes(media / "incoming")
    assert Document.objects.exclude(original="").count() == len(NOTES)
    before_rows, before_files = table_counts(), checksums(Path(settings.MEDIA_ROOT))
    assert len(before_files) == len(NOTES)
    capsys.readouterr()

    call_command("backup", "--output", str(media / "out"), "--format", "json")
    summary = json.loads(capsys.readouterr().out)
    assert summary["originals"] == len(NOTES) and summary["missing"] == []
    archive = Path(summary["archive"])
    assert archive.parent == media / "out" and archive.name.startswith("accord-backup-")

    wipe(settings, media, "media-empty")
    assert Document.objects.count() == 0
    call_command("restore", str(archive), "--format", "json")
    restored = json.loads(capsys.readouterr().out)
    assert restored["originals"] == len(NOTES)
    assert table_counts() == before_rows
    assert checksums(Path(settings.MEDIA_ROOT)) == before_files
    # The restored documents open their originals.
    for document in Document.objects.exclude(original=""):
        with document.original.open("rb") as handle:
            assert handle.read()


# ---- through the backups storage ------------------------------------------------------------------


def test_backup_to_the_backups_storage_and_restore_by_name(transactional_db, media, settings, capsys):
    small_install()
    before = table_counts()
    call_command("backup", "--storage", "--format", "json")
    name = json.loads(capsys.readouterr().out)["archive"]
    assert storages["backups"].exists(name)
    assert list((media / "backups").iterdir()) == [media / "backups" / name]

    wipe(settings, media, "media-empty")
    call_command("restore", name, verbosity=0)
    assert table_counts() == before
    assert len(checksums(Path(settings.MEDIA_ROOT))) == 2


# ---- several machines: originals and backups in object storage ------------------------------------


def s3_storage(bucket: str, location: str) -> dict:
    """The storage ACCORD_STORAGE=s3 configures (see settings), on moto's in-process S3."""
    return {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": bucket,
            "region_name": "us-east-1",
            "default_acl": None,
            "querystring_auth": True,
            "file_overwrite": False,
            "location": location,
        },
    }


@pytest.fixture
def s3(settings, monkeypatch):
    moto = pytest.importorskip("moto")
    import boto3

    for name, value in {
        "AWS_ACCESS_KEY_ID": "testing",
        "AWS_SECRET_ACCESS_KEY": "testing",
        "AWS_DEFAULT_REGION": "us-east-1",
    }.items():
        monkeypatch.setenv(name, value)
    with moto.mock_aws():
        client = boto3.client("s3", region_name="us-east-1")
        for bucket in ("accord-files", "accord-backups"):
            client.create_bucket(Bucket=bucket)
        settings.STORAGES = {
            **settings.STORAGES,
            "default": s3_storage("accord-files", "media"),
            "backups": s3_storage("accord-backups", "backups"),
        }
        yield client


def test_originals_and_backups_in_object_storage_round_trip(transactional_db, s3, settings, capsys):
    documents = small_install(3)
    storages["default"].delete(documents[2].original.name)
    before = table_counts()
    call_command("backup", "--storage", "--format", "json")
    summary = json.loads(capsys.readouterr().out)
    assert summary["originals"] == 2 and summary["missing"] == [documents[2].original.name]
    listed = s3.list_objects_v2(Bucket="accord-backups")["Contents"]
    assert [item["Key"] for item in listed] == [f"backups/{summary['archive']}"]

    # An empty install: no rows, and the files' prefix in the bucket empty.
    call_command("flush", interactive=False, verbosity=0)
    settings.STORAGES = {**settings.STORAGES, "default": s3_storage("accord-files", "media-restored")}
    call_command("restore", summary["archive"], verbosity=0)
    assert table_counts() == before
    for document in documents[:2]:
        with storages["default"].open(document.original.name, "rb") as handle:
            assert handle.read() == f"Текст записки номер {documents.index(document)}.".encode()
    keys = {
        item["Key"]
        for item in s3.list_objects_v2(Bucket="accord-files", Prefix="media-restored/")["Contents"]
    }
    assert keys == {f"media-restored/{document.original.name}" for document in documents[:2]}


# ---- bad input: a clear error, nothing changed -----------------------------------------------------


@pytest.fixture
def archive(transactional_db, media, capsys) -> Path:
    small_install()
    call_command("backup", "--output", str(media / "out"), "--format", "json")
    return Path(json.loads(capsys.readouterr().out)["archive"])


def rewrite(archive: Path, target: Path, change) -> Path:
    """A copy of the archive with `change(name, data) -> data | None` applied to each member."""
    with tarfile.open(archive) as source, tarfile.open(target, "w") as copy:
        for member in source.getmembers():
            data = change(member.name, source.extractfile(member).read())
            if data is None:
                continue
            info = tarfile.TarInfo(member.name)
            info.size = len(data)
            copy.addfile(info, io.BytesIO(data))
    return target


def assert_unchanged(settings, name: str) -> None:
    assert Document.objects.count() == 0
    folder = Path(settings.MEDIA_ROOT)
    assert not folder.exists() or checksums(folder) == {}, f"{name}: files were left behind"


def test_restore_refuses_bad_archives_and_changes_nothing(archive, media, settings, english):
    def set_format(name, data):
        if name != MANIFEST:
            return data
        manifest = json.loads(data)
        manifest["format"] = "accord-backup/99"
        return json.dumps(manifest).encode()

    def newer_migration(name, data):
        if name != MANIFEST:
            return data
        manifest = json.loads(data)
        manifest["migrations"].append("documents.9999_from_the_future")
        return json.dumps(manifest).encode()

    def tamper_original(name, data):
        return data + b"!" if name.startswith("originals/") else data

    def drop_original(name, data):
        return None if name.startswith("originals/") else data

    def unsafe_name(name, data):
        if name != MANIFEST:
            return data
        manifest = json.loads(data)
        manifest["originals"][0]["name"] = "../../etc/passwd"
        return json.dumps(manifest).encode()

    truncated = media / "truncated.tar"
    truncated.write_bytes(archive.read_bytes()[: archive.stat().st_size // 3])
    not_tar = media / "notes.tar"
    not_tar.write_text("not an archive")
    cases = {
        "missing": (media / "nowhere.tar", "No backup at"),
        "folder": (media, "is not a file"),
        "truncated": (truncated, "damaged"),
        "not a tar": (not_tar, "not a readable backup archive"),
        "format": (rewrite(archive, media / "format.tar", set_format), "Unknown backup format"),
        "version": (rewrite(archive, media / "newer.tar", newer_migration), "newer version of Accord"),
        "checksum": (rewrite(archive, media / "tampered.tar", tamper_original), "checksum differs"),
        "lost file": (rewrite(archive, media / "lost.tar", drop_original), "missing"),
        "unsafe": (rewrite(archive, media / "unsafe.tar", unsafe_name), "unsafe path"),
    }
    wipe(settings, media, "media-empty")
    for name, (path, message) in cases.items():
        with pytest.raises(CommandError, match=message):
            call_command("restore", str(path), verbosity=0)
        assert_unchanged(settings, name)


def test_restore_refuses_an_install_that_is_not_empty_unless_forced(archive, media, settings, english):
    DocumentFactory(title="Запись, сделанная после резервной копии")
    with pytest.raises(CommandError, match="not empty"):
        call_command("restore", str(archive), verbosity=0)
    assert Document.objects.filter(title__startswith="Запись, сделанная").exists()

    call_command("restore", str(archive), "--force", verbosity=0)
    assert not Document.objects.filter(title__startswith="Запись, сделанная").exists()
    assert Document.objects.count() == 2


def test_a_failing_database_restore_takes_its_originals_back(archive, media, settings, monkeypatch):
    wipe(settings, media, "media-empty")

    def broken(copy_file):
        from accord.core.backup import BackupError

        raise BackupError("the database server went away")

    monkeypatch.setattr("accord.core.backup._restore_sqlite", broken)
    monkeypatch.setattr("accord.core.backup._restore_postgresql", broken)
    with pytest.raises(CommandError, match="went away"):
        call_command("restore", str(archive), verbosity=0)
    assert_unchanged(settings, "database failure")


def test_dry_run_checks_and_changes_nothing(archive, media, settings, capsys):
    wipe(settings, media, "media-empty")
    call_command("restore", str(archive), "--dry-run", "--format", "json")
    summary = json.loads(capsys.readouterr().out)
    assert summary["dry_run"] is True and summary["originals"] == 2
    assert_unchanged(settings, "dry run")


def test_backup_lists_originals_the_storage_lacks(transactional_db, media, capsys):
    documents = small_install()
    storages["default"].delete(documents[0].original.name)
    call_command("backup", "--output", str(media / "out"), "--format", "json")
    summary = json.loads(capsys.readouterr().out)
    assert summary["missing"] == [documents[0].original.name]
    assert summary["originals"] == 1


# ---- PostgreSQL, by the commands of the deployment recipe ----------------------------------------


def _accord(*args: str, database_url: str, var_dir: Path) -> str:
    result = run_accord(*args, database_url=database_url, var_dir=var_dir)
    assert result.returncode == 0, f"accord {' '.join(args)}:\n{result.stdout}\n{result.stderr}"
    return result.stdout


def _pg_counts(url: str) -> dict[str, int]:
    import psycopg

    with psycopg.connect(url) as conn:
        tables = [
            row[0]
            for row in conn.execute("SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY 1")
        ]
        return {table: conn.execute(f'SELECT COUNT(*) FROM "{table}"').fetchone()[0] for table in tables}


@pytest.mark.slow
@pytest.mark.postgres
@pytest.mark.xdist_group("postgres-template")
def test_demo_data_round_trips_on_postgresql_into_an_empty_database(tmp_path, request):
    """The recipe's commands: an install with the demo data, `accord backup`, then `accord restore`
    into a database just created (no tables) with an empty var folder.

    The install starts from a copy of the session's database that `accord migrate` and `accord
    load-reference` made (tests/test_postgres.py checks them), not from a second migration.
    """
    if connection.vendor == "postgresql":
        pytest.skip(
            "this suite runs on PostgreSQL: the round trip above ran there, and .ci/deploy-check runs "
            "the commands into an empty database"
        )
    source_url = request.getfixturevalue("postgres_copy")()
    admin = postgres_admin_connection()
    names = [f"accord_backup_{uuid.uuid4().hex[:8]}_target"]
    target_url = f"{POSTGRES_ADMIN_URL.rsplit('/', 1)[0]}/{names[0]}"
    with admin:
        for name in names:
            admin.execute(f'CREATE DATABASE "{name}"')
        try:
            source_var, target_var = tmp_path / "source", tmp_path / "target"
            _accord("load-samples", database_url=source_url, var_dir=source_var)
            incoming = tmp_path / "incoming"
            incoming.mkdir()
            for name, text in NOTES.items():
                (incoming / name).write_text(text, encoding="utf-8")
            _accord(
                "ingest",
                str(incoming),
                "--no-progress",
                "--no-extract",
                database_url=source_url,
                var_dir=source_var,
            )
            summary = json.loads(
                _accord("backup", "--format", "json", database_url=source_url, var_dir=source_var)
            )
            assert summary["engine"] == "postgresql" and summary["originals"] == len(NOTES)

            _accord("restore", summary["archive"], database_url=target_url, var_dir=target_var)
            assert _pg_counts(target_url) == _pg_counts(source_url)
            assert checksums(target_var / "media") == checksums(source_var / "media")
            assert len(checksums(target_var / "media")) == len(NOTES)
        finally:
            for name in names:
                admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
