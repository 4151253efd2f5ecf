"""Initiatives proposed in the network and cooperation agreements with their planned activities."""

from django.conf import settings
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from accord.cooperation.choices import (
    ActivityKind,
    ActivityStatus,
    AgreementKind,
    AgreementPartyRole,
    AgreementStatus,
    InitiativeStatus,
)
from accord.cooperation.querysets import (
    AgreementChildQuerySet,
    AgreementQuerySet,
    InitiativeChildQuerySet,
    InitiativeQuerySet,
)
from accord.core.choices import Confidentiality, Topic
from accord.core.models import ExactlyOne, TimestampedModel, confidentiality_field, localized


def _already_linked(obj: models.Model, parent: str, field: str) -> bool:
    """True when another row of the same parent already names the same state, organization or person."""
    parent_id = getattr(obj, f"{parent}_id")
    return bool(parent_id) and (
        type(obj)
        .objects.filter(**{f"{parent}_id": parent_id, f"{field}_id": getattr(obj, f"{field}_id")})
        .exclude(pk=obj.pk)
        .exists()
    )


def _title_required(obj: models.Model) -> None:
    if not (obj.title_ru.strip() or obj.title_en.strip()):
        raise ValidationError({"title_ru": _("Give the title in Russian or in English.")})


ACTORS = ("state", "organization", "person")
PROPOSER = ExactlyOne(
    ACTORS,
    prefix="proposer_",
    name="initiative_exactly_one_proposer",
    message=_("Choose exactly one proposer: a state, an organization or a person."),
)
SUPPORTER = ExactlyOne(
    ACTORS,
    name="initiative_support_exactly_one_supporter",
    message=_("Choose exactly one supporter: a state, an organization or a person."),
)
PARTY = ExactlyOne(
    ("state", "organization"),
    name="agreement_party_exactly_one",
    message=_("Choose exactly one party: a state or an organization."),
)


class Initiative(TimestampedModel):
    """A proposal a state, an organization or a person puts to the network (инициатива, предложение)."""

    title_ru = models.CharField(_("title (Russian)"), max_length=500, blank=True)
    title_en = models.CharField(_("title (English)"), max_length=500, blank=True)
    description_ru = models.TextField(_("description (Russian)"), blank=True)
    description_en = models.TextField(_("description (English)"), blank=True)
    proposer_state = models.ForeignKey(
        "registry.State",
        verbose_name=_("proposing state"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="proposed_initiatives",
    )
    proposer_organization = models.ForeignKey(
        "registry.Organization",
        verbose_name=_("proposing organization"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="proposed_initiatives",
    )
    proposer_person = models.ForeignKey(
        "registry.Person",
        verbose_name=_("proposing person"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="proposed_initiatives",
    )
    meeting = models.ForeignKey(
        "meetings.Meeting",
        verbose_name=_("proposed at"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="proposed_initiatives",
    )
    proposed_on = models.DateField(_("proposed on"), null=True, blank=True)
    status = models.CharField(
        _("status"),
        max_length=16,
        choices=InitiativeStatus.choices,
        default=InitiativeStatus.UNDER_DISCUSSION,
        editable=False,
        help_text=_("Follows the latest recorded step."),
    )
    topics = models.JSONField(_("topics"), default=list, blank=True)
    documents = models.ManyToManyField(
        "documents.Document", verbose_name=_("documents"), blank=True, related_name="initiatives"
    )
    confidentiality = confidentiality_field(default=Confidentiality.PUBLIC)

    objects = InitiativeQuerySet.as_manager()

    class Meta:
        ordering = ["-proposed_on", "-pk"]
        verbose_name = _("initiative")
        verbose_name_plural = _("initiatives")
        constraints = [
            PROPOSER.constraint(),
        ]

    title = localized("title")

    description = localized("description")

    @property
    def proposer(self):
        return self.proposer_state or self.proposer_organization or self.proposer_person

    def topic_labels(self) -> list[str]:
        labels = dict(Topic.choices)
        return [str(labels.get(t, t)) for t in self.topics or []]

    def clean(self) -> None:
        super().clean()
        errors: dict[str, list] = {}
        if not (self.title_ru.strip() or self.title_en.strip()):
            errors["title_ru"] = [_("Give the title in Russian or in English.")]
        if not PROPOSER.is_satisfied(self):
            errors[NON_FIELD_ERRORS] = [PROPOSER.message]
        if not isinstance(self.topics, list) or any(t not in Topic.values for t in self.topics):
            errors["topics"] = [
                _("Topics must be a list of: %(names)s.") % {"names": ", ".join(Topic.values)}
            ]
        if self.meeting_id and self.proposed_on and self.proposed_on < self.meeting.start_on:
            errors["proposed_on"] = [_("An initiative cannot be proposed before its meeting starts.")]
        if errors:
            raise ValidationError(errors)

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("cooperation:initiative_detail", kwargs={"pk": self.pk})


class InitiativeStep(models.Model):
    """One recorded change of an initiative's status (шаг): append-only, the initiative's history."""

    initiative = models.ForeignKey(
        Initiative, verbose_name=_("initiative"), on_delete=models.CASCADE, related_name="steps"
    )
    status = models.CharField(_("status"), max_length=16, choices=InitiativeStatus.choices)
    taken_on = models.DateField(_("date"))
    note_ru = models.TextField(_("note (Russian)"), blank=True)
    note_en = models.TextField(_("note (English)"), blank=True)
    documents = models.ManyToManyField(
        "documents.Document", verbose_name=_("documents"), blank=True, related_name="initiative_steps"
    )
    mandate = models.ForeignKey(
        "instruments.Mandate",
        verbose_name=_("decision"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="initiative_steps",
        help_text=_("The resolution or decision that includes the initiative."),
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recorded by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    recorded_at = models.DateTimeField(_("recorded at"), auto_now_add=True)

    objects = InitiativeChildQuerySet.as_manager()

    class Meta:
        ordering = ["initiative_id", "taken_on", "pk"]
        verbose_name = _("initiative step")
        verbose_name_plural = _("initiative steps")

    note = localized("note")

    def clean(self) -> None:
        super().clean()
        if self.mandate_id and self.status != InitiativeStatus.INCLUDED_IN_DECISION:
            raise ValidationError({"mandate": _("Only a step “included in a decision” names a decision.")})
        if self.initiative_id and self.taken_on:
            proposed_on = self.initiative.proposed_on
            if proposed_on and self.taken_on < proposed_on:
                raise ValidationError({"taken_on": _("A step cannot precede the proposal.")})

    def save(self, *args, **kwargs) -> None:
        if self.pk is not None and not kwargs.pop("force_history_rewrite", False):
            raise ValidationError(_("The history of an initiative is append-only: add a new step instead."))
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise ValidationError(_("The history of an initiative is append-only: steps are never deleted."))

    def __str__(self) -> str:
        return f"{self.taken_on:%Y-%m-%d} {self.get_status_display()}" if self.taken_on else self.status


class InitiativeSupport(TimestampedModel):
    """A state, an organization or a person supporting an initiative (поддержка)."""

    initiative = models.ForeignKey(
        Initiative, verbose_name=_("initiative"), on_delete=models.CASCADE, related_name="supports"
    )
    state = models.ForeignKey(
        "registry.State",
        verbose_name=_("state"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="initiative_supports",
    )
    organization = models.ForeignKey(
        "registry.Organization",
        verbose_name=_("organization"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="initiative_supports",
    )
    person = models.ForeignKey(
        "registry.Person",
        verbose_name=_("person"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="initiative_supports",
    )
    supported_on = models.DateField(_("date"), null=True, blank=True)
    meeting = models.ForeignKey(
        "meetings.Meeting",
        verbose_name=_("meeting"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="initiative_supports",
    )
    note = models.CharField(_("note"), max_length=500, blank=True)

    objects = InitiativeChildQuerySet.as_manager()

    class Meta:
        ordering = ["initiative_id", "supported_on", "pk"]
        verbose_name = _("support of an initiative")
        verbose_name_plural = _("supports of initiatives")
        constraints = [
            SUPPORTER.constraint(),
            models.UniqueConstraint(fields=["initiative", "state"], name="initiative_support_unique_state"),
            models.UniqueConstraint(
                fields=["initiative", "organization"], name="initiative_support_unique_organization"
            ),
            models.UniqueConstraint(fields=["initiative", "person"], name="initiative_support_unique_person"),
        ]

    @property
    def supporter(self):
        return self.state or self.organization or self.person

    def clean(self) -> None:
        super().clean()
        field = SUPPORTER.validate(self)
        if _already_linked(self, "initiative", field):
            raise ValidationError(
                {field: _("%(supporter)s already supports this initiative.") % {"supporter": self.supporter}}
            )

    def __str__(self) -> str:
        return str(self.supporter)


class Agreement(TimestampedModel):
    """A cooperation agreement, memorandum, programme or plan (соглашение, меморандум, план)."""

    kind = models.CharField(_("kind"), max_length=16, choices=AgreementKind.choices)
    title_ru = models.CharField(_("title (Russian)"), max_length=500, blank=True)
    title_en = models.CharField(_("title (English)"), max_length=500, blank=True)
    description_ru = models.TextField(_("description (Russian)"), blank=True)
    description_en = models.TextField(_("description (English)"), blank=True)
    signed_on = models.DateField(_("signed on"), null=True, blank=True)
    signed_place = models.CharField(_("place of signature"), max_length=200, blank=True)
    signed_at_meeting = models.ForeignKey(
        "meetings.Meeting",
        verbose_name=_("signed at meeting"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="signed_agreements",
    )
    entry_into_force_on = models.DateField(_("entry into force"), null=True, blank=True)
    term = models.CharField(
        _("term"), max_length=200, blank=True, help_text=_("As the text says: “5 years, renewed tacitly”.")
    )
    expires_on = models.DateField(_("expires on"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=16, choices=AgreementStatus.choices, default=AgreementStatus.DRAFT
    )
    documents = models.ManyToManyField(
        "documents.Document", verbose_name=_("documents"), blank=True, related_name="agreements"
    )
    confidentiality = confidentiality_field(default=Confidentiality.PUBLIC)

    objects = AgreementQuerySet.as_manager()

    class Meta:
        ordering = ["-signed_on", "-pk"]
        verbose_name = _("agreement")
        verbose_name_plural = _("agreements")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(entry_into_force_on__isnull=True)
                | models.Q(signed_on__isnull=True)
                | models.Q(entry_into_force_on__gte=models.F("signed_on")),
                name="agreement_force_after_signature",
            ),
            models.CheckConstraint(
                condition=models.Q(expires_on__isnull=True)
                | models.Q(entry_into_force_on__isnull=True)
                | models.Q(expires_on__gte=models.F("entry_into_force_on")),
                name="agreement_expiry_after_force",
            ),
        ]

    title = localized("title")

    description = localized("description")

    def clean(self) -> None:
        super().clean()
        _title_required(self)
        errors: dict[str, str] = {}
        signed, force, expires = self.signed_on, self.entry_into_force_on, self.expires_on
        if signed and force and force < signed:
            errors["entry_into_force_on"] = _("An agreement cannot enter into force before it is signed.")
        if force and expires and expires < force:
            errors["expires_on"] = _("An agreement cannot expire before it enters into force.")
        elif signed and expires and expires < signed:
            errors["expires_on"] = _("An agreement cannot expire before it is signed.")
        if self.status != AgreementStatus.DRAFT and not signed:
            errors["signed_on"] = _("Give the date of signature: the agreement is no longer a draft.")
        if self.status in (AgreementStatus.IN_FORCE, AgreementStatus.EXPIRED) and not force:
            errors["entry_into_force_on"] = _("Give the date of entry into force.")
        if self.status == AgreementStatus.EXPIRED and not expires:
            errors["expires_on"] = _("Give the date on which the agreement expired.")
        if errors:
            raise ValidationError(errors)

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("cooperation:agreement_detail", kwargs={"pk": self.pk})


class AgreementParty(TimestampedModel):
    """A state or an organization (a national authority) party to an agreement (сторона)."""

    agreement = models.ForeignKey(
        Agreement, verbose_name=_("agreement"), on_delete=models.CASCADE, related_name="parties"
    )
    state = models.ForeignKey(
        "registry.State",
        verbose_name=_("state"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="agreement_parties",
    )
    organization = models.ForeignKey(
        "registry.Organization",
        verbose_name=_("organization"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="agreement_parties",
    )
    role = models.CharField(
        _("role"), max_length=16, choices=AgreementPartyRole.choices, default=AgreementPartyRole.PARTY
    )

    objects = AgreementChildQuerySet.as_manager()

    class Meta:
        ordering = ["agreement_id", "pk"]
        verbose_name = _("party to an agreement")
        verbose_name_plural = _("parties to agreements")
        constraints = [
            PARTY.constraint(),
            models.UniqueConstraint(fields=["agreement", "state"], name="agreement_party_unique_state"),
            models.UniqueConstraint(
                fields=["agreement", "organization"], name="agreement_party_unique_organization"
            ),
        ]

    @property
    def party(self):
        return self.state or self.organization

    def clean(self) -> None:
        super().clean()
        field = PARTY.validate(self)
        if _already_linked(self, "agreement", field):
            raise ValidationError(
                {field: _("%(party)s is already a party to this agreement.") % {"party": self.party}}
            )

    def __str__(self) -> str:
        return f"{self.party} — {self.get_role_display()}"


class PlannedActivity(TimestampedModel):
    """Something an agreement plans: an exchange programme, a joint training (мероприятие плана)."""

    agreement = models.ForeignKey(
        Agreement, verbose_name=_("agreement"), on_delete=models.CASCADE, related_name="activities"
    )
    title_ru = models.CharField(_("title (Russian)"), max_length=500, blank=True)
    title_en = models.CharField(_("title (English)"), max_length=500, blank=True)
    kind = models.CharField(
        _("kind"), max_length=16, choices=ActivityKind.choices, default=ActivityKind.OTHER
    )
    start_on = models.DateField(_("planned start"), null=True, blank=True)
    end_on = models.DateField(_("planned end"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=16, choices=ActivityStatus.choices, default=ActivityStatus.PLANNED
    )
    meeting = models.ForeignKey(
        "meetings.Meeting",
        verbose_name=_("meeting held"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="planned_activities",
    )
    note = models.CharField(_("note"), max_length=500, blank=True)

    objects = AgreementChildQuerySet.as_manager()

    class Meta:
        ordering = ["agreement_id", "start_on", "pk"]
        verbose_name = _("planned activity")
        verbose_name_plural = _("planned activities")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(start_on__isnull=True)
                | models.Q(end_on__isnull=True)
                | models.Q(end_on__gte=models.F("start_on")),
                name="planned_activity_end_after_start",
            )
        ]

    title = localized("title")

    def clean(self) -> None:
        super().clean()
        _title_required(self)
        if self.start_on and self.end_on and self.end_on < self.start_on:
            raise ValidationError({"end_on": _("The end date cannot be earlier than the start date.")})
        if self.meeting_id and self.status != ActivityStatus.HELD:
            raise ValidationError({"meeting": _("Link the meeting once the activity is held.")})

    def __str__(self) -> str:
        return self.title
