"""What a review produces: observations and the executive summary."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from accord.core.models import TimestampedModel, localized
from accord.reviews.choices import (
    ObservationKind,
)
from accord.reviews.models.country_reviews import CountryReview
from accord.reviews.querysets import (
    ReviewChildQuerySet,
    SummaryQuerySet,
)


class Observation(TimestampedModel):
    """What the reviewers observe on a provision: good practice, challenge, recommendation, assistance need."""

    review = models.ForeignKey(CountryReview, on_delete=models.CASCADE, related_name="observations")
    provision = models.ForeignKey(
        "instruments.Provision", on_delete=models.PROTECT, related_name="observations"
    )
    kind = models.CharField(_("kind"), max_length=16, choices=ObservationKind.choices)
    text_ru = models.TextField(_("text (Russian)"), blank=True)
    text_en = models.TextField(_("text (English)"), blank=True)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("author"), on_delete=models.PROTECT, related_name="+"
    )

    objects = ReviewChildQuerySet.as_manager()

    class Meta:
        ordering = ["review_id", "provision__position", "kind", "pk"]
        verbose_name = _("observation")
        verbose_name_plural = _("observations")

    text = localized("text")

    def clean(self) -> None:
        super().clean()
        if not (self.text_ru.strip() or self.text_en.strip()):
            raise ValidationError({"text_ru": _("Write the observation in Russian or in English.")})

    def __str__(self) -> str:
        return f"{self.provision.label}: {self.get_kind_display()}"


class Summary(TimestampedModel):
    """The executive summary of a review; the public reads it once it is published."""

    review = models.OneToOneField(CountryReview, on_delete=models.CASCADE, related_name="summary")
    text_ru = models.TextField(_("summary (Russian)"), blank=True)
    text_en = models.TextField(_("summary (English)"), blank=True)
    published_at = models.DateTimeField(_("published at"), null=True, blank=True)

    objects = SummaryQuerySet.as_manager()

    class Meta:
        verbose_name = _("summary")
        verbose_name_plural = _("summaries")

    text = localized("text")

    @property
    def is_published(self) -> bool:
        return self.published_at is not None

    def __str__(self) -> str:
        return _("Summary: {review}").format(review=self.review)
