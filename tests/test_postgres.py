"""PostgreSQL, the production database, checked from a plain `make test` too.

CI runs the whole suite on PostgreSQL (DATABASE_URL); on a laptop this module
still proves that the migrations and the reference data load there, whenever a
server answers at ACCORD_TEST_POSTGRES_URL (default: postgres on 127.0.0.1).
"""

import json
import os
import subprocess
import sys
import uuid
from pathlib import Path

import pytest

from accord.core.testing import POSTGRES_ADMIN_URL, postgres_admin_connection

ROOT = Path(__file__).resolve().parent.parent

pytestmark = pytest.mark.postgres


@pytest.fixture
def fresh_postgres_url():
    """A new, empty database on the server, dropped afterwards."""
    admin = postgres_admin_connection()
    name = f"accord_check_{uuid.uuid4().hex[:10]}"
    with admin:
        admin.execute(f'CREATE DATABASE "{name}"')
        try:
            yield POSTGRES_ADMIN_URL.rsplit("/", 1)[0] + f"/{name}"
        finally:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def _accord(*args: str, database_url: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "DATABASE_URL": database_url, "DJANGO_SETTINGS_MODULE": "accord.settings"}
    return subprocess.run(
        [sys.executable, "-m", "accord.cli", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )


@pytest.mark.slow
def test_migrations_and_reference_data_load_on_postgresql(fresh_postgres_url):
    migrate = _accord("migrate", "--noinput", database_url=fresh_postgres_url)
    assert migrate.returncode == 0, migrate.stderr
    load = _accord("load-reference", database_url=fresh_postgres_url)
    assert load.returncode == 0, load.stderr
    again = _accord("load-reference", "--format", "json", database_url=fresh_postgres_url)
    assert again.returncode == 0, again.stderr
    counts = json.loads(again.stdout)["counts"]
    assert all(set(c) == {"unchanged"} for c in counts.values()), counts
    check = _accord("makemigrations", "--check", "--dry-run", database_url=fresh_postgres_url)
    assert check.returncode == 0, check.stdout + check.stderr
