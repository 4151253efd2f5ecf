"""The scheduler's schedule and runs, heartbeats, and the recovery of dead workers' scheduled runs."""

import datetime
import json

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.core.management import CommandError, call_command
from django.utils import timezone

from accord.core.background import beat_once, recover_stale_runs, recover_stale_work
from accord.core.choices import ProcessKind, RunStatus
from accord.core.models import ProcessHeartbeat, ScheduledRun
from accord.core.schedule import Entry, entries, fire, missed

pytestmark = pytest.mark.django_db

IMMEDIATE = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
DUMMY = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
UTC = datetime.UTC


def at(text: str) -> datetime.datetime:
    return datetime.datetime.fromisoformat(text).replace(tzinfo=UTC)


def test_the_schedule_gathers_every_apps_periodic_tasks():
    schedule = {entry.name: entry for entry in entries()}
    assert schedule["send-reminders"].task == "accord.chairmanship.tasks.send_daily_reminders"
    assert schedule["send-reminders"].cron == "0 7 * * *"
    assert schedule["open-data"].task == "accord.portal.tasks.regenerate_open_data"
    assert schedule["recover-stale-work"].task == "accord.core.tasks.recover_stale_work_task"


def test_accord_schedule_changes_a_time_or_turns_an_entry_off(settings):
    settings.ACCORD_SCHEDULE = "send-reminders=0 6 * * 1-5; open-data=off"
    schedule = {entry.name: entry for entry in entries()}
    assert schedule["send-reminders"].cron == "0 6 * * 1-5"
    assert "open-data" not in schedule


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("reminders=0 6 * * *", "unknown entries: reminders"),
        ("send-reminders", "name=crontab or name=off"),
        ("send-reminders=at seven", "is not a crontab line"),
    ],
)
def test_a_wrong_schedule_is_refused_with_a_clear_message(settings, value, message, english):
    settings.ACCORD_SCHEDULE = value
    with pytest.raises(ImproperlyConfigured, match=message):
        entries()
    with pytest.raises(CommandError, match=message):
        call_command("scheduler", "--list")


def test_scheduler_list_prints_the_schedule(capsys):
    call_command("scheduler", "--list")
    names = {entry["name"] for entry in json.loads(capsys.readouterr().out)}
    assert names == {"send-reminders", "open-data", "recover-stale-work"}


def test_a_run_is_recorded_queued_and_started_once_per_moment(settings):
    settings.TASKS = DUMMY
    from django_tasks import default_task_backend

    entry = Entry(
        name="send-reminders", task="accord.chairmanship.tasks.send_daily_reminders", cron="0 7 * * *"
    )
    moment = at("2026-03-02T07:00:00")
    run = fire(entry, scheduled_for=moment)
    assert (run.status, run.scheduled_for) == (RunStatus.QUEUED, moment)
    assert [result.task.name for result in default_task_backend.results] == ["run_scheduled"]
    assert fire(entry, scheduled_for=moment) is None  # a second scheduler by mistake: no second run
    assert ScheduledRun.objects.count() == 1


def test_a_run_records_its_result_or_its_failure(settings, monkeypatch):
    settings.TASKS = IMMEDIATE
    entry = Entry(
        name="send-reminders", task="accord.chairmanship.tasks.send_daily_reminders", cron="0 7 * * *"
    )
    run = fire(entry, scheduled_for=at("2026-03-02T07:00:00"))
    run.refresh_from_db()
    assert run.status == RunStatus.DONE and run.finished_at and run.runner
    assert run.result["emails"] == 0

    def broken(**kwargs):
        raise RuntimeError("mail server refused")

    monkeypatch.setattr("accord.chairmanship.tasks.send_reminders", broken)
    run = fire(entry, scheduled_for=at("2026-03-03T07:00:00"))
    run.refresh_from_db()
    assert run.status == RunStatus.FAILED and "mail server refused" in run.message


def test_a_queue_that_is_away_fails_the_run_visibly(settings, monkeypatch):
    settings.TASKS = DUMMY
    from accord.core.tasks import run_scheduled

    def refuse(*args, **kwargs):
        raise ConnectionError("Redis is away")

    monkeypatch.setattr(type(run_scheduled), "enqueue", refuse)
    entry = Entry(name="open-data", task="accord.portal.tasks.regenerate_open_data", cron="30 2 * * *")
    run = fire(entry, scheduled_for=at("2026-03-02T02:30:00"))
    assert run.status == RunStatus.FAILED and "Redis is away" in run.message


def test_a_restarted_scheduler_catches_up_a_missed_run_once():
    entry = Entry(
        name="send-reminders", task="accord.chairmanship.tasks.send_daily_reminders", cron="0 7 * * *"
    )
    assert missed(entry, now=at("2026-03-05T08:00:00")) is None  # a new installation: nothing missed
    ScheduledRun.objects.create(name=entry.name, task=entry.task, scheduled_for=at("2026-03-02T07:00:00"))
    assert missed(entry, now=at("2026-03-05T08:00:00")) == at("2026-03-05T07:00:00")  # the latest only
    assert missed(entry, now=at("2026-03-02T08:00:00")) is None


def test_heartbeats_tell_alive_from_silent(settings):
    settings.ACCORD_LEASE_SECONDS = 60
    beat_once("host:1", ProcessKind.WORKER, started_at=timezone.now(), backend="database")
    beat_once("host:2", ProcessKind.WORKER, started_at=timezone.now())
    ProcessHeartbeat.objects.filter(name="host:2").update(
        last_seen_at=timezone.now() - datetime.timedelta(seconds=61)
    )
    assert list(ProcessHeartbeat.objects.workers().alive().values_list("name", flat=True)) == ["host:1"]
    beat_once("host:2", ProcessKind.WORKER, started_at=timezone.now())  # back again: one row
    assert ProcessHeartbeat.objects.alive().count() == 2 and ProcessHeartbeat.objects.count() == 2


def test_a_scheduled_run_whose_worker_died_is_marked_interrupted(settings):
    settings.ACCORD_LEASE_SECONDS = 60
    long_ago = timezone.now() - datetime.timedelta(minutes=5)
    beat_once("alive:1", ProcessKind.WORKER, started_at=long_ago)
    for name, runner in (("dead", "gone:2"), ("alive", "alive:1")):
        ScheduledRun.objects.create(
            name=name,
            task="x",
            scheduled_for=long_ago,
            status=RunStatus.RUNNING,
            started_at=long_ago,
            runner=runner,
        )
    assert recover_stale_runs() == 1
    assert ScheduledRun.objects.get(name="dead").status == RunStatus.INTERRUPTED
    assert "gone:2" in ScheduledRun.objects.get(name="dead").message
    assert ScheduledRun.objects.get(name="alive").status == RunStatus.RUNNING


def test_the_sweep_prunes_old_records():
    old = timezone.now() - datetime.timedelta(days=40)
    ScheduledRun.objects.create(name="a", task="x", scheduled_for=old, status=RunStatus.DONE, finished_at=old)
    ProcessHeartbeat.objects.create(name="old:1", kind=ProcessKind.WORKER, started_at=old, last_seen_at=old)
    counts = recover_stale_work()
    assert counts["records_pruned"] == 2 and "jobs_requeued" in counts
    assert not ScheduledRun.objects.exists() and not ProcessHeartbeat.objects.exists()


def test_heartbeats_and_scheduled_runs_leave_the_public_page_cache_alone(django_capture_on_commit_callbacks):
    from accord.core.cache import generation

    before = generation()
    with django_capture_on_commit_callbacks(execute=True):
        beat_once("host:9", ProcessKind.WORKER, started_at=timezone.now())
        ScheduledRun.objects.create(name="open-data", task="x", scheduled_for=timezone.now())
    assert generation() == before  # a sweep every five minutes must not empty the cache


def test_task_results_left_running_by_a_dead_worker_are_marked_failed(settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}
    from django_tasks_db.models import DBTaskResult

    from accord.core.tasks import recover_stale_work_task

    long_ago = timezone.now() - datetime.timedelta(minutes=5)
    beat_once("alive:1", ProcessKind.WORKER, started_at=long_ago)
    for worker in ("gone:2", "alive:1"):
        row = DBTaskResult.objects.get(pk=recover_stale_work_task.enqueue().id)
        row.claim(worker)
        DBTaskResult.objects.filter(pk=row.pk).update(started_at=long_ago)
    assert recover_stale_work()["task_results_failed"] == 1
    failed = DBTaskResult.objects.get(status="FAILED")
    assert failed.worker_ids == ["gone:2"] and failed.exception_class_path.endswith("WorkerLost")
    assert DBTaskResult.objects.filter(status="RUNNING").count() == 1


@pytest.fixture
def scheduler_command(monkeypatch, settings):
    """The scheduler's own functions, their connections left open for the test's transaction."""
    from accord.core.management.commands import scheduler

    settings.TASKS = DUMMY
    monkeypatch.setattr(scheduler.connections, "close_all", lambda: None)
    return scheduler


def test_a_scheduler_tick_during_an_outage_is_logged_not_fatal(scheduler_command, monkeypatch, caplog):
    from django.db import OperationalError

    def database_away(*args, **kwargs):
        raise OperationalError("server closed the connection unexpectedly")

    monkeypatch.setattr(scheduler_command, "fire", database_away)
    entry = Entry(name="open-data", task="accord.portal.tasks.regenerate_open_data", cron="30 2 * * *")
    scheduler_command.fire_now(entry)  # no exception: APScheduler goes on to the next tick
    assert "open-data not started" in caplog.text and "server closed" in caplog.text


def test_a_scheduler_tick_records_the_run_of_its_minute(scheduler_command):
    entry = Entry(name="open-data", task="accord.portal.tasks.regenerate_open_data", cron="30 2 * * *")
    scheduler_command.fire_now(entry)
    scheduler_command.fire_now(entry)  # the same minute again (a second scheduler): one run
    run = ScheduledRun.objects.get()
    assert run.scheduled_for.second == 0 and run.status == RunStatus.QUEUED


def test_a_starting_scheduler_catches_up_what_it_missed(scheduler_command):
    entry = Entry(
        name="send-reminders", task="accord.chairmanship.tasks.send_daily_reminders", cron="0 7 * * *"
    )
    two_days_ago = timezone.now() - datetime.timedelta(days=2)
    ScheduledRun.objects.create(name=entry.name, task=entry.task, scheduled_for=two_days_ago)
    scheduler_command.Command()._catch_up([entry])
    scheduler_command.Command()._catch_up([entry])  # a second start: nothing more
    assert ScheduledRun.objects.filter(name=entry.name).count() == 2
