"""Life of the background processes: names, heartbeats, waiting out a database outage, stopping.

`accord worker` and `accord scheduler` each keep a `ProcessHeartbeat` row fresh
from a thread; a process silent for `ACCORD_LEASE_SECONDS` is taken for dead,
and `recover_stale_work()` gives its unfinished work to the living (each app
offers its part as a `stale_work_recovery` hook on its AppConfig, so `core`
never imports the apps above it). Nothing here ever lets a database or Redis
error kill a process: it is logged, and the process waits for the service to return.
"""

from __future__ import annotations

import datetime
import logging
import os
import signal
import socket
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager

from django.conf import settings
from django.db import DatabaseError, InterfaceError, OperationalError, connection, connections
from django.utils import timezone
from django.utils.translation import gettext as _

from accord.core.choices import RunStatus
from accord.core.models import ProcessHeartbeat, ScheduledRun, lease_cutoff
from accord.core.reference import loaders

logger = logging.getLogger("accord.background")

#: What a database going away raises (a dropped connection, a refused one, a server restarting).
DATABASE_ERRORS: tuple[type[BaseException], ...] = (OperationalError, InterfaceError)
try:  # Redis going away, when the queue or the cache lives there
    from redis.exceptions import ConnectionError as RedisConnectionError
    from redis.exceptions import TimeoutError as RedisTimeoutError

    SERVICE_ERRORS: tuple[type[BaseException], ...] = (
        *DATABASE_ERRORS,
        RedisConnectionError,
        RedisTimeoutError,
    )
except ImportError:  # pragma: no cover - redis is installed with django-tasks-rq
    SERVICE_ERRORS = DATABASE_ERRORS

_worker_name = ""


def process_name() -> str:
    """`host:pid` of this process: what heartbeats, jobs and scheduled runs are attributed to."""
    return f"{socket.gethostname()}:{os.getpid()}"[:200]


def set_worker_name(name: str) -> None:
    """Remember the worker this process serves; a forked RQ work horse inherits it."""
    global _worker_name
    _worker_name = name


def worker_name() -> str:
    """The worker running the current task (its own process name outside a worker)."""
    return _worker_name or process_name()


class Beat:
    """Calls `pulse` every `interval` seconds in a daemon thread until stopped.

    A failing pulse (the database away) is logged once per outage, never fatal:
    the next pulse tries again. The thread closes its own database connections.
    """

    def __init__(self, pulse: Callable[[], None], *, interval: float, name: str) -> None:
        self.pulse = pulse
        self.interval = interval
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name=name, daemon=True)
        self._failing = False

    def start(self) -> Beat:
        self._thread.start()
        return self

    def stop(self, timeout: float = 1.0) -> None:
        self._stop.set()
        if self._thread.is_alive() and self._thread is not threading.current_thread():
            self._thread.join(timeout)

    def _run(self) -> None:
        try:
            while True:
                try:
                    self.pulse()
                except Exception as exc:
                    if not self._failing:
                        logger.warning("%s: %s: %s", self._thread.name, type(exc).__name__, exc)
                    self._failing = True
                    connections.close_all()  # a broken connection is reopened next time
                else:
                    if self._failing:
                        logger.warning("%s: working again", self._thread.name)
                    self._failing = False
                if self._stop.wait(self.interval):
                    return
        finally:
            connections.close_all()


def beat_once(name: str, kind: str, *, started_at, backend: str = "") -> None:
    """Record that the process `name` is alive now (creating its row if needed)."""
    now = timezone.now()
    updated = ProcessHeartbeat.objects.filter(name=name).update(last_seen_at=now, stopped_at=None)
    if not updated:
        ProcessHeartbeat.objects.update_or_create(
            name=name,
            defaults={
                "kind": kind,
                "backend": backend,
                "started_at": started_at,
                "last_seen_at": now,
                "stopped_at": None,
            },
        )


def mark_stopped(name: str) -> None:
    """Say that the process stopped on purpose (best effort: the database may be away)."""
    try:
        ProcessHeartbeat.objects.filter(name=name).update(stopped_at=timezone.now())
    except DatabaseError:
        logger.warning("%s stopped without recording it (database unavailable)", name)


@contextmanager
def heartbeat(
    name: str, kind: str, *, backend: str = "", also: Callable[[], None] | None = None
) -> Iterator[None]:
    """Keep the process's heartbeat fresh from a thread while the block runs; `also` runs on each beat."""
    started_at = timezone.now()

    def pulse() -> None:
        beat_once(name, kind, started_at=started_at, backend=backend)
        if also is not None:
            also()

    beat = Beat(pulse, interval=settings.ACCORD_HEARTBEAT_SECONDS, name=f"heartbeat {name}").start()
    try:
        yield
    finally:
        beat.stop()
        mark_stopped(name)


def database_available() -> bool:
    """True when a trivial query answers; closes the connection when it does not."""
    try:
        connection.ensure_connection()
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
        return True
    except DATABASE_ERRORS:
        connections.close_all()
        return False


def wait_for_database(what: str, error: BaseException, *, max_delay: float = 30.0) -> None:
    """Log the outage once, then wait with a growing pause until the database answers again."""
    logger.warning("%s: the database is unavailable (%s); waiting for it to return", what, error)
    connections.close_all()
    delay = 0.5
    started = time.monotonic()
    while not database_available():
        time.sleep(delay)
        delay = min(delay * 2, max_delay)
    logger.warning("%s: the database is back after %.0f s", what, time.monotonic() - started)


@contextmanager
def stop_requested_by_signals(*, second_interrupts: bool = False) -> Iterator[threading.Event]:
    """An event set by SIGTERM or SIGINT while the block runs, so that long work stops between two steps.

    Stopping between steps, not in the middle of a database call, leaves the
    connection usable to record where the work stopped. The handlers the
    process had (a worker's own shutdown) are still called; with
    `second_interrupts` a second signal raises KeyboardInterrupt at once
    (someone pressing Ctrl+C again). Outside the main thread signals cannot
    be caught: the event is never set.
    """
    stop = threading.Event()
    if threading.current_thread() is not threading.main_thread():
        yield stop
        return
    previous = {sig: signal.getsignal(sig) for sig in (signal.SIGTERM, signal.SIGINT)}

    def handler(signum, frame) -> None:
        if second_interrupts and stop.is_set():
            raise KeyboardInterrupt
        stop.set()
        earlier = previous.get(signum)
        if callable(earlier) and earlier is not signal.default_int_handler:
            earlier(signum, frame)

    for sig in previous:
        signal.signal(sig, handler)
    try:
        yield stop
    finally:
        for sig, earlier in previous.items():
            signal.signal(sig, earlier)


def recover_stale_runs() -> int:
    """Scheduled runs whose worker died mark themselves interrupted; the next run is on schedule."""
    alive = set(ProcessHeartbeat.objects.alive().values_list("name", flat=True))
    stale = ScheduledRun.objects.filter(status=RunStatus.RUNNING, started_at__lt=lease_cutoff())
    count = 0
    for run in stale.exclude(runner__in=alive):
        count += ScheduledRun.objects.filter(pk=run.pk, status=RunStatus.RUNNING).update(
            status=RunStatus.INTERRUPTED,
            finished_at=timezone.now(),
            message=_("The worker %(worker)s stopped during the run.") % {"worker": run.runner},
        )
    return count


class WorkerLost(Exception):  # noqa: N818 - how the task ended, shown as its exception class
    """The worker running the task stopped (killed, its machine lost) before it finished."""


def fail_orphaned_task_results() -> int:
    """On the database queue, task results a dead worker left "running" are marked failed.

    The work itself is taken up by its app (an ingest job is requeued); this
    only keeps the queue's own record true.
    """
    from django_tasks_db.models import DBTaskResult

    alive = {name[:64] for name in ProcessHeartbeat.objects.alive().values_list("name", flat=True)}
    count = 0
    for result in DBTaskResult.objects.filter(status="RUNNING", started_at__lt=lease_cutoff()):
        worker = result.worker_ids[-1] if result.worker_ids else "?"
        if worker not in alive:
            result.set_failed(WorkerLost(f"worker {worker} stopped while running this task"))
            count += 1
    return count


def prune_history(*, runs_days: int = 30, processes_days: int = 7) -> int:
    """Forget finished scheduled runs and long-gone processes, so the lists stay short."""
    now = timezone.now()
    runs, _counts = ScheduledRun.objects.filter(
        finished_at__lt=now - datetime.timedelta(days=runs_days)
    ).delete()
    gone, _counts = ProcessHeartbeat.objects.filter(
        last_seen_at__lt=now - datetime.timedelta(days=processes_days)
    ).delete()
    return runs + gone


def recover_stale_work() -> dict[str, int]:
    """Give the work of dead processes back to the living: every app's `stale_work_recovery` hook."""
    counts = {
        "scheduled_runs_interrupted": recover_stale_runs(),
        "task_results_failed": fail_orphaned_task_results(),
        "records_pruned": prune_history(),
    }
    for recover in loaders("stale_work_recovery"):
        counts.update(recover())
    return counts
