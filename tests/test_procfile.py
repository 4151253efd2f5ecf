"""`make demo`'s processes: honcho starts the web server, a worker and the scheduler from Procfile.demo,
an upload is ingested with no other command, and Ctrl+C (or SIGTERM) stops every one of them."""

import re
import signal
import socket
import subprocess
import sys
import urllib.request
from pathlib import Path

import pytest

from accord.core.tests.processes import ROOT, processes_fixture  # noqa: F401 - a fixture

pytestmark = pytest.mark.django_db(transaction=True)

HONCHO = str(Path(sys.executable).parent / "honcho")
UPLOAD = """
from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from accord.documents.upload import start_upload_job
user = get_user_model().objects.create_user("secretariat")
text = "Рабочая встреча прокуроров была посвящена возврату активов и взаимной правовой помощи."
result = start_upload_job([SimpleUploadedFile("meeting.txt", text.encode())], user).pk
"""


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def answers(url: str) -> bool:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.status == 200
    except OSError:
        return False


def groups_alive(groups: set[int]) -> list[str]:
    """Processes still running in any of the process groups honcho started."""
    alive = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[2]) in groups and fields[0] != "Z":
            alive.append(stat.parent.name)
    return alive


def start_demo(processes, port: int) -> subprocess.Popen:
    honcho = processes.start(
        [HONCHO, "-f", str(ROOT / "Procfile.demo"), "start", "-p", str(port)],
        "honcho",
        env={"ACCORD_DEBUG": "1", "HOST": "127.0.0.1"},
    )
    processes.wait_for(
        lambda: len(re.findall(r"started \(pid=\d+\)", processes.log(honcho))) == 3,
        timeout=60,
        what="web, worker and scheduler started",
    )
    processes.wait_for(lambda: answers(f"http://127.0.0.1:{port}/"), timeout=180, what="the web page")
    return honcho


def stop_and_check(processes, honcho: subprocess.Popen, sig: int) -> None:
    groups = {int(pid) for pid in re.findall(r"started \(pid=(\d+)\)", processes.log(honcho))}
    assert len(groups) == 3
    honcho.send_signal(sig)
    honcho.wait(30)
    processes.wait_for(lambda: not groups_alive(groups), timeout=15, what="every process of the demo gone")


@pytest.mark.slow
def test_make_demo_ingests_an_upload_with_no_other_command_and_ctrl_c_stops_everything(processes):
    port = free_port()
    honcho = start_demo(processes, port)
    job_id = processes.python(UPLOAD)
    status = f"SELECT status FROM documents_ingestjob WHERE id = {job_id}"
    processes.wait_for(lambda: processes.scalar(status) == "done", timeout=180, what="the upload ingested")
    assert processes.scalar("SELECT COUNT(*) FROM documents_document") == 1
    scheduler = "SELECT COUNT(*) FROM core_processheartbeat WHERE kind = 'scheduler'"
    processes.wait_for(lambda: processes.scalar(scheduler) == 1, timeout=60, what="the scheduler's heartbeat")
    stop_and_check(processes, honcho, signal.SIGINT)


def test_sigterm_to_the_process_manager_stops_everything(processes):
    honcho = start_demo(processes, free_port())
    stop_and_check(processes, honcho, signal.SIGTERM)
    log = processes.log(honcho)
    assert "SIGTERM received" in log


def test_the_procfiles_are_valid():
    for name in ("Procfile", "Procfile.demo"):
        check = subprocess.run(
            [HONCHO, "-f", str(ROOT / name), "check"], capture_output=True, text=True, cwd=ROOT, timeout=60
        )
        assert check.returncode == 0, check.stderr
        assert "web, worker, scheduler" in check.stderr
