"""Backups that restore: the database and the originals it refers to, taken together.

A backup is one tar file, ``accord-backup-<UTC time>.tar``:

- ``manifest.json``: the format, Accord's version, the database engine, the
  migrations applied, the rows of every table, and every file with its size
  and SHA-256;
- ``database.dump`` (PostgreSQL: pg_dump's custom format) or
  ``database.sqlite3`` (SQLite: a copy by the online backup API);
- ``originals/<name>``: every file a file field of that database names
  (document originals, uploads, attachments, evidence, news images).

Consistency: the list of files is read from the very snapshot the database
copy holds. On PostgreSQL a repeatable-read transaction exports its snapshot
and ``pg_dump --snapshot`` dumps exactly that; on SQLite the list is read
from the copy itself. Storage never rewrites a file under an existing name,
so each listed file is the one the copy refers to, and files added later
belong to rows the copy does not have.

A restore checks everything before it changes anything: the archive reads,
its format and engine match, this version knows every migration it records,
every file matches its checksum, and the target is empty (unless forced).
Then it writes the originals, then the database in one transaction; if the
database fails, the originals it added are removed again. Open data
(``VAR_DIR/opendata``) is derived and not included: ``accord export-open-data``
rebuilds it.
"""

import datetime
import hashlib
import json
import logging
import os
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Any

from django.apps import apps
from django.conf import settings
from django.core.files import File
from django.core.files.storage import Storage, storages
from django.db import connection, connections, models
from django.db.backends.sqlite3._functions import register as register_sqlite_functions
from django.db.migrations.loader import MigrationLoader
from django.utils.translation import gettext as _

from accord.core.logs import accord_version

FORMAT = "accord-backup/1"
MANIFEST = "manifest.json"
ORIGINALS = "originals"
DATABASE_FILES = {"postgresql": "database.dump", "sqlite": "database.sqlite3"}
#: Tables `migrate` fills by itself: rows there do not make an install non-empty.
MIGRATE_FILLS = {"django_content_type", "auth_permission"}
CHUNK = 1024 * 1024
logger = logging.getLogger("accord.operations")


class BackupError(Exception):
    """A backup or restore that cannot be done; the message says why, for the operator."""


@dataclass
class BackupResult:
    """What `create_backup` wrote."""

    path: Path | None
    name: str
    size: int
    manifest: dict[str, Any] = field(repr=False)


def sha256_of(handle) -> str:
    digest = hashlib.sha256()
    for chunk in iter(lambda: handle.read(CHUNK), b""):
        digest.update(chunk)
    return digest.hexdigest()


# --------------------------------------------------------------------------- what the database holds


def model_tables() -> list[str]:
    """Every table of an installed model (many-to-many tables included), sorted."""
    tables = {
        model._meta.db_table
        for model in apps.get_models(include_auto_created=True)
        if model._meta.managed and not model._meta.proxy
    }
    return sorted(tables)


def file_columns() -> list[tuple[str, str]]:
    """(table, column) of every file field: where the database names the files it needs."""
    columns = set()
    for model in apps.get_models():
        if not model._meta.managed or model._meta.proxy:
            continue
        for model_field in model._meta.concrete_fields:
            if isinstance(model_field, models.FileField) and model_field.model is model:
                columns.add((model._meta.db_table, model_field.column))
    return sorted(columns)


def _quote(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _read_state(execute: Callable[[str], list[tuple]], existing: set[str]) -> dict[str, Any]:
    """Row counts, file names and applied migrations, read through `execute` (one snapshot)."""
    counts = {
        table: execute(f"SELECT COUNT(*) FROM {_quote(table)}")[0][0]
        for table in model_tables()
        if table in existing
    }
    names: set[str] = set()
    for table, column in file_columns():
        if table in existing:
            rows = execute(f"SELECT {_quote(column)} FROM {_quote(table)} WHERE {_quote(column)} <> ''")
            names.update(row[0] for row in rows if row[0])
    migrations = sorted(f"{app}.{name}" for app, name in execute("SELECT app, name FROM django_migrations"))
    return {"tables": counts, "files": sorted(names), "migrations": migrations}


# --------------------------------------------------------------------------- the database copy


def _engine() -> str:
    vendor = connection.vendor
    if vendor not in DATABASE_FILES:
        raise BackupError(_("Backups support PostgreSQL and SQLite, not {vendor}.").format(vendor=vendor))
    return vendor


def _pg_environment() -> dict[str, str]:
    """libpq's variables for pg_dump and pg_restore: no password on a command line."""
    db = connection.settings_dict
    env = {**os.environ, "PGDATABASE": db["NAME"]}
    for key, variable in (
        ("HOST", "PGHOST"),
        ("PORT", "PGPORT"),
        ("USER", "PGUSER"),
        ("PASSWORD", "PGPASSWORD"),
    ):
        if db.get(key):
            env[variable] = str(db[key])
    if db.get("OPTIONS", {}).get("sslmode"):
        env["PGSSLMODE"] = db["OPTIONS"]["sslmode"]
    return env


def _pg_tool(name: str) -> str:
    path = shutil.which(name)
    if path is None:
        raise BackupError(
            _(
                "{program} is not installed; install PostgreSQL's client programs "
                "(apt-get install postgresql-client) of the server's major version."
            ).format(program=name)
        )
    return path


def _run(command: list[str], env: dict[str, str], what: str) -> None:
    result = subprocess.run(command, env=env, capture_output=True, text=True, check=False)
    if result.returncode != 0:
        raise BackupError(
            _("{step} failed: {error}").format(
                step=what, error=result.stderr.strip() or result.stdout.strip()
            )
        )


def _copy_postgresql(target: Path) -> dict[str, Any]:
    import psycopg

    pg_dump = _pg_tool("pg_dump")
    params = connection.get_connection_params()
    with psycopg.connect(**params) as raw:
        raw.isolation_level = psycopg.IsolationLevel.REPEATABLE_READ
        raw.read_only = True
        with raw.cursor() as cursor:
            cursor.execute("SELECT pg_export_snapshot()")
            snapshot = cursor.fetchone()[0]
            # The dump sees exactly what this transaction sees.
            _run(
                [pg_dump, "--format=custom", f"--snapshot={snapshot}", f"--file={target}"],
                _pg_environment(),
                "pg_dump",
            )
            cursor.execute("SELECT tablename FROM pg_tables WHERE schemaname = current_schema()")
            existing = {row[0] for row in cursor.fetchall()}

            def execute(sql: str) -> list[tuple]:
                cursor.execute(sql)
                return cursor.fetchall()

            state = _read_state(execute, existing)
        raw.rollback()
    return state


def _copy_sqlite(target: Path) -> dict[str, Any]:
    connection.ensure_connection()
    copy = sqlite3.connect(target)
    try:
        # One step: the whole database under one read lock, a consistent snapshot.
        connection.connection.backup(copy)
        existing = {row[0] for row in copy.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        state = _read_state(lambda sql: copy.execute(sql).fetchall(), existing)
    finally:
        copy.close()
    return state


# --------------------------------------------------------------------------- backup


def _storage() -> Storage:
    return storages["default"]


def create_backup(
    *, output_dir: Path | None = None, to_storage: bool = False, progress: Callable[[str], None] | None = None
) -> BackupResult:
    """Write a backup archive into `output_dir`, or into the `backups` storage with `to_storage`."""
    engine = _engine()
    say = progress or (lambda message: None)
    stamp = datetime.datetime.now(datetime.UTC).strftime("%Y%m%dT%H%M%S%fZ")
    name = f"accord-backup-{stamp}.tar"
    with tempfile.TemporaryDirectory(prefix="accord-backup-") as workdir:
        work = Path(workdir)
        database_file = work / DATABASE_FILES[engine]
        say(f"Copying the {engine} database")
        state = (_copy_postgresql if engine == "postgresql" else _copy_sqlite)(database_file)
        with database_file.open("rb") as handle:
            database_sha = sha256_of(handle)
        manifest: dict[str, Any] = {
            "format": FORMAT,
            "accord_version": accord_version(),
            "created": datetime.datetime.now(datetime.UTC).isoformat(timespec="seconds"),
            "engine": engine,
            "database": {
                "name": database_file.name,
                "size": database_file.stat().st_size,
                "sha256": database_sha,
            },
            "migrations": state["migrations"],
            "tables": state["tables"],
            "originals": [],
            "missing": [],
        }
        archive_path = work / name
        storage = _storage()
        say(f"Copying {len(state['files'])} originals")
        with tarfile.open(archive_path, "w") as archive:
            archive.add(database_file, arcname=database_file.name)
            for file_name in state["files"]:
                entry = _add_original(archive, storage, file_name)
                if entry is None:
                    manifest["missing"].append(file_name)
                    logger.warning("backup: the database names %s, which the storage lacks", file_name)
                else:
                    manifest["originals"].append(entry)
            data = json.dumps(manifest, ensure_ascii=False, indent=1).encode()
            info = tarfile.TarInfo(MANIFEST)
            info.size = len(data)
            info.mtime = int(datetime.datetime.now(datetime.UTC).timestamp())
            archive.addfile(info, _BytesReader(data))
        size = archive_path.stat().st_size
        if to_storage:
            with archive_path.open("rb") as handle:
                saved = storages["backups"].save(name, File(handle, name=name))
            logger.info("backup: %s written to the backups storage (%d bytes)", saved, size)
            return BackupResult(path=None, name=saved, size=size, manifest=manifest)
        output_dir = Path(output_dir or settings.VAR_DIR / "backups")
        output_dir.mkdir(parents=True, exist_ok=True)
        final = output_dir / name
        partial = output_dir / (name + ".partial")
        # Never a half-written file under a backup's name.
        shutil.copyfile(archive_path, partial)
        with partial.open("rb") as handle:
            os.fsync(handle.fileno())
        partial.replace(final)
    logger.info("backup: %s (%d bytes)", final, size)
    return BackupResult(path=final, name=name, size=size, manifest=manifest)


class _BytesReader:
    def __init__(self, data: bytes) -> None:
        self.data, self.offset = data, 0

    def read(self, size: int = -1) -> bytes:
        end = len(self.data) if size < 0 else self.offset + size
        chunk, self.offset = self.data[self.offset : end], min(end, len(self.data))
        return chunk


def _add_original(archive: tarfile.TarFile, storage: Storage, name: str) -> dict[str, Any] | None:
    """Add one original to the archive; its entry for the manifest, or None if the storage lacks it."""
    try:
        handle = storage.open(name, "rb")
    except (FileNotFoundError, OSError):
        return None
    with handle, tempfile.TemporaryFile() as spool:
        digest = hashlib.sha256()
        size = 0
        for chunk in iter(lambda: handle.read(CHUNK), b""):
            digest.update(chunk)
            spool.write(chunk)
            size += len(chunk)
        spool.seek(0)
        info = tarfile.TarInfo(f"{ORIGINALS}/{name}")
        info.size = size
        archive.addfile(info, spool)
    return {"name": name, "size": size, "sha256": digest.hexdigest()}


# --------------------------------------------------------------------------- restore


@dataclass
class RestorePlan:
    """A checked archive, unpacked into a temporary folder, ready to restore."""

    manifest: dict[str, Any]
    folder: Path
    pending_migrations: list[str]

    @property
    def database_file(self) -> Path:
        return self.folder / self.manifest["database"]["name"]

    def original(self, name: str) -> Path:
        return self.folder / ORIGINALS / name


def _safe_name(name: Any) -> str:
    """A storage name from the manifest, refused if it could leave the folder."""
    if not isinstance(name, str) or not name:
        raise BackupError(_("The manifest names a file without a name."))
    path = PurePosixPath(name)
    if path.is_absolute() or ".." in path.parts or "\\" in name:
        raise BackupError(_("The manifest names an unsafe path: {name}").format(name=name))
    return name


@contextmanager
def fetch_archive(source: str) -> Iterator[Path]:
    """The archive as a local file: a path, or a name in the `backups` storage (downloaded)."""
    path = Path(source)
    if path.is_file():
        yield path
        return
    if path.exists():
        raise BackupError(_("{path} is not a file.").format(path=source))
    backups = storages["backups"]
    if "/" in source or not backups.exists(source):
        raise BackupError(
            _("No backup at {path}: neither a file nor a name in the backups storage.").format(path=source)
        )
    with tempfile.TemporaryDirectory(prefix="accord-restore-") as folder:
        local = Path(folder) / path.name
        with backups.open(source, "rb") as remote, local.open("wb") as handle:
            shutil.copyfileobj(remote, handle, CHUNK)
        yield local


def _read_manifest(archive: tarfile.TarFile) -> dict[str, Any]:
    try:
        member = archive.getmember(MANIFEST)
        manifest = json.load(archive.extractfile(member))
    except KeyError as exc:
        raise BackupError(_("The archive has no manifest.json: it is not an Accord backup.")) from exc
    except (ValueError, AttributeError) as exc:
        raise BackupError(_("The archive's manifest.json is not valid JSON.")) from exc
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
        found = manifest.get("format") if isinstance(manifest, dict) else None
        raise BackupError(
            _("Unknown backup format {found}; this version of Accord reads {expected}.").format(
                found=repr(found), expected=repr(FORMAT)
            )
        )
    for key in ("engine", "database", "migrations", "tables", "originals"):
        if key not in manifest:
            raise BackupError(_("The manifest lacks {key}.").format(key=repr(key)))
    return manifest


def _check_migrations(recorded: list[str]) -> list[str]:
    """The migrations this code has and the backup lacks; refuses a backup from a newer version."""
    loader = MigrationLoader(None, ignore_no_migrations=True)
    known = {f"{app}.{name}" for app, name in loader.disk_migrations}
    replaced = {
        f"{app}.{name}" for migration in loader.disk_migrations.values() for app, name in migration.replaces
    }
    unknown = sorted(set(recorded) - known - replaced)
    if unknown:
        raise BackupError(
            _(
                "The backup was made by a newer version of Accord; this one lacks the migrations "
                "{migrations}. Install that version (or newer) and restore again."
            ).format(migrations=", ".join(unknown[:10]) + (" …" if len(unknown) > 10 else ""))
        )
    return sorted(known - set(recorded) - replaced)


def _unpack(archive: tarfile.TarFile, manifest: dict[str, Any], folder: Path) -> None:
    """Write the database file and every original into `folder`, each checked against its checksum."""
    expected = [(manifest["database"]["name"], manifest["database"])]
    expected += [(f"{ORIGINALS}/{_safe_name(entry.get('name'))}", entry) for entry in manifest["originals"]]
    if manifest["database"]["name"] != DATABASE_FILES[manifest["engine"]]:
        raise BackupError(_("The manifest names an unexpected database file."))
    bad = []
    for member_name, entry in expected:
        try:
            source = archive.extractfile(archive.getmember(member_name))
        except KeyError:
            bad.append(_("{name} (missing)").format(name=member_name))
            continue
        if source is None:
            bad.append(_("{name} (not a file)").format(name=member_name))
            continue
        target = folder / member_name
        target.parent.mkdir(parents=True, exist_ok=True)
        digest = hashlib.sha256()
        with target.open("wb") as handle:
            for chunk in iter(lambda source=source: source.read(CHUNK), b""):
                digest.update(chunk)
                handle.write(chunk)
        if digest.hexdigest() != entry.get("sha256"):
            bad.append(_("{name} (checksum differs)").format(name=member_name))
    if bad:
        raise BackupError(
            _("The archive is damaged: {problems}").format(
                problems="; ".join(bad[:10]) + (" …" if len(bad) > 10 else "")
            )
        )


@contextmanager
def open_backup(path: Path) -> Iterator[RestorePlan]:
    """Read and check an archive completely; the plan's files live while the context is open."""
    try:
        archive = tarfile.open(path, "r:*")  # noqa: SIM115 (closed by the `with` below)
    except (tarfile.TarError, EOFError, OSError) as exc:
        raise BackupError(
            _("{path} is not a readable backup archive ({error}).").format(path=path, error=exc)
        ) from exc
    with archive, tempfile.TemporaryDirectory(prefix="accord-restore-") as folder:
        try:
            manifest = _read_manifest(archive)
            if manifest["engine"] != _engine():
                raise BackupError(
                    _(
                        "The backup is of a {backup} database and this install uses {here}: "
                        "restore it on the same engine."
                    ).format(backup=manifest["engine"], here=_engine())
                )
            pending = _check_migrations(manifest["migrations"])
            _unpack(archive, manifest, Path(folder))
        except (tarfile.TarError, EOFError, OSError) as exc:
            raise BackupError(_("{path} is damaged ({error}).").format(path=path, error=exc)) from exc
        yield RestorePlan(manifest=manifest, folder=Path(folder), pending_migrations=pending)


def existing_rows() -> dict[str, int]:
    """Tables of the target that hold rows (those migrate fills itself aside)."""
    existing = set(connection.introspection.table_names())
    counts = {}
    with connection.cursor() as cursor:
        for table in model_tables():
            if table in existing and table not in MIGRATE_FILLS:
                cursor.execute(f"SELECT COUNT(*) FROM {_quote(table)}")
                if count := cursor.fetchone()[0]:
                    counts[table] = count
    return counts


def _conflicts(plan: RestorePlan, storage: Storage) -> list[str]:
    """Originals the storage already holds with other content under the same name."""
    conflicts = []
    for entry in plan.manifest["originals"]:
        name = entry["name"]
        if storage.exists(name):
            with storage.open(name, "rb") as handle:
                if sha256_of(handle) != entry["sha256"]:
                    conflicts.append(name)
    return conflicts


def restore_backup(
    plan: RestorePlan, *, force: bool = False, progress: Callable[[str], None] | None = None
) -> dict:
    """Bring back the database and the originals of a checked plan; all or nothing."""
    say = progress or (lambda message: None)
    storage = _storage()
    rows = existing_rows()
    conflicts = _conflicts(plan, storage)
    if (rows or conflicts) and not force:
        what = []
        if rows:
            what.append(
                _("its database holds rows in {tables}").format(
                    tables=", ".join(sorted(rows)[:5]) + (" …" if len(rows) > 5 else "")
                )
            )
        if conflicts:
            what.append(
                _("its storage holds {count} other files under the backup's names").format(
                    count=len(conflicts)
                )
            )
        raise BackupError(
            _(
                "This install is not empty ({what}). Restore into an empty install, "
                "or pass --force to replace what is there."
            ).format(what="; ".join(what))
        )
    added: list[str] = []
    try:
        say(f"Writing {len(plan.manifest['originals'])} originals")
        for entry in plan.manifest["originals"]:
            name = entry["name"]
            if storage.exists(name):
                if name not in conflicts:
                    continue  # already there, same content
                storage.delete(name)
            with plan.original(name).open("rb") as handle:
                saved = storage.save(name, File(handle, name=PurePosixPath(name).name))
            added.append(saved)
            if saved != name:
                raise BackupError(
                    _("The storage stored {name} as {saved}; nothing was restored.").format(
                        name=name, saved=saved
                    )
                )
        say("Restoring the database")
        if plan.manifest["engine"] == "postgresql":
            _restore_postgresql(plan.database_file)
        else:
            _restore_sqlite(plan.database_file)
    except BaseException:
        for name in added:
            storage.delete(name)
        raise
    mismatched = _compare_counts(plan.manifest["tables"])
    if mismatched:
        raise BackupError(
            _("The restored database differs from the manifest: {tables}").format(
                tables=", ".join(mismatched[:10])
            )
        )
    from accord.core.cache import bump_generation

    bump_generation()
    logger.info(
        "restore: %d tables, %d originals, from the backup of %s",
        len(plan.manifest["tables"]),
        len(plan.manifest["originals"]),
        plan.manifest.get("created"),
    )
    return {
        "tables": len(plan.manifest["tables"]),
        "rows": sum(plan.manifest["tables"].values()),
        "originals": len(plan.manifest["originals"]),
        "pending_migrations": plan.pending_migrations,
    }


def _restore_postgresql(dump: Path) -> None:
    pg_restore = _pg_tool("pg_restore")
    env = _pg_environment()
    _run([pg_restore, "--list", str(dump)], env, _("Reading the dump"))
    # No session of this process may hold a lock on the tables pg_restore drops.
    connections.close_all()
    _run(
        [
            pg_restore,
            "--clean",
            "--if-exists",
            "--no-owner",
            "--no-privileges",
            "--single-transaction",
            "--exit-on-error",
            f"--dbname={env['PGDATABASE']}",
            str(dump),
        ],
        env,
        "pg_restore",
    )


def _restore_sqlite(copy_file: Path) -> None:
    source = sqlite3.connect(copy_file)
    # The schema's checks call Django's SQL functions (REGEXP…): the copy is read with them.
    register_sqlite_functions(source)
    try:
        if source.execute("PRAGMA integrity_check").fetchone()[0] != "ok":
            raise BackupError(_("The database copy in the archive fails SQLite's integrity check."))
        connection.ensure_connection()
        # One step, one transaction: the target is replaced whole or not at all.
        source.backup(connection.connection)
    except sqlite3.DatabaseError as exc:
        raise BackupError(_("Restoring the SQLite database failed: {error}").format(error=exc)) from exc
    finally:
        source.close()
    connection.close()


def _compare_counts(expected: dict[str, int]) -> list[str]:
    existing = set(connection.introspection.table_names())
    mismatched = []
    with connection.cursor() as cursor:
        for table, count in sorted(expected.items()):
            if table not in existing:
                mismatched.append(_("{name} (missing)").format(name=table))
                continue
            cursor.execute(f"SELECT COUNT(*) FROM {_quote(table)}")
            found = cursor.fetchone()[0]
            if found != count:
                mismatched.append(
                    _("{table} ({found} rows, not {count})").format(table=table, found=found, count=count)
                )
    return mismatched
