"""Ingest jobs after their start: one runner at a time, requeued, recovered, followed by the secretariat."""

import datetime
import os
import signal

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from accord.core.background import beat_once
from accord.core.choices import ProcessKind, RunStatus
from accord.core.models import ProcessHeartbeat, ScheduledRun
from accord.core.roles import Role
from accord.documents import services
from accord.documents.ingest import pipeline
from accord.documents.models import Document, IngestItem, IngestJob
from accord.documents.tasks import run_ingest_job
from accord.documents.upload import start_upload_job
from conftest import make_user

pytestmark = pytest.mark.django_db

DUMMY = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
LONG_AGO = datetime.timedelta(minutes=10)


@pytest.fixture(autouse=True)
def queue_and_media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.TASKS = DUMMY
    settings.ACCORD_LEASE_SECONDS = 60


def texts(count: int, start: int = 0) -> list[SimpleUploadedFile]:
    return [
        SimpleUploadedFile(
            f"note-{i}.txt",
            f"Рабочая встреча номер {i} прокуроров была посвящена возврату активов и взаимной помощи.".encode(),
        )
        for i in range(start, start + count)
    ]


@pytest.fixture
def secretariat(db):
    return make_user("secretariat", Role.SECRETARIAT)


@pytest.fixture
def upload_job(secretariat, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        return start_upload_job(texts(3), secretariat)


def queued_jobs() -> list[int]:
    from django_tasks import default_task_backend

    return [r.args[0] for r in default_task_backend.results if r.task.name == "run_ingest_job"]


def left_for_dead(job: IngestJob, runner: str = "gone:1") -> None:
    IngestJob.objects.filter(pk=job.pk).update(
        status=IngestJob.Status.RUNNING, runner=runner, heartbeat_at=timezone.now() - LONG_AGO, attempts=1
    )


def test_a_file_another_runner_recorded_first_is_not_stored_twice(upload_job, settings):
    stale = list(upload_job.items.order_by("pk"))
    IngestItem.objects.filter(pk=stale[0].pk).update(status=IngestItem.Status.DUPLICATE)  # the other runner
    upload_job.runner = "me:1"
    pipeline.ingest([pipeline.Source(name=i.name, item=i) for i in stale], upload_job, keep_total=True)
    assert Document.objects.count() == 2
    assert IngestItem.objects.get(pk=stale[0].pk).status == IngestItem.Status.DUPLICATE
    originals = settings.MEDIA_ROOT / "originals"
    stored = [f for _root, _dirs, files in os.walk(originals) for f in files]
    assert len(stored) == 2  # the rolled-back copy left no file behind
    upload_job.refresh_from_db()
    assert (upload_job.status, upload_job.added, upload_job.duplicates) == ("done", 2, 1)


def test_a_job_left_by_a_dead_worker_is_queued_again_and_resumed(
    upload_job, django_capture_on_commit_callbacks
):
    first = upload_job.items.order_by("pk").first()
    upload_job.runner = "gone:1"
    pipeline.ingest([pipeline.Source(name=first.name, item=first)], upload_job, keep_total=True)
    left_for_dead(upload_job)
    with django_capture_on_commit_callbacks(execute=True):
        assert services.recover_stale_jobs()["jobs_requeued"] == 1
    upload_job.refresh_from_db()
    assert upload_job.status == "queued" and "gone:1" in upload_job.message
    assert queued_jobs() == [upload_job.pk, upload_job.pk]  # the upload, then the requeue
    run_ingest_job.call(upload_job.pk)
    upload_job.refresh_from_db()
    assert (upload_job.status, upload_job.added, upload_job.attempts) == ("done", 3, 2)
    assert Document.objects.count() == 3
    assert run_ingest_job.call(upload_job.pk) == {"skipped": upload_job.pk}  # a late duplicate does nothing


def test_a_job_whose_worker_still_beats_is_left_alone(upload_job):
    beat_once("busy:1", ProcessKind.WORKER, started_at=timezone.now())
    left_for_dead(upload_job, runner="busy:1")  # one long file: no progress, but the worker is alive
    assert services.recover_stale_jobs()["jobs_requeued"] == 0
    assert IngestJob.objects.get(pk=upload_job.pk).status == "running"


def test_a_job_that_keeps_killing_its_worker_fails_after_three_attempts(upload_job):
    left_for_dead(upload_job)
    IngestJob.objects.filter(pk=upload_job.pk).update(attempts=services.MAX_ATTEMPTS)
    assert services.recover_stale_jobs()["jobs_failed"] == 1
    upload_job.refresh_from_db()
    assert upload_job.status == "failed" and "3" in upload_job.message


def test_a_killed_ingest_command_is_interrupted_with_the_count_of_its_rows():
    job = IngestJob.objects.create(source="cli", status="running", total=10, added=0, runner="cli:7")
    for i in range(2):
        document = Document.objects.create(title=f"Отчёт {i}", text=f"Текст отчёта номер {i}.")
        IngestItem.objects.create(job=job, name=f"{i}.txt", status="added", document=document)
    IngestItem.objects.create(job=job, name="bad.bin", status="failed", reason="binary")
    IngestJob.objects.filter(pk=job.pk).update(heartbeat_at=timezone.now() - LONG_AGO)
    assert services.recover_stale_jobs()["jobs_interrupted"] == 1
    job.refresh_from_db()
    assert (job.status, job.added, job.failed, job.total) == ("interrupted", 2, 1, 10)
    assert "cli:7" in job.message


def test_a_worker_asked_to_stop_hands_the_job_back_between_two_files(upload_job, monkeypatch):
    real = pipeline.ingest_one

    def ingest_one_then_sigterm(source, **kwargs):
        result = real(source, **kwargs)
        os.kill(os.getpid(), signal.SIGTERM)  # caught by the task's handler: stop after this file
        return result

    monkeypatch.setattr(pipeline, "ingest_one", ingest_one_then_sigterm)
    before = signal.getsignal(signal.SIGTERM)
    assert run_ingest_job.call(upload_job.pk) == {"requeued": upload_job.pk}
    assert signal.getsignal(signal.SIGTERM) == before  # the task's handler is gone with it
    upload_job.refresh_from_db()
    assert upload_job.status == "queued" and upload_job.added == 1
    pending = upload_job.items.filter(status="pending")
    assert pending.count() == 2 and not pending.filter(upload="").exists()  # their uploads are kept


def test_only_an_interrupted_or_failed_upload_with_pending_files_is_queued_again(
    upload_job, secretariat, django_capture_on_commit_callbacks, english
):
    with pytest.raises(ValidationError, match="interrupted or failed"):
        services.requeue_ingest_job(upload_job, acting_user=secretariat)  # still queued
    IngestJob.objects.filter(pk=upload_job.pk).update(status="failed", attempts=3)
    upload_job.refresh_from_db()
    with django_capture_on_commit_callbacks(execute=True):
        services.requeue_ingest_job(upload_job, acting_user=secretariat)
    assert (upload_job.status, upload_job.attempts) == ("queued", 0)
    assert "secretariat" in upload_job.message and queued_jobs()[-1] == upload_job.pk
    run_ingest_job.call(upload_job.pk)
    upload_job.refresh_from_db()
    IngestJob.objects.filter(pk=upload_job.pk).update(status="interrupted")
    upload_job.refresh_from_db()
    assert not IngestJob.objects.requeueable().filter(pk=upload_job.pk).exists()  # no button offered
    with pytest.raises(ValidationError, match="nothing is left"):
        services.requeue_ingest_job(upload_job, acting_user=secretariat)


def test_an_upload_the_queue_refuses_is_failed_visibly(
    secretariat, monkeypatch, django_capture_on_commit_callbacks
):
    def refuse(*args, **kwargs):
        raise ConnectionError("Redis is away")

    monkeypatch.setattr(type(run_ingest_job), "enqueue", refuse)
    with django_capture_on_commit_callbacks(execute=True):
        job = start_upload_job(texts(1), secretariat)
    job.refresh_from_db()
    assert job.status == "failed" and "Redis is away" in job.message
    assert IngestJob.objects.requeueable().filter(pk=job.pk).exists()


# ---- pages ---------------------------------------------------------------------------------------


def test_the_background_page_is_the_secretariats(client, upload_job):
    url = reverse("documents:background")
    assert client.get(url).status_code == 302
    client.force_login(make_user("analyst", Role.ANALYST))
    assert client.get(url).status_code == 403


def test_the_background_page_lists_jobs_workers_and_scheduled_runs(client, secretariat, upload_job, english):
    beat_once("host:41", ProcessKind.WORKER, started_at=timezone.now(), backend="database")
    ScheduledRun.objects.create(
        name="send-reminders",
        task="accord.chairmanship.tasks.send_daily_reminders",
        scheduled_for=timezone.now(),
        status=RunStatus.DONE,
        result={"emails": 4},
    )
    IngestJob.objects.filter(pk=upload_job.pk).update(status="failed", message="boom")
    client.force_login(secretariat)
    page = client.get(reverse("documents:background")).content.decode()
    assert "host:41" in page and "alive" in page
    assert "send-reminders" in page and "emails: 4" in page
    assert str(upload_job) in page and "Queue again" in page
    assert 'data-testid="no-worker"' not in page


def test_the_upload_page_says_when_no_worker_is_there(client, secretariat, english):
    client.force_login(secretariat)
    page = client.get(reverse("documents:upload")).content.decode()
    assert 'data-testid="no-worker"' in page and "accord worker" in page
    beat_once("host:42", ProcessKind.WORKER, started_at=timezone.now())
    assert 'data-testid="no-worker"' not in client.get(reverse("documents:upload")).content.decode()
    ProcessHeartbeat.objects.update(last_seen_at=timezone.now() - LONG_AGO)  # silent past the lease
    assert 'data-testid="no-worker"' in client.get(reverse("documents:upload")).content.decode()


def test_a_queued_job_page_says_when_no_worker_is_there(client, secretariat, upload_job):
    client.force_login(secretariat)
    fragment = client.get(upload_job.get_absolute_url(), HTTP_HX_REQUEST="true").content.decode()
    assert 'data-testid="no-worker"' in fragment


def test_the_secretariat_queues_a_failed_upload_again(
    client, secretariat, upload_job, django_capture_on_commit_callbacks, english
):
    IngestJob.objects.filter(pk=upload_job.pk).update(status="failed")
    client.force_login(secretariat)
    page = client.get(upload_job.get_absolute_url()).content.decode()
    assert 'data-testid="job-requeue"' in page
    url = reverse("documents:ingest_job_requeue", args=[upload_job.pk])
    assert client.get(url).status_code == 405
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url)
    assert response.status_code == 302 and response["Location"] == upload_job.get_absolute_url()
    assert IngestJob.objects.get(pk=upload_job.pk).status == "queued"
    refused = client.post(url, follow=True).content.decode()  # queued now: refused with a message
    assert "Only an interrupted or failed upload can be queued again." in refused
