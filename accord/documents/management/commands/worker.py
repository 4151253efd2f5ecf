"""`accord worker [--batch]`: runs background tasks from the database, or from Redis when REDIS_URL is set.

The worker keeps a heartbeat (the secretariat sees it on the background-work
page, and an upload says when no worker is there), takes up the work of dead
workers (`recover_stale_work`, at start and once per lease), and survives its
services: a database or Redis outage is logged and waited out, never a crash.
SIGTERM or Ctrl+C stops it between two files of an ingest job, which goes
back to the queue for the next worker.
"""

import contextlib
import logging
import os
import signal
import threading
import time

from django.conf import settings
from django.core.management.base import BaseCommand
from django.utils import timezone
from django.utils.translation import gettext as _

from accord.core.background import (
    DATABASE_ERRORS,
    SERVICE_ERRORS,
    beat_once,
    heartbeat,
    mark_stopped,
    process_name,
    recover_stale_work,
    set_worker_name,
    wait_for_database,
)
from accord.core.choices import ProcessKind

logger = logging.getLogger("accord.worker")

#: Set when the worker was asked to stop (SIGTERM, SIGINT), so that its loops do not start again.
stopping = threading.Event()


def _database_worker_class():
    from django_tasks_db.management.commands.db_worker import Worker

    class ResilientDatabaseWorker(Worker):
        """django-tasks-db's worker, waiting out database outages instead of exiting with a traceback."""

        def shutdown(self, signum, frame) -> None:
            stopping.set()
            super().shutdown(signum, frame)

        def run(self) -> None:
            while True:
                try:
                    return super().run()
                except DATABASE_ERRORS as exc:
                    if not self.running:
                        return None
                    wait_for_database(f"worker {self.worker_id}", exc)

    return ResilientDatabaseWorker


def _rq_worker_class():
    from rq import Worker

    class StoppableRQWorker(Worker):
        """RQ's worker, telling the loop around it that a stop was asked for (not a lost connection).

        RQ runs each task in a work horse of its own process group, which a
        process manager's signal does not reach: the stop is passed on, so that
        an ingest job stops between two files and goes back to the queue.
        """

        def request_stop(self, signum, frame) -> None:
            stopping.set()
            if self.horse_pid:
                with contextlib.suppress(ProcessLookupError):
                    os.kill(self.horse_pid, signal.SIGTERM)
            super().request_stop(signum, frame)

    return StoppableRQWorker


class Command(BaseCommand):
    help = _("Run the background worker (ingesting uploads, scheduled runs) until stopped.")

    def add_arguments(self, parser) -> None:
        parser.add_argument("--batch", action="store_true", help=_("Process what is queued, then stop."))

    def handle(self, *args, batch: bool = False, verbosity: int = 1, **options) -> None:
        name = process_name()
        set_worker_name(name)
        stopping.clear()
        backend = "redis" if settings.REDIS_URL else "database"
        run = self._run_rq if settings.REDIS_URL else self._run_database
        if batch:
            # One pass in this thread: take up dead workers' jobs, then run what is queued.
            self._sweep_once(name, backend)
            try:
                run(name, batch=True, verbosity=verbosity)
            finally:
                mark_stopped(name)
            return
        last_sweep: list[float] = []

        def sweep() -> None:
            """At start, then once per lease: the work of dead workers back to the queue."""
            if not last_sweep or time.monotonic() - last_sweep[0] >= settings.ACCORD_LEASE_SECONDS:
                last_sweep[:] = [time.monotonic()]
                counts = recover_stale_work()
                if any(counts.values()):
                    logger.warning("worker %s took up stale work: %s", name, counts)

        with heartbeat(name, ProcessKind.WORKER, backend=backend, also=sweep):
            run(name, batch=False, verbosity=verbosity)

    def _sweep_once(self, name: str, backend: str) -> None:
        while True:
            try:
                beat_once(name, ProcessKind.WORKER, started_at=timezone.now(), backend=backend)
                recover_stale_work()
                return
            except DATABASE_ERRORS as exc:
                wait_for_database(f"worker {name}", exc)

    def _run_database(self, name: str, *, batch: bool, verbosity: int) -> None:
        worker = _database_worker_class()(
            queue_names=["default"],
            interval=1,
            batch=batch,
            backend_name="default",
            startup_delay=False,
            max_tasks=None,
            worker_id=name[:64],
            excluded_queue_names=[],
        )
        worker.configure_signals()
        worker.run()

    def _run_rq(self, name: str, *, batch: bool, verbosity: int) -> None:
        from rq.exceptions import StopRequested

        try:
            self._rq_loop(name, batch=batch, verbosity=verbosity)
        except StopRequested:  # a signal between two rounds of the loop
            return

    def _rq_loop(self, name: str, *, batch: bool, verbosity: int) -> None:
        import django_rq
        from django_rq.utils import reset_db_connections

        restarts, delay = 0, 1.0
        while True:
            try:
                worker = django_rq.get_worker(
                    "default",
                    job_class="django_tasks_rq.backend.Job",
                    worker_class=_rq_worker_class(),
                    name=name if not restarts else f"{name}-{restarts}",
                )
                reset_db_connections()  # the work horses are forked: none may share a connection
                worker.work(
                    burst=batch,
                    with_scheduler=True,  # deferred tasks (open-data refresh) are scheduled by RQ
                    logging_level="INFO" if verbosity >= 1 else "WARNING",
                )
            except SERVICE_ERRORS as exc:
                logger.warning(
                    "worker %s: Redis is unavailable (%s); trying again in %.0f s", name, exc, delay
                )
            else:
                if batch or stopping.is_set():
                    return
                logger.warning(
                    "worker %s: the RQ loop ended by itself; starting it again in %.0f s", name, delay
                )
            if stopping.is_set():
                return
            time.sleep(delay)
            restarts, delay = restarts + 1, min(delay * 2, 30.0)
