"""PostgreSQL, the production database, checked from a plain `make test` too.

CI runs the whole suite on PostgreSQL (DATABASE_URL); on a laptop this module
still proves that the migrations and the reference data load there, whenever a
server answers at ACCORD_TEST_POSTGRES_URL (default: postgres on 127.0.0.1).
"""

import json

import pytest

from conftest import run_accord

pytestmark = pytest.mark.postgres


@pytest.mark.slow
@pytest.mark.xdist_group("postgres-template")
def test_migrations_and_reference_data_load_on_postgresql(postgres_copy, tmp_path):
    """The session's template database was made by `accord migrate` and `accord load-reference`
    (`postgres_copy` fails if either failed); on a copy, a second load changes nothing and no
    migration is missing."""
    database_url = postgres_copy()
    again = run_accord("load-reference", "--format", "json", database_url=database_url, var_dir=tmp_path)
    assert again.returncode == 0, again.stderr
    counts = json.loads(again.stdout)["counts"]
    assert all(set(c) == {"unchanged"} for c in counts.values()), counts
    check = run_accord("makemigrations", "--check", "--dry-run", database_url=database_url, var_dir=tmp_path)
    assert check.returncode == 0, check.stdout + check.stderr
