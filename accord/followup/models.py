"""The follow-up register: recommendations to states and the history of their implementation."""

import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accord.core.choices import Confidentiality
from accord.core.models import TimestampedModel, confidentiality_field, localized
from accord.followup.choices import CLOSED_STATUSES, Priority, SourceKind, Status, Theme
from accord.followup.querysets import (
    EvidenceQuerySet,
    RecommendationQuerySet,
    StatusUpdateQuerySet,
    UpdateChildQuerySet,
)


class AppendOnlyModel(models.Model):
    """History rows: written once, corrected by a newer row, never edited in place."""

    class Meta:
        abstract = True

    def save(self, *args, **kwargs) -> None:
        if self.pk is not None and type(self).objects.filter(pk=self.pk).exists():
            raise ValidationError(_("History is not edited: record a correction as a new entry."))
        super().save(*args, **kwargs)


class Recommendation(TimestampedModel):
    """A recommendation addressed to a state (рекомендация), tracked until implemented."""

    source_kind = models.CharField(_("source"), max_length=20, choices=SourceKind.choices)
    observation = models.OneToOneField(
        "reviews.Observation",
        verbose_name=_("review observation"),
        on_delete=models.PROTECT,
        related_name="followup_recommendation",
        null=True,
        blank=True,
    )
    document = models.ForeignKey(
        "documents.Document",
        verbose_name=_("source document"),
        on_delete=models.PROTECT,
        related_name="recommendations",
        null=True,
        blank=True,
    )
    meeting = models.ForeignKey(
        "meetings.Meeting",
        verbose_name=_("meeting"),
        on_delete=models.PROTECT,
        related_name="recommendations",
        null=True,
        blank=True,
    )
    source_title_ru = models.CharField(_("source title (Russian)"), max_length=500, blank=True)
    source_title_en = models.CharField(_("source title (English)"), max_length=500, blank=True)
    body = models.ForeignKey(
        "registry.Organization",
        verbose_name=_("recommending body"),
        on_delete=models.PROTECT,
        related_name="recommendations_made",
        null=True,
        blank=True,
    )
    state = models.ForeignKey(
        "registry.State",
        verbose_name=_("addressee state"),
        on_delete=models.PROTECT,
        related_name="recommendations",
    )
    authority = models.ForeignKey(
        "registry.Organization",
        verbose_name=_("addressee authority"),
        on_delete=models.PROTECT,
        related_name="recommendations_received",
        null=True,
        blank=True,
    )
    themes = models.JSONField(_("themes"), default=list, blank=True)
    provisions = models.ManyToManyField(
        "instruments.Provision", verbose_name=_("provisions"), related_name="recommendations", blank=True
    )
    text_ru = models.TextField(_("text (Russian)"), blank=True)
    text_en = models.TextField(_("text (English)"), blank=True)
    priority = models.CharField(
        _("priority"), max_length=8, choices=Priority.choices, default=Priority.MEDIUM
    )
    due_on = models.DateField(_("due on"), null=True, blank=True)
    confidentiality = confidentiality_field(default=Confidentiality.RESTRICTED)
    status = models.CharField(
        _("current status"),
        max_length=16,
        choices=Status.choices,
        default=Status.NOT_STARTED,
        help_text=_("The assessed status, kept by the assessments of the status updates."),
    )
    is_status_assessed = models.BooleanField(_("status assessed"), default=False)
    awaiting_status = models.CharField(
        _("reported status awaiting assessment"),
        max_length=16,
        choices=Status.choices,
        blank=True,
        default="",
        help_text=_(
            "The status of the newest report the secretariat has not assessed yet; "
            "members see it, the public only the assessed status."
        ),
    )

    objects = RecommendationQuerySet.as_manager()

    class Meta:
        ordering = ["due_on", "pk"]
        verbose_name = _("recommendation")
        verbose_name_plural = _("recommendations")
        indexes = [models.Index(fields=["state", "status"], name="recommendation_state_status")]

    text = localized("text")

    source_title = localized("source_title")

    @property
    def is_open(self) -> bool:
        return self.status not in CLOSED_STATUSES

    def is_overdue(self, today: datetime.date | None = None) -> bool:
        today = today or timezone.localdate()
        return self.is_open and self.due_on is not None and self.due_on < today

    @property
    def theme_labels(self) -> list[str]:
        return [str(Theme(t).label) for t in self.themes or [] if t in Theme.values]

    def clean(self) -> None:
        super().clean()
        errors: dict[str, str] = {}
        if not ((self.text_ru or "").strip() or (self.text_en or "").strip()):
            errors["text_ru"] = _("Write the recommendation in Russian or in English.")
        if not isinstance(self.themes, list) or any(t not in Theme.values for t in self.themes):
            errors["themes"] = _("Themes must be a list of known themes.")
        if self.authority_id and self.state_id and self.authority.state_id != self.state_id:
            errors["authority"] = _(
                "The addressee authority must be a national authority of the addressee state."
            )
        if self.observation_id and self.source_kind != SourceKind.COUNTRY_REVIEW:
            errors["observation"] = _(
                "Only a recommendation from a country review links to a review observation."
            )
        if errors:
            raise ValidationError(errors)

    def __str__(self) -> str:
        text = self.text
        return text if len(text) <= 80 else text[:79] + "…"

    def get_absolute_url(self) -> str:
        return reverse("followup:recommendation_detail", kwargs={"pk": self.pk})


class StatusUpdate(AppendOnlyModel):
    """A focal point's report on a recommendation's implementation (информация о ходе выполнения)."""

    recommendation = models.ForeignKey(
        Recommendation, verbose_name=_("recommendation"), on_delete=models.PROTECT, related_name="updates"
    )
    status = models.CharField(_("reported status"), max_length=16, choices=Status.choices)
    text = models.TextField(_("what was done"))
    documents = models.ManyToManyField(
        "documents.Document", verbose_name=_("documents"), related_name="status_updates", blank=True
    )
    reported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("reported by"), on_delete=models.PROTECT, related_name="+"
    )
    reported_at = models.DateTimeField(_("reported at"), default=timezone.now)

    objects = StatusUpdateQuerySet.as_manager()

    class Meta:
        ordering = ["recommendation_id", "reported_at", "pk"]
        verbose_name = _("status update")
        verbose_name_plural = _("status updates")

    def clean(self) -> None:
        super().clean()
        if not (self.text or "").strip():
            raise ValidationError({"text": _("Say what was done.")})

    def __str__(self) -> str:
        return f"{self.get_status_display()} ({self.reported_at:%Y-%m-%d})" if self.reported_at else ""


def evidence_path(instance: "Evidence", filename: str) -> str:
    return f"followup/{instance.update.recommendation_id}/{filename}"


class Evidence(AppendOnlyModel):
    """A file attached to a status update as evidence (подтверждающий материал)."""

    update = models.ForeignKey(
        StatusUpdate, verbose_name=_("status update"), on_delete=models.PROTECT, related_name="files"
    )
    file = models.FileField(_("file"), upload_to=evidence_path)
    name = models.CharField(_("name"), max_length=300)

    objects = EvidenceQuerySet.as_manager()

    class Meta:
        verbose_name = _("evidence file")
        verbose_name_plural = _("evidence files")

    def __str__(self) -> str:
        return self.name


class Assessment(AppendOnlyModel):
    """The secretariat's or the reviewing body's view of a status update (оценка)."""

    update = models.ForeignKey(
        StatusUpdate, verbose_name=_("status update"), on_delete=models.PROTECT, related_name="assessments"
    )
    agrees = models.BooleanField(_("agrees with the reported status"))
    status = models.CharField(_("assessed status"), max_length=16, choices=Status.choices)
    comment = models.TextField(_("comment"), blank=True)
    assessed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("assessed by"), on_delete=models.PROTECT, related_name="+"
    )
    assessed_at = models.DateTimeField(_("assessed at"), default=timezone.now)

    objects = UpdateChildQuerySet.as_manager()

    class Meta:
        ordering = ["update_id", "assessed_at", "pk"]
        verbose_name = _("assessment")
        verbose_name_plural = _("assessments")

    def clean(self) -> None:
        super().clean()
        if not self.agrees and not (self.comment or "").strip():
            raise ValidationError(
                {"comment": _("Say why the assessed status differs from the reported one.")}
            )

    def __str__(self) -> str:
        return f"{self.get_status_display()} ({self.assessed_at:%Y-%m-%d})" if self.assessed_at else ""
