"""`accord serve`: gunicorn with accord/gunicorn_conf.py answers, logs JSON, reloads and stops gracefully.

The server runs on a database nobody migrated, as after a deploy that forgot
`accord migrate`: its /health/ must say 503 so that the load balancer keeps it
out. .ci/deploy-check runs the whole recipe (migrate, collectstatic, 200).
"""

import json
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[3]
REQUEST_ID = "fedcba9876543210fedcba9876543210"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def get(url: str, **headers) -> tuple[int, dict, bytes]:
    request = urllib.request.Request(url, headers=headers)
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status, dict(response.headers), response.read()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read()


def workers(pid: int) -> set[int]:
    try:
        return {int(child) for child in Path(f"/proc/{pid}/task/{pid}/children").read_text().split()}
    except OSError:
        return set()


def wait_for(condition, timeout: float = 90.0, what: str = "") -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(0.3)
    pytest.fail(f"timed out waiting for {what}")


@pytest.mark.skipif(
    not Path("/proc/self/task").exists(), reason="needs Linux /proc to see gunicorn's workers"
)
@pytest.mark.slow
def test_gunicorn_serves_reloads_and_stops_gracefully(tmp_path):
    port = free_port()
    env = {
        **{k: v for k, v in os.environ.items() if not k.startswith(("ACCORD_", "GUNICORN_", "REDIS_URL"))},
        "ACCORD_VAR_DIR": str(tmp_path / "var"),
        "DATABASE_URL": f"sqlite:///{tmp_path / 'unmigrated.sqlite3'}",
        "ACCORD_STATIC_MANIFEST": "0",
        "ACCORD_TLS": "0",  # plain HTTP on loopback: no proxy, no redirect to HTTPS
        "ALLOWED_HOSTS": "127.0.0.1",
        "SECRET_KEY": "a-secret-for-this-test-only",
        "GUNICORN_BIND": f"127.0.0.1:{port}",
        "GUNICORN_WORKERS": "2",
        "GUNICORN_GRACEFUL_TIMEOUT": "10",
    }
    out, err = (tmp_path / "stdout.log").open("w+"), (tmp_path / "stderr.log").open("w+")
    server = subprocess.Popen(
        [sys.executable, "-m", "accord.cli", "serve"], cwd=ROOT, env=env, stdout=out, stderr=err
    )
    base = f"http://127.0.0.1:{port}"
    try:

        def answers() -> bool:
            assert server.poll() is None, Path(err.name).read_text()
            try:
                return get(base + "/robots.txt")[0] == 200
            except OSError:
                return False

        wait_for(answers, what="gunicorn to answer")
        first = workers(server.pid)
        assert len(first) == 2

        status, headers, body = get(base + "/health/?format=json", **{"X-Request-ID": REQUEST_ID})
        assert status == 503, body
        assert json.loads(body)["TaskBackend()"].endswith("The task table cannot be read")
        assert headers["X-Request-ID"] == REQUEST_ID

        # Graceful reload: new workers, the server never stops answering.
        server.send_signal(signal.SIGHUP)
        wait_for(
            lambda: len(workers(server.pid)) == 2 and not workers(server.pid) & first, what="new workers"
        )
        assert get(base + "/robots.txt")[0] == 200

        server.send_signal(signal.SIGTERM)
        assert server.wait(timeout=30) == 0
    finally:
        if server.poll() is None:
            server.kill()
            server.wait()
    access = [json.loads(line) for line in Path(out.name).read_text().splitlines() if line.startswith("{")]
    health = [line for line in access if line["path"] == "/health/"]
    assert health and health[0]["request_id"] == REQUEST_ID and health[0]["status"] == 503
    assert health[0]["logger"] == "gunicorn.access" and health[0]["duration_ms"] >= 0
    errors = [json.loads(line) for line in Path(err.name).read_text().splitlines() if line.startswith("{")]
    messages = [line["message"] for line in errors if line["logger"] == "gunicorn.error"]
    assert "Handling signal: hup" in messages and "Handling signal: term" in messages
    app_lines = [line for line in errors if line["logger"] == "accord.request" and line["path"] == "/health/"]
    assert app_lines and app_lines[0]["request_id"] == REQUEST_ID
