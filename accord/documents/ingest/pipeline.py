"""`accord ingest` and uploads: files in, documents out, every failure explained.

Each file is stored in its own transaction together with its original, so a
bad file, a crash or Ctrl-C never leaves half a document; the job record
says what became of every file.
"""

import functools
import logging
import os
import re
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from auditlog.context import disable_auditlog
from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

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
    """A UN symbol standing alone on one of the first lines, if it is not taken yet."""
    for line in text[:_SYMBOL_HEAD].split("\n"):
        candidate = line.strip()
        if "/" in candidate and " " not in candidate and len(candidate) < 60:
            try:
                symbol = parse_symbol(candidate).symbol
            except SymbolError:
                continue
            if not Document.objects.filter(symbol=symbol, language=language).exists():
                return symbol
    return ""


def ingest_one(
    source: Source, *, limit: int | None = None, confidentiality: str = Confidentiality.RESTRICTED
) -> tuple[str, Document | None, str]:
    """(status, document, reason) for one file; stores it atomically, at the given level, when it is new."""
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
        language = detect_language(text)
    except IngestError as exc:
        return IngestItem.Status.FAILED, None, str(exc)
    except OSError as exc:
        return (
            IngestItem.Status.FAILED,
            None,
            _("The file cannot be read: %(error)s") % {"error": exc.strerror or exc},
        )
    content_hash = Document.hash_text(text)
    existing = Document.objects.filter(content_hash=content_hash).order_by().first()
    if existing is not None:
        return IngestItem.Status.DUPLICATE, existing, ""
    document = Document(
        title=_title(extracted.title, text, source.name),
        text=text,
        language=language,
        author=extracted.author[:300],
        published_on=extracted.published_on,
        source_url=extracted.source_url[:2000],
        original_name=Path(source.name).name[:300],
        symbol=_symbol(text, language),
        confidentiality=confidentiality,
    )
    with disable_auditlog():  # the ingest job is the record of who added what
        document.save_with_original(data, text)
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
    a tenth of ingesting it, while the job page only needs them a few times a second."""

    FLUSH_SECONDS = 0.5
    FLUSH_ITEMS = 100

    def __init__(self, job: IngestJob) -> None:
        self.job = job
        self.pending: list[IngestItem] = []
        self.flushed_at = time.monotonic()

    def add(self, item: IngestItem) -> None:
        field = {"added": "added", "duplicate": "duplicates", "failed": "failed"}[item.status]
        setattr(self.job, field, getattr(self.job, field) + 1)
        self.pending.append(item)
        if len(self.pending) >= self.FLUSH_ITEMS or time.monotonic() - self.flushed_at >= self.FLUSH_SECONDS:
            self.flush()

    def flush(self) -> None:
        if not self.pending:
            return
        with transaction.atomic():
            fresh = [item for item in self.pending if item.pk is None]
            known = [item for item in self.pending if item.pk is not None]
            IngestItem.objects.bulk_create(fresh)
            if known:
                IngestItem.objects.bulk_update(known, ["status", "document", "reason", "size"])
            self.job.save(update_fields=["added", "duplicates", "failed", "updated_at"])
        self.pending = []
        self.flushed_at = time.monotonic()


def ingest(
    sources: list[Source],
    job: IngestJob,
    *,
    progress: Callable[[Source, str], None] | None = None,
    keep_total: bool = False,
    process: str = "background",
) -> IngestJob:
    """Ingest every source, recording each outcome on the job as it goes (a job page follows live).

    `keep_total` keeps a total set beforehand (an upload counts files refused at once, too).
    `process` says how new documents reach the apps that read them (`process_documents`):
    inline as each is stored, or enqueued when the run ends, however it ends.
    """
    job.status = IngestJob.Status.RUNNING
    if not keep_total:
        job.total = len(sources)
    job.started_at = timezone.now()
    job.save()
    added: list[int] = []
    outcomes = _Outcomes(job)
    try:
        for source in sources:
            status, document, reason = ingest_one(source, confidentiality=job.confidentiality)
            item = source.item or IngestItem(job=job, name=source.name)
            item.status, item.document, item.reason = status, document, reason[:1000]
            try:
                item.size = source.size()
            except OSError:
                item.size = 0
            outcomes.add(item)
            if status == IngestItem.Status.ADDED and document is not None:
                if process == "inline":
                    process_documents([document.pk], mode="inline")
                else:
                    added.append(document.pk)
            if progress:
                progress(source, status)
    except KeyboardInterrupt:
        outcomes.flush()
        job.status = IngestJob.Status.INTERRUPTED
        job.message = _("Interrupted; every file before the interruption is stored, none half-stored.")
        job.finished_at = timezone.now()
        job.save()
        raise
    finally:
        outcomes.flush()
        process_documents(added, mode=process)
    job.status = IngestJob.Status.DONE
    job.finished_at = timezone.now()
    job.save()
    return job
