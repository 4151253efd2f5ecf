"""Shared fixtures: one user per role, an API client, and service probes."""

import os
import subprocess
import sys
from pathlib import Path

import hypothesis
import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from rest_framework.test import APIClient

from accord.core.roles import Role

# ---- Hypothesis: property tests that do not fail because the machine is busy ---------------------
# No deadline and no "too slow" health check: both measure the machine, not the code (a busy
# 2-core box made `test_every_russian_day_is_found` fail). CI (env CI set) also derandomizes:
# the same examples every run, so a failure there is the code's and can be replayed.
# HYPOTHESIS_PROFILE picks another profile by name.
hypothesis.settings.register_profile(
    "accord", deadline=None, suppress_health_check=[hypothesis.HealthCheck.too_slow], print_blob=True
)
hypothesis.settings.register_profile(
    "ci", parent=hypothesis.settings.get_profile("accord"), derandomize=True, database=None
)
hypothesis.settings.load_profile(
    os.environ.get("HYPOTHESIS_PROFILE") or ("ci" if os.environ.get("CI") else "accord")
)


def pytest_configure(config):
    """Static files come from the apps' folders, as in DEBUG: the tests need no `collectstatic`.

    Production settings (DEBUG off) use WhiteNoise's manifest of hashed names, which
    only `collectstatic` writes; .ci/deploy-check runs that path against gunicorn.
    With CI set, the skip policy (`SkipPolicy`) watches the run.
    """
    from django.conf import settings

    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"},
    }
    settings.WHITENOISE_USE_FINDERS = True
    # Under pytest-xdist the controller hears every worker's reports: the policy watches there only.
    if os.environ.get("CI") and not hasattr(config, "workerinput"):
        config.pluginmanager.register(SkipPolicy(), "accord-skip-policy")


# ---- parallel runs (pytest-xdist, `make test`): each worker has its own var/, Redis and database -----


def worker_environment(worker_id: str, var_dir: Path, redis_url: str = "") -> dict[str, str]:
    """What one xdist worker's process starts with: its own var/ folder, and its own Redis database.

    Workers run side by side, so nothing they write may be shared: uploads,
    the secret key, open data and the file caches go to `var_dir/<worker>`
    (ACCORD_VAR_DIR, read once when the settings load, hence set before the
    worker starts). With REDIS_URL set, worker gwN takes the database N below
    the one named (15, 14, ... for CI's 15), because each test empties its
    cache (`FLUSHDB`) and the task tests read the queue. The test database is
    pytest-django's own per worker (`test_<name>_gwN`, SQLite in memory).
    """
    environment = {"ACCORD_VAR_DIR": str(var_dir / worker_id)}
    if redis_url:
        from urllib.parse import urlsplit, urlunsplit

        parts = urlsplit(redis_url)
        base = int(parts.path.strip("/") or 0)
        number = (base - int(worker_id.removeprefix("gw"))) % 16
        environment["REDIS_URL"] = urlunsplit(parts._replace(path=f"/{number}"))
    return environment


@pytest.hookimpl(optionalhook=True)
def pytest_xdist_setupnodes(config, specs):
    """Before the workers start: give each its environment (`worker_environment`), under var/test-workers/."""
    import shutil

    from django.conf import settings

    root = Path(settings.VAR_DIR) / "test-workers"
    shutil.rmtree(root, ignore_errors=True)  # nothing left from an earlier run
    for spec in specs:
        spec.env.update(worker_environment(spec.id, root, os.environ.get("REDIS_URL", "")))


def make_user(username: str, *roles: str, state=None, organization=None, **extra):
    """A user with the given roles; a focal point is bound to `state`, an organization's contact to `organization`."""
    user = get_user_model().objects.create_user(username=username, password="pass-12345", **extra)
    for role in roles:
        user.groups.add(Group.objects.get_or_create(name=role)[0])
    if state is not None:
        from accord.registry.models import FocalPoint

        FocalPoint.objects.create(user=user, state=state)
    if organization is not None:
        from accord.registry.models import OrganizationContact

        OrganizationContact.objects.create(user=user, organization=organization)
    return user


@pytest.fixture(autouse=True)
def _quick_password_hashing(settings):
    """Tests create many users: a cheap hasher keeps the suite fast (never in production settings).

    Open data is not rebuilt behind the tests' back: the tests of that refresh turn it on.
    """
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.ACCORD_OPENDATA_REFRESH_MINUTES = 0


@pytest.fixture(autouse=True, scope="session")
def _plain_http():
    """The test client and the live server speak plain HTTP: no redirect to HTTPS (its own tests turn it on).

    For the whole session, before the live server's middleware reads it.
    """
    from django.test.utils import override_settings

    with override_settings(SECURE_SSL_REDIRECT=False):
        yield


@pytest.fixture
def english(settings):
    """Pages, API and messages in English, for tests that read English texts."""
    from django.utils import translation

    settings.LANGUAGE_CODE = "en"
    with translation.override("en"):
        yield


@pytest.fixture
def api_client():
    return APIClient()


@pytest.fixture
def secretariat_user(db):
    return make_user("secretariat", Role.SECRETARIAT)


@pytest.fixture
def analyst_user(db):
    return make_user("analyst", Role.ANALYST)


@pytest.fixture
def reviewer_user(db):
    return make_user("reviewer", Role.REVIEWER)


@pytest.fixture
def no_role_user(db):
    return make_user("norole")


@pytest.fixture
def focal_state(db):
    from accord.registry.tests.factories import StateFactory

    return StateFactory()


@pytest.fixture
def other_state(db):
    from accord.registry.tests.factories import StateFactory

    return StateFactory()


@pytest.fixture
def focal_point_user(db, focal_state):
    return make_user("focal", Role.FOCAL_POINT, state=focal_state)


@pytest.fixture
def other_focal_point_user(db, other_state):
    return make_user("focal-other", Role.FOCAL_POINT, state=other_state)


@pytest.fixture
def contact_organization(db):
    from accord.registry.tests.factories import OrganizationFactory

    return OrganizationFactory()


@pytest.fixture
def organization_contact_user(db, contact_organization):
    return make_user("contact", Role.ORGANIZATION_CONTACT, organization=contact_organization)


@pytest.fixture(autouse=True)
def _no_api_throttling(settings):
    """Tests make many API calls in a row: throttling is off unless a test sets the rates it tests."""
    settings.REST_FRAMEWORK = {
        **settings.REST_FRAMEWORK,
        "DEFAULT_THROTTLE_RATES": dict.fromkeys(settings.REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"]),
    }


@pytest.fixture(autouse=True, scope="session")
def _own_cache_generation(tmp_path_factory):
    """The page cache's generation is the test process's own for the whole session.

    Without Redis it is a file cache in VAR_DIR, shared by every process on the
    machine: another test run or a dev server there must not invalidate this
    run's pages in the middle of a test, nor this run theirs.
    """
    from django.conf import settings
    from django.test.utils import override_settings

    generation = dict(settings.CACHES["generation"])
    if generation["BACKEND"].endswith("FileBasedCache"):
        generation["LOCATION"] = str(tmp_path_factory.getbasetemp() / "page-cache-generation")
    with override_settings(CACHES={**settings.CACHES, "generation": generation}):
        yield


@pytest.fixture(autouse=True)
def _empty_cache():
    """Each test starts with an empty cache: cached public pages never leak between tests."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def machine_far_from_utc():
    """The process's clock in a zone whose date is not UTC's right now (UTC+14 or UTC-11).

    As on a machine far off UTC near midnight: a test that takes "today" from
    the machine (`datetime.date.today()`) instead of the application
    (`timezone.localdate()`, in TIME_ZONE) fails under it. POSIX zone strings:
    no tz database needed.
    """
    import datetime
    import time

    from django.utils import timezone

    zone = "KIR-14" if datetime.datetime.now(datetime.UTC).hour >= 10 else "SST11"
    previous = os.environ.get("TZ")
    os.environ["TZ"] = zone
    time.tzset()
    try:
        assert datetime.date.today() != timezone.localdate()
        yield zone
    finally:
        if previous is None:
            os.environ.pop("TZ", None)
        else:
            os.environ["TZ"] = previous
        time.tzset()


# ---- order: the slow tests first, so that parallel workers finish together -----------------------


def _database_order(item) -> int:
    """pytest-django's order: 0 in a rolled-back transaction, 1 transactional, 2 without the database."""
    marker = item.get_closest_marker("django_db")
    fixtures = getattr(item, "fixturenames", ())
    if (marker and (marker.kwargs.get("transaction") or (marker.args and marker.args[0]))) or {
        "transactional_db",
        "live_server",
    } & set(fixtures):
        return 1
    return 0 if marker or "db" in fixtures else 2


@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(items):
    """Tests marked `slow` start first: those without the database at the very start, the others
    first in their group of pytest-django's order (which this keeps: transactional tests after the
    rolled-back ones). A worker that takes a long test late would keep the run waiting on it alone.
    """

    def rank(item) -> tuple[int, int]:
        order = _database_order(item)
        if item.get_closest_marker("slow") is None:
            return (order, 1)
        return (-1 if order == 2 else order, 0)

    items.sort(key=rank)


# ---- reference data: one real load per session -------------------------------------------------


@pytest.fixture(scope="session")
def _reference_rows(django_db_setup, django_db_blocker):
    """Every app's reference data (`accord load-reference`), loaded once for the session and kept as rows.

    The load itself is rolled back: tests that do not ask for the data never see it.
    """
    from accord.core.audit import acting_as
    from accord.core.reference import load_all
    from accord.core.testing import rows_added_by

    # As `accord load-reference` runs it: no actor, whatever an earlier test's
    # auditlog `set_actor` left in the context (it keeps its value after its block).
    with django_db_blocker.unblock(), acting_as(None):
        return rows_added_by(load_all)


@pytest.fixture
def reference_data(_reference_rows, db):
    """The reference data in this test's database, as `accord load-reference` leaves it.

    Restored from the session's one load, inside the test's transaction (rolled
    back after it; a transactional test's tables are flushed after it), so a
    test may change the data without disturbing the next one. Name it before
    fixtures that create users: the load creates the role groups they join.
    """
    from accord.core.testing import restore_rows

    restore_rows(_reference_rows)


@pytest.fixture(scope="session")
def _sample_rows(_reference_rows, django_db_blocker):
    """`make demo`'s sample data (`accord load-samples` over the reference data), loaded once for the session.

    Returns the rows the load added and its counts (what `load_all("sample_loader")`
    returned); the load is rolled back, as the reference data's is.
    """
    from django.db import transaction

    from accord.core.audit import acting_as
    from accord.core.reference import load_all
    from accord.core.testing import restore_rows, rows_added_by

    counts = {}
    with django_db_blocker.unblock(), acting_as(None), transaction.atomic():
        restore_rows(_reference_rows)
        rows = rows_added_by(lambda: counts.update(load_all("sample_loader")))
        transaction.set_rollback(True)
    return rows, counts


@pytest.fixture
def sample_data(reference_data, _sample_rows):
    """The reference and sample data in this test's database, as `make demo` loads them; the load's counts.

    Restored from the session's one load (a sample load costs tens of seconds),
    for tests about what the data shows rather than about loading it. On
    PostgreSQL the search vectors (columns the models do not declare) are
    computed again from the restored terms, as the loaders' saves compute them.
    """
    from django.db import connection

    from accord.core.testing import restore_rows

    rows, counts = _sample_rows
    restore_rows(rows)
    if connection.vendor == "postgresql":
        from accord.documents.models import Document
        from accord.documents.search.indexing import write_vectors
        from accord.news.search import reindex_all

        keys = [document.pk for document in rows.rows.get(Document, [])]
        if keys:
            write_vectors(min(keys), max(keys))
        reindex_all()
    return counts


# ---- PostgreSQL installs made by the commands, for the tests of a fresh install -----------------


def run_accord(*args: str, database_url: str, var_dir: Path) -> subprocess.CompletedProcess:
    """`accord ARGS` in a process of its own, on `database_url`, as an operator runs it (no Redis)."""
    env = {
        **os.environ,
        "DATABASE_URL": database_url,
        "ACCORD_VAR_DIR": str(var_dir),
        "DJANGO_SETTINGS_MODULE": "accord.settings",
        "ACCORD_LOG_FORMAT": "text",
    }
    env.pop("REDIS_URL", None)
    return subprocess.run(
        [sys.executable, "-m", "accord.cli", *args],
        cwd=Path(__file__).resolve().parent,
        env=env,
        capture_output=True,
        text=True,
        timeout=900,
    )


@pytest.fixture(scope="session")
def postgres_reference_template(tmp_path_factory):
    """A PostgreSQL database made by `accord migrate` and `accord load-reference`, once per session.

    Migrating is most of a fresh install's time: the tests that need one copy
    this database (`postgres_copy`) rather than migrating again. Yields its
    URL and the two commands' results (a test asserts they succeeded); skipped
    without a server. Tests that use it share the xdist group "postgres-template",
    so one worker makes it.
    """
    import uuid

    from accord.core.testing import POSTGRES_ADMIN_URL, postgres_admin_connection

    admin = postgres_admin_connection()
    name = f"accord_template_{uuid.uuid4().hex[:10]}"
    url = POSTGRES_ADMIN_URL.rsplit("/", 1)[0] + f"/{name}"
    var_dir = tmp_path_factory.mktemp("postgres-template")
    with admin:
        admin.execute(f'CREATE DATABASE "{name}"')
        try:
            steps = {"migrate": run_accord("migrate", "--noinput", database_url=url, var_dir=var_dir)}
            if steps["migrate"].returncode == 0:
                steps["load-reference"] = run_accord("load-reference", database_url=url, var_dir=var_dir)
            yield {"name": name, "url": url, "steps": steps}
        finally:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture
def postgres_copy(postgres_reference_template):
    """Make copies of the template database (`CREATE DATABASE … TEMPLATE`), dropped after the test.

    Fails, naming the command, if the template's migrate or reference load failed.
    """
    import uuid

    from accord.core.testing import postgres_admin_connection

    for step, done in postgres_reference_template["steps"].items():
        assert done.returncode == 0, f"accord {step} on PostgreSQL:\n{done.stdout}\n{done.stderr}"
    assert "load-reference" in postgres_reference_template["steps"]
    admin = postgres_admin_connection()
    made: list[str] = []

    def copy() -> str:
        name = f"accord_copy_{uuid.uuid4().hex[:10]}"
        admin.execute(f'CREATE DATABASE "{name}" TEMPLATE "{postgres_reference_template["name"]}"')
        made.append(name)
        return postgres_reference_template["url"].rsplit("/", 1)[0] + f"/{name}"

    with admin:
        try:
            yield copy
        finally:
            for name in made:
                admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


# ---- skips: in CI, only the ones tests/allowed_skips.txt lists and explains ---------------------

ALLOWED_SKIPS = Path(__file__).resolve().parent / "tests" / "allowed_skips.txt"


class SkipPolicy:
    """With CI set, a skip whose reason tests/allowed_skips.txt does not list fails the run.

    So CI tells a test that skipped because its resource (Chromium, Redis,
    PostgreSQL, the shared corpus) was missing from a test that passed.
    """

    def __init__(self) -> None:
        self.skips: list[tuple[str, str]] = []
        self.unexpected: list[tuple[str, str]] = []

    def pytest_runtest_logreport(self, report) -> None:
        if report.skipped and not hasattr(report, "wasxfail"):
            from accord.core.testing import skip_reason

            self.skips.append((report.nodeid, skip_reason(report)))

    def pytest_sessionfinish(self, session) -> None:
        from accord.core.testing import allowed_skip_patterns, unexpected_skips

        self.unexpected = unexpected_skips(self.skips, allowed_skip_patterns(ALLOWED_SKIPS))
        if self.unexpected and session.exitstatus == pytest.ExitCode.OK:
            session.exitstatus = pytest.ExitCode.TESTS_FAILED

    def pytest_terminal_summary(self, terminalreporter) -> None:
        if not self.unexpected:
            return
        terminalreporter.section("unexpected skips (CI)", sep="=", red=True, bold=True)
        for nodeid, reason in self.unexpected:
            terminalreporter.line(f"SKIPPED {nodeid}: {reason}")
        terminalreporter.line(
            f"{len(self.unexpected)} skip(s) not allowed by tests/{ALLOWED_SKIPS.name}: "
            "provide the resource, or list the reason there with why"
        )


# ---- browser tests: Playwright driving Debian's Chromium ------------------------------------

CHROMIUM = "/usr/bin/chromium"

#: `pytestmark = BROWSER_MARKS` in a module of browser tests: marked, and skipped with a reason without Chromium.
BROWSER_MARKS = [
    pytest.mark.browser,
    pytest.mark.skipif(
        not os.path.exists(CHROMIUM),
        reason="Chromium is not installed at /usr/bin/chromium (apt-get install chromium)",
    ),
]


# ---- the shared corpus (../shared/corpus): real texts with gold annotations ----------------------

#: Next to the checkout, or where ACCORD_SHARED_CORPUS says.
SHARED_CORPUS = Path(
    os.environ.get("ACCORD_SHARED_CORPUS") or Path(__file__).resolve().parent.parent / "shared" / "corpus"
)

#: `@NEEDS_SHARED_CORPUS` on a test that reads it: skipped with a reason that names the folder when it is missing.
NEEDS_SHARED_CORPUS = pytest.mark.skipif(
    not (SHARED_CORPUS / "score.py").is_file(),
    reason=f"The shared corpus is not at {SHARED_CORPUS} (set ACCORD_SHARED_CORPUS to its folder)",
)


class OneRequestAtATime:
    """A WSGI application that serves one request at a time, the response read to its end inside the turn.

    On SQLite the live server's request threads share the test's in-memory
    connection (and its transaction state): two requests at once (an autosave
    and a click, a picker's keystrokes, htmx beside a navigation) would
    interleave their transactions and fail now and then. One at a time, they
    cannot; the browser's requests queue as they would behind a busy server.
    """

    def __init__(self, application) -> None:
        import threading

        self.application = application
        self.turn = threading.Lock()

    def __call__(self, environ, start_response):
        with self.turn:
            result = self.application(environ, start_response)
            try:
                return [b"".join(result)]
            finally:
                if hasattr(result, "close"):
                    result.close()


@pytest.fixture(scope="session")
def live_server(django_db_setup, live_server):
    """pytest-django's live server, on the test database; on SQLite it serves one request at a time.

    Made after the test database (`django_db_setup` first): pytest sets a
    session fixture up before the function fixture that asks for the database,
    and a server started earlier would not share the in-memory connection
    (its threads would open their own, which SQLite's shared cache makes
    fail at once on a second writer) in a run of its tests alone, but would in
    the whole suite.
    """
    thread = live_server.thread
    if thread.connections_override:
        thread.httpd.set_app(OneRequestAtATime(thread.httpd.get_app()))
    return live_server


@pytest.fixture(scope="module")
def chromium():
    """One headless Chromium for a module's browser tests."""
    sync_api = pytest.importorskip("playwright.sync_api")
    # Playwright's sync API runs an event loop in this thread; Django's ORM calls
    # made by the test itself are still synchronous and safe here.
    # Set for the module only: a subprocess started by a later test (`check --deploy`) must not inherit it.
    previous = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM,
            headless=True,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
            ],
        )
        try:
            yield browser
        finally:
            browser.close()
            if previous is None:
                os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
            else:
                os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = previous


@pytest.fixture
def new_browser_page(chromium, settings):
    """Open a page in a fresh browser context (`locale`, Playwright context options); closed after the test.

    Cookies go without the TLS flag, for the plain-HTTP live server.
    """
    settings.SESSION_COOKIE_SECURE = False
    settings.CSRF_COOKIE_SECURE = False
    contexts = []

    def open_page(locale: str = "ru-RU", timeout_ms: int = 15_000, **options):
        context = chromium.new_context(locale=locale, **options)
        contexts.append(context)
        page = context.new_page()
        page.set_default_timeout(timeout_ms)
        return page

    yield open_page
    for context in contexts:
        context.close()


@pytest.fixture
def browser_page(new_browser_page):
    """A page in Russian, as a visitor with a Russian browser sees the site."""
    return new_browser_page()


def serious_accessibility_violations(page) -> list[str]:
    """axe-core's serious and critical violations on the page, one line each (empty when it passes)."""
    from axe_playwright_python.sync_playwright import Axe

    found = []
    for violation in Axe().run(page).response["violations"]:
        if violation.get("impact") in {"serious", "critical"}:
            targets = ", ".join(str(node.get("target")) for node in violation["nodes"][:3])
            found.append(f"{violation['id']} ({violation['impact']}): {violation['help']} — {targets}")
    return found
