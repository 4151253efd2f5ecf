"""Instruments (conventions, protocols, agreements…), their provisions and parties, and mandates."""

import re

from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from accord.core.models import BilingualNameModel, TimestampedModel, localized
from accord.instruments.choices import InstrumentKind, MandateKind, PartyStatus, ProvisionKind
from accord.instruments.querysets import InstrumentQuerySet, MandateQuerySet, PartyQuerySet, ProvisionQuerySet


class Instrument(BilingualNameModel):
    """A convention, protocol, agreement, recommendation, strategy… (международный инструмент).

    A protocol names the convention it supplements as its `parent`.
    """

    slug = models.SlugField(_("reference key"), max_length=100, unique=True)
    kind = models.CharField(_("kind"), max_length=32, choices=InstrumentKind.choices)
    abbreviation_ru = models.CharField(_("abbreviation (Russian)"), max_length=64, blank=True)
    abbreviation_en = models.CharField(_("abbreviation (English)"), max_length=64, blank=True)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("supplements"),
        on_delete=models.PROTECT,
        related_name="supplements",
        null=True,
        blank=True,
    )
    organization = models.ForeignKey(
        "registry.Organization",
        verbose_name=_("adopted within"),
        on_delete=models.PROTECT,
        related_name="instruments",
        null=True,
        blank=True,
    )
    adopted_on = models.DateField(_("adopted on"), null=True, blank=True)
    opened_for_signature_on = models.DateField(_("opened for signature on"), null=True, blank=True)
    entry_into_force_on = models.DateField(_("entry into force"), null=True, blank=True)
    depositary_ru = models.CharField(_("depositary (Russian)"), max_length=300, blank=True)
    depositary_en = models.CharField(_("depositary (English)"), max_length=300, blank=True)
    official_url = models.URLField(_("official text"), blank=True)
    description_ru = models.TextField(_("description (Russian)"), blank=True)
    description_en = models.TextField(_("description (English)"), blank=True)
    establishes = models.ManyToManyField(
        "registry.Organization",
        verbose_name=_("establishes"),
        related_name="founding_instruments",
        blank=True,
        help_text=_("Bodies the instrument creates, such as a conference of the parties or a council."),
    )

    objects = InstrumentQuerySet.as_manager()

    class Meta:
        ordering = ["adopted_on", "name_en"]
        verbose_name = _("instrument")
        verbose_name_plural = _("instruments")

    abbreviation = localized("abbreviation", other_language=False)

    description = localized("description")

    depositary = localized("depositary")

    def clean(self) -> None:
        super().clean()
        if self.kind == InstrumentKind.PROTOCOL and not self.parent_id:
            raise ValidationError({"parent": _("A protocol supplements a convention: choose it.")})
        if self.parent_id and self.parent_id == self.pk:
            raise ValidationError({"parent": _("An instrument cannot supplement itself.")})
        if self.adopted_on and self.entry_into_force_on and self.entry_into_force_on < self.adopted_on:
            raise ValidationError(
                {"entry_into_force_on": _("An instrument cannot enter into force before it is adopted.")}
            )

    def get_absolute_url(self) -> str:
        return reverse("instruments:instrument_detail", kwargs={"slug": self.slug})


class Provision(TimestampedModel):
    """A part of an instrument: chapter, article, principle… (положение), as a tree."""

    instrument = models.ForeignKey(
        Instrument, verbose_name=_("instrument"), on_delete=models.CASCADE, related_name="provisions"
    )
    parent = models.ForeignKey(
        "self",
        verbose_name=_("part of"),
        on_delete=models.CASCADE,
        related_name="children",
        null=True,
        blank=True,
    )
    kind = models.CharField(_("kind"), max_length=16, choices=ProvisionKind.choices)
    number = models.CharField(_("number"), max_length=32)
    title_ru = models.CharField(_("title (Russian)"), max_length=500, blank=True)
    title_en = models.CharField(_("title (English)"), max_length=500, blank=True)
    text_ru = models.TextField(_("text (Russian)"), blank=True)
    text_en = models.TextField(_("text (English)"), blank=True)
    position = models.PositiveIntegerField(_("position"), default=0, help_text=_("Reading order."))

    objects = ProvisionQuerySet.as_manager()

    class Meta:
        ordering = ["instrument_id", "position", "pk"]
        verbose_name = _("provision")
        verbose_name_plural = _("provisions")
        constraints = [
            models.UniqueConstraint(fields=["instrument", "kind", "number"], name="provision_unique_number"),
        ]

    title = localized("title")

    @property
    def label(self) -> str:
        """«Article 5», «Chapter II»: kind and number in the UI language."""
        return f"{self.get_kind_display()} {self.number}"

    def clean(self) -> None:
        super().clean()
        if self.parent_id and self.parent.instrument_id != self.instrument_id:
            raise ValidationError({"parent": _("A provision's parent belongs to the same instrument.")})
        if self.parent_id and self.parent_id == self.pk:
            raise ValidationError({"parent": _("A provision cannot contain itself.")})

    def __str__(self) -> str:
        return f"{self.label}. {self.title}" if self.title else self.label

    def get_absolute_url(self) -> str:
        return self.instrument.get_absolute_url() + f"#provision-{self.pk}"


class Party(TimestampedModel):
    """A state's standing towards an instrument: signature, consent to be bound, entry into force.

    `consent_on` is the day of ratification, acceptance, approval, accession
    or succession (the `consent` field says which); unknown dates stay empty.
    """

    class Consent(models.TextChoices):
        RATIFICATION = "ratification", _("Ratification")
        ACCEPTANCE = "acceptance", _("Acceptance")
        APPROVAL = "approval", _("Approval")
        ACCESSION = "accession", _("Accession")
        SUCCESSION = "succession", _("Succession")

    instrument = models.ForeignKey(
        Instrument, verbose_name=_("instrument"), on_delete=models.CASCADE, related_name="parties"
    )
    state = models.ForeignKey(
        "registry.State", verbose_name=_("state"), on_delete=models.PROTECT, related_name="instrument_parties"
    )
    status = models.CharField(
        _("status"), max_length=16, choices=PartyStatus.choices, default=PartyStatus.PARTY
    )
    signed_on = models.DateField(_("signed on"), null=True, blank=True)
    consent = models.CharField(_("consent to be bound"), max_length=16, choices=Consent.choices, blank=True)
    consent_on = models.DateField(_("ratified or acceded on"), null=True, blank=True)
    entry_into_force_on = models.DateField(_("in force for the state from"), null=True, blank=True)
    withdrawn_on = models.DateField(_("withdrawn on"), null=True, blank=True)
    note = models.CharField(_("note"), max_length=500, blank=True)

    objects = PartyQuerySet.as_manager()

    class Meta:
        ordering = ["instrument_id", "state__name_en"]
        verbose_name = _("party")
        verbose_name_plural = _("parties")
        constraints = [models.UniqueConstraint(fields=["instrument", "state"], name="party_unique_state")]

    def clean(self) -> None:
        super().clean()
        errors = {}
        confirms_signature = self.consent in (
            self.Consent.RATIFICATION,
            self.Consent.ACCEPTANCE,
            self.Consent.APPROVAL,
        )
        if self.signed_on and self.consent_on and self.consent_on < self.signed_on and confirms_signature:
            errors["consent_on"] = _("Ratification, acceptance or approval cannot precede the signature.")
        if self.consent_on and not self.consent:
            errors["consent"] = _("Say how the state consented to be bound (ratification, accession…).")
        if self.status == PartyStatus.SIGNATORY and self.consent_on:
            errors["status"] = _("A state that has ratified or acceded is a party, not only a signatory.")
        if self.status == PartyStatus.WITHDRAWN and not self.withdrawn_on:
            errors["withdrawn_on"] = _("Give the date of withdrawal.")
        if self.withdrawn_on and self.consent_on and self.withdrawn_on < self.consent_on:
            errors["withdrawn_on"] = _("A state cannot withdraw before it became a party.")
        if errors:
            raise ValidationError(errors)

    def __str__(self) -> str:
        return f"{self.state} — {self.instrument.abbreviation or self.instrument}"


class Mandate(TimestampedModel):
    """A resolution or decision (резолюция, решение) with its number, such as 9/1 or 4/4.

    What it establishes (a body, a working group, a mechanism's organ) is a
    link to that organization; the link lives here because instruments come
    after the registry and the registry must not import them.
    """

    kind = models.CharField(_("kind"), max_length=16, choices=MandateKind.choices)
    number = models.CharField(
        _("number"), max_length=32, help_text=_("As the body numbers it: “9/1”, “4/4”.")
    )
    body = models.ForeignKey(
        "registry.Organization",
        verbose_name=_("adopted by"),
        on_delete=models.PROTECT,
        related_name="mandates",
    )
    session_number = models.PositiveSmallIntegerField(_("session"), null=True, blank=True)
    adopted_on = models.DateField(_("adopted on"), null=True, blank=True)
    title_ru = models.CharField(_("title (Russian)"), max_length=500, blank=True)
    title_en = models.CharField(_("title (English)"), max_length=500, blank=True)
    summary_ru = models.TextField(_("what it establishes or requests (Russian)"), blank=True)
    summary_en = models.TextField(_("what it establishes or requests (English)"), blank=True)
    symbol = models.CharField(_("document symbol"), max_length=100, blank=True)
    establishes = models.ManyToManyField(
        "registry.Organization",
        verbose_name=_("establishes"),
        related_name="founding_mandates",
        blank=True,
    )
    instruments = models.ManyToManyField(
        Instrument, verbose_name=_("concerns instruments"), related_name="mandates", blank=True
    )

    objects = MandateQuerySet.as_manager()

    class Meta:
        ordering = ["body_id", "-adopted_on", "number"]
        verbose_name = _("mandate")
        verbose_name_plural = _("mandates")
        constraints = [
            models.UniqueConstraint(fields=["body", "kind", "number"], name="mandate_unique_number"),
            models.CheckConstraint(condition=~models.Q(number=""), name="mandate_has_number"),
        ]

    title = localized("title")

    summary = localized("summary")

    def clean(self) -> None:
        super().clean()
        self.number = self.number.strip()
        if not re.fullmatch(r"[\w.\-/]+", self.number):
            raise ValidationError({"number": _("A mandate number looks like “9/1” or “58/4”.")})
        session_in_number = self.number.split("/")[0] if "/" in self.number else ""
        if (
            self.session_number
            and session_in_number.isdigit()
            and int(session_in_number) != self.session_number
        ):
            raise ValidationError(
                {
                    "session_number": _("The number %(number)s says session %(session)s.")
                    % {"number": self.number, "session": session_in_number}
                }
            )

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.number}" + (f" «{self.title}»" if self.title else "")

    def get_absolute_url(self) -> str:
        return reverse("instruments:mandate_detail", kwargs={"pk": self.pk})
