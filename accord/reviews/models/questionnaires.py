"""The self-assessment questionnaire: questions, answers and their versions, attachments, comments."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accord.core.models import TimestampedModel, localized
from accord.reviews.choices import (
    Implementation,
    QuestionKind,
    Side,
    VersionStatus,
)
from accord.reviews.models.country_reviews import CountryReview
from accord.reviews.models.cycles import Cluster
from accord.reviews.querysets import (
    ReviewChildQuerySet,
)


class Question(models.Model):
    """One question of a cluster's self-assessment questionnaire, about one provision."""

    cluster = models.ForeignKey(Cluster, on_delete=models.CASCADE, related_name="questions")
    provision = models.ForeignKey("instruments.Provision", on_delete=models.PROTECT, related_name="questions")
    kind = models.CharField(_("kind"), max_length=16, choices=QuestionKind.choices)
    position = models.PositiveIntegerField(_("position"), default=0)
    text_ru = models.TextField(_("question (Russian)"), blank=True)
    text_en = models.TextField(_("question (English)"), blank=True)
    required = models.BooleanField(_("required for submission"), default=False)

    class Meta:
        ordering = ["cluster_id", "position", "pk"]
        verbose_name = _("question")
        verbose_name_plural = _("questions")
        constraints = [
            models.UniqueConstraint(fields=["cluster", "provision", "kind"], name="question_unique_kind")
        ]

    text = localized("text", fallback=lambda self: self.get_kind_display())

    def __str__(self) -> str:
        return f"{self.provision.label}: {self.get_kind_display()}"


class Response(TimestampedModel):
    """A state's answer to a question; its text lives in versions, the newest accepted one is current."""

    review = models.ForeignKey(CountryReview, on_delete=models.CASCADE, related_name="responses")
    question = models.ForeignKey(Question, on_delete=models.PROTECT, related_name="responses")
    version = models.PositiveIntegerField(_("current version"), default=0)

    objects = ReviewChildQuerySet.as_manager()

    class Meta:
        ordering = ["review_id", "question__position"]
        verbose_name = _("answer")
        verbose_name_plural = _("answers")
        constraints = [
            models.UniqueConstraint(fields=["review", "question"], name="response_unique_question")
        ]

    def current(self) -> "ResponseVersion | None":
        return self.versions.filter(status=VersionStatus.CURRENT).first()

    def __str__(self) -> str:
        return f"{self.review.state}: {self.question}"


class ResponseVersion(models.Model):
    """One saved draft of an answer; refused concurrent saves stay here as `conflict`."""

    response = models.ForeignKey(Response, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField(_("version"))
    based_on = models.PositiveIntegerField(_("based on version"), default=0)
    status = models.CharField(_("status"), max_length=16, choices=VersionStatus.choices)
    implementation = models.CharField(
        _("implemented"), max_length=8, choices=Implementation.choices, blank=True
    )
    text = models.TextField(_("text"), blank=True)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("author"), on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(_("saved at"), default=timezone.now)
    source = models.CharField(_("source"), max_length=16, default="web", help_text=_("web, api or docx"))
    is_draft = models.BooleanField(
        _("open draft"),
        default=False,
        help_text=_(
            "Saved by itself as its author typed: the author's next automatic saves update it "
            "for a few minutes instead of adding versions."
        ),
    )

    class Meta:
        ordering = ["response_id", "number"]
        verbose_name = _("answer version")
        verbose_name_plural = _("answer versions")
        constraints = [
            models.UniqueConstraint(fields=["response", "number"], name="response_version_unique_number")
        ]

    @property
    def is_empty(self) -> bool:
        return not (self.implementation or self.text.strip())

    def __str__(self) -> str:
        return f"{self.response} v{self.number}"


def attachment_path(instance: "Attachment", filename: str) -> str:
    return f"reviews/{instance.review_id}/{filename}"


class Attachment(TimestampedModel):
    """A file the state under review attaches to an answer: a law, statistics, a judgment."""

    review = models.ForeignKey(CountryReview, on_delete=models.CASCADE, related_name="attachments")
    question = models.ForeignKey(
        Question, on_delete=models.PROTECT, related_name="attachments", null=True, blank=True
    )
    file = models.FileField(_("file"), upload_to=attachment_path)
    name = models.CharField(_("name"), max_length=300)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("uploaded by"), on_delete=models.PROTECT, related_name="+"
    )

    objects = ReviewChildQuerySet.as_manager()

    class Meta:
        ordering = ["review_id", "pk"]
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")

    def __str__(self) -> str:
        return self.name


class Comment(TimestampedModel):
    """A message in a review's thread about one provision (or the review as a whole)."""

    review = models.ForeignKey(CountryReview, on_delete=models.CASCADE, related_name="comments")
    provision = models.ForeignKey(
        "instruments.Provision", on_delete=models.PROTECT, related_name="+", null=True, blank=True
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("author"), on_delete=models.PROTECT, related_name="+"
    )
    side = models.CharField(_("side"), max_length=16, choices=Side.choices)
    text = models.TextField(_("text"))

    objects = ReviewChildQuerySet.as_manager()

    class Meta:
        ordering = ["review_id", "created_at", "pk"]
        verbose_name = _("comment")
        verbose_name_plural = _("comments")

    def __str__(self) -> str:
        return f"{self.author}: {self.text[:60]}"
