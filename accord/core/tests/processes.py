"""Helpers for tests that run Accord's own processes (worker, scheduler, `accord ingest`, honcho).

The processes share the test's database: PostgreSQL's test database as it is,
SQLite's in-memory one copied to a file (sqlite3's backup), with an own var/
folder each; `transactional_db` makes what they commit visible to the test.
Every process is started in its own session and killed with its group at the end.
"""

from __future__ import annotations

import contextlib
import json
import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
import uuid
from collections.abc import Callable
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[3]

#: English words for documents that are all different and all read as English.
_WORDS = (
    "agency audit border bribery budget cabinet charter citizen clerk committee contract council court "
    "customs deadline decree delegate deputy diplomat district dossier election embassy envoy evidence "
    "expert export finance forum fraud grant harbor hearing import inquiry inspector judge jury justice "
    "ledger license mayor measure merchant minister mission network notary office officer panel parliament "
    "partner payment permit police policy port prosecutor province quota railway record reform region "
    "registry report review ruling scheme seaport secretary senate session statute summit supplier tariff "
    "tax tender testimony tourism trade treasury treaty tribunal union verdict village vote warrant witness "
    "yearly zone annual careful central daily early formal honest joint large local modern national new "
    "official open public quick recent regional secret small strong weekly agreed asked built checked "
    "closed decided found gave held joined kept moved opened paid raised signed took visited wrote"
)
WORDS = _WORDS.split()


def english_text(seed: int, words: int = 3000) -> str:
    """A long English text of its own for each seed: sentences of ten words from WORDS."""
    rng = random.Random(seed)
    sentences = [
        " ".join(rng.choice(WORDS) for _ in range(10)).capitalize() + "." for _ in range(words // 10)
    ]
    return f"Report number {seed} of the network.\n\n" + " ".join(sentences)


class Processes:
    """Accord commands run as separate processes against the test's database."""

    def __init__(self, env: dict[str, str], tmp_path: Path, sqlite_file: Path | None) -> None:
        self.env = env
        self.tmp_path = tmp_path
        self.sqlite_file = sqlite_file
        self.started: list[subprocess.Popen] = []
        self.bin = tmp_path / "bin"
        self.bin.mkdir(exist_ok=True)
        # `accord` on PATH is this checkout's CLI (a Procfile names it), run by this interpreter.
        shim = self.bin / "accord"
        shim.write_text(f'#!/bin/sh\nexec "{sys.executable}" -m accord.cli "$@"\n')
        shim.chmod(0o755)
        self.env["PATH"] = f"{self.bin}:{Path(sys.executable).parent}:{env.get('PATH', '')}"

    def command(self, *args: str) -> list[str]:
        return [sys.executable, "-m", "accord.cli", *args]

    def run(self, *args: str, timeout: float = 300, check: bool = True) -> subprocess.CompletedProcess:
        result = subprocess.run(
            self.command(*args), cwd=ROOT, env=self.env, capture_output=True, text=True, timeout=timeout
        )
        if check and result.returncode != 0:
            raise AssertionError(f"accord {' '.join(args)} failed:\n{result.stdout}\n{result.stderr}")
        return result

    def python(self, code: str, timeout: float = 300) -> object:
        """Run Python code with Django set up in a new process; what it assigns to `result` comes back."""
        script = (
            "import django, json, os\n"
            "os.environ.setdefault('DJANGO_SETTINGS_MODULE', 'accord.settings')\n"
            "django.setup()\n"
            "result = None\n" + code + "\nprint('RESULT:' + json.dumps(result))\n"
        )
        completed = subprocess.run(
            [sys.executable, "-c", script],
            cwd=ROOT,
            env=self.env,
            capture_output=True,
            text=True,
            timeout=timeout,
        )
        if completed.returncode != 0:
            raise AssertionError(f"python failed:\n{completed.stdout}\n{completed.stderr}")
        line = [line for line in completed.stdout.splitlines() if line.startswith("RESULT:")][-1]
        return json.loads(line[len("RESULT:") :])

    def start(self, argv: list[str], name: str, env: dict[str, str] | None = None) -> subprocess.Popen:
        """A long-running process in its own session, its output in tmp_path/<name>.log."""
        log = (self.tmp_path / f"{name}.log").open("ab")
        process = subprocess.Popen(
            argv,
            cwd=ROOT,
            env={**self.env, **(env or {})},
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        process.log_path = self.tmp_path / f"{name}.log"  # type: ignore[attr-defined]
        self.started.append(process)
        return process

    def log(self, process: subprocess.Popen) -> str:
        return process.log_path.read_text(errors="replace")  # type: ignore[attr-defined]

    def scalar(self, sql: str) -> object:
        """One value from the shared database, read without Django (SQLite) or through it (PostgreSQL)."""
        if self.sqlite_file is not None:
            with sqlite3.connect(self.sqlite_file, timeout=20) as db:
                return db.execute(sql).fetchone()[0]
        from django.db import connection

        with connection.cursor() as cursor:
            cursor.execute(sql)
            return cursor.fetchone()[0]

    def wait_for(
        self, condition: Callable[[], bool], *, timeout: float, what: str, interval: float = 0.2
    ) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if condition():
                return
            time.sleep(interval)
        logs = "\n".join(f"--- {p.args}\n{self.log(p)[-4000:]}" for p in self.started)
        raise AssertionError(f"timed out waiting for {what}\n{logs}")

    def kill_group(self, process: subprocess.Popen, sig: int = signal.SIGKILL) -> None:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, sig)

    def kill_tree(self, process: subprocess.Popen) -> None:
        """SIGKILL to the process and every descendant, in whatever group (RQ's work horses have their own)."""
        parents: dict[int, int] = {}
        for stat in Path("/proc").glob("[0-9]*/stat"):
            with contextlib.suppress(OSError, ValueError, IndexError):
                parents[int(stat.parent.name)] = int(stat.read_text().rsplit(")", 1)[1].split()[1])
        tree, grew = {process.pid}, True
        while grew:
            children = {pid for pid, parent in parents.items() if parent in tree} - tree
            tree |= children
            grew = bool(children)
        self.kill_group(process)
        for pid in tree:
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signal.SIGKILL)

    def stop_all(self) -> None:
        """Kill every process this test started, the orphans of the ones that ended included
        (RQ's work horses live on in a group of their own): they carry the test's mark."""
        mark = f"ACCORD_TEST_PROCESSES={self.env['ACCORD_TEST_PROCESSES']}".encode()
        for process in self.started:
            self.kill_tree(process)
        for environ in Path("/proc").glob("[0-9]*/environ"):
            with contextlib.suppress(OSError, ValueError):
                if mark in environ.read_bytes().split(b"\0"):
                    os.kill(int(environ.parent.name), signal.SIGKILL)
        for process in self.started:
            process.wait(10)


@pytest.fixture(name="processes")
def processes_fixture(transactional_db, tmp_path, settings):
    """Run Accord processes on the test's database (see the module's docstring)."""
    from django.db import connection

    env = {
        key: value for key, value in os.environ.items() if not key.startswith(("PYTEST_", "DJANGO_SETTINGS"))
    }
    env.update(
        {
            "DJANGO_SETTINGS_MODULE": "accord.settings",
            "ACCORD_VAR_DIR": str(tmp_path / "var"),
            "ACCORD_HEARTBEAT_SECONDS": "1",
            "ACCORD_LEASE_SECONDS": "4",
            "ACCORD_OPENDATA_REFRESH_MINUTES": "0",
            "ACCORD_LOG_LEVEL": "WARNING",
            "PYTHONUNBUFFERED": "1",
            "ACCORD_TEST_PROCESSES": uuid.uuid4().hex,
        }
    )
    sqlite_file = None
    if connection.vendor == "sqlite":
        sqlite_file = tmp_path / "accord.sqlite3"
        connection.ensure_connection()
        target = sqlite3.connect(sqlite_file)
        connection.connection.backup(target)
        target.close()
        env["DATABASE_URL"] = f"sqlite:///{sqlite_file}"
    else:
        db = connection.settings_dict
        credentials = db["USER"] + (f":{db['PASSWORD']}" if db["PASSWORD"] else "")
        env["DATABASE_URL"] = (
            f"postgres://{credentials}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"
        )
    settings.MEDIA_ROOT = tmp_path / "var" / "media"
    runner = Processes(env, tmp_path, sqlite_file)
    try:
        yield runner
    finally:
        runner.stop_all()
        connection.close()


def refuse_queries_while(flag: str) -> None:
    """In a process under test: every query fails as in a database outage while the file `flag` exists.

    Installed on each new connection (Django's execute wrappers), so the
    process sees what a stopped server gives it: OperationalError on every
    statement, until the file is removed.
    """
    from django.db import OperationalError
    from django.db.backends.signals import connection_created

    def refuse(execute, sql, params, many, context):
        if os.path.exists(flag):
            raise OperationalError("simulated outage: the database server is stopped")
        return execute(sql, params, many, context)

    def on_connect(sender, connection, **kwargs) -> None:
        if refuse not in connection.execute_wrappers:
            connection.execute_wrappers.append(refuse)

    connection_created.connect(on_connect, weak=False)


#: `python -c OUTAGE_WORKER FLAG`: `accord worker` whose database goes away while FLAG exists.
OUTAGE_WORKER = (
    "import sys\n"
    "from accord.core.tests.processes import refuse_queries_while\n"
    "refuse_queries_while(sys.argv[1])\n"
    "from accord.cli import main\n"
    "main(['accord', 'worker'])\n"
)
