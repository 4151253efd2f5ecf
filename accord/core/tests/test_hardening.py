"""Production hardening: owner-only files, `check --deploy`, security headers, no-store for members.

The settings are read at start-up, so the rules that depend on the
environment run in a fresh interpreter (`subprocess`) with that environment.
"""

import json
import os
import re
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
    # Not what another test set for itself (the browser tests' DJANGO_ALLOW_ASYNC_UNSAFE).
    inherited = {"DATABASE_URL", "SECRET_KEY", "DJANGO_ALLOW_ASYNC_UNSAFE"}
    env = {key: value for key, value in os.environ.items() if key not in inherited}
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


# ---- Cache-Control: what a member reads is kept by no cache -------------------------------


def no_store(response) -> bool:
    directives = {part.strip() for part in response.get("Cache-Control", "").split(",")}
    return {"private", "no-store"} <= directives


@pytest.mark.django_db
def test_every_response_to_a_member_is_private_and_never_stored(client, api_client, settings, tmp_path):
    """Pages, exports (CSV), originals of restricted documents and API answers (session or DRF)."""
    from django.core.files.base import ContentFile

    from accord.core.roles import Role
    from accord.documents.tests.factories import DocumentFactory
    from conftest import make_user

    settings.MEDIA_ROOT = tmp_path / "media"
    document = DocumentFactory(confidentiality="restricted", title="Служебная записка")
    document.original.save("note.txt", ContentFile(b"members only"))
    analyst = make_user("analyst", Role.ANALYST)
    client.force_login(analyst)
    for url in (
        document.get_absolute_url(),
        f"/documents/{document.pk}/original/",
        "/followup/dashboard/export.csv",
        "/api/documents/",
    ):
        response = client.get(url)
        assert response.status_code == 200, url
        assert no_store(response), (url, response.get("Cache-Control"))

    # As with a token: the user is known only once DRF authenticates inside the view.
    api_client.force_authenticate(analyst)
    response = api_client.get(f"/api/documents/{document.pk}/")
    assert response.status_code == 200 and no_store(response)


@pytest.mark.django_db
def test_public_pages_and_static_files_stay_cacheable(client):
    from accord.core.roles import Role
    from conftest import make_user

    assert not no_store(client.get("/"))
    client.force_login(make_user("analyst", Role.ANALYST))
    static = client.get("/static/accord/accord.css")
    assert static.status_code == 200 and not no_store(static)


# ---- Production settings: check --deploy is silent; HTTPS only behind TLS ----------------


def production(tmp_path: Path, **extra: str) -> dict[str, str]:
    """The environment of a production install: no DEBUG, TLS by default, a real key and host."""
    return {"SECRET_KEY": secrets.token_urlsafe(64), "ALLOWED_HOSTS": "accord.example.org", **extra}


def test_check_deploy_is_silent_under_production_settings(tmp_path):
    result = run_settings(
        "import sys; from django.core.management import execute_from_command_line;"
        " execute_from_command_line(['manage.py', 'check', '--deploy'])",
        var_dir=tmp_path / "var",
        **production(tmp_path),
    )
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    # `check` always closes with this line; any warning or error would come before it.
    assert re.fullmatch(r"System check identified no issues \(\d+ silenced\)\.\n", result.stdout), (
        result.stdout
    )


SECURITY_SETTINGS = """
import json
import re
from django.conf import settings
print(json.dumps({name: getattr(settings, name) for name in (
    "DEBUG", "SECURE_SSL_REDIRECT", "SECURE_HSTS_SECONDS", "SECURE_HSTS_INCLUDE_SUBDOMAINS",
    "SECURE_HSTS_PRELOAD", "SESSION_COOKIE_SECURE", "SECURE_REDIRECT_EXEMPT")}))
"""


def security_settings(tmp_path: Path, **environment: str) -> dict:
    result = run_settings(SECURITY_SETTINGS, var_dir=tmp_path / "var", **environment)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_behind_tls_plain_http_is_redirected_and_browsers_remember_https_for_a_year(tmp_path):
    assert security_settings(tmp_path, **production(tmp_path)) == {
        "DEBUG": False,
        "SECURE_SSL_REDIRECT": True,
        "SECURE_HSTS_SECONDS": 31536000,
        "SECURE_HSTS_INCLUDE_SUBDOMAINS": True,
        "SECURE_HSTS_PRELOAD": False,
        "SESSION_COOKIE_SECURE": True,
        "SECURE_REDIRECT_EXEMPT": ["^health/$"],
    }
    tuned = security_settings(
        tmp_path,
        **production(
            tmp_path,
            ACCORD_HSTS_SECONDS="600",
            ACCORD_HSTS_INCLUDE_SUBDOMAINS="0",
            ACCORD_SSL_REDIRECT_EXEMPT="^healthz$,^ping/$",
        ),
    )
    assert (tuned["SECURE_HSTS_SECONDS"], tuned["SECURE_HSTS_INCLUDE_SUBDOMAINS"]) == (600, False)
    assert tuned["SECURE_REDIRECT_EXEMPT"] == ["^healthz$", "^ping/$"]
    demo = security_settings(tmp_path, ACCORD_DEBUG="1")
    assert (demo["SECURE_SSL_REDIRECT"], demo["SECURE_HSTS_SECONDS"]) == (False, 0)


@pytest.mark.django_db
def test_the_redirect_and_hsts_headers(client, settings):
    """What the settings above make Django's SecurityMiddleware answer behind the TLS proxy."""
    settings.SECURE_SSL_REDIRECT = True
    settings.SECURE_HSTS_SECONDS = 31536000
    settings.SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    plain = client.get("/states/")
    assert plain.status_code == 301 and plain["Location"] == "https://testserver/states/"
    secure = client.get("/states/", HTTP_X_FORWARDED_PROTO="https")
    assert secure.status_code == 200
    assert secure["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains"


# ---- Content-Security-Policy --------------------------------------------------------------


def policy(response) -> dict[str, set[str]]:
    header = response["Content-Security-Policy"]
    return {part.split()[0]: set(part.split()[1:]) for part in header.split(";") if part.strip()}


@pytest.mark.django_db
def test_pages_send_a_strict_policy_and_only_api_docs_allow_inline_styles(client):
    page = policy(client.get("/"))
    assert page["default-src"] == page["script-src"] == page["style-src"] == {"'self'"}
    assert page["object-src"] == page["frame-ancestors"] == {"'none'"}
    swagger = client.get("/api/docs/")
    assert policy(swagger)["script-src"] == {"'self'"} and "<script>" not in swagger.content.decode()
    redoc = policy(client.get("/api/redoc/"))
    assert redoc["script-src"] == {"'self'"} and redoc["style-src"] == {"'self'", "'unsafe-inline'"}
    browsable = policy(client.get("/api/states/", HTTP_ACCEPT="text/html"))
    assert browsable["script-src"] == {"'self'"} and browsable["style-src"] == {"'self'", "'unsafe-inline'"}
    assert policy(client.get("/api/states/"))["style-src"] == {"'self'"}  # JSON


INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)(?![^>]*type=\"application/(?:ld\+)?json\")[^>]*>", re.I)
INLINE_HANDLER = re.compile(r"\son[a-z]+\s*=", re.I)
INLINE_STYLE = re.compile(r"<style\b|\sstyle\s*=", re.I)
TEMPLATE_COMMENT = re.compile(r"{#.*?#}|{% comment %}.*?{% endcomment %}", re.S)


def test_no_template_has_inline_scripts_handlers_or_styles():
    """The policy refuses them, so a template that has one is broken in the browser."""
    offending = []
    for template in sorted((ROOT / "accord").glob("**/templates/**/*.html")):
        text = TEMPLATE_COMMENT.sub("", template.read_text(encoding="utf-8"))
        for name, pattern in (
            ("script", INLINE_SCRIPT),
            ("handler", INLINE_HANDLER),
            ("style", INLINE_STYLE),
        ):
            offending += [f"{template.relative_to(ROOT)}: inline {name}" for _ in pattern.finditer(text)]
    assert not offending, "\n".join(offending)
