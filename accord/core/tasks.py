"""Background work of core, run by `accord worker`: scheduled runs and the recovery of stale work."""

from typing import Any

from django.utils import timezone
from django.utils.module_loading import import_string
from django_tasks import task

from accord.core.background import recover_stale_work, worker_name
from accord.core.choices import RunStatus
from accord.core.models import ScheduledRun


def _json_safe(value: Any) -> dict:
    if isinstance(value, dict):
        return {
            str(key): item if isinstance(item, (str, int, float, bool, type(None))) else str(item)
            for key, item in value.items()
        }
    return {} if value is None else {"result": str(value)}


@task()
def run_scheduled(run_id: int) -> dict:
    """Run one scheduled run's task here and record how it ended; a run already started is not run twice."""
    now = timezone.now()
    claimed = ScheduledRun.objects.filter(pk=run_id, status=RunStatus.QUEUED).update(
        status=RunStatus.RUNNING, started_at=now, runner=worker_name()
    )
    if not claimed:
        return {"skipped": run_id}
    run = ScheduledRun.objects.get(pk=run_id)
    target = import_string(run.task)
    try:
        result = target.call() if hasattr(target, "call") else target()
    except Exception as exc:
        ScheduledRun.objects.filter(pk=run_id).update(
            status=RunStatus.FAILED, finished_at=timezone.now(), message=f"{type(exc).__name__}: {exc}"[:2000]
        )
        raise
    result = _json_safe(result)
    ScheduledRun.objects.filter(pk=run_id).update(
        status=RunStatus.DONE, finished_at=timezone.now(), result=result
    )
    return result


@task()
def recover_stale_work_task() -> dict:
    """The periodic sweep: work of dead workers back to the queue, old records pruned."""
    return recover_stale_work()
