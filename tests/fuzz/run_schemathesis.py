"""Schemathesis against a live Accord on PostgreSQL: no 5xx, every error in the documented shape.

    .venv/bin/python tests/fuzz/run_schemathesis.py            # what CI runs (.ci/run)
    .venv/bin/python tests/fuzz/run_schemathesis.py --reuse-db # again, on the data already loaded

It (re)creates its own database (`accord_fuzz` by default), loads what a demo
has (reference data, sample meetings and documents, one user per role), serves
the app with gunicorn on a free loopback port, and runs schemathesis twice
from the OpenAPI schema: as an anonymous visitor and with the secretariat's
token (every write allowed). The checks are `not_a_server_error`,
`error_in_documented_shape` (tests/fuzz/checks.py) and
`response_schema_conformance` (errors are in the schema too); the run is deterministic
(fixed seed, bounded examples, no example database) and bounded in time by
its budget of examples, which `schemathesis.toml` beside this file sets.
Any finding fails the run; each is printed with a `curl` line that reproduces it.
"""

import argparse
import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parents[2]
HERE = Path(__file__).resolve().parent
BIN = Path(sys.executable).parent
DEFAULT_DATABASE_URL = "postgres://postgres@127.0.0.1:5432/accord_fuzz"
DEMO_PASSWORD = "accord-fuzz"
# Django's warnings about 4xx answers: expected by the thousand here, left out of the failure report.
CLIENT_ERROR_LINE = re.compile(
    r"(Bad Request|Not Found|Forbidden|Unauthorized|Method Not Allowed|Conflict|Request Entity Too Large|"
    r"Content Too Large|Unsupported Media Type|Too Many Requests|Not Acceptable): /"
)


def log(message: str) -> None:
    print(f"[fuzz {time.strftime('%H:%M:%S')} load {os.getloadavg()[0]:.1f}] {message}", flush=True)


def recreate_database(url: str) -> None:
    """Drop and create the run's own database (never one whose name lacks "fuzz")."""
    import psycopg

    parts = urlsplit(url)
    name = parts.path.lstrip("/")
    if "fuzz" not in name:
        sys.exit(f"Refusing to recreate the database {name!r}: its name must contain 'fuzz'.")
    admin = urlunsplit(parts._replace(path="/postgres"))
    with psycopg.connect(admin, autocommit=True, connect_timeout=5) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        connection.execute(f'CREATE DATABASE "{name}"')


def manage(env: dict, *args: str) -> str:
    result = subprocess.run(
        [sys.executable, "manage.py", *args], cwd=ROOT, env=env, capture_output=True, text=True
    )
    if result.returncode != 0:
        sys.exit(f"manage.py {' '.join(args)} failed:\n{result.stdout}\n{result.stderr}")
    return result.stdout


def load_demo_data(env: dict) -> None:
    """What `make demo` loads, in one process: the schema, reference data, demo users, samples."""
    script = f"""
import django
django.setup()
from django.core.management import call_command
call_command("migrate", interactive=False, verbosity=0)
call_command("load_reference", verbosity=0)
call_command("demo_users", password={DEMO_PASSWORD!r}, force=True, verbosity=0)
call_command("load_samples", verbosity=0)
"""
    result = subprocess.run(
        [sys.executable, "-c", script],
        cwd=ROOT,
        env={**env, "DJANGO_SETTINGS_MODULE": "accord.settings"},
        capture_output=True,
        text=True,
    )
    if result.returncode != 0:
        sys.exit(f"Loading the demo data failed:\n{result.stdout}\n{result.stderr}")


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_until_served(url: str, server: subprocess.Popen, timeout: float = 90) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if server.poll() is not None:
            sys.exit(f"gunicorn exited with {server.returncode}")
        try:
            with urllib.request.urlopen(url, timeout=5) as response:
                if response.status == 200:
                    return
        except (urllib.error.URLError, OSError):
            pass
        time.sleep(0.5)
    sys.exit(f"The server did not answer {url} within {timeout:.0f} s")


def schemathesis(schema_url: str, label: str, extra: list[str], env: dict, report_dir: Path) -> int:
    command = [
        str(BIN / "schemathesis"),
        "--config-file",
        str(HERE / "schemathesis.toml"),
        "run",
        schema_url,
        "--checks",
        "not_a_server_error,error_in_documented_shape,response_schema_conformance",
        "--report",
        "junit",
        "--report-junit-path",
        str(report_dir / f"{label}.xml"),
        *extra,
    ]
    shown = ["Authorization: Token …" if arg.startswith("Authorization:") else arg for arg in extra]
    log(f"schemathesis, {label}: {' '.join(shown) or 'the settings of schemathesis.toml'}")
    started = time.monotonic()
    code = subprocess.run(command, cwd=ROOT, env=env).returncode
    log(f"schemathesis, {label}: exit {code} in {time.monotonic() - started:.0f} s")
    return code


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--database-url", default=os.environ.get("ACCORD_FUZZ_DATABASE_URL", DEFAULT_DATABASE_URL)
    )
    parser.add_argument(
        "--reuse-db", action="store_true", help="keep the database and its data from the last run"
    )
    parser.add_argument("--port", type=int, default=0, help="loopback port (default: a free one)")
    parser.add_argument("--workers", type=int, default=2, help="gunicorn workers")
    parser.add_argument(
        "--only",
        help="run only the passes whose name starts with this: anonymous(-reads, -writes), secretariat",
    )
    parser.add_argument("schemathesis_args", nargs="*", help="passed on to `schemathesis run` (after --)")
    options = parser.parse_args()

    var_dir = Path(tempfile.mkdtemp(prefix="accord-fuzz-"))
    report_dir = ROOT / "var" / "fuzz"
    report_dir.mkdir(parents=True, exist_ok=True)
    env = {
        **os.environ,
        "DATABASE_URL": options.database_url,
        "ACCORD_VAR_DIR": str(var_dir),
        "ACCORD_OPENDATA_REFRESH_MINUTES": "0",
        "ACCORD_TLS": "0",
        # Only the API is served here: no collectstatic, no manifest.
        "ACCORD_STATIC_MANIFEST": "0",
        "REDIS_URL": "",
        # The server's log keeps what matters here: errors (with their tracebacks), not every request.
        "ACCORD_LOG_LEVEL": "ERROR",
        "ACCORD_REQUEST_LOG": "0",
        # Thousands of requests a minute from one address and one user are the point here, not abuse.
        "ACCORD_API_RATE_ANON": "1000000/minute",
        "ACCORD_API_RATE_USER": "1000000/minute",
        # Mail the writes send (reminders, notices) stays in memory: there is no SMTP server here.
        "EMAIL_BACKEND": "django.core.mail.backends.locmem.EmailBackend",
        "PYTHONPATH": str(ROOT),
        "SCHEMATHESIS_HOOKS": "tests.fuzz.checks",
    }
    env.pop("ACCORD_DEBUG", None)
    started = time.monotonic()
    if not options.reuse_db:
        log(f"database {urlsplit(options.database_url).path.lstrip('/')}: recreated, then loaded")
        recreate_database(options.database_url)
        load_demo_data(env)
        log(f"data loaded in {time.monotonic() - started:.0f} s")
    token = manage(env, "api_token", "secretariat").strip()

    port = options.port or free_port()
    base = f"http://127.0.0.1:{port}"
    server_log = report_dir / "server.log"
    server = subprocess.Popen(
        [
            str(BIN / "gunicorn"),
            "accord.wsgi:application",
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            str(options.workers),
            "--timeout",
            "120",
            "--log-level",
            "warning",
            # Any length of address reaches the application, which must answer it (a proxy may cut earlier).
            "--limit-request-line",
            "0",
        ],
        cwd=ROOT,
        env=env,
        stdout=server_log.open("w"),
        stderr=subprocess.STDOUT,
    )
    status = 0
    try:
        schema_url = f"{base}/api/schema/?format=json"
        wait_until_served(schema_url, server)
        log(f"serving on {base}")
        secretariat = ["--header", f"Authorization: Token {token}"]
        passes = {
            # An anonymous visitor reads: every boundary value of every parameter (coverage), then fuzzing.
            "anonymous-reads": ["--include-method", "GET", "--phases", "coverage,fuzzing"],
            # ... and may not write: a couple of bodies per operation to see the refusal's shape.
            "anonymous-writes": ["--exclude-method", "GET", "--phases", "fuzzing", "--max-examples", "1"],
            # The secretariat may write everything: fuzzed bodies, parameters and ids everywhere;
            # except revoke the very token the run signs in with (the ids of tokens are listed to it).
            "secretariat": [
                *secretariat,
                *("--phases", "fuzzing", "--max-examples", "6"),
                *("--exclude-name", "DELETE /api/tokens/{key}/"),
            ],
        }
        for label, extra in passes.items():
            if options.only and not label.startswith(options.only):
                continue
            if schemathesis(schema_url, label, [*extra, *options.schemathesis_args], env, report_dir):
                status = 1
    finally:
        server.terminate()
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            server.kill()
        shutil.rmtree(var_dir, ignore_errors=True)
    if status and server_log.stat().st_size:
        log(f"the server's errors (all of its log: {server_log}):")
        lines = server_log.read_text(errors="replace").splitlines()
        print("\n".join(line for line in lines if not CLIENT_ERROR_LINE.search(line))[-20_000:], flush=True)
    log(
        f"{'FAILED' if status else 'passed'} in {time.monotonic() - started:.0f} s; JUnit reports in {report_dir}"
    )
    return status


if __name__ == "__main__":
    sys.exit(main())
