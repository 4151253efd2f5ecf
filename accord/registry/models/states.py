from django.core.validators import RegexValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from accord.core.models import BilingualNameModel, localized
from accord.registry.choices import UnStatus
from accord.registry.querysets import StateQuerySet


class RegionalGroup(BilingualNameModel):
    """One of the five UN regional groups (региональная группа ООН)."""

    code = models.CharField(_("code"), max_length=16, unique=True)
    abbreviation_ru = models.CharField(_("abbreviation (Russian)"), max_length=16, blank=True)
    abbreviation_en = models.CharField(_("abbreviation (English)"), max_length=16, blank=True)

    objects = StateQuerySet.as_manager()

    class Meta:
        ordering = ["code"]
        verbose_name = _("regional group")
        verbose_name_plural = _("regional groups")

    abbreviation = localized("abbreviation", other_language=False)

    @property
    def short_name(self) -> str:
        """The abbreviation in the reader's language, else the full name: GRULAC never on a Russian page."""
        return self.abbreviation or self.name


class State(BilingualNameModel):
    """A state: a UN member or observer state (государство).

    `name_*` hold the short names; official names are separate. The forms
    that texts use (genitive, adjectives, capitals) are `Alias` rows.
    """

    iso2 = models.CharField(
        _("ISO 3166-1 alpha-2"),
        max_length=2,
        unique=True,
        validators=[RegexValidator(r"^[A-Z]{2}$", _("Two capital Latin letters."))],
    )
    iso3 = models.CharField(
        _("ISO 3166-1 alpha-3"),
        max_length=3,
        unique=True,
        validators=[RegexValidator(r"^[A-Z]{3}$", _("Three capital Latin letters."))],
    )
    m49 = models.CharField(
        _("UN M49 code"),
        max_length=3,
        unique=True,
        validators=[RegexValidator(r"^[0-9]{3}$", _("Three digits."))],
    )
    official_name_ru = models.CharField(_("official name (Russian)"), max_length=500, blank=True)
    official_name_en = models.CharField(_("official name (English)"), max_length=500, blank=True)
    regional_group = models.ForeignKey(
        RegionalGroup,
        verbose_name=_("UN regional group"),
        on_delete=models.PROTECT,
        related_name="states",
        null=True,
        blank=True,
    )
    un_status = models.CharField(
        _("UN status"), max_length=16, choices=UnStatus.choices, default=UnStatus.MEMBER
    )

    objects = StateQuerySet.as_manager()

    class Meta:
        ordering = ["name_en"]
        verbose_name = _("state")
        verbose_name_plural = _("states")
        constraints = [
            models.CheckConstraint(condition=models.Q(iso2__regex=r"^[A-Z]{2}$"), name="state_iso2_format"),
            models.CheckConstraint(condition=models.Q(iso3__regex=r"^[A-Z]{3}$"), name="state_iso3_format"),
        ]

    official_name = localized("official_name")

    def get_absolute_url(self) -> str:
        return reverse("registry:state_detail", kwargs={"iso3": self.iso3})
