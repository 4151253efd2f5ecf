"""`accord ingest` and uploads: files in, documents out, every failure explained.

Each file is stored in its own transaction together with its original and
the job's record that it was added, so a bad file, a crash, Ctrl-C or
`kill -9` never leaves half a document, and a job taken up again after its
runner died ingests every remaining file once: a file already recorded is
not pending any more, and two runners racing for one file store it once.
"""

import datetime
import functools
import logging
import os
import re
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from auditlog.context import disable_auditlog
from django.conf import settings
from django.db import connection, models, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accord.core.cache import bump_generation, invalidation_deferred
from accord.core.choices import Confidentiality
from accord.documents.ingest.errors import IngestError
from accord.documents.ingest.loaders import extract
from accord.documents.ingest.text import detect_language, normalize
from accord.documents.models import Document, IngestItem, IngestJob
from accord.documents.symbols import SymbolError, parse_symbol

MIN_TEXT_LENGTH = 20
_SYMBOL_HEAD = 400
PROCESS_BATCH = 100
logger = logging.getLogger(__name__)


@dataclass
class Source:
    """A file to ingest: on disk (`path`) or uploaded (`item.upload`)."""

    name: str
    path: Path | None = None
    item: IngestItem | None = None
    error: str = ""

    def size(self) -> int:
        if self.path is not None:
            return self.path.stat().st_size
        return self.item.upload.size if self.item and self.item.upload else 0

    def read(self) -> bytes:
        if self.path is not None:
            return self.path.read_bytes()
        with self.item.upload.open("rb") as handle:
            return handle.read()


def collect(paths: Iterable[str | Path]) -> list[Source]:
    """Files named and files inside folders named, recursively, in a stable order; hidden files skipped."""
    sources: list[Source] = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            for root, dirs, files in os.walk(path):
                dirs[:] = sorted(d for d in dirs if not d.startswith("."))
                sources.extend(
                    Source(name=str(Path(root) / f), path=Path(root) / f)
                    for f in sorted(files)
                    if not f.startswith(".")
                )
        elif path.is_file():
            sources.append(Source(name=str(path), path=path))
        else:
            sources.append(Source(name=str(path), error=_("No such file or folder.")))
    return sources


def max_bytes() -> int:
    return settings.ACCORD_MAX_UPLOAD_BYTES


def _title(extracted_title: str, text: str, name: str) -> str:
    if extracted_title:
        return extracted_title[:1000]
    for line in text.split("\n")[:40]:
        # A heading is a line of words, not a phone number, a date or a menu item.
        if len(re.findall(r"[^\W\d_]{2,}", line)) >= 3:
            return line.strip()[:300]
    return Path(name).name[:300]


def _symbol(text: str, language: str) -> str:
    """The UN symbol at the head of a text, if it is not taken yet.

    Alone on a line, or on the masthead beside the organization's name
    ("United Nations CTOC/COP/2020/1", «Организация Объединенных Наций
    СТОС/СОР/2020/1» in look-alike letters); a word with a slash counts only
    when it parses as a symbol with a number («резолюция 9/1» does not).
    """
    for line in text[:_SYMBOL_HEAD].split("\n"):
        for candidate in line.split():
            if "/" not in candidate or len(candidate) >= 60 or not re.search(r"\d", candidate):
                continue
            try:
                symbol = parse_symbol(candidate).symbol
            except SymbolError:
                continue
            if not Document.objects.filter(symbol=symbol, language=language).exists():
                return symbol
    return ""


def _same_text(content_hash: str) -> int | None:
    """The id of a document with this text, if any: one indexed lookup per file, in plain SQL
    (compiling the ORM's query over every column of a document cost more than running it)."""
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT id FROM {Document._meta.db_table} WHERE content_hash = %s LIMIT 1", [content_hash]
        )
        row = cursor.fetchone()
    return row[0] if row else None


class AlreadyIngested(Exception):  # noqa: N818 - a signal between two steps, not an error
    """Another runner of the same job recorded this file first; this copy was rolled back."""


class StopRequested(Exception):  # noqa: N818 - a signal between two steps, not an error
    """The process was asked to stop: the job stops between two files."""


def ingest_one(
    source: Source,
    *,
    limit: int | None = None,
    on_stored: Callable[[Document], None] | None = None,
    confidentiality: str = Confidentiality.RESTRICTED,
    kind: str = "",
    language: str = "",
    published_on: datetime.date | None = None,
) -> tuple[str, Document | None, str]:
    """(status, document, reason) for one file; stores it atomically, at the given level, when it is new.

    `kind`, `language` and `published_on`, when given (the uploader knows
    them), win over what is read from the file. `on_stored(document)` runs
    inside the document's transaction.
    """
    if source.error:
        return IngestItem.Status.FAILED, None, source.error
    limit = limit or max_bytes()
    try:
        size = source.size()
    except OSError as exc:
        return (
            IngestItem.Status.FAILED,
            None,
            _("The file cannot be read: %(error)s") % {"error": exc.strerror or exc},
        )
    if size > limit:
        return (
            IngestItem.Status.FAILED,
            None,
            _("The file is larger than the limit of %(limit)s MB.")
            % {"limit": round(limit / (1024 * 1024), 1)},
        )
    try:
        data = source.read()
        extracted = extract(source.name, data)
        text = normalize(extracted.text)
        if len(text) < MIN_TEXT_LENGTH:
            raise IngestError(_("The file has no text to speak of."))
        language = language or detect_language(text)
    except IngestError as exc:
        return IngestItem.Status.FAILED, None, str(exc)
    except OSError as exc:
        return (
            IngestItem.Status.FAILED,
            None,
            _("The file cannot be read: %(error)s") % {"error": exc.strerror or exc},
        )
    content_hash = Document.hash_text(text)
    existing = _same_text(content_hash)
    if existing is not None:
        return IngestItem.Status.DUPLICATE, Document.objects.get(pk=existing), ""
    document = Document(
        title=_title(extracted.title, text, source.name),
        text=text,
        language=language,
        author=extracted.author[:300],
        published_on=published_on or extracted.published_on,
        source_url=extracted.source_url[:2000],
        original_name=Path(source.name).name[:300],
        symbol=_symbol(text, language),
        confidentiality=confidentiality,
    )
    if kind:
        document.kind = kind
    with disable_auditlog():  # the ingest job is the record of who added what
        document.save_with_original(data, text, on_stored=on_stored)
    return IngestItem.Status.ADDED, document, ""


def process_documents(document_ids: list[int], *, mode: str = "background") -> None:
    """Hand newly stored documents to the apps that read them (extraction), in batches.

    An app offers a django-tasks task as its AppConfig's `document_processor`
    (see `accord.core.reference.loaders`), so documents never imports it.
    `background` enqueues after commit for `accord worker`; `inline` runs the
    tasks here (`accord ingest` without a worker), a failure logged, never
    undoing the ingestion; `none` skips them.
    """
    if mode == "none" or not document_ids:
        return
    from accord.core.reference import loaders

    for processor in loaders("document_processor"):
        for start in range(0, len(document_ids), PROCESS_BATCH):
            batch = list(document_ids[start : start + PROCESS_BATCH])
            if mode == "inline":
                try:
                    processor.call(batch)
                except Exception:
                    logger.exception("Processing documents %s failed", batch)
            else:
                transaction.on_commit(functools.partial(processor.enqueue, batch))


class _Outcomes:
    """Per-file results written in small batches: a row and a counter update per file cost
    a tenth of ingesting it, while the job page only needs them a few times a second.

    Added files are the exception: their row is written with the document
    (`_record_added`), in the same transaction, so that no crash separates the
    two. `ingest` flushes between two batches of files (`due`), after the
    batch's transaction committed. Duplicates and
    failures changed nothing, so one lost in a crash is simply read again.
    Each flush is also the job's heartbeat; a runner that lost the job to
    another (its lease ran out) writes nothing over the other's counters.
    It also makes cached pages stale, once for the documents stored since the
    last flush: `ingest` defers the invalidation per save, a cache write per
    file that cost a sixth of ingesting it.
    """

    FLUSH_SECONDS = 0.5
    FLUSH_ITEMS = 100

    def __init__(self, job: IngestJob) -> None:
        self.job = job
        self.pending: list[IngestItem] = []
        self.stored = False
        self.flushed_at = time.monotonic()
        self.since_flush = 0

    def add(self, item: IngestItem, *, stored: bool = False) -> None:
        field = {"added": "added", "duplicate": "duplicates", "failed": "failed"}[item.status]
        setattr(self.job, field, getattr(self.job, field) + 1)
        self.since_flush += 1
        if stored:
            self.stored = True
        else:
            self.pending.append(item)

    def due(self) -> bool:
        return (
            self.since_flush >= self.FLUSH_ITEMS or time.monotonic() - self.flushed_at >= self.FLUSH_SECONDS
        )

    def flush(self) -> None:
        with transaction.atomic():
            fresh = [item for item in self.pending if item.pk is None]
            known = [item for item in self.pending if item.pk is not None]
            IngestItem.objects.bulk_create(fresh)
            if known:
                IngestItem.objects.bulk_update(known, ["status", "document", "reason", "size"])
            now = timezone.now()
            IngestJob.objects.filter(pk=self.job.pk, runner=self.job.runner).update(
                added=self.job.added,
                duplicates=self.job.duplicates,
                failed=self.job.failed,
                heartbeat_at=now,
                updated_at=now,
            )
        self.pending = []
        if self.stored:
            bump_generation()
            self.stored = False
        self.flushed_at = time.monotonic()
        self.since_flush = 0


def _record_added(item: IngestItem, size: int) -> Callable[[Document], None]:
    """Write the item as added inside the document's transaction; a file another runner took rolls back."""

    def record(document: Document) -> None:
        if item.pk is None:
            item.status, item.document, item.size = IngestItem.Status.ADDED, document, size
            IngestItem.objects.bulk_create([item])  # like the batched rows: no signals per file
            return
        taken = IngestItem.objects.filter(pk=item.pk, status=IngestItem.Status.PENDING).update(
            status=IngestItem.Status.ADDED, document=document, reason="", size=size, updated_at=timezone.now()
        )
        if not taken:
            raise AlreadyIngested(item.name)

    return record


def finish_job(job: IngestJob, status: str, message: str = "") -> bool:
    """Close the run with counters recounted from the files' rows (the true count, whatever happened).

    Only the job's current runner may close it; False when another took it over.
    """
    counts = dict(job.items.order_by().values_list("status").annotate(n=models.Count("pk")))
    job.added = counts.get(IngestItem.Status.ADDED, 0)
    job.duplicates = counts.get(IngestItem.Status.DUPLICATE, 0)
    job.failed = counts.get(IngestItem.Status.FAILED, 0)
    job.status, job.finished_at = status, timezone.now()
    if message:
        job.message = message
    fields = {
        "added": job.added,
        "duplicates": job.duplicates,
        "failed": job.failed,
        "status": status,
        "finished_at": job.finished_at,
        "message": job.message,
        "updated_at": job.finished_at,
    }
    return bool(IngestJob.objects.filter(pk=job.pk, runner=job.runner).update(**fields))


def _ingest_batch(
    pending: Iterator[Source],
    job: IngestJob,
    outcomes: _Outcomes,
    stored: list[int],
    *,
    progress: Callable[[Source, str], None] | None,
    should_stop: Callable[[], bool] | None,
) -> bool:
    """The files up to the next flush in one transaction; their documents' ids go to `stored` once
    committed. True while files remain.

    A commit per file cost a sixth of ingesting it (the search tables and
    indexes written again each time). Each file still has its own savepoint
    (`Document.save_with_original`), so a bad file takes nothing else with it;
    an interruption commits the files before it, then goes on up. Should the
    batch itself roll back, the originals it wrote are removed and its
    duplicates and failures are forgotten, to be read again.
    """
    documents: list[Document] = []
    first_pending = len(outcomes.pending)
    interruption: BaseException | None = None
    more = False
    try:
        with transaction.atomic():
            for source in pending:
                try:
                    if should_stop is not None and should_stop():
                        raise StopRequested
                    item = source.item or IngestItem(job=job, name=source.name)
                    try:
                        size = source.size()
                    except OSError:
                        size = 0
                    try:
                        status, document, reason = ingest_one(
                            source,
                            on_stored=_record_added(item, size),
                            confidentiality=job.confidentiality,
                            kind=job.kind,
                            language=job.language,
                            published_on=job.published_on,
                        )
                    except AlreadyIngested:
                        continue  # another runner of this job stored it: counted by that runner
                except (KeyboardInterrupt, StopRequested) as exc:
                    interruption = exc  # this file was rolled back to its savepoint; the others commit
                    break
                item.status, item.document, item.reason, item.size = status, document, reason[:1000], size
                outcomes.add(item, stored=status == IngestItem.Status.ADDED)
                if status == IngestItem.Status.ADDED and document is not None:
                    documents.append(document)
                if progress:
                    progress(source, status)
                if outcomes.due():
                    more = True
                    break
    except BaseException:
        for document in documents:
            if document.original:
                document.original.storage.delete(document.original.name)
        del outcomes.pending[first_pending:]
        raise
    stored.extend(document.pk for document in documents)
    if interruption is not None:
        raise interruption
    return more


def ingest(
    sources: list[Source],
    job: IngestJob,
    *,
    progress: Callable[[Source, str], None] | None = None,
    keep_total: bool = False,
    process: str = "background",
    should_stop: Callable[[], bool] | None = None,
) -> IngestJob:
    """Ingest every source, recording each outcome on the job as it goes (a job page follows live).

    `keep_total` keeps a total set beforehand (an upload counts files refused at once, too).
    `process` says how new documents reach the apps that read them (`process_documents`):
    inline after each batch is stored, or enqueued when the run ends, however it ends.
    `should_stop` is asked between two files; when it says yes the job stops as
    interrupted and `StopRequested` is raised (a worker asked to stop).
    """
    from accord.core.background import process_name

    now = timezone.now()
    job.status = IngestJob.Status.RUNNING
    job.runner = job.runner or process_name()
    job.heartbeat_at = now
    job.started_at = job.started_at or now
    if not keep_total:
        job.total = len(sources)
    job.save()
    added: list[int] = []
    outcomes = _Outcomes(job)
    pending = iter(sources)
    try:
        with invalidation_deferred():
            more = True
            while more:
                stored: list[int] = []
                try:
                    more = _ingest_batch(
                        pending, job, outcomes, stored, progress=progress, should_stop=should_stop
                    )
                finally:
                    if process == "inline":
                        process_documents(stored, mode="inline")
                    else:
                        added.extend(stored)
                outcomes.flush()
    except (KeyboardInterrupt, StopRequested):
        outcomes.flush()
        finish_job(
            job,
            IngestJob.Status.INTERRUPTED,
            _("Interrupted; every file before the interruption is stored, none half-stored."),
        )
        raise
    finally:
        try:
            outcomes.flush()
        finally:
            process_documents(added, mode=process)
    finish_job(job, IngestJob.Status.DONE)
    return job
