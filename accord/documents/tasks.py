"""Background work of the documents app, run by `accord worker`."""

from django.utils.translation import gettext as _
from django_tasks import task

from accord.core.background import DATABASE_ERRORS, stop_requested_by_signals, wait_for_database, worker_name
from accord.documents import services
from accord.documents.ingest.pipeline import Source, StopRequested, ingest, process_documents
from accord.documents.models import IngestItem, IngestJob


@task()
def run_ingest_job(job_id: int) -> dict:
    """Ingest the uploaded files of a job still pending; the job page follows its counters live.

    Run twice (a requeue racing a slow worker), the second run finds the job
    taken and does nothing. Taken up again after its runner died, it goes on
    with the files still pending and hands the documents added before to
    extraction again (extraction is idempotent), since that step may have
    been lost with the runner.
    """
    job = services.claim_ingest_job(job_id, runner=worker_name())
    if job is None:
        return {"skipped": job_id}
    if job.attempts > 1:
        earlier = list(
            job.items.filter(status=IngestItem.Status.ADDED, document__isnull=False).values_list(
                "document_id", flat=True
            )
        )
        process_documents(earlier, mode="background")
    services.discard_uploads(job)
    pending = list(job.items.filter(status=IngestItem.Status.PENDING).order_by("pk"))
    sources = [Source(name=item.name, item=item) for item in pending]
    with stop_requested_by_signals() as stop:
        try:
            ingest(sources, job, keep_total=True, should_stop=stop.is_set)
        except StopRequested:
            services.requeue_after_stop(job)
            return {"requeued": job_id}
        except DATABASE_ERRORS as exc:
            # Nothing can be written now: wait for the database, then hand the job back
            # (the files stored so far stay recorded; the next run goes on with the rest).
            wait_for_database(f"ingest job {job.pk}", exc)
            services.requeue_after_stop(
                job, _("The database was unavailable for a while; the job goes on with the next run.")
            )
            return {"requeued": job_id}
        except Exception as exc:
            # The job page must say the run broke off rather than look queued forever;
            # the files still pending keep their uploads, so the job can be queued again.
            IngestJob.objects.filter(pk=job.pk, runner=job.runner).update(
                status=IngestJob.Status.FAILED, message=f"{type(exc).__name__}: {exc}"[:2000]
            )
            raise
    services.discard_uploads(job)
    job.refresh_from_db()
    return {"added": job.added, "already_present": job.duplicates, "failed": job.failed}
