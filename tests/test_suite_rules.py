"""The suite's own rules: property tests that a busy machine cannot fail, one time zone, no unexpected skip."""

import os
import subprocess
import sys
import time
from pathlib import Path

import hypothesis
import pytest
from hypothesis import HealthCheck, given
from hypothesis import strategies as st


def test_each_parallel_worker_has_its_own_var_folder_and_redis_database(tmp_path):
    from conftest import worker_environment

    assert worker_environment("gw0", tmp_path) == {"ACCORD_VAR_DIR": str(tmp_path / "gw0")}
    assert worker_environment("gw2", tmp_path, "redis://127.0.0.1:6379/15") == {
        "ACCORD_VAR_DIR": str(tmp_path / "gw2"),
        "REDIS_URL": "redis://127.0.0.1:6379/13",
    }
    assert worker_environment("gw1", tmp_path, "redis://:secret@cache:6380")["REDIS_URL"] == (
        "redis://:secret@cache:6380/15"
    )


def test_this_worker_writes_under_its_own_var_folder():
    """In a parallel run (`make test`) the settings of worker gwN read var/test-workers/gwN."""
    from django.conf import settings

    worker = os.environ.get("PYTEST_XDIST_WORKER")
    if worker is None:
        return  # one process: the var/ folder of the run is its own anyway
    assert Path(settings.VAR_DIR).name == worker and Path(settings.VAR_DIR).parent.name == "test-workers"
    assert Path(settings.MEDIA_ROOT).is_relative_to(settings.VAR_DIR)
    assert os.environ["ACCORD_VAR_DIR"] == str(settings.VAR_DIR)  # and so do the processes tests start


def test_the_hypothesis_profile_measures_the_code_not_the_machine():
    current = hypothesis.settings()
    assert current.deadline is None
    assert HealthCheck.too_slow in current.suppress_health_check
    ci = hypothesis.settings.get_profile("ci")
    assert ci.derandomize and ci.database is None and ci.deadline is None


@hypothesis.settings(max_examples=3)  # a test's own settings keep the profile's deadline
@given(st.integers())
def test_a_slow_example_is_not_a_failure(number):
    time.sleep(0.25)  # over Hypothesis' default deadline of 200 ms


def test_the_application_takes_today_from_its_time_zone_not_the_machine():
    """`timezone.localdate()` (TIME_ZONE), never `date.today()`, which is the machine's date."""
    import re
    from pathlib import Path

    root = Path(__file__).resolve().parents[1] / "accord"
    offenders = [
        f"{path.relative_to(root)}:{number}"
        for path in root.rglob("*.py")
        if "tests" not in path.parts
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1)
        if re.search(r"\bdate\.today\(\)|datetime\.now\(\)", line)
    ]
    assert not offenders, offenders


def test_the_machine_far_from_utc_fixture_moves_only_the_machines_date(machine_far_from_utc):
    import datetime

    from django.utils import timezone

    assert datetime.date.today() != timezone.localdate()
    assert timezone.localdate() == datetime.datetime.now(datetime.UTC).date()


# ---- skips: CI fails on any it does not expect -----------------------------------------------------


def test_every_allowed_skip_says_why_and_matches_a_reason_the_suite_gives():
    from accord.core.testing import allowed_skip_patterns, unexpected_skips
    from conftest import ALLOWED_SKIPS

    patterns = allowed_skip_patterns(ALLOWED_SKIPS)
    assert patterns
    reasons = [
        ("sqlite", "SQLite's shared in-memory test database refuses a second writer instead of waiting"),
        ("postgres", "this suite runs on PostgreSQL: the round trip above ran there"),
        ("redis", "Redis does not answer at 127.0.0.1:6379"),
        ("chromium", "Chromium is not installed at /usr/bin/chromium (apt-get install chromium)"),
        ("corpus", "The shared corpus is not at /nowhere (set ACCORD_SHARED_CORPUS to its folder)"),
    ]
    assert [test for test, _reason in unexpected_skips(reasons, patterns)] == ["redis", "chromium", "corpus"]


def test_an_allowed_skip_needs_a_comment_saying_why(tmp_path):
    from accord.core.testing import allowed_skip_patterns

    listed = tmp_path / "allowed.txt"
    listed.write_text("# why\nfirst reason\nsecond reason\n\nunexplained\n", encoding="utf-8")
    with pytest.raises(ValueError, match=r"allowed\.txt:5: say why"):
        allowed_skip_patterns(listed)


@pytest.mark.slow
def test_ci_fails_on_an_unexpected_skip_and_passes_an_allowed_one():
    if reason := os.environ.get("ACCORD_SKIP_POLICY_DEMO"):  # the run below, inside the test
        pytest.skip(reason)
    root = Path(__file__).resolve().parents[1]
    outcomes = {}
    # The unexpected skip happens in a pytest-xdist worker (`make test` runs in parallel): the
    # controller, which hears the workers' reports, must still fail the run.
    runs = {
        "a resource nobody listed is missing": ["-n", "1"],
        "needs PostgreSQL (DATABASE_URL): demo": ["-p", "no:xdist"],
    }
    for reason, parallel in runs.items():
        run = subprocess.run(
            [
                sys.executable,
                "-m",
                "pytest",
                "-q",
                "-p",
                "no:cacheprovider",
                *parallel,
                f"{__file__}::test_ci_fails_on_an_unexpected_skip_and_passes_an_allowed_one",
            ],
            env={**os.environ, "CI": "true", "ACCORD_SKIP_POLICY_DEMO": reason},
            cwd=root,
            capture_output=True,
            text=True,
            timeout=300,
        )
        outcomes[reason] = (run.returncode, "unexpected skips (CI)" in run.stdout)
    assert outcomes == {
        "a resource nobody listed is missing": (1, True),
        "needs PostgreSQL (DATABASE_URL): demo": (0, False),
    }


# ---- the live server: one request at a time on SQLite's shared in-memory connection -----------------


def test_one_request_at_a_time_keeps_concurrent_requests_apart_to_the_end_of_their_responses():
    """Two requests at once never overlap, not even while the first one's response is still being read."""
    import threading

    from conftest import OneRequestAtATime

    inside, overlaps, closed = [], [], []

    class Body:
        def __init__(self, name):
            self.name = name

        def __iter__(self):
            time.sleep(0.05)  # the response read while another request waits
            yield self.name.encode()
            if len(inside) > 1:
                overlaps.append(self.name)
            inside.remove(self.name)

        def close(self):
            closed.append(self.name)

    def application(environ, start_response):
        inside.append(environ["name"])
        if len(inside) > 1:
            overlaps.append(environ["name"])
        start_response("200 OK", [])
        return Body(environ["name"])

    served = OneRequestAtATime(application)
    answers = {}

    def request(name):
        answers[name] = served({"name": name}, lambda status, headers: None)

    threads = [threading.Thread(target=request, args=(f"r{n}",)) for n in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert overlaps == []
    assert answers == {f"r{n}": [f"r{n}".encode()] for n in range(4)}
    assert sorted(closed) == ["r0", "r1", "r2", "r3"]


@pytest.mark.django_db(transaction=True)
def test_the_live_server_on_sqlite_serves_one_request_at_a_time(live_server):
    from urllib.request import urlopen

    from django.db import connection, connections

    from conftest import OneRequestAtATime

    # In a run of this test alone too: the server was made after the test database, whose in-memory
    # connection its threads share (rather than each opening its own on SQLite's shared cache).
    sqlite = connection.vendor == "sqlite"
    assert (live_server.thread.connections_override.get("default") is connections["default"]) == sqlite
    application = live_server.thread.httpd.get_app()
    assert (type(application).__name__ == OneRequestAtATime.__name__) == sqlite
    with urlopen(f"{live_server.url}/login/") as answer:
        assert answer.status == 200 and b"<form" in answer.read()
