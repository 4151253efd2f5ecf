"""Production hardening: owner-only files, `check --deploy`, security headers, no-store for members.

The settings are read at start-up, so the rules that depend on the
environment run in a fresh interpreter (`subprocess`) with that environment.
"""

import json
import os
import secrets
import stat
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[3]

#: Writes what an installation writes: the SQLite database (in WAL mode, so with -wal and
#: -shm beside it), the development secret key and an original file under MEDIA_ROOT; then
#: prints the permission bits of each, while the database connection is still open.
WRITE_AND_REPORT = """
import json, os, stat
import django
django.setup()
from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import connection
with connection.cursor() as cursor:
    cursor.execute("CREATE TABLE probe (x integer)")
    cursor.execute("INSERT INTO probe VALUES (1)")
    name = default_storage.save("originals/2025/01/probe.txt", ContentFile(b"a confidential original"))
    database = str(settings.DATABASES["default"]["NAME"])
    paths = {
        "var": settings.VAR_DIR,
        "secret_key": settings.VAR_DIR / "secret_key",
        "database": database,
        "database-wal": database + "-wal",
        "database-shm": database + "-shm",
        "media": settings.MEDIA_ROOT,
        "originals": settings.MEDIA_ROOT / "originals",
        "month": settings.MEDIA_ROOT / "originals/2025/01",
        "original": default_storage.path(name),
    }
    print(json.dumps({key: oct(stat.S_IMODE(os.stat(path).st_mode)) for key, path in paths.items()}))
"""


def run_settings(code: str, *, var_dir: Path, umask: int = 0o022, **environment: str):
    """Run `code` in a new interpreter with Accord's settings, a given var/ and a usual umask."""
    env = {key: value for key, value in os.environ.items() if key not in {"DATABASE_URL", "SECRET_KEY"}}
    env.update(DJANGO_SETTINGS_MODULE="accord.settings", ACCORD_VAR_DIR=str(var_dir), **environment)
    return subprocess.run(
        [sys.executable, "-c", code],
        env=env,
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
        preexec_fn=lambda: os.umask(umask),
    )


def test_what_accord_writes_is_for_its_own_account_only(tmp_path):
    """Under a usual umask of 022 the database, its -wal/-shm, the key and originals are still 0600,
    and var/, media/ and its folders 0700 (they were 0644 and 0755)."""
    result = run_settings(WRITE_AND_REPORT, var_dir=tmp_path / "var")
    assert result.returncode == 0, result.stderr
    modes = json.loads(result.stdout)
    folders = {"var", "media", "originals", "month"}
    assert {key: mode for key, mode in modes.items() if key in folders} == dict.fromkeys(folders, "0o700")
    assert {key: mode for key, mode in modes.items() if key not in folders} == dict.fromkeys(
        set(modes) - folders, "0o600"
    )


def test_an_older_installation_is_closed_at_start(tmp_path):
    """var/, media/ and the database made before this rule (0755 and 0644) are tightened when Accord starts."""
    var = tmp_path / "var"
    (var / "media").mkdir(parents=True)
    database = var / "accord.sqlite3"
    database.write_bytes(b"")
    var.chmod(0o755)
    (var / "media").chmod(0o755)
    database.chmod(0o644)
    result = run_settings("import accord.settings", var_dir=var)
    assert result.returncode == 0, result.stderr
    assert stat.S_IMODE(var.stat().st_mode) == 0o700
    assert stat.S_IMODE((var / "media").stat().st_mode) == 0o700
    assert stat.S_IMODE(database.stat().st_mode) == 0o600
