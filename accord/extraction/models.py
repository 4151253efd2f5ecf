"""What extraction found in documents: the analysis of a text, its mentions and suggestions.

The records a mention names are plain nullable foreign keys to `State`,
`Organization` and `Person`, not a generic relation: the set of targets is
closed (the registry's three kinds of names), the keys keep referential
integrity (a deleted record leaves the mention unlinked, `SET_NULL`), one
`select_related` reads a page of mentions with their records, and a record's
page finds the documents that mention it through an indexed reverse lookup.
A suggestion links the records its acceptance created or updated the same
way, which is what lets a meeting's or a person's page show its evidence.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from accord.core.models import TimestampedModel
from accord.extraction.choices import MentionMethod, MentionType, SuggestionKind, SuggestionStatus
from accord.extraction.querysets import ExtractionQuerySet, MentionQuerySet, SuggestionQuerySet


class Extraction(models.Model):
    """The last analysis of one document (разбор документа): its contract and the text it read.

    `text_hash` is the SHA-256 of the normalized text the mentions' offsets
    refer to, so pages can tell whether the document's text changed since.
    """

    document = models.OneToOneField(
        "documents.Document",
        verbose_name=_("document"),
        on_delete=models.CASCADE,
        related_name="extraction",
    )
    language = models.CharField(_("language"), max_length=8, blank=True)
    published_on = models.DateField(_("publication date found"), null=True, blank=True)
    contract = models.JSONField(_("extraction result"), default=dict, blank=True)
    text_hash = models.CharField(_("hash of the analyzed text"), max_length=64, blank=True)
    extracted_at = models.DateTimeField(_("extracted at"))

    objects = ExtractionQuerySet.as_manager()

    class Meta:
        verbose_name = _("extraction")
        verbose_name_plural = _("extractions")

    def __str__(self) -> str:
        return str(self.document)


class Mention(models.Model):
    """A span of a document's text that names something (упоминание): a state, a body, a date…

    `begin` and `end` are character offsets into the normalized text;
    `key` keeps the registry key the pipeline gave (ISO code, slug, id) even
    when the record it pointed to is gone.
    """

    document = models.ForeignKey(
        "documents.Document", verbose_name=_("document"), on_delete=models.CASCADE, related_name="mentions"
    )
    begin = models.PositiveIntegerField(_("start offset"))
    end = models.PositiveIntegerField(_("end offset"))
    type = models.CharField(_("type"), max_length=16, choices=MentionType.choices)
    text = models.CharField(_("surface text"), max_length=500)
    normal = models.CharField(_("normal form"), max_length=500, blank=True)
    key = models.CharField(_("registry key"), max_length=120, blank=True)
    state = models.ForeignKey(
        "registry.State",
        verbose_name=_("state"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="mentions",
    )
    organization = models.ForeignKey(
        "registry.Organization",
        verbose_name=_("organization"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="mentions",
    )
    person = models.ForeignKey(
        "registry.Person",
        verbose_name=_("person"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="mentions",
    )
    method = models.CharField(_("method"), max_length=16, choices=MentionMethod.choices)
    confidence = models.FloatField(_("confidence"), default=0.5)

    objects = MentionQuerySet.as_manager()

    class Meta:
        ordering = ["document_id", "begin", "-end"]
        verbose_name = _("mention")
        verbose_name_plural = _("mentions")
        indexes = [models.Index(fields=["document", "begin"], name="mention_document_begin")]
        constraints = [
            models.CheckConstraint(condition=models.Q(end__gt=models.F("begin")), name="mention_not_empty"),
            models.CheckConstraint(
                condition=(
                    models.Q(state__isnull=True, organization__isnull=True)
                    | models.Q(state__isnull=True, person__isnull=True)
                    | models.Q(organization__isnull=True, person__isnull=True)
                ),
                name="mention_at_most_one_record",
            ),
        ]

    @property
    def record(self):
        """The registry record the span names, if it is linked."""
        return self.state or self.organization or self.person

    def __str__(self) -> str:
        return f"{self.text} ({self.get_type_display()})"


class Suggestion(TimestampedModel):
    """A record extraction proposes from a document (предложение к внесению): a meeting, a post…

    `payload` holds the proposed values, `evidence` the sentences that
    support them (`{"text", "begin", "end"}`, offsets into the analyzed
    text). Accepting creates or updates the records and links them here
    (`meeting`, `post`, …), so their pages can show this evidence.
    `fingerprint` identifies what is proposed, so that running extraction
    again keeps decisions already taken.
    """

    document = models.ForeignKey(
        "documents.Document",
        verbose_name=_("document"),
        on_delete=models.CASCADE,
        related_name="suggestions",
    )
    kind = models.CharField(_("kind"), max_length=16, choices=SuggestionKind.choices)
    status = models.CharField(
        _("status"), max_length=16, choices=SuggestionStatus.choices, default=SuggestionStatus.PENDING
    )
    label = models.CharField(_("what is proposed"), max_length=500, blank=True)
    payload = models.JSONField(_("proposed values"), default=dict, blank=True)
    evidence = models.JSONField(_("evidence"), default=list, blank=True)
    confidence = models.FloatField(_("confidence"), default=0.5)
    fingerprint = models.CharField(_("fingerprint"), max_length=40, editable=False)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("decided by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    note = models.CharField(_("note"), max_length=500, blank=True)
    meeting = models.ForeignKey(
        "meetings.Meeting",
        verbose_name=_("meeting"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="suggestions",
    )
    participation = models.ForeignKey(
        "meetings.Participation",
        verbose_name=_("participation"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="suggestions",
    )
    post = models.ForeignKey(
        "registry.Post",
        verbose_name=_("post"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="suggestions",
    )
    person = models.ForeignKey(
        "registry.Person",
        verbose_name=_("person"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="suggestions",
    )
    organization = models.ForeignKey(
        "registry.Organization",
        verbose_name=_("organization"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="suggestions",
    )
    cited_document = models.ForeignKey(
        "documents.Document",
        verbose_name=_("cited document"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="citations",
    )

    objects = SuggestionQuerySet.as_manager()

    class Meta:
        ordering = ["-confidence", "pk"]
        verbose_name = _("suggestion")
        verbose_name_plural = _("suggestions")
        indexes = [models.Index(fields=["status", "kind"], name="suggestion_status_kind")]
        constraints = [
            models.UniqueConstraint(
                fields=["document", "fingerprint"], name="suggestion_unique_per_document"
            ),
            models.CheckConstraint(
                condition=models.Q(confidence__gte=0) & models.Q(confidence__lte=1),
                name="suggestion_confidence_range",
            ),
        ]

    @property
    def record(self):
        """The record accepting created or updated (the most specific one)."""
        return (
            self.participation
            or self.post
            or self.meeting
            or self.organization
            or self.person
            or self.cited_document
        )

    @property
    def is_pending(self) -> bool:
        return self.status == SuggestionStatus.PENDING

    @property
    def record_url(self) -> str:
        """The page of the record accepting created or updated, from ids alone (no queries)."""
        from django.urls import reverse

        if self.meeting_id:
            return reverse("meetings:meeting_detail", kwargs={"pk": self.meeting_id})
        if self.post_id and self.person_id:
            return reverse("registry:person_detail", kwargs={"pk": self.person_id})
        if self.organization_id:
            return reverse("registry:organization_detail", kwargs={"pk": self.organization_id})
        if self.person_id:
            return reverse("registry:person_detail", kwargs={"pk": self.person_id})
        if self.cited_document_id:
            return reverse("documents:document_detail", kwargs={"pk": self.cited_document_id})
        return self.app_record.get("url", "")

    @property
    def app_record(self) -> dict:
        """The record an app above extraction created on acceptance (`{"model", "id", "url", "display"}`), if any."""
        record = (self.payload or {}).get("record")
        return record if isinstance(record, dict) else {}

    @property
    def standing(self):
        """Where this suggestion stands now: new, already recorded, contradicted… (`standing.Standing`)."""
        cached = getattr(self, "_standing", None)
        if cached is None:
            from accord.extraction.standing import annotate

            annotate([self])
            cached = self._standing
        return cached

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.label}"
