"""Cooperation requests between national authorities, their history, amounts and access log."""

from decimal import Decimal

import pycountry
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from accord.core.models import TimestampedModel
from accord.legal_cooperation.choices import (
    AccessAction,
    AmountStage,
    EventKind,
    RequestKind,
    RequestStatus,
)
from accord.legal_cooperation.querysets import (
    AccessLogQuerySet,
    CooperationRequestQuerySet,
    RequestChildQuerySet,
)
from accord.registry.choices import OrganizationKind


def validate_currency(code: str) -> None:
    """ISO 4217 alphabetic codes only, so totals never mix a typo with a real currency."""
    if not code or len(code) != 3 or code != code.upper() or pycountry.currencies.get(alpha_3=code) is None:
        raise ValidationError(
            _("“%(code)s” is not an ISO 4217 currency code (such as USD, EUR, RUB)."),
            params={"code": code},
            code="invalid_currency",
        )


class CooperationRequest(TimestampedModel):
    """A request for international cooperation in a criminal matter (запрос о правовой помощи, выдаче, возврате активов).

    Always confidential: only the focal points of the two states and the
    secretariat see it, and every view and change is written to `AccessLog`.
    The states are stored (for querying) but always follow the authorities.
    """

    kind = models.CharField(_("kind"), max_length=32, choices=RequestKind.choices)
    reference_number = models.CharField(_("reference number"), max_length=100)
    requesting_authority = models.ForeignKey(
        "registry.Organization",
        verbose_name=_("requesting authority"),
        on_delete=models.PROTECT,
        related_name="cooperation_requests_sent",
    )
    requested_authority = models.ForeignKey(
        "registry.Organization",
        verbose_name=_("requested authority"),
        on_delete=models.PROTECT,
        related_name="cooperation_requests_received",
    )
    requesting_state = models.ForeignKey(
        "registry.State",
        verbose_name=_("requesting state"),
        on_delete=models.PROTECT,
        related_name="cooperation_requests_sent",
        editable=False,
    )
    requested_state = models.ForeignKey(
        "registry.State",
        verbose_name=_("requested state"),
        on_delete=models.PROTECT,
        related_name="cooperation_requests_received",
        editable=False,
    )
    instrument = models.ForeignKey(
        "instruments.Instrument",
        verbose_name=_("legal basis"),
        on_delete=models.PROTECT,
        related_name="cooperation_requests",
    )
    provision = models.ForeignKey(
        "instruments.Provision",
        verbose_name=_("provision"),
        on_delete=models.PROTECT,
        related_name="cooperation_requests",
        null=True,
        blank=True,
        help_text=_("The article the request relies on, such as UNCAC article 46."),
    )
    subject = models.TextField(_("subject summary"))
    received_on = models.DateField(_("received on"))
    acknowledged_on = models.DateField(_("acknowledged on"), null=True, blank=True)
    answered_on = models.DateField(_("answered on"), null=True, blank=True)
    deadline_on = models.DateField(_("deadline"), null=True, blank=True)
    status = models.CharField(
        _("status"),
        max_length=32,
        choices=RequestStatus.choices,
        default=RequestStatus.RECEIVED,
        editable=False,
    )

    objects = CooperationRequestQuerySet.as_manager()

    class Meta:
        ordering = ["-received_on", "-pk"]
        verbose_name = _("cooperation request")
        verbose_name_plural = _("cooperation requests")
        constraints = [
            models.UniqueConstraint(
                fields=["requesting_authority", "reference_number"],
                name="cooperation_request_unique_reference",
            ),
            models.CheckConstraint(
                condition=~models.Q(requesting_state=models.F("requested_state")),
                name="cooperation_request_states_differ",
            ),
            models.CheckConstraint(
                condition=~models.Q(reference_number=""), name="cooperation_request_has_reference"
            ),
        ]

    def __str__(self) -> str:
        # Its number in Accord, never its particulars: the name travels to the audit log, messages
        # and error reports, which write no access-log row. Pages show `reference_number` and log.
        if self.pk is None:
            return str(_("New cooperation request"))
        return str(_("Cooperation request no. %(id)s") % {"id": self.pk})

    def get_absolute_url(self) -> str:
        return reverse("legal_cooperation:request_detail", kwargs={"pk": self.pk})

    @property
    def is_open(self) -> bool:
        return self.status in RequestStatus.open_values()

    def is_overdue(self, today) -> bool:
        return self.is_open and self.deadline_on is not None and self.deadline_on < today

    def clean(self) -> None:
        super().clean()
        self.reference_number = (self.reference_number or "").strip()
        errors: dict[str, list] = {}
        for side in ("requesting", "requested"):
            authority_id = getattr(self, f"{side}_authority_id")
            if authority_id is None:
                continue
            authority = getattr(self, f"{side}_authority")
            if authority.kind != OrganizationKind.NATIONAL_AUTHORITY or authority.state_id is None:
                errors.setdefault(f"{side}_authority", []).append(
                    _("Choose a national authority of a state.")
                )
                continue
            stored = getattr(self, f"{side}_state_id")
            if stored is not None and stored != authority.state_id and self.pk is None:
                errors.setdefault(f"{side}_authority", []).append(
                    _("The authority does not belong to the state given for it.")
                )
                continue
            setattr(self, f"{side}_state_id", authority.state_id)
        if (
            not errors
            and self.requesting_state_id is not None
            and self.requesting_state_id == self.requested_state_id
        ):
            errors["requested_authority"] = [_("The requested authority must be of another state.")]
        if (
            self.provision_id is not None
            and self.instrument_id is not None
            and self.provision.instrument_id != self.instrument_id
        ):
            errors["provision"] = [_("The provision does not belong to the chosen instrument.")]
        if self.received_on:
            for field, message in (
                ("acknowledged_on", _("A request cannot be acknowledged before it was received.")),
                ("answered_on", _("A request cannot be answered before it was received.")),
                ("deadline_on", _("The deadline cannot be earlier than the date of receipt.")),
            ):
                value = getattr(self, field)
                if value is not None and value < self.received_on:
                    errors[field] = [message]
        if errors:
            raise ValidationError(errors)

    def save(self, *args, **kwargs) -> None:
        # The states always follow the authorities, whoever saves the row.
        if self.requesting_authority_id:
            self.requesting_state_id = self.requesting_authority.state_id
        if self.requested_authority_id:
            self.requested_state_id = self.requested_authority.state_id
        super().save(*args, **kwargs)

    def amount_totals(self) -> dict[str, dict[str, Decimal]]:
        """Totals per stage and currency, summed in Decimal and never across currencies."""
        return totals_by_stage(self.amounts.all())


def totals_by_stage(amounts) -> dict[str, dict[str, Decimal]]:
    """`{stage: {currency: total}}` in stage order; Python Decimal arithmetic, not the database's floats."""
    totals: dict[str, dict[str, Decimal]] = {}
    for amount in amounts:
        by_currency = totals.setdefault(amount.stage, {})
        by_currency[amount.currency] = by_currency.get(amount.currency, Decimal("0.00")) + amount.amount
    order = list(AmountStage.values)
    return {stage: dict(sorted(totals[stage].items())) for stage in sorted(totals, key=order.index)}


class RequestEvent(models.Model):
    """One entry of a request's history (ход исполнения): registration, status change, note, amount.

    Append-only: written by the services, never changed or deleted.
    """

    request = models.ForeignKey(
        CooperationRequest, verbose_name=_("request"), on_delete=models.CASCADE, related_name="events"
    )
    kind = models.CharField(_("kind"), max_length=16, choices=EventKind.choices)
    from_status = models.CharField(
        _("previous status"), max_length=32, choices=RequestStatus.choices, blank=True
    )
    to_status = models.CharField(_("new status"), max_length=32, choices=RequestStatus.choices, blank=True)
    note = models.TextField(_("note"), blank=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("who"), on_delete=models.PROTECT, related_name="+"
    )
    at = models.DateTimeField(_("when"), auto_now_add=True)

    objects = RequestChildQuerySet.as_manager()

    class Meta:
        ordering = ["at", "pk"]
        verbose_name = _("request event")
        verbose_name_plural = _("request events")

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.request}"

    def save(self, *args, **kwargs) -> None:
        if self.pk is not None:
            raise ValidationError(_("The history of a request cannot be changed."))
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise ValidationError(_("The history of a request cannot be changed."))


class AssetAmount(models.Model):
    """An amount traced, frozen, confiscated or returned under an asset-recovery request (сумма активов).

    Kept in its own currency; totals never add up different currencies.
    """

    request = models.ForeignKey(
        CooperationRequest, verbose_name=_("request"), on_delete=models.CASCADE, related_name="amounts"
    )
    stage = models.CharField(_("stage"), max_length=16, choices=AmountStage.choices)
    amount = models.DecimalField(
        _("amount"), max_digits=20, decimal_places=2, validators=[MinValueValidator(Decimal("0.01"))]
    )
    currency = models.CharField(
        _("currency"),
        max_length=3,
        validators=[validate_currency],
        help_text=_("ISO 4217 code: USD, EUR, RUB."),
    )
    on = models.DateField(_("date"))
    note = models.CharField(_("note"), max_length=500, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("recorded by"), on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField(_("recorded at"), auto_now_add=True)

    objects = RequestChildQuerySet.as_manager()

    class Meta:
        ordering = ["on", "pk"]
        verbose_name = _("asset amount")
        verbose_name_plural = _("asset amounts")
        constraints = [
            models.CheckConstraint(condition=models.Q(amount__gt=0), name="asset_amount_positive"),
        ]

    def __str__(self) -> str:
        # Named, like its request, without what it records (the audit log keeps this name).
        return str(
            _("Amount no. %(id)s of cooperation request no. %(request)s")
            % {"id": self.pk, "request": self.request_id}
        )

    def clean(self) -> None:
        super().clean()
        if self.request_id is not None and self.request.kind != RequestKind.ASSET_RECOVERY:
            raise ValidationError(_("Amounts are recorded on asset-recovery requests only."))
        if self.request_id is not None and self.on and self.on < self.request.received_on:
            raise ValidationError({"on": _("The date cannot be earlier than the date of receipt.")})


class AccessLog(models.Model):
    """Who saw or changed a confidential request, when and from where (журнал доступа).

    Written by the services on every view, list, export and change; read by the secretariat only.
    """

    request = models.ForeignKey(
        CooperationRequest, verbose_name=_("request"), on_delete=models.PROTECT, related_name="access_log"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("user"), on_delete=models.PROTECT, related_name="+"
    )
    action = models.CharField(_("action"), max_length=16, choices=AccessAction.choices)
    at = models.DateTimeField(_("when"), auto_now_add=True)
    ip = models.GenericIPAddressField(_("IP address"), null=True, blank=True)
    path = models.CharField(_("path"), max_length=500, blank=True)

    objects = AccessLogQuerySet.as_manager()

    class Meta:
        ordering = ["-at", "-pk"]
        verbose_name = _("access log entry")
        verbose_name_plural = _("access log entries")
        indexes = [models.Index(fields=["request", "at"], name="legal_access_request_at")]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.user} {self.get_action_display()} {self.request_id}"
