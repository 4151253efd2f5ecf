"""Production operations: /health/, request ids and JSON logs, error reporting, settings from the environment."""

import copy
import io
import json
import logging
import logging.config
import os
import subprocess
import sys

import pytest
from django.urls import include, path

from conftest import make_user

REQUEST_ID = "0123456789abcdef0123456789abcdef"


def boom(request):
    raise RuntimeError("a failure for the error-reporting test")


urlpatterns = [path("boom/", boom), path("", include("accord.urls"))]


# ---- /health/ -------------------------------------------------------------------------------------


@pytest.mark.django_db(transaction=True)
def test_health_answers_anonymous_visitors_never_cached(client):
    response = client.get("/health/", HTTP_ACCEPT="application/json")
    assert response.status_code == 200
    checks = response.json()
    assert set(checks.values()) == {"OK"}
    assert {name.split("(")[0] for name in checks} == {"Database", "Cache", "Storage", "TaskBackend"}
    assert "no-store" in response["Cache-Control"]


@pytest.mark.django_db(transaction=True)
def test_health_answers_503_when_the_cache_is_down(client):
    from django.test import override_settings

    broken = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": "redis://127.0.0.1:1/0",
        }
    }
    # Only for the request: the tests' own cache is cleared after each test.
    with override_settings(CACHES=broken):
        response = client.get("/health/", HTTP_ACCEPT="application/json")
    assert response.status_code == 503
    checks = response.json()
    assert checks["Cache(alias='default')"] != "OK"
    assert checks["Database(alias='default')"] == "OK"


@pytest.mark.django_db(transaction=True)
def test_health_answers_503_when_the_task_queue_is_down(client, settings):
    settings.RQ_QUEUES = {"default": {"URL": "redis://127.0.0.1:1/0"}}
    settings.TASKS = {"default": {"BACKEND": "django_tasks_rq.RQBackend", "QUEUES": ["default"]}}
    response = client.get("/health/?format=json")
    assert response.status_code == 503
    assert response.json()["TaskBackend()"].endswith("Redis does not answer")


# ---- request ids and JSON logs ----------------------------------------------------------------------


@pytest.fixture
def log_lines(settings):
    """Every log line of the test, formatted as production writes them (the settings' JSON formatter and filter)."""
    configurator = logging.config.DictConfigurator(copy.deepcopy(settings.LOGGING))
    handler = logging.StreamHandler(io.StringIO())
    handler.setFormatter(
        configurator.configure_formatter(copy.deepcopy(settings.LOGGING["formatters"]["json"]))
    )
    handler.addFilter(configurator.configure_filter(copy.deepcopy(settings.LOGGING["filters"]["request_id"])))
    root = logging.getLogger()
    root.addHandler(handler)
    try:
        yield lambda: [json.loads(line) for line in handler.stream.getvalue().splitlines()]
    finally:
        root.removeHandler(handler)


@pytest.mark.django_db
def test_every_line_of_a_request_carries_the_proxys_request_id(client, log_lines):
    response = client.get("/no-such-page/", HTTP_X_REQUEST_ID=REQUEST_ID)
    assert response.status_code == 404
    assert response["X-Request-ID"] == REQUEST_ID
    lines = log_lines()
    not_found = [line for line in lines if line["logger"] == "django.request"]
    request = [line for line in lines if line["logger"] == "accord.request"]
    assert not_found and all(line["request_id"] == REQUEST_ID for line in not_found)
    assert len(request) == 1
    assert request[0] | {"time": None, "duration_ms": None} == {
        "time": None,
        "level": "INFO",
        "logger": "accord.request",
        "message": "GET /no-such-page/ 404",
        "request_id": REQUEST_ID,
        "method": "GET",
        "path": "/no-such-page/",
        "status": 404,
        "duration_ms": None,
        "user_id": None,
    }
    assert request[0]["duration_ms"] >= 0


@pytest.mark.django_db
def test_a_request_without_a_valid_id_gets_a_new_one(client, log_lines):
    first = client.get("/health/?format=json", HTTP_X_REQUEST_ID="not-an-id; rm -rf")
    second = client.get("/health/?format=json")
    ids = {first["X-Request-ID"], second["X-Request-ID"]}
    assert len(ids) == 2 and "not-an-id; rm -rf" not in ids
    assert all(len(value) == 32 for value in ids)
    logged = {line["request_id"] for line in log_lines() if line["logger"] == "accord.request"}
    assert logged == ids


@pytest.mark.django_db
def test_the_request_line_names_the_signed_in_user(client, log_lines):
    user = make_user("reader")
    client.force_login(user)
    client.get("/workspace/")
    [line] = [line for line in log_lines() if line["logger"] == "accord.request"]
    assert line["user_id"] == user.pk
    assert line["status"] == 200


def test_text_logs_carry_the_request_id_too(settings):
    configurator = logging.config.DictConfigurator(copy.deepcopy(settings.LOGGING))
    formatter = configurator.configure_formatter(copy.deepcopy(settings.LOGGING["formatters"]["text"]))
    record = logging.LogRecord("accord.request", logging.INFO, __file__, 1, "GET / 200", None, None)
    record.request_id = REQUEST_ID
    assert f"[{REQUEST_ID}] accord.request: GET / 200" in formatter.format(record)


# ---- error reporting --------------------------------------------------------------------------------


@pytest.fixture
def sentry_events():
    """Sentry initialized as SENTRY_DSN does, sending to a list instead of the network."""
    import sentry_sdk
    from sentry_sdk.transport import Transport

    from accord.core.logs import init_error_reporting

    events = []

    class Keep(Transport):
        def capture_envelope(self, envelope):
            events.extend(item.payload.json for item in envelope.items if item.type == "event")

    init_error_reporting("https://key@errors.invalid/1", environment="test", transport=Keep())
    try:
        yield events
    finally:
        sentry_sdk.get_client().close()
        sentry_sdk.init()


@pytest.mark.django_db
def test_unhandled_errors_are_reported_without_personal_data(client, settings, sentry_events):
    settings.ROOT_URLCONF = __name__
    user = make_user("reporter", email="reporter@example.org")
    client.force_login(user)
    client.raise_request_exception = False
    response = client.get("/boom/?q=1", HTTP_X_REQUEST_ID=REQUEST_ID, REMOTE_ADDR="203.0.113.9")
    assert response.status_code == 500
    import sentry_sdk

    sentry_sdk.flush()
    [event] = sentry_events
    assert event["exception"]["values"][-1]["value"] == "a failure for the error-reporting test"
    assert event["environment"] == "test"
    assert event["tags"]["request_id"] == REQUEST_ID
    text = json.dumps(event)
    assert "reporter@example.org" not in text
    assert "203.0.113.9" not in text
    assert "sessionid" not in text
    assert "id" not in event.get("user", {})
    assert "reporter" not in text
    assert "q=1" not in text


def test_no_error_reporting_without_sentry_dsn():
    code = "import accord.settings, sentry_sdk; print(sentry_sdk.get_client().is_active())"
    env = {k: v for k, v in os.environ.items() if k != "SENTRY_DSN"}
    result = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "False"


# ---- settings from the environment --------------------------------------------------------------------


def settings_in(env: dict[str, str], code: str) -> subprocess.CompletedProcess:
    base = {k: v for k, v in os.environ.items() if not k.startswith(("ACCORD_", "SENTRY_"))}
    return subprocess.run(
        [
            sys.executable,
            "-c",
            "import django, os; os.environ['DJANGO_SETTINGS_MODULE']='accord.settings'; " + code,
        ],
        env={**base, **env},
        capture_output=True,
        text=True,
    )


def test_object_storage_from_the_environment(tmp_path):
    code = (
        "django.setup(); from django.core.files.storage import storages; import json; "
        "d, b = storages['default'], storages['backups']; "
        "print(json.dumps([type(d).__name__, d.bucket_name, d.location, d.file_overwrite, d.endpoint_url, "
        "b.bucket_name, b.location]))"
    )
    env = {
        "ACCORD_VAR_DIR": str(tmp_path),
        "ACCORD_STORAGE": "s3",
        "ACCORD_S3_BUCKET": "accord-files",
        "ACCORD_S3_ENDPOINT_URL": "http://127.0.0.1:9000",
        "ACCORD_BACKUP_S3_BUCKET": "accord-backups",
    }
    result = settings_in(env, code)
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout) == [
        "S3Storage",
        "accord-files",
        "media",
        False,
        "http://127.0.0.1:9000",
        "accord-backups",
        "backups",
    ]
    wrong = settings_in({"ACCORD_VAR_DIR": str(tmp_path), "ACCORD_STORAGE": "ftp"}, "django.setup()")
    assert wrong.returncode != 0 and "ACCORD_STORAGE must be 'local' or 's3'" in wrong.stderr


def test_hashed_static_files_in_production_and_sources_in_debug(tmp_path):
    code = (
        "django.setup(); from django.conf import settings as s; import json; "
        "print(json.dumps([s.STORAGES['staticfiles']['BACKEND'].rsplit('.', 1)[1], s.WHITENOISE_USE_FINDERS, "
        "s.ACCORD_LOG_FORMAT]))"
    )
    production = settings_in({"ACCORD_VAR_DIR": str(tmp_path)}, code)
    assert json.loads(production.stdout) == ["CompressedManifestStaticFilesStorage", False, "json"]
    debug = settings_in({"ACCORD_VAR_DIR": str(tmp_path), "ACCORD_DEBUG": "1"}, code)
    assert json.loads(debug.stdout) == ["CompressedStaticFilesStorage", True, "text"]
    wrong = settings_in({"ACCORD_VAR_DIR": str(tmp_path), "ACCORD_LOG_FORMAT": "xml"}, "django.setup()")
    assert wrong.returncode != 0 and "ACCORD_LOG_FORMAT must be 'json' or 'text'" in wrong.stderr


def test_every_source_map_a_static_file_names_exists():
    """`collectstatic` with the manifest stops at a reference to a missing file (a vendored
    script naming a map that was not vendored broke the production deploy)."""
    import re
    from pathlib import Path

    from django.contrib.staticfiles.finders import get_finders

    import accord

    ours = Path(accord.__file__).resolve().parent
    pattern = re.compile(rb"sourceMappingURL=([^\s*'\"]+)")
    missing = []
    for finder in get_finders():
        for name, storage in finder.list(["*.map"]):
            if not name.endswith((".js", ".css")) or not Path(storage.location).resolve().is_relative_to(
                ours
            ):
                continue
            with storage.open(name) as handle:
                for reference in pattern.findall(handle.read()):
                    target = os.path.normpath(os.path.join(os.path.dirname(name), reference.decode()))
                    if not reference.startswith(b"data:") and not storage.exists(target):
                        missing.append(f"{name} → {target}")
    assert missing == []
