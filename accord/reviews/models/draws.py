"""Recorded drawings of lots (жеребьёвка)."""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from accord.core.models import TimestampedModel
from accord.reviews.choices import (
    DrawKind,
)
from accord.reviews.models.cycles import Cycle
from accord.reviews.querysets import (
    DrawQuerySet,
)


class Draw(TimestampedModel):
    """A recorded drawing of lots: seed, input, rules and result, so anyone can re-run it."""

    cycle = models.ForeignKey(Cycle, verbose_name=_("cycle"), on_delete=models.PROTECT, related_name="draws")
    kind = models.CharField(_("kind"), max_length=16, choices=DrawKind.choices)
    year = models.PositiveSmallIntegerField(_("year"), null=True, blank=True)
    seed = models.CharField(_("seed"), max_length=100)
    input = models.JSONField(_("input"), help_text=_("Everything the result depends on, rules included."))
    result = models.JSONField(_("result"))
    review = models.ForeignKey(
        "CountryReview",
        verbose_name=_("redrawn review"),
        on_delete=models.PROTECT,
        related_name="redraws",
        null=True,
        blank=True,
    )
    exceptional = models.BooleanField(_("exceptional request"), default=False)
    reason = models.TextField(_("reason"), blank=True)
    performed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("performed by"), on_delete=models.PROTECT, related_name="+"
    )

    objects = DrawQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("drawing of lots")
        verbose_name_plural = _("drawings of lots")

    def __str__(self) -> str:
        year = f" {self.year}" if self.year else ""
        return f"{self.get_kind_display()}{year} — {self.cycle}"

    def get_absolute_url(self) -> str:
        return reverse("reviews:draw_detail", kwargs={"pk": self.pk})
