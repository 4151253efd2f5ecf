"""Documents: UN-symbol documents, reports, news — metadata, original file and text."""

import hashlib
from collections.abc import Callable

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import IntegrityError, models, transaction
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from accord.core.choices import Confidentiality
from accord.core.models import TimestampedModel, confidentiality_field
from accord.core.querysets import ConfidentialityQuerySet
from accord.documents.choices import DocumentKind, DocumentLanguage
from accord.documents.querysets import DocumentQuerySet, IngestJobQuerySet
from accord.documents.symbols import SymbolError, parse_symbol


class Document(TimestampedModel):
    """One language version of a document (документ).

    Versions of the same document share its UN symbol («CTOC/COP/2020/1» in
    Russian and in English) or, without a symbol, point to one original
    through `version_of`.
    """

    symbol = models.CharField(_("UN symbol"), max_length=120, blank=True, db_index=True)
    symbol_root = models.CharField(
        _("symbol without revisions"), max_length=120, blank=True, db_index=True, editable=False
    )
    language = models.CharField(_("language"), max_length=8, choices=DocumentLanguage.choices)
    title = models.CharField(_("title"), max_length=1000)
    kind = models.CharField(
        _("kind"), max_length=32, choices=DocumentKind.choices, default=DocumentKind.OTHER
    )
    published_on = models.DateField(_("date"), null=True, blank=True)
    publisher = models.ForeignKey(
        "registry.Organization",
        verbose_name=_("publisher"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="published_documents",
    )
    meeting = models.ForeignKey(
        "meetings.Meeting",
        verbose_name=_("meeting"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="documents",
    )
    agenda_item = models.ForeignKey(
        "meetings.AgendaItem",
        verbose_name=_("agenda item"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="documents",
    )
    version_of = models.ForeignKey(
        "self",
        verbose_name=_("language version of"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="language_versions",
    )
    source_url = models.URLField(_("source address"), max_length=2000, blank=True)
    original = models.FileField(_("original file"), upload_to="originals/%Y/%m/", blank=True)
    text = models.TextField(_("text"), blank=True)
    content_hash = models.CharField(
        _("content hash"), max_length=64, blank=True, db_index=True, editable=False
    )
    author = models.CharField(_("author"), max_length=300, blank=True)
    original_name = models.CharField(_("original file name"), max_length=300, blank=True)
    near_duplicate_of = models.ForeignKey(
        "self",
        verbose_name=_("near-duplicate of"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="near_duplicates",
        help_text=_("The first-stored version of the same story; its cluster is shown together."),
    )
    minhash = models.BinaryField(_("MinHash signature"), null=True, blank=True, editable=False)
    # Members only until someone decides otherwise: publishing is a decision (`publish_document`).
    confidentiality = confidentiality_field(default=Confidentiality.RESTRICTED)

    objects = DocumentQuerySet.as_manager()

    class Meta:
        ordering = ["-published_on", "-pk"]
        verbose_name = _("document")
        verbose_name_plural = _("documents")
        # The latest documents first (home page, profiles, lists): read backwards, not sorted.
        indexes = [models.Index(fields=["published_on", "id"], name="document_published")]
        constraints = [
            models.UniqueConstraint(
                fields=["symbol", "language"],
                condition=~models.Q(symbol=""),
                name="document_unique_symbol_language",
                violation_error_message=_("A document with this symbol in this language already exists."),
            ),
        ]

    def clean(self) -> None:
        super().clean()
        errors: dict[str, str] = {}
        if self.symbol:
            try:
                parsed = parse_symbol(self.symbol)
            except SymbolError as exc:
                errors["symbol"] = str(exc)
            else:
                self.symbol, self.symbol_root = parsed.symbol, parsed.root
        if not self.title.strip():
            errors["title"] = _("A document needs a title.")
        if self.agenda_item_id:
            if not self.meeting_id:
                self.meeting_id = self.agenda_item.meeting_id
            elif self.agenda_item.meeting_id != self.meeting_id:
                errors["agenda_item"] = _("The agenda item belongs to another meeting.")
        if self.version_of_id:
            if self.pk and self.version_of_id == self.pk:
                errors["version_of"] = _("A document cannot be a version of itself.")
            elif self.version_of.language == self.language:
                errors["version_of"] = _("A language version is in another language than the original.")
        if errors:
            raise ValidationError(errors)

    def save(self, *args, **kwargs) -> None:
        if self.symbol:
            try:
                parsed = parse_symbol(self.symbol)
                self.symbol, self.symbol_root = parsed.symbol, parsed.root
            except SymbolError:
                pass  # clean() reports it to people; scripts keep what they stored
        if self.text:
            self.content_hash = self.hash_text(self.text)
        super().save(*args, **kwargs)

    def save_with_original(
        self, data: bytes, text: str, *, on_stored: "Callable[[Document], None] | None" = None
    ) -> None:
        """Store the document, its original file and its near-duplicate links, all or nothing.

        The database rolls back by itself; the file written to storage is
        removed by hand when anything fails, Ctrl-C included. `on_stored` runs
        in the same transaction (an ingest job records the file as added), so
        a document and the record of who added it exist together or not at all.
        """
        stored = ""
        try:
            with transaction.atomic():
                if data:
                    self.original.save(self.original_name or "original", ContentFile(data), save=False)
                    stored = self.original.name
                from accord.documents.ingest import near_duplicates

                bands = near_duplicates.prepare(self, text)
                try:
                    with transaction.atomic():
                        self.save()
                except IntegrityError:
                    self.symbol = ""  # the symbol is taken in this language: keep the text anyway
                    self.save()
                near_duplicates.store_bands(self, bands)
                if on_stored is not None:
                    on_stored(self)
        except BaseException:
            if stored:
                self.original.storage.delete(stored)
            self.pk = None
            raise

    @staticmethod
    def hash_text(text: str) -> str:
        return hashlib.sha256(text.encode("utf-8")).hexdigest()

    def cluster(self) -> models.QuerySet:
        """This story as other outlets republished it: the cluster's root and its members."""
        root = self.near_duplicate_of_id or self.pk
        return Document.objects.filter(models.Q(pk=root) | models.Q(near_duplicate_of_id=root)).exclude(
            pk=self.pk
        )

    def versions(self) -> models.QuerySet:
        """The other language versions of this document."""
        if self.symbol:
            return Document.objects.filter(symbol=self.symbol).exclude(pk=self.pk)
        root = self.version_of_id or self.pk
        return Document.objects.filter(models.Q(pk=root) | models.Q(version_of_id=root)).exclude(pk=self.pk)

    def __str__(self) -> str:
        return f"{self.symbol} ({self.language})" if self.symbol else self.title[:120]

    def get_absolute_url(self) -> str:
        return reverse("documents:document_detail", kwargs={"pk": self.pk})


class DocumentBand(models.Model):
    """One LSH band of a document's MinHash: equal bands make two documents candidates."""

    document = models.ForeignKey(Document, on_delete=models.CASCADE, related_name="bands")
    band = models.PositiveSmallIntegerField()
    value = models.BigIntegerField()

    class Meta:
        indexes = [models.Index(fields=["band", "value"], name="document_band_lookup")]

    def __str__(self) -> str:
        return f"{self.document_id}:{self.band}"


class IngestJob(TimestampedModel):
    """One run of `accord ingest` or one upload: its files and what became of them."""

    class Status(models.TextChoices):
        QUEUED = "queued", _("Queued")
        RUNNING = "running", _("Running")
        DONE = "done", _("Done")
        FAILED = "failed", _("Failed")
        INTERRUPTED = "interrupted", _("Interrupted")

    status = models.CharField(_("status"), max_length=16, choices=Status.choices, default=Status.QUEUED)
    source = models.CharField(_("source"), max_length=16, default="cli")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("started by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
    )
    total = models.PositiveIntegerField(_("files"), default=0)
    added = models.PositiveIntegerField(_("added"), default=0)
    duplicates = models.PositiveIntegerField(_("already present"), default=0)
    failed = models.PositiveIntegerField(_("failed"), default=0)
    started_at = models.DateTimeField(_("started at"), null=True, blank=True)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)
    message = models.TextField(_("message"), blank=True)
    # Who runs it and when it last moved: a running job silent past the lease is requeued
    # (uploads) or marked interrupted (`accord ingest`), see `services.recover_stale_jobs`.
    runner = models.CharField(_("run by"), max_length=200, blank=True)
    heartbeat_at = models.DateTimeField(_("last heartbeat"), null=True, blank=True)
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    confidentiality = confidentiality_field(
        default=Confidentiality.RESTRICTED,
        help_text=_("The level of the documents the job adds, chosen by whoever started it."),
    )
    # What the uploader knows of the documents; left blank, the pipeline reads it from each file.
    kind = models.CharField(_("kind"), max_length=32, choices=DocumentKind.choices, blank=True)
    language = models.CharField(_("language"), max_length=8, choices=DocumentLanguage.choices, blank=True)
    published_on = models.DateField(_("date"), null=True, blank=True)

    objects = IngestJobQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("ingest job")
        verbose_name_plural = _("ingest jobs")

    @property
    def processed(self) -> int:
        return self.added + self.duplicates + self.failed

    @property
    def is_finished(self) -> bool:
        return self.status in (self.Status.DONE, self.Status.FAILED, self.Status.INTERRUPTED)

    def get_absolute_url(self) -> str:
        return reverse("documents:ingest_job", kwargs={"pk": self.pk})

    def __str__(self) -> str:
        return _("Ingest job %(pk)s") % {"pk": self.pk}


class IngestItem(TimestampedModel):
    """One file of an ingest job: added, already present or failed, and why."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Pending")
        ADDED = "added", _("Added")
        DUPLICATE = "duplicate", _("Already present")
        FAILED = "failed", _("Failed")

    job = models.ForeignKey(IngestJob, verbose_name=_("job"), on_delete=models.CASCADE, related_name="items")
    name = models.CharField(_("file"), max_length=1000)
    size = models.BigIntegerField(_("size"), default=0)
    status = models.CharField(_("status"), max_length=16, choices=Status.choices, default=Status.PENDING)
    reason = models.CharField(_("reason"), max_length=1000, blank=True)
    document = models.ForeignKey(
        Document,
        verbose_name=_("document"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    upload = models.FileField(_("uploaded file"), upload_to="uploads/%Y/%m/", blank=True)

    class Meta:
        ordering = ["job_id", "pk"]
        verbose_name = _("ingested file")
        verbose_name_plural = _("ingested files")

    def __str__(self) -> str:
        return self.name


class DocumentTerms(models.Model):
    """A document's index terms (lemmas and stems), what the full-text indexes are built from.

    SQLite's FTS5 table reads it as external content through triggers;
    PostgreSQL's tsvector is computed from it. Kept apart from the filters
    so that matching and counting never load these long rows.
    """

    document = models.OneToOneField(
        Document, on_delete=models.CASCADE, primary_key=True, related_name="terms"
    )
    title_terms = models.TextField(blank=True)
    body_terms = models.TextField(blank=True)

    def __str__(self) -> str:
        return str(self.document_id)


class DocumentSearch(models.Model):
    """A narrow copy of what search filters on, one short row per document.

    Counting 80,000 matches of a common word touches 80,000 rows: here they
    are a few dozen bytes each instead of a document with its text. On
    PostgreSQL this table also carries the GIN-indexed `vector` (migration 0005).
    """

    document = models.OneToOneField(
        Document, on_delete=models.CASCADE, primary_key=True, related_name="search"
    )
    # No index here: PostgreSQL would prefer it to the GIN index and then
    # unpack every matching row's tsvector (measured: 520 ms instead of 22 ms).
    confidentiality = models.CharField(max_length=16)
    language = models.CharField(max_length=8)
    kind = models.CharField(max_length=32)
    published_on = models.DateField(null=True)
    meeting_id = models.BigIntegerField(null=True)
    publisher_id = models.BigIntegerField(null=True)

    objects = ConfidentialityQuerySet.as_manager()

    def __str__(self) -> str:
        return str(self.document_id)
