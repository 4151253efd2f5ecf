"""Review cycles and their clusters of provisions (цикл обзора, блок положений)."""

from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from accord.core.models import BilingualNameModel
from accord.core.querysets import RestrictedQuerySet
from accord.reviews.models.mechanisms import Mechanism


class Cycle(BilingualNameModel):
    """A review cycle (UNCAC) or the whole review process (UNTOC), split into clusters."""

    mechanism = models.ForeignKey(
        Mechanism, verbose_name=_("mechanism"), on_delete=models.PROTECT, related_name="cycles"
    )
    number = models.PositiveSmallIntegerField(_("number"))
    starts_on = models.DateField(_("starts on"))
    ends_on = models.DateField(_("ends on"), null=True, blank=True)
    first_year = models.PositiveSmallIntegerField(
        _("first review year"), help_text=_("States are drawn into this year and the following ones.")
    )

    objects = RestrictedQuerySet.as_manager()

    class Meta:
        ordering = ["mechanism_id", "number"]
        verbose_name = _("review cycle")
        verbose_name_plural = _("review cycles")
        constraints = [models.UniqueConstraint(fields=["mechanism", "number"], name="cycle_unique_number")]

    def clean(self) -> None:
        super().clean()
        if self.ends_on and self.ends_on < self.starts_on:
            raise ValidationError({"ends_on": _("The cycle cannot end before it starts.")})

    @property
    def years(self) -> list[int]:
        """The years the states under review are drawn into, one per cohort."""
        return [self.first_year + offset for offset in range(self.mechanism.cohorts)]

    def __str__(self) -> str:
        return f"{self.mechanism} — {self.name}"

    def get_absolute_url(self) -> str:
        return reverse("reviews:cycle_board", kwargs={"pk": self.pk})


class Cluster(BilingualNameModel):
    """A thematic block of provisions reviewed together: UNCAC chapters III–IV, a UNTOC cluster."""

    cycle = models.ForeignKey(
        Cycle, verbose_name=_("cycle"), on_delete=models.CASCADE, related_name="clusters"
    )
    number = models.PositiveSmallIntegerField(_("number"), default=1)
    starts_on = models.DateField(_("starts on"), null=True, blank=True)
    ends_on = models.DateField(_("ends on"), null=True, blank=True)
    provisions = models.ManyToManyField(
        "instruments.Provision",
        verbose_name=_("provisions reviewed"),
        related_name="review_clusters",
        blank=True,
    )

    objects = RestrictedQuerySet.as_manager()

    class Meta:
        ordering = ["cycle_id", "number"]
        verbose_name = _("cluster of provisions")
        verbose_name_plural = _("clusters of provisions")
        constraints = [models.UniqueConstraint(fields=["cycle", "number"], name="cluster_unique_number")]

    def __str__(self) -> str:
        return self.name or _("Cluster {number}").format(number=self.number)
