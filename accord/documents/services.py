"""Writes of the documents app: publishing a document, and the life of an ingest job.

Uploads and `accord ingest` store documents at the level their uploader
chose, restricted (members only) by default; making one public is the
secretariat's decision, taken in `publish_document` and nowhere else, and the
audit log records who took it.

An ingest job, once created, is claimed by one runner, requeued, recovered.

A job belongs to one runner at a time (`IngestJob.runner`); every state change
is a conditional update, so two workers, a sweep and a person clicking
"Queue again" can never both win. Per-file steps are idempotent (see
`ingest.pipeline`): a job taken up again ingests what is still pending, once.
"""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from accord.core.audit import acting_as
from accord.core.choices import Confidentiality
from accord.core.models import ProcessHeartbeat, lease_cutoff
from accord.core.roles import is_secretariat
from accord.core.services import save_validated, service
from accord.documents.choices import DocumentKind
from accord.documents.ingest.pipeline import finish_job
from accord.documents.models import Document, IngestItem, IngestJob

#: An upload whose runner died this many times is failed instead (a file that kills the worker).
MAX_ATTEMPTS = 3


def claim_ingest_job(job_id: int, *, runner: str) -> IngestJob | None:
    """Make `runner` the one runner of a queued job; None when it is not queued (run, running, gone)."""
    now = timezone.now()
    claimed = IngestJob.objects.filter(pk=job_id, status=IngestJob.Status.QUEUED).update(
        status=IngestJob.Status.RUNNING,
        runner=runner,
        heartbeat_at=now,
        attempts=F("attempts") + 1,
        finished_at=None,
        updated_at=now,
    )
    return IngestJob.objects.get(pk=job_id) if claimed else None


def enqueue_ingest_job(job: IngestJob) -> None:
    """Hand the job to the queue once the transaction commits; a queue that is away fails the job visibly."""
    from accord.documents.tasks import run_ingest_job

    def enqueue() -> None:
        try:
            run_ingest_job.enqueue(job.pk)
        except Exception as exc:
            IngestJob.objects.filter(pk=job.pk, status=IngestJob.Status.QUEUED).update(
                status=IngestJob.Status.FAILED,
                message=_("The job could not be queued (%(error)s); queue it again when the queue is back.")
                % {"error": f"{type(exc).__name__}: {exc}"},
            )

    transaction.on_commit(enqueue)


def _back_to_queue(job: IngestJob, *, expected: dict, message: str) -> bool:
    updated = IngestJob.objects.filter(pk=job.pk, **expected).update(
        status=IngestJob.Status.QUEUED,
        runner="",
        message=message,
        finished_at=None,
        updated_at=timezone.now(),
    )
    if updated:
        enqueue_ingest_job(job)
    return bool(updated)


@transaction.atomic
def requeue_ingest_job(job: IngestJob, *, acting_user) -> IngestJob:
    """Queue an interrupted or failed upload again; its files still pending are ingested, the others kept."""
    if job.source != "upload" or job.status not in (IngestJob.Status.FAILED, IngestJob.Status.INTERRUPTED):
        raise ValidationError(_("Only an interrupted or failed upload can be queued again."))
    if not job.items.filter(status=IngestItem.Status.PENDING).exists():
        raise ValidationError(_("Every file of this job has its result; nothing is left to ingest."))
    message = _("Queued again by %(user)s.") % {"user": acting_user.get_username()}
    if not _back_to_queue(job, expected={"status": job.status}, message=message):
        raise ValidationError(_("The job changed meanwhile; reload the page."))
    IngestJob.objects.filter(pk=job.pk).update(attempts=0)
    job.refresh_from_db()
    return job


def requeue_after_stop(job: IngestJob, message: str = "") -> bool:
    """A worker that stops (or lost the database) hands its job back at once, for the next worker."""
    return _back_to_queue(
        job,
        expected={"runner": job.runner},
        message=message or _("The worker stopped; the job goes on with the next worker."),
    )


def recover_stale_jobs() -> dict[str, int]:
    """Running jobs whose runner went silent past the lease (killed, or lost the database).

    Uploads go back to the queue and resume where they stopped (failed after
    MAX_ATTEMPTS, in case a file itself kills the worker); a job of
    `accord ingest` cannot be resumed by a worker (its files are on the
    operator's disk) and is marked interrupted with the true count.
    """
    counts = {"jobs_requeued": 0, "jobs_interrupted": 0, "jobs_failed": 0}
    alive = ProcessHeartbeat.objects.alive().values_list("name", flat=True)
    for job in IngestJob.objects.stale(lease_cutoff(), alive=alive):
        expected = {
            "status": IngestJob.Status.RUNNING,
            "runner": job.runner,
            "heartbeat_at": job.heartbeat_at,
        }
        runner = job.runner or _("unknown")
        if job.source == "upload" and job.attempts < MAX_ATTEMPTS:
            message = _("Its runner %(runner)s went silent; the job was queued again.") % {"runner": runner}
            with transaction.atomic():
                counts["jobs_requeued"] += _back_to_queue(job, expected=expected, message=message)
            continue
        if not IngestJob.objects.filter(pk=job.pk, **expected).exists():
            continue
        if job.source == "upload":
            status, key = IngestJob.Status.FAILED, "jobs_failed"
            message = _(
                "Its runner went silent %(attempts)s times; the files still pending may stop the worker. "
                "Queue it again to try once more."
            ) % {"attempts": job.attempts}
        else:
            status, key = IngestJob.Status.INTERRUPTED, "jobs_interrupted"
            message = _(
                "The run stopped without finishing (%(runner)s was killed); every file counted here is "
                "stored, none half-stored. Run the same command again to go on."
            ) % {"runner": runner}
        counts[key] += finish_job(job, status, message)
    return counts


def discard_uploads(job: IngestJob) -> None:
    """Uploaded copies of files with a result are no longer needed (the document keeps its original)."""
    done = job.items.exclude(status=IngestItem.Status.PENDING).exclude(upload="")
    for item in done:
        item.upload.storage.delete(item.upload.name)
    done.update(upload="")


@transaction.atomic
def publish_document(document: Document, *, acting_user) -> Document:
    """Make a document and its original file public; a public document stays as it is.

    The change is an audited save (who, when, before and after), which the
    document page shows in its history; search facets follow by the save signal.
    """
    if not is_secretariat(acting_user):
        raise PermissionDenied(_("Only the secretariat publishes documents."))
    document = Document.objects.select_for_update().get(pk=document.pk)
    if document.confidentiality == Confidentiality.PUBLIC:
        return document
    # Only the level changes, to a valid value: the rest of the record is not judged again here.
    document.confidentiality = Confidentiality.PUBLIC
    with acting_as(acting_user):
        document.save(update_fields=["confidentiality", "updated_at"])
    return document


# ---- the secretariat's records of documents --------------------------------------------------


def _check_secretariat(user) -> None:
    if not is_secretariat(user):
        raise PermissionDenied(_("Only the secretariat keeps documents."))


@service
def create_document(document: Document, *, acting_user) -> Document:
    """Validate and save a new document (with its original file, when one is attached)."""
    _check_secretariat(acting_user)
    if document.pk is not None:
        raise ValueError("create_document saves new documents only")
    return save_validated(document)


@service
def update_document(document: Document, *, acting_user) -> Document:
    """Validate and save a changed document."""
    _check_secretariat(acting_user)
    if document.pk is None:
        raise ValueError("update_document saves stored documents only")
    return save_validated(document)


@service
def delete_document(document: Document, *, acting_user) -> None:
    """Delete a document; `ProtectedError` (other records refer to it) reaches the caller."""
    _check_secretariat(acting_user)
    document.delete()


@transaction.atomic
def complete_from_text(document: Document, *, published_on=None, kind: str = "") -> Document:
    """Give a document the date and kind its own text shows, where its uploader gave none.

    Only what is missing is filled (no date; kind «Other»), so a value a
    person chose is never overwritten and a second reading changes nothing.
    The text's reader (extraction) calls this; the save is the machine's, not
    a person's, and is audited as such.
    """
    document = Document.objects.select_for_update().get(pk=document.pk)
    changed = []
    if published_on and document.published_on is None:
        document.published_on = published_on
        changed.append("published_on")
    if kind and kind in DocumentKind.values and document.kind == DocumentKind.OTHER:
        document.kind = kind
        changed.append("kind")
    if changed:
        document.save(update_fields=[*changed, "updated_at"])
    return document


@service
def register_cited_document(symbol: str, *, cited_by: Document, acting_user) -> Document:
    """The document with this symbol; when none is registered, one is, known by its symbol alone.

    Such a document is known only from the text that cites it, so it is
    public no further than that text and in its language.
    """
    _check_secretariat(acting_user)
    cited = Document.objects.filter(symbol=symbol).order_by("pk").first()
    if cited is not None:
        return cited
    return create_document(
        Document(
            symbol=symbol,
            title=symbol,
            language=cited_by.language,
            confidentiality=cited_by.confidentiality,
        ),
        acting_user=acting_user,
    )
