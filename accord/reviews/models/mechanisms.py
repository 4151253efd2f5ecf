"""Review mechanisms and the rules they set (механизм обзора)."""

import datetime

from dateutil.relativedelta import relativedelta
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from accord.core.models import BilingualNameModel, localized
from accord.core.querysets import RestrictedQuerySet
from accord.reviews.choices import (
    DurationUnit,
    Phase,
    ReviewUnit,
)
from accord.reviews.querysets import (
    MechanismQuerySet,
)


class Mechanism(BilingualNameModel):
    """A review mechanism (механизм обзора): what it reviews, who governs it, and its rules."""

    slug = models.SlugField(_("reference key"), max_length=64, unique=True)
    abbreviation_ru = models.CharField(_("abbreviation (Russian)"), max_length=64, blank=True)
    abbreviation_en = models.CharField(_("abbreviation (English)"), max_length=64, blank=True)
    instruments = models.ManyToManyField(
        "instruments.Instrument",
        verbose_name=_("instruments under review"),
        related_name="review_mechanisms",
        through="MechanismInstrument",
    )
    governing_body = models.ForeignKey(
        "registry.Organization",
        verbose_name=_("governing body"),
        on_delete=models.PROTECT,
        related_name="governed_mechanisms",
    )
    mandate = models.ForeignKey(
        "instruments.Mandate",
        verbose_name=_("established by"),
        on_delete=models.PROTECT,
        related_name="review_mechanisms",
        null=True,
        blank=True,
    )
    # The rules of the drawing of lots.
    review_unit = models.CharField(
        _("reviewers are drawn for"), max_length=16, choices=ReviewUnit.choices, default=ReviewUnit.REVIEW
    )
    reviewers_per_unit = models.PositiveSmallIntegerField(_("reviewers per review or instrument"), default=2)
    same_group_min = models.PositiveSmallIntegerField(
        _("at least this many from the state's own regional group"), default=1
    )
    other_group_min = models.PositiveSmallIntegerField(
        _("at least this many from another regional group"), default=0
    )
    max_reviewers = models.PositiveSmallIntegerField(
        _("most reviewing states per review"),
        null=True,
        blank=True,
        help_text=_("Empty: no cap. The state under review may agree to more."),
    )
    no_mutual = models.BooleanField(_("no mutual reviews"), default=True)
    reviewers_must_be_parties = models.BooleanField(
        _("reviewers must be parties to the instrument"), default=True
    )
    redraws_allowed = models.PositiveSmallIntegerField(
        _("redraws a state under review may request"),
        default=2,
        help_text=_("More only when the request is flagged exceptional."),
    )
    deferral_allowed = models.BooleanField(
        _("a state may defer reviewing in the year it is reviewed"), default=True
    )
    max_reviews_per_reviewer = models.PositiveSmallIntegerField(
        _("most reviews per reviewing state in one draw"), null=True, blank=True
    )
    cohorts = models.PositiveSmallIntegerField(
        _("years or groups the states under review are split into"),
        default=4,
        help_text=_("UNCAC: a quarter of the parties in each of years 1–4; UNTOC: three groups."),
    )
    unverified_rules = models.JSONField(
        _("rules not yet confirmed in a source"),
        default=list,
        blank=True,
        help_text=_("Field names of the rules above that remain settings to check, not facts."),
    )
    note_ru = models.TextField(_("note (Russian)"), blank=True)
    note_en = models.TextField(_("note (English)"), blank=True)

    objects = MechanismQuerySet.as_manager()

    RULE_FIELDS = (
        "review_unit",
        "reviewers_per_unit",
        "same_group_min",
        "other_group_min",
        "max_reviewers",
        "no_mutual",
        "reviewers_must_be_parties",
        "redraws_allowed",
        "deferral_allowed",
        "max_reviews_per_reviewer",
        "cohorts",
    )
    """The rules of the drawing of lots, as reference data and the API name them."""

    class Meta:
        ordering = ["slug"]
        verbose_name = _("review mechanism")
        verbose_name_plural = _("review mechanisms")

    abbreviation = localized("abbreviation", other_language=False)

    note = localized("note")

    def clean(self) -> None:
        super().clean()
        if self.same_group_min + self.other_group_min > self.reviewers_per_unit:
            raise ValidationError(
                {"same_group_min": _("The regional-group minimums exceed the number of reviewers.")}
            )
        if self.max_reviewers is not None and self.max_reviewers < self.reviewers_per_unit:
            raise ValidationError(
                {"max_reviewers": _("The cap cannot be lower than the reviewers drawn for one instrument.")}
            )
        if self.cohorts < 1:
            raise ValidationError({"cohorts": _("Split the states into at least one year or group.")})

    def ordered_instruments(self) -> list:
        """The instruments under review, the main convention first."""
        return [link.instrument for link in self.instrument_links.select_related("instrument")]

    def phase_rule(self, phase: str) -> "PhaseRule | None":
        return next((rule for rule in self.phase_rules.all() if rule.phase == phase), None)

    def __str__(self) -> str:
        return self.abbreviation or self.name

    def get_absolute_url(self) -> str:
        return reverse("reviews:mechanism_detail", kwargs={"slug": self.slug})


class MechanismInstrument(models.Model):
    """An instrument a mechanism reviews, in order: the convention before its protocols."""

    mechanism = models.ForeignKey(Mechanism, on_delete=models.CASCADE, related_name="instrument_links")
    instrument = models.ForeignKey("instruments.Instrument", on_delete=models.PROTECT, related_name="+")
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        ordering = ["position", "pk"]
        verbose_name = _("instrument under review")
        verbose_name_plural = _("instruments under review")
        constraints = [
            models.UniqueConstraint(fields=["mechanism", "instrument"], name="mechanism_instrument_unique")
        ]

    def __str__(self) -> str:
        return str(self.instrument)


class PhaseRule(models.Model):
    """How long a phase of a country review lasts by default; the secretariat may adjust a review."""

    mechanism = models.ForeignKey(Mechanism, on_delete=models.CASCADE, related_name="phase_rules")
    phase = models.CharField(_("phase"), max_length=20, choices=Phase.choices)
    duration = models.PositiveSmallIntegerField(_("duration"))
    unit = models.CharField(_("unit"), max_length=8, choices=DurationUnit.choices, default=DurationUnit.DAYS)
    description_ru = models.CharField(_("what is due (Russian)"), max_length=500, blank=True)
    description_en = models.CharField(_("what is due (English)"), max_length=500, blank=True)
    verified = models.BooleanField(_("confirmed in a source"), default=False)
    source = models.CharField(_("source"), max_length=500, blank=True)

    objects = RestrictedQuerySet.as_manager()

    class Meta:
        ordering = ["mechanism_id", "pk"]
        verbose_name = _("phase duration")
        verbose_name_plural = _("phase durations")
        constraints = [models.UniqueConstraint(fields=["mechanism", "phase"], name="phase_rule_unique")]

    description = localized("description")

    def due_from(self, start: datetime.date) -> datetime.date:
        """The deadline of a phase that starts on `start`."""
        if self.unit == DurationUnit.MONTHS:
            return start + relativedelta(months=self.duration)
        days = self.duration * 7 if self.unit == DurationUnit.WEEKS else self.duration
        return start + datetime.timedelta(days=days)

    def __str__(self) -> str:
        return f"{self.get_phase_display()}: {self.duration} {self.get_unit_display()}"
