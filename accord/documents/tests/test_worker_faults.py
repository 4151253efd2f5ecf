"""Background work survives the faults of production: a killed worker, a database outage, a killed ingest.

Each test runs real processes (`accord worker`, `accord ingest`) on the test's
database, on the queue the settings name: the database, or Redis through RQ
when REDIS_URL is set (CI runs this module both ways).
"""

import shutil
import signal
import socket
import sys
import time

import pytest

from accord.core.tests.processes import OUTAGE_WORKER, english_text, processes_fixture  # noqa: F401

# Every test here runs real processes for tens of seconds: started first in a parallel run.
pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.slow]

UPLOAD = """
from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from accord.core.tests.processes import english_text
from accord.documents.upload import start_upload_job
user = get_user_model().objects.create_user("secretariat-{count}")
files = [SimpleUploadedFile(f"report-{{i:03}}.txt", english_text(i).encode()) for i in range({count})]
result = start_upload_job(files, user).pk
"""


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def upload(processes, count: int) -> int:
    """An upload of `count` different files, queued as the web page queues it."""
    return processes.python(UPLOAD.format(count=count))


def job_sql(job_id: int, column: str) -> str:
    return f"SELECT {column} FROM documents_ingestjob WHERE id = {job_id}"


def done_files(job_id: int) -> str:
    return f"SELECT COUNT(*) FROM documents_ingestitem WHERE job_id = {job_id} AND status <> 'pending'"


def assert_each_file_ingested_once(processes, job_id: int, count: int) -> None:
    assert processes.scalar(job_sql(job_id, "status")) == "done"
    assert processes.scalar(f"SELECT COUNT(*) FROM documents_ingestitem WHERE job_id = {job_id}") == count
    added = f"SELECT COUNT(*) FROM documents_ingestitem WHERE job_id = {job_id} AND status = 'added'"
    assert processes.scalar(added) == count
    assert processes.scalar("SELECT COUNT(*) FROM documents_document") == count
    assert processes.scalar("SELECT COUNT(DISTINCT content_hash) FROM documents_document") == count
    distinct_documents = (
        f"SELECT COUNT(DISTINCT document_id) FROM documents_ingestitem WHERE job_id = {job_id}"
    )
    assert processes.scalar(distinct_documents) == count
    assert processes.scalar(job_sql(job_id, "added")) == count  # the counters are the true count
    # The uploaded copies go once each file has its result (right after the job is done).
    left = f"SELECT COUNT(*) FROM documents_ingestitem WHERE job_id = {job_id} AND upload <> ''"
    processes.wait_for(lambda: processes.scalar(left) == 0, timeout=60, what="uploads removed")


def test_a_job_of_a_worker_killed_midway_is_finished_by_the_next_worker(processes):
    job_id = upload(processes, 100)
    first = processes.start(processes.command("worker"), "worker-1")
    processes.wait_for(lambda: processes.scalar(done_files(job_id)) >= 20, timeout=240, what="20 files")
    processes.kill_tree(first)  # kill -9, the work horse (RQ) included
    first.wait(10)
    assert processes.scalar(done_files(job_id)) < 100, "the job ended before the kill; use more files"
    assert processes.scalar(job_sql(job_id, "status")) == "running"  # what a dead worker leaves

    processes.start(processes.command("worker"), "worker-2")
    processes.wait_for(
        lambda: processes.scalar(job_sql(job_id, "status")) == "done", timeout=300, what="the job done"
    )
    assert_each_file_ingested_once(processes, job_id, 100)
    assert processes.scalar(job_sql(job_id, "attempts")) == 2


def test_the_worker_waits_out_a_database_outage_and_finishes_the_job(processes, tmp_path):
    flag = tmp_path / "database-stopped"
    job_id = upload(processes, 60)
    worker = processes.start([sys.executable, "-c", OUTAGE_WORKER, str(flag)], "worker")
    processes.wait_for(lambda: processes.scalar(done_files(job_id)) >= 10, timeout=240, what="10 files")
    flag.touch()  # the database stops for 10 seconds under the working worker
    time.sleep(10)
    flag.unlink()
    processes.wait_for(
        lambda: processes.scalar(job_sql(job_id, "status")) == "done", timeout=300, what="the job done"
    )
    assert worker.poll() is None, processes.log(worker)  # still serving, not dead with a traceback
    log = processes.log(worker)
    assert "simulated outage" in log  # the outage was met, and logged
    assert_each_file_ingested_once(processes, job_id, 60)


def test_a_stopped_worker_hands_its_job_to_the_next_one(processes):
    job_id = upload(processes, 100)
    first = processes.start(processes.command("worker"), "worker-1")
    processes.wait_for(lambda: processes.scalar(done_files(job_id)) >= 20, timeout=240, what="20 files")
    processes.kill_group(first, signal.SIGTERM)  # a process manager stopping everything
    assert first.wait(30) == 0, processes.log(first)
    assert processes.scalar(done_files(job_id)) < 100, "the job ended before the stop; use more files"
    assert processes.scalar(job_sql(job_id, "status")) == "queued"  # back in the queue at once
    processes.start(processes.command("worker"), "worker-2")
    processes.wait_for(
        lambda: processes.scalar(job_sql(job_id, "status")) == "done", timeout=300, what="the job done"
    )
    assert_each_file_ingested_once(processes, job_id, 100)


def write_files(directory, count: int):
    directory.mkdir()
    for i in range(count):
        (directory / f"report-{i:03}.txt").write_text(english_text(1000 + i))
    return directory


def test_a_killed_ingest_command_is_marked_interrupted_with_the_true_count(processes, tmp_path):
    folder = write_files(tmp_path / "in", 100)
    ingest = processes.start(processes.command("ingest", str(folder), "--no-extract"), "ingest")
    documents = "SELECT COUNT(*) FROM documents_document"
    processes.wait_for(lambda: processes.scalar(documents) >= 20, timeout=240, what="20 documents")
    processes.kill_group(ingest)  # kill -9: no handler runs
    ingest.wait(10)
    stored = processes.scalar(documents)
    assert stored < 100, "the run ended before the kill; use more files"
    assert processes.scalar("SELECT status FROM documents_ingestjob") == "running"
    time.sleep(5)  # past the lease (4 s in these tests)
    processes.python("from accord.core.background import recover_stale_work\nresult = recover_stale_work()")
    assert processes.scalar("SELECT status FROM documents_ingestjob") == "interrupted"
    assert processes.scalar("SELECT added FROM documents_ingestjob") == stored
    assert processes.scalar("SELECT COUNT(*) FROM documents_ingestitem WHERE status = 'added'") == stored
    runner = processes.scalar("SELECT runner FROM documents_ingestjob")
    assert runner and runner in processes.scalar("SELECT message FROM documents_ingestjob")


def test_a_terminated_ingest_command_stops_as_interrupted_with_the_true_count(processes, tmp_path):
    folder = write_files(tmp_path / "in", 100)
    ingest = processes.start(processes.command("ingest", str(folder), "--no-extract"), "ingest")
    documents = "SELECT COUNT(*) FROM documents_document"
    processes.wait_for(lambda: processes.scalar(documents) >= 20, timeout=240, what="20 documents")
    ingest.send_signal(signal.SIGTERM)
    assert ingest.wait(30) == 1
    stored = processes.scalar(documents)
    assert stored < 100, "the run ended before the signal; use more files"
    assert processes.scalar("SELECT status FROM documents_ingestjob") == "interrupted"
    assert processes.scalar("SELECT added FROM documents_ingestjob") == stored
    assert "Interrupted" in processes.log(ingest) or "Прервано" in processes.log(ingest)


def test_a_deferred_task_runs_on_the_worker_once_due(processes):
    """The open-data refresh is deferred (run_after): on Redis only RQ's scheduler starts such tasks."""
    result_id = processes.python(
        "import datetime\n"
        "from django.utils import timezone\n"
        "from accord.core.tasks import recover_stale_work_task\n"
        "later = recover_stale_work_task.using(run_after=timezone.now() + datetime.timedelta(seconds=2))\n"
        "result = later.enqueue().id\n"
    )
    time.sleep(3)
    processes.run("worker", "--batch")
    status = processes.python(
        f"from accord.core.tasks import recover_stale_work_task\n"
        f"result = recover_stale_work_task.get_result({result_id!r}).status"
    )
    assert status == "SUCCESSFUL"


REDIS_SERVER = shutil.which("redis-server")


@pytest.mark.skipif(not REDIS_SERVER, reason="redis-server is not installed (apt-get install redis-server)")
def test_the_worker_waits_out_a_redis_outage(processes, tmp_path):
    """A Redis of the test's own (the machine's one is shared) stops for 10 seconds under an idle worker."""
    port = free_port()
    command = [REDIS_SERVER, "--port", str(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"]
    redis_env = {"REDIS_URL": f"redis://127.0.0.1:{port}/0"}
    processes.env.update(redis_env)
    server = processes.start(command, "redis-1")
    processes.wait_for(
        lambda: b"Ready to accept" in (tmp_path / "redis-1.log").read_bytes(), timeout=30, what="Redis"
    )
    worker = processes.start(processes.command("worker"), "worker")
    processes.wait_for(lambda: "Listening on" in processes.log(worker), timeout=120, what="the RQ worker")
    processes.kill_group(server)  # Redis stops
    server.wait(10)
    time.sleep(10)
    processes.start(command, "redis-2")
    processes.wait_for(
        lambda: b"Ready to accept" in (tmp_path / "redis-2.log").read_bytes(), timeout=30, what="Redis"
    )
    job_id = upload(processes, 3)
    processes.wait_for(
        lambda: processes.scalar(job_sql(job_id, "status")) == "done", timeout=180, what="the job done"
    )
    assert worker.poll() is None, processes.log(worker)
    assert "Error" in processes.log(worker) or "error" in processes.log(worker)  # the outage was logged
    assert_each_file_ingested_once(processes, job_id, 3)


def test_the_worker_survives_a_real_postgresql_outage(processes):
    """PostgreSQL refuses the test database for 10 seconds and drops every session on it."""
    from django.db import connection

    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL (DATABASE_URL): SQLite's outage is simulated in the test above")
    import psycopg

    name = connection.settings_dict["NAME"]
    admin_url = processes.env["DATABASE_URL"].rsplit("/", 1)[0] + "/postgres"
    job_id = upload(processes, 60)
    worker = processes.start(processes.command("worker"), "worker")
    processes.wait_for(lambda: processes.scalar(done_files(job_id)) >= 10, timeout=240, what="10 files")
    connection.close()
    with psycopg.connect(admin_url, autocommit=True) as admin:
        try:
            admin.execute(f'ALTER DATABASE "{name}" ALLOW_CONNECTIONS false')
            until = time.monotonic() + 10
            while time.monotonic() < until:
                admin.execute(
                    "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = %s", [name]
                )
                time.sleep(0.5)
        finally:
            admin.execute(f'ALTER DATABASE "{name}" ALLOW_CONNECTIONS true')
    processes.wait_for(
        lambda: processes.scalar(job_sql(job_id, "status")) == "done", timeout=300, what="the job done"
    )
    assert worker.poll() is None, processes.log(worker)
    assert_each_file_ingested_once(processes, job_id, 60)
