"""Background work of the documents app, run by `accord worker`."""

from django_tasks import task

from accord.documents.ingest.pipeline import Source, ingest
from accord.documents.models import IngestItem, IngestJob


@task()
def run_ingest_job(job_id: int) -> dict:
    """Ingest the uploaded files of a job; the job page follows its counters live."""
    job = IngestJob.objects.get(pk=job_id)
    pending = list(job.items.filter(status=IngestItem.Status.PENDING))
    sources = [Source(name=item.name, item=item) for item in pending]
    try:
        ingest(sources, job, keep_total=True)
    except Exception as exc:
        # The job page must say the run broke off rather than look queued forever.
        IngestJob.objects.filter(pk=job.pk).update(
            status=IngestJob.Status.FAILED, message=f"{type(exc).__name__}: {exc}"[:2000]
        )
        raise
    finally:
        for item in pending:
            if item.upload:
                item.upload.delete(save=True)  # the document keeps its own copy of the original
    job.refresh_from_db()
    return {"added": job.added, "already_present": job.duplicates, "failed": job.failed}
