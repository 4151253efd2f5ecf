"""The writes of cooperation requests: each checks permission, validates, appends history and logs access."""

import datetime
from collections.abc import Iterable
from decimal import Decimal, InvalidOperation
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

from accord.core.services import service
from accord.legal_cooperation import permissions
from accord.legal_cooperation.choices import AccessAction, EventKind, RequestStatus
from accord.legal_cooperation.models import AccessLog, AssetAmount, CooperationRequest, RequestEvent

EDITABLE_FIELDS = (
    "kind",
    "reference_number",
    "requesting_authority",
    "requested_authority",
    "instrument",
    "provision",
    "subject",
    "received_on",
    "acknowledged_on",
    "answered_on",
    "deadline_on",
)


def client_address(http_request) -> tuple[str | None, str]:
    """The caller's IP address and path, for the access log (REMOTE_ADDR: proxies are the deployment's job)."""
    if http_request is None:
        return None, ""
    meta = getattr(http_request, "META", {})
    return meta.get("REMOTE_ADDR") or None, http_request.get_full_path()[:500]


def log_access(user, requests: Iterable[CooperationRequest], action: str, *, http_request=None) -> int:
    """One log row per request the user saw or changed; anonymous users never see any, so are never logged."""
    if user is None or not user.is_authenticated:
        return 0
    ip, path = client_address(http_request)
    rows = [AccessLog(request=r, user=user, action=action, ip=ip, path=path) for r in requests]
    AccessLog.objects.bulk_create(rows)
    return len(rows)


def _require(allowed: bool, message: str) -> None:
    if not allowed:
        raise PermissionDenied(message)


@service
def create_request(*, acting_user, http_request=None, **values: Any) -> CooperationRequest:
    """Registers a request; the focal point of the requesting state or the secretariat may.

    Guarantees: the row is valid (states derived from the authorities), its
    first history event and its access-log row are written, or nothing is.
    """
    unknown = set(values) - set(EDITABLE_FIELDS)
    if unknown:
        raise ValidationError(_("Unknown fields: %(fields)s.") % {"fields": ", ".join(sorted(unknown))})
    request = CooperationRequest(**values)
    request.full_clean()
    _require(
        permissions.can_create_from(acting_user, request.requesting_state_id),
        _("Only the secretariat or the focal point of the requesting state may register this request."),
    )
    request.save()
    RequestEvent.objects.create(
        request=request, kind=EventKind.CREATED, to_status=request.status, user=acting_user
    )
    log_access(acting_user, [request], AccessAction.CREATE, http_request=http_request)
    return request


@service
def update_request(
    request: CooperationRequest, *, acting_user, http_request=None, **values: Any
) -> CooperationRequest:
    """Changes the particulars of a request (not its status); the requesting side or the secretariat."""
    _require(
        permissions.can_edit(acting_user, request),
        _("Only the secretariat or the focal point of the requesting state may change this request."),
    )
    unknown = set(values) - set(EDITABLE_FIELDS)
    if unknown:
        raise ValidationError(_("Unknown fields: %(fields)s.") % {"fields": ", ".join(sorted(unknown))})
    request = CooperationRequest.objects.select_for_update().get(pk=request.pk)
    for field, value in values.items():
        setattr(request, field, value)
    request.full_clean()
    _require(
        permissions.can_create_from(acting_user, request.requesting_state_id),
        _("A focal point cannot hand a request over to another requesting state."),
    )
    request.save()
    log_access(acting_user, [request], AccessAction.CHANGE, http_request=http_request)
    return request


@service
def change_status(
    request: CooperationRequest,
    *,
    acting_user,
    status: str,
    note: str = "",
    on: datetime.date | None = None,
    http_request=None,
) -> RequestEvent:
    """Moves a request to a new status and appends the event; the requested state or the secretariat.

    A closed request (executed, refused, withdrawn) stays closed; a final
    answer fills `answered_on` when it is still empty, the first move past
    "received" fills `acknowledged_on`.
    """
    _require(
        permissions.can_change_status(acting_user, request),
        _("Only the secretariat or the focal point of the requested state may change the status."),
    )
    if status not in RequestStatus.values:
        raise ValidationError({"status": _("Unknown status “%(status)s”.") % {"status": status}})
    request = CooperationRequest.objects.select_for_update().get(pk=request.pk)
    if request.status in RequestStatus.closed_values():
        raise ValidationError({"status": _("The request is closed; its status cannot change.")})
    if status == request.status:
        raise ValidationError({"status": _("The request already has this status.")})
    day = on or timezone.localdate()
    if day < request.received_on:
        raise ValidationError({"on": _("The date cannot be earlier than the date of receipt.")})
    previous = request.status
    request.status = status
    if status != RequestStatus.RECEIVED and request.acknowledged_on is None:
        request.acknowledged_on = day
    if status in (RequestStatus.EXECUTED, RequestStatus.REFUSED) and request.answered_on is None:
        request.answered_on = day
    request.full_clean()
    request.save()
    event = RequestEvent.objects.create(
        request=request,
        kind=EventKind.STATUS_CHANGE,
        from_status=previous,
        to_status=status,
        note=note.strip(),
        user=acting_user,
    )
    log_access(acting_user, [request], AccessAction.CHANGE, http_request=http_request)
    return event


@service
def add_note(request: CooperationRequest, *, acting_user, note: str, http_request=None) -> RequestEvent:
    """Appends a note to the history; either state's focal point or the secretariat."""
    _require(permissions.can_add_note(acting_user, request), _("You may not add notes to this request."))
    note = (note or "").strip()
    if not note:
        raise ValidationError({"note": _("Write the note.")})
    event = RequestEvent.objects.create(request=request, kind=EventKind.NOTE, note=note, user=acting_user)
    log_access(acting_user, [request], AccessAction.CHANGE, http_request=http_request)
    return event


def parse_amount(value: Any) -> Decimal:
    """A money amount from text or a number, as Decimal; floats are refused (they are not exact)."""
    if isinstance(value, float):
        raise ValidationError({"amount": _("Give the amount as text or a decimal, not a float.")})
    try:
        amount = (
            value
            if isinstance(value, Decimal)
            else Decimal(str(value).strip().replace(" ", "").replace(",", "."))
        )
    except (InvalidOperation, ValueError) as exc:
        raise ValidationError({"amount": _("Enter an amount such as 1250000.50.")}) from exc
    if not amount.is_finite():
        raise ValidationError({"amount": _("Enter an amount such as 1250000.50.")})
    return amount


@service
def record_amount(
    request: CooperationRequest,
    *,
    acting_user,
    stage: str,
    amount: Any,
    currency: str,
    on: datetime.date,
    note: str = "",
    http_request=None,
) -> AssetAmount:
    """Records an amount of an asset-recovery request in its own currency; either state or the secretariat."""
    _require(
        permissions.can_record_amounts(acting_user, request),
        _("You may not record amounts on this request."),
    )
    row = AssetAmount(
        request=request,
        stage=stage,
        amount=parse_amount(amount),
        currency=(currency or "").strip().upper(),
        on=on,
        note=(note or "").strip(),
        recorded_by=acting_user,
    )
    row.full_clean()
    row.save()
    RequestEvent.objects.create(
        request=request,
        kind=EventKind.AMOUNT,
        note=f"{row.get_stage_display()}: {row.amount} {row.currency}",
        user=acting_user,
    )
    log_access(acting_user, [request], AccessAction.CHANGE, http_request=http_request)
    return row
