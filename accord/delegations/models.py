"""Registration for a meeting: delegations, their delegates, their letters and credentials (регистрация делегаций)."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accord.core.models import ExactlyOne, TimestampedModel, language_order
from accord.delegations.choices import (
    HOLDS_PLACE,
    ORGANIZATION_KINDS,
    STATE_CATEGORIES,
    Credentials,
    DelegateFunction,
    DelegateStatus,
    DelegationCategory,
    LetterKind,
)
from accord.delegations.querysets import (
    DelegateQuerySet,
    DelegationQuerySet,
    LetterQuerySet,
    RegistrationQuerySet,
)
from accord.meetings.choices import ParticipationMode


class Registration(TimestampedModel):
    """Registration of delegations for one meeting, opened by the secretariat (регистрация участников)."""

    meeting = models.OneToOneField(
        "meetings.Meeting", verbose_name=_("meeting"), on_delete=models.CASCADE, related_name="registration"
    )
    categories = models.JSONField(
        _("open to"), default=list, help_text=_("Who may register: states by status, organizations by kind.")
    )
    cap_in_person = models.PositiveSmallIntegerField(
        _("in-person places per delegation"), null=True, blank=True, help_text=_("Empty: no limit.")
    )
    cap_online = models.PositiveSmallIntegerField(
        _("online places per delegation"), null=True, blank=True, help_text=_("Empty: no limit.")
    )
    deadline_on = models.DateField(
        _("deadline"), help_text=_("The last day of registration; later changes are requests.")
    )
    requires_note_verbale = models.BooleanField(_("note verbale required"), default=True)
    requires_credentials = models.BooleanField(_("credentials required"), default=False)
    is_open = models.BooleanField(_("open"), default=True)
    is_list_published = models.BooleanField(_("list of participants published"), default=False)
    is_list_final = models.BooleanField(
        _("list of participants final"),
        default=False,
        help_text=_("Provisional until the secretariat closes it."),
    )
    opened_at = models.DateTimeField(_("opened at"), default=timezone.now)

    objects = RegistrationQuerySet.as_manager()

    class Meta:
        ordering = ["-deadline_on"]
        verbose_name = _("registration")
        verbose_name_plural = _("registrations")

    def __str__(self) -> str:
        return str(self.meeting)

    def clean(self) -> None:
        super().clean()
        unknown = set(self.categories or []) - set(DelegationCategory.values)
        if not self.categories or unknown:
            raise ValidationError({"categories": _("Choose who may register.")})

    def cap(self, mode: str) -> int | None:
        return self.cap_in_person if mode == ParticipationMode.IN_PERSON else self.cap_online

    def is_late(self, day=None) -> bool:
        """After the deadline a nomination is a request the secretariat decides."""
        return (day or timezone.localdate()) > self.deadline_on

    def get_absolute_url(self) -> str:
        return reverse("delegations:registration_detail", kwargs={"meeting": self.meeting_id})


DELEGATION_OF = ExactlyOne(
    ("state", "organization"),
    name="delegation_exactly_one_sender",
    message=_("A delegation is sent by exactly one state or organization."),
)


class Delegation(TimestampedModel):
    """A state's or an organization's delegation to a meeting (делегация), with its credentials."""

    registration = models.ForeignKey(
        Registration, verbose_name=_("registration"), on_delete=models.CASCADE, related_name="delegations"
    )
    state = models.ForeignKey(
        "registry.State",
        verbose_name=_("state"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="delegations",
    )
    organization = models.ForeignKey(
        "registry.Organization",
        verbose_name=_("organization"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="delegations",
    )
    category = models.CharField(_("category"), max_length=16, choices=DelegationCategory.choices)
    credentials = models.CharField(
        _("credentials"), max_length=8, choices=Credentials.choices, default=Credentials.NONE
    )
    credentials_note = models.CharField(_("note on credentials"), max_length=500, blank=True)
    credentials_recorded_at = models.DateTimeField(_("credentials recorded at"), null=True, blank=True)
    participation = models.OneToOneField(
        "meetings.Participation",
        verbose_name=_("participation"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        help_text=_("The state's or organization's participation that registration created."),
    )

    objects = DelegationQuerySet.as_manager()

    class Meta:
        ordering = ["registration_id", "pk"]
        verbose_name = _("delegation")
        verbose_name_plural = _("delegations")
        constraints = [
            DELEGATION_OF.constraint(),
            models.UniqueConstraint(fields=["registration", "state"], name="delegation_unique_state"),
            models.UniqueConstraint(
                fields=["registration", "organization"], name="delegation_unique_organization"
            ),
        ]

    @property
    def sender(self):
        return self.state or self.organization

    def clean(self) -> None:
        super().clean()
        field = DELEGATION_OF.validate(self)
        if not self.registration_id or not self.category:
            return
        if self.category not in (self.registration.categories or []):
            raise ValidationError({"category": _("Registration is not open to this category.")})
        if field == "state" and self.category not in STATE_CATEGORIES:
            raise ValidationError(
                {"category": _("A state registers as a member, signatory or observer state.")}
            )
        if field == "organization" and self.organization.kind not in ORGANIZATION_KINDS.get(
            self.category, ()
        ):
            raise ValidationError({"category": _("This category is not for this kind of organization.")})
        same = Delegation.objects.filter(
            registration_id=self.registration_id, **{f"{field}_id": getattr(self, f"{field}_id")}
        ).exclude(pk=self.pk)
        if same.exists():
            raise ValidationError({field: _("%(sender)s is already registered.") % {"sender": self.sender}})

    def __str__(self) -> str:
        return str(self.sender)


class Delegate(TimestampedModel):
    """A person nominated to a delegation, from the registry or new, with the secretariat's decision (член делегации)."""

    delegation = models.ForeignKey(
        Delegation, verbose_name=_("delegation"), on_delete=models.CASCADE, related_name="delegates"
    )
    person = models.ForeignKey(
        "registry.Person",
        verbose_name=_("person in the registry"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="nominations",
    )
    family_name_ru = models.CharField(_("family name (Russian)"), max_length=200, blank=True)
    given_name_ru = models.CharField(_("given name (Russian)"), max_length=200, blank=True)
    family_name_en = models.CharField(_("family name (English)"), max_length=200, blank=True)
    given_name_en = models.CharField(_("given name (English)"), max_length=200, blank=True)
    position_ru = models.CharField(_("position (Russian)"), max_length=500, blank=True)
    position_en = models.CharField(_("position (English)"), max_length=500, blank=True)
    function = models.CharField(_("function"), max_length=16, choices=DelegateFunction.choices)
    mode = models.CharField(
        _("mode"), max_length=16, choices=ParticipationMode.choices, default=ParticipationMode.IN_PERSON
    )
    email = models.EmailField(_("e-mail"), blank=True)
    phone = models.CharField(_("telephone"), max_length=50, blank=True)
    status = models.CharField(
        _("status"), max_length=12, choices=DelegateStatus.choices, default=DelegateStatus.PENDING
    )
    reason = models.CharField(_("reason"), max_length=1000, blank=True)
    is_late = models.BooleanField(
        _("late request"), default=False, help_text=_("Nominated or changed after the deadline.")
    )
    is_withdrawal_requested = models.BooleanField(_("withdrawal requested"), default=False)
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("decided by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    participation = models.OneToOneField(
        "meetings.Participation",
        verbose_name=_("participation"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    objects = DelegateQuerySet.as_manager()

    class Meta:
        ordering = ["delegation_id", "pk"]
        verbose_name = _("delegate")
        verbose_name_plural = _("delegates")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(person__isnull=False)
                | ~models.Q(family_name_ru="")
                | ~models.Q(family_name_en=""),
                name="delegate_named",
            ),
        ]

    @property
    def name(self) -> str:
        """The registry person's name, else the name given at nomination, in the active language."""
        if self.person_id:
            return self.person.name
        for lang in language_order():
            family = getattr(self, f"family_name_{lang}")
            if family:
                return " ".join(p for p in (getattr(self, f"given_name_{lang}"), family) if p)
        return ""

    @property
    def sort_name(self) -> str:
        if self.person_id:
            return self.person.family_name or ""
        return self.family_name_ru or self.family_name_en

    @property
    def position(self) -> str:
        first, second = language_order()
        return getattr(self, f"position_{first}") or getattr(self, f"position_{second}")

    def clean(self) -> None:
        super().clean()
        if not self.person_id and not (self.family_name_ru.strip() or self.family_name_en.strip()):
            raise ValidationError(
                {"family_name_ru": _("Choose a person from the registry or give the family name.")}
            )
        if self.status == DelegateStatus.RETURNED and not self.reason.strip():
            raise ValidationError({"reason": _("Say why the nomination is returned.")})
        if self.person_id and self.delegation_id and self.status in HOLDS_PLACE:
            twice = Delegate.objects.filter(
                delegation__registration_id=self.delegation.registration_id,
                person_id=self.person_id,
                status__in=HOLDS_PLACE,
            ).exclude(pk=self.pk)
            if twice.exists():
                raise ValidationError(
                    {"person": _("%(person)s is already nominated.") % {"person": self.person}}
                )

    def __str__(self) -> str:
        return f"{self.name} ({self.delegation})"


def letter_path(letter: "Letter", filename: str) -> str:
    return f"delegations/{letter.delegation.registration_id}/{letter.delegation_id}/{filename}"


class Letter(TimestampedModel):
    """A letter a delegation uploads: its note verbale, its credentials (нота, верительные грамоты)."""

    delegation = models.ForeignKey(
        Delegation, verbose_name=_("delegation"), on_delete=models.CASCADE, related_name="letters"
    )
    kind = models.CharField(_("kind"), max_length=16, choices=LetterKind.choices)
    file = models.FileField(_("file"), upload_to=letter_path, max_length=500)
    name = models.CharField(_("file name"), max_length=300)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("uploaded by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    objects = LetterQuerySet.as_manager()

    class Meta:
        ordering = ["delegation_id", "kind", "pk"]
        verbose_name = _("letter")
        verbose_name_plural = _("letters")

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.name}"
