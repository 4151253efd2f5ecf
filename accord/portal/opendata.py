"""Open data: everything public, as CSV and JSON with a documented schema, Popolo and iCalendar.

`build_open_data()` writes one package into a new directory under
`VAR_DIR/opendata/` and only then points `current.json` at it (an atomic
rename), so a download never sees a half-written package. The package holds:

* one CSV and one JSON file per resource (states, organizations, people,
  posts, …): the CSV as a Frictionless tabular resource, the JSON the same
  rows as an array of objects with typed values;
* `datapackage.json`, a Frictionless Data Package (`tabular-data-package`)
  that gives every CSV its Table Schema: field types, descriptions, enums,
  the primary key and the foreign keys between the resources;
* `popolo.json` (the registry's Popolo export as an anonymous visitor sees
  it) and `meetings.ics` (the public meetings);
* `accord-open-data.zip` with all of the above, and `manifest.json`, which
  lists the files with their sizes and row counts.

Each app declares its own resources (its AppConfig's `opendata_tables`, built
from the pieces in `accord.core.opendata`); `tables()` collects them. Every
resource starts from `Model.objects.visible_to(AnonymousUser())`, so the
package holds exactly what the public pages show; a reference to a record the
public cannot see (a restricted meeting of a public document) is left empty,
so that every foreign key resolves. Rows are streamed with
`iterator(chunk_size=…)` and written as they come: memory does not grow with
the number of documents.

Documents are metadata only, without their texts: a text is read on the
document's page, and 10⁵ texts would make a package nobody downloads. The
statistics of cooperation requests are the public aggregates of
`accord.legal_cooperation.statistics`, small counts suppressed; no request
itself is ever exported.
"""

import contextlib
import datetime
import json
import os
import re
import secrets
import shutil
import time
import zipfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.apps import apps
from django.conf import settings
from django.db import connection, transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.module_loading import import_string
from django.utils.translation import gettext_lazy as _

from accord.core.exports import CsvWriter
from accord.core.opendata import Table, anonymous

#: A package directory's name; nothing else in the directory is ever removed.
PACKAGE_NAME = re.compile(r"\d{8}T\d{12}Z-[0-9a-f]{6}")
POINTER = "current.json"
MANIFEST = "manifest.json"
DATAPACKAGE = "datapackage.json"
POPOLO = "popolo.json"
ICALENDAR = "meetings.ics"
ZIP = "accord-open-data.zip"
#: Packages kept besides the current one: a download that started on the
#: previous package finishes even after the switch.
KEEP_PREVIOUS = 1
#: A temporary directory this old belongs to a build that died.
STALE_BUILD_SECONDS = 6 * 3600
MEDIA_TYPES = {
    ".csv": "text/csv",
    ".json": "application/json",
    ".ics": "text/calendar",
    ".zip": "application/zip",
}
LICENSE = {
    "name": "CC-BY-4.0",
    "path": "https://creativecommons.org/licenses/by/4.0/",
    "title": "Creative Commons Attribution 4.0",
}


class OpenDataError(Exception):
    """The package could not be written (an unwritable directory, a full disk)."""


# --------------------------------------------------------------------------- the resources


def tables() -> list[Table]:
    """The resources of the package: every app's `opendata_tables`, in dependency order.

    Apps are listed in `INSTALLED_APPS` from the base up, and each declares
    its own tables in an order where references point backwards, so every
    foreign key of the package refers to a resource written before it.
    """
    result: list[Table] = []
    for config in apps.get_app_configs():
        path = getattr(config, "opendata_tables", None)
        if path:
            result.extend(import_string(path)())
    return result


# --------------------------------------------------------------------------- writing


def _csv_value(value: Any) -> Any:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, datetime.datetime):
        return _datetime(value)
    if isinstance(value, datetime.date):
        return value.isoformat()
    return value


def _json_value(value: Any) -> Any:
    if isinstance(value, datetime.datetime):
        return _datetime(value)
    if isinstance(value, datetime.date):
        return value.isoformat()
    if value == "":
        return None
    return value


def _datetime(value: datetime.datetime) -> str:
    """ISO 8601 in UTC to the second, the Table Schema's default datetime format."""
    if timezone.is_naive(value):
        value = timezone.make_aware(value, datetime.UTC)
    return value.astimezone(datetime.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def write_table(table: Table, directory: Path) -> int:
    """Write `<name>.csv` and `<name>.json` side by side, row by row; return the number of rows."""
    names = [c.name for c in table.columns]
    count = 0
    with (
        open(directory / f"{table.name}.csv", "w", encoding="utf-8", newline="") as csv_file,
        open(directory / f"{table.name}.json", "w", encoding="utf-8") as json_file,
    ):
        writer = CsvWriter(csv_file)
        writer.writerow(names)
        json_file.write("[")
        for raw in table.rows():
            values = [c.convert(raw.get(c.key)) if c.convert else raw.get(c.key) for c in table.columns]
            writer.writerow([_csv_value(v) for v in values])
            json_file.write(",\n" if count else "\n")
            json.dump(
                {name: _json_value(v) for name, v in zip(names, values, strict=True)},
                json_file,
                ensure_ascii=False,
            )
            count += 1
        json_file.write("\n]\n" if count else "]\n")
    return count


def datapackage(table_list: list[Table], created_at: datetime.datetime) -> dict[str, Any]:
    """The Frictionless Data Package descriptor of the CSV resources."""
    return {
        "profile": "tabular-data-package",
        "name": "accord-open-data",
        "title": str(_("Accord open data")),
        "description": str(
            _(
                "Everything the Accord portal publishes: states, organizations and their bodies, "
                "people and their posts, memberships, instruments and their parties, meetings and "
                "participations, documents (metadata), published country reviews and summaries, "
                "public recommendations, initiatives and agreements, statistics of cooperation "
                "requests and the news. Each CSV has a JSON twin with the same rows."
            )
        ),
        "homepage": settings.ACCORD_BASE_URL.rstrip("/") + reverse("portal:opendata"),
        "created": _datetime(created_at),
        "licenses": [LICENSE],
        "keywords": ["anti-corruption", "UNCAC", "UNTOC", "CIS", "Popolo"],
        "resources": [
            {
                "name": t.name,
                "path": f"{t.name}.csv",
                "profile": "tabular-data-resource",
                "title": str(t.title),
                "description": str(t.description),
                "format": "csv",
                "mediatype": "text/csv",
                "encoding": "utf-8",
                "schema": t.schema(),
            }
            for t in table_list
        ],
    }


def _write_json(path: Path, data: Any) -> None:
    with open(path, "w", encoding="utf-8") as handle:
        json.dump(data, handle, ensure_ascii=False, indent=2)
        handle.write("\n")


def _write_popolo(directory: Path) -> int:
    from accord.registry.popolo import export_popolo

    data = export_popolo(anonymous())
    _write_json(directory / POPOLO, data)
    return len(data["persons"]) + len(data["organizations"]) + len(data["posts"]) + len(data["memberships"])


def _write_icalendar(directory: Path) -> int:
    from accord.meetings.ical import meetings_calendar
    from accord.meetings.models import Meeting

    meetings = list(
        Meeting.objects.visible_to(anonymous()).select_related("body", "country").order_by("start_on", "pk")
    )
    body = meetings_calendar(meetings, name=str(_("Accord: meetings")), base_url=settings.ACCORD_BASE_URL)
    (directory / ICALENDAR).write_bytes(body)
    return len(meetings)


@dataclass
class BuildResult:
    """What a build wrote: where, when, and each file's size and rows."""

    directory: Path
    created_at: datetime.datetime
    files: dict[str, dict[str, Any]] = field(default_factory=dict)

    @property
    def counts(self) -> dict[str, int]:
        return {f["resource"]: f["rows"] for f in self.files.values() if f.get("format") == "csv"}

    def as_dict(self) -> dict[str, Any]:
        return {
            "directory": str(self.directory),
            "created": _datetime(self.created_at),
            "counts": self.counts,
            "files": {name: {"size": f["size"], "rows": f.get("rows")} for name, f in self.files.items()},
        }


def opendata_root() -> Path:
    """Where packages live: `ACCORD_OPENDATA_DIR`, or `VAR_DIR/opendata`."""
    configured = getattr(settings, "ACCORD_OPENDATA_DIR", None)
    return Path(configured) if configured else Path(settings.VAR_DIR) / "opendata"


def build_open_data(
    root: Path | None = None, *, progress: Callable[[str, int], None] | None = None
) -> BuildResult:
    """Write a complete package, then make it the current one; the previous stays until the next build.

    Raises `OpenDataError` when the directory cannot be written; nothing of
    the failed build is left behind and the current package stays as it was.
    """
    root = Path(root) if root else opendata_root()
    created_at = timezone.now()
    name = created_at.strftime("%Y%m%dT%H%M%S%fZ") + "-" + secrets.token_hex(3)
    building = root / f".building-{name}"
    try:
        root.mkdir(parents=True, exist_ok=True)
        building.mkdir()
    except OSError as exc:
        raise OpenDataError(
            _("Cannot write the open-data directory %(path)s: %(error)s")
            % {"path": root, "error": exc.strerror or exc}
        ) from exc
    try:
        with translation.override("en"), _snapshot():
            result = _build_into(building, created_at, progress)
        final = root / name
        os.replace(building, final)
        result.directory = final
        _point_to(root, name)
    except OSError as exc:
        shutil.rmtree(building, ignore_errors=True)
        raise OpenDataError(
            _("Cannot write the open-data package: %(error)s") % {"error": exc.strerror or exc}
        ) from exc
    except BaseException:
        shutil.rmtree(building, ignore_errors=True)
        raise
    _prune(root, keep=name)
    from accord.core.cache import bump_generation

    bump_generation()  # the open-data page shows the new files at once
    return result


@contextlib.contextmanager
def _snapshot() -> Iterator[None]:
    """One consistent view of the data for the whole build, where the database offers it cheaply.

    PostgreSQL: a read-only repeatable-read transaction, so that a change
    committed mid-build cannot leave a post pointing at a person the file of
    people no longer holds. SQLite would take its write lock for a
    transaction (`transaction_mode` IMMEDIATE) and block every writer, so
    there each table is read as it stands.
    """
    if connection.vendor != "postgresql" or connection.in_atomic_block:
        yield
        return
    with transaction.atomic():
        with connection.cursor() as cursor:
            cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY")
        yield


def _build_into(
    directory: Path, created_at: datetime.datetime, progress: Callable[[str, int], None] | None
) -> BuildResult:
    result = BuildResult(directory=directory, created_at=created_at)
    table_list = tables()

    def record(filename: str, rows: int | None, **extra: Any) -> None:
        path = directory / filename
        result.files[filename] = {
            "size": path.stat().st_size,
            "rows": rows,
            "media_type": media_type(filename),
            **extra,
        }

    for table in table_list:
        rows = write_table(table, directory)
        record(f"{table.name}.csv", rows, resource=table.name, format="csv")
        record(f"{table.name}.json", rows, resource=table.name, format="json")
        if progress:
            progress(table.name, rows)
    _write_json(directory / DATAPACKAGE, datapackage(table_list, created_at))
    record(DATAPACKAGE, None, format="datapackage")
    record(POPOLO, _write_popolo(directory), format="popolo")
    if progress:
        progress("popolo", result.files[POPOLO]["rows"])
    record(ICALENDAR, _write_icalendar(directory), format="icalendar")
    if progress:
        progress("meetings.ics", result.files[ICALENDAR]["rows"])
    with zipfile.ZipFile(directory / ZIP, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for filename in result.files:
            archive.write(directory / filename, arcname=f"accord-open-data/{filename}")
    record(ZIP, None, format="zip")
    _write_json(
        directory / MANIFEST,
        {"created": _datetime(created_at), "package": directory.name, "files": result.files},
    )
    return result


def _point_to(root: Path, name: str) -> None:
    """Switch `current.json` in one rename: readers see the old package or the new, never neither."""
    temporary = root / f".{POINTER}.{secrets.token_hex(4)}"
    _write_json(temporary, {"package": name})
    os.replace(temporary, root / POINTER)


def _prune(root: Path, *, keep: str) -> None:
    """Remove packages older than the previous one, and builds that died long ago."""
    packages = sorted(
        (p for p in root.iterdir() if p.is_dir() and PACKAGE_NAME.fullmatch(p.name) and p.name != keep),
        key=lambda p: p.name,
        reverse=True,
    )
    for old in packages[KEEP_PREVIOUS:]:
        shutil.rmtree(old, ignore_errors=True)
    now = time.time()
    for stale in root.glob(".building-*"):
        if not PACKAGE_NAME.fullmatch(stale.name.removeprefix(".building-")):
            continue
        try:
            if now - stale.stat().st_mtime > STALE_BUILD_SECONDS:
                shutil.rmtree(stale, ignore_errors=True)
        except OSError:
            continue


# --------------------------------------------------------------------------- reading


def media_type(filename: str) -> str:
    return MEDIA_TYPES.get(Path(filename).suffix, "application/octet-stream")


@dataclass(frozen=True)
class CurrentPackage:
    """The package `current.json` points at, read once per request."""

    directory: Path
    manifest: dict[str, Any]

    @property
    def files(self) -> dict[str, dict[str, Any]]:
        return self.manifest.get("files", {})

    @property
    def created(self) -> datetime.datetime | None:
        text = self.manifest.get("created")
        return (
            datetime.datetime.strptime(text, "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=datetime.UTC)
            if text
            else None
        )

    def path(self, filename: str) -> Path | None:
        """The file's path if the manifest lists it, else None: no name from outside reaches the disk."""
        if filename not in self.files:
            return None
        path = self.directory / filename
        return path if path.is_file() else None

    def datapackage(self) -> dict[str, Any]:
        path = self.path(DATAPACKAGE)
        if path is None:
            return {}
        with open(path, encoding="utf-8") as handle:
            return json.load(handle)


def current_package(root: Path | None = None) -> CurrentPackage | None:
    """The current package, or None when none has been built (or it has gone missing)."""
    root = Path(root) if root else opendata_root()
    try:
        with open(root / POINTER, encoding="utf-8") as handle:
            name = json.load(handle).get("package", "")
        if not isinstance(name, str) or not PACKAGE_NAME.fullmatch(name):
            return None
        directory = root / name
        with open(directory / MANIFEST, encoding="utf-8") as handle:
            manifest = json.load(handle)
    except (OSError, ValueError, AttributeError):
        return None
    return CurrentPackage(directory=directory, manifest=manifest)
