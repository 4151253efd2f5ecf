"""Creating, moving and funding requests: permissions, validation, history, Decimal arithmetic."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from rest_framework.test import APIClient

from accord.instruments.tests.factories import InstrumentFactory, ProvisionFactory
from accord.legal_cooperation import services
from accord.legal_cooperation.choices import AmountStage, EventKind, RequestKind, RequestStatus
from accord.legal_cooperation.deadlines import deadlines
from accord.legal_cooperation.models import AssetAmount, CooperationRequest, RequestEvent
from accord.legal_cooperation.tests.factories import CooperationRequestFactory
from accord.registry.tests.factories import NationalAuthorityFactory, OrganizationFactory

pytestmark = pytest.mark.django_db


def _values(world, **extra):
    a, b = world["authorities"]
    values = {
        "kind": RequestKind.MUTUAL_LEGAL_ASSISTANCE,
        "reference_number": "MLA-9",
        "requesting_authority": a,
        "requested_authority": b,
        "instrument": world["request"].instrument,
        "subject": "Sample",
        "received_on": datetime.date(2025, 2, 1),
    }
    values.update(extra)
    return values


def test_create_derives_states_and_starts_history(world):
    request = services.create_request(acting_user=world["users"]["requesting"], **_values(world))
    state_a, state_b, _c = world["states"]
    assert (request.requesting_state, request.requested_state) == (state_a, state_b)
    assert request.status == RequestStatus.RECEIVED
    assert list(request.events.values_list("kind", flat=True)) == [EventKind.CREATED]


@pytest.mark.parametrize("role", ["requested", "third", "reviewer", "analyst"])
def test_only_the_requesting_state_or_secretariat_creates(world, role):
    with pytest.raises(PermissionDenied):
        services.create_request(acting_user=world["users"][role], **_values(world))
    assert not CooperationRequest.objects.filter(reference_number="MLA-9").exists()


def test_states_must_differ_and_authorities_be_national(world):
    a, _b = world["authorities"]
    same_state = NationalAuthorityFactory(state=a.state)
    with pytest.raises(ValidationError) as exc:
        services.create_request(
            acting_user=world["users"]["secretariat"], **_values(world, requested_authority=same_state)
        )
    assert "requested_authority" in exc.value.message_dict
    with pytest.raises(ValidationError) as exc:
        services.create_request(
            acting_user=world["users"]["secretariat"],
            **_values(world, requested_authority=OrganizationFactory()),
        )
    assert "requested_authority" in exc.value.message_dict


def test_provision_must_belong_to_the_instrument(world):
    other = ProvisionFactory(instrument=InstrumentFactory())
    with pytest.raises(ValidationError) as exc:
        services.create_request(acting_user=world["users"]["secretariat"], **_values(world, provision=other))
    assert "provision" in exc.value.message_dict
    own = ProvisionFactory(instrument=world["request"].instrument, number="46")
    assert (
        services.create_request(
            acting_user=world["users"]["secretariat"], **_values(world, provision=own)
        ).provision
        == own
    )


def test_status_is_changed_by_the_requested_state_and_appended(world):
    request = world["request"]
    with pytest.raises(PermissionDenied):
        services.change_status(
            request, acting_user=world["users"]["requesting"], status=RequestStatus.EXECUTED
        )
    services.change_status(
        request,
        acting_user=world["users"]["requested"],
        status="under_execution",
        on=datetime.date(2025, 1, 15),
    )
    services.change_status(
        request,
        acting_user=world["users"]["secretariat"],
        status="executed",
        on=datetime.date(2025, 3, 1),
        note="Done",
    )
    request.refresh_from_db()
    assert (request.status, request.acknowledged_on, request.answered_on) == (
        "executed",
        datetime.date(2025, 1, 15),
        datetime.date(2025, 3, 1),
    )
    assert list(request.events.values_list("from_status", "to_status")) == [
        ("received", "under_execution"),
        ("under_execution", "executed"),
    ]
    with pytest.raises(ValidationError):
        services.change_status(request, acting_user=world["users"]["secretariat"], status="refused")
    event = RequestEvent.objects.first()
    event.note = "rewritten"
    with pytest.raises(ValidationError):
        event.save()


def _asset_request(world):
    return CooperationRequestFactory(
        kind=RequestKind.ASSET_RECOVERY,
        requesting_authority=world["authorities"][0],
        requested_authority=world["authorities"][1],
    )


def test_totals_are_per_currency_and_exact(world):
    """0.10 + 0.20 is 0.30, not 0.30000000000000004; EUR and USD are never added.

    (SQLite keeps about 15 significant digits of a decimal column; PostgreSQL keeps all 20.)
    """
    request = _asset_request(world)
    user = world["users"]["requested"]
    day = datetime.date(2025, 2, 1)
    for amount, currency in (
        ("0.10", "USD"),
        ("0.20", "usd"),
        ("9999999999999.97", "EUR"),
        ("0.02", "EUR"),
    ):
        services.record_amount(
            request, acting_user=user, stage=AmountStage.FROZEN, amount=amount, currency=currency, on=day
        )
    services.record_amount(
        request, acting_user=user, stage=AmountStage.RETURNED, amount=Decimal("5"), currency="RUB", on=day
    )
    totals = request.amount_totals()
    assert totals == {
        "frozen": {"EUR": Decimal("9999999999999.99"), "USD": Decimal("0.30")},
        "returned": {"RUB": Decimal("5.00")},
    }
    assert all(isinstance(v, Decimal) for stage in totals.values() for v in stage.values())
    response = APIClient()
    response.force_authenticate(user)
    data = response.get(f"/api/cooperation-requests/{request.pk}/").json()
    assert data["totals"] == {
        "frozen": {"EUR": "9999999999999.99", "USD": "0.30"},
        "returned": {"RUB": "5.00"},
    }
    assert data["amounts"][0]["amount"] == "0.10"


@pytest.mark.parametrize(
    ("amount", "currency", "field"),
    [
        ("10.00", "XYZ", "currency"),
        ("10.00", "DOLLARS", "currency"),
        ("10.005", "USD", "amount"),
        ("-1", "USD", "amount"),
        ("0", "USD", "amount"),
        ("ten", "USD", "amount"),
        (10.5, "USD", "amount"),
    ],
)
def test_bad_amounts_are_refused_and_leave_nothing(world, amount, currency, field):
    request = _asset_request(world)
    with pytest.raises(ValidationError) as exc:
        services.record_amount(
            request,
            acting_user=world["users"]["secretariat"],
            stage="frozen",
            amount=amount,
            currency=currency,
            on=datetime.date(2025, 2, 1),
        )
    assert field in exc.value.message_dict
    assert not AssetAmount.objects.exists()
    assert not request.events.exists()


def test_api_refuses_bad_amounts_with_the_error_shape(world):
    request = _asset_request(world)
    api = APIClient()
    api.force_authenticate(world["users"]["requested"])
    url = f"/api/cooperation-requests/{request.pk}/amounts/"
    response = api.post(url, {"stage": "frozen", "amount": "12.50", "currency": "QQQ", "on": "2025-02-01"})
    assert response.status_code == 400
    assert response.json()["code"] == "validation_error"
    assert "currency" in response.json()["fields"]
    response = api.post(url, {"stage": "frozen", "amount": "12.50", "currency": "KZT", "on": "2025-02-01"})
    assert response.status_code == 201
    assert response.json()["totals"] == {"frozen": {"KZT": "12.50"}}


def test_amounts_only_on_asset_recovery(world):
    with pytest.raises(ValidationError):
        services.record_amount(
            world["request"],
            acting_user=world["users"]["secretariat"],
            stage="frozen",
            amount="1.00",
            currency="USD",
            on=datetime.date(2025, 2, 1),
        )


def test_api_create_and_status(world):
    api = APIClient()
    api.force_authenticate(world["users"]["requesting"])
    a, b = world["authorities"]
    payload = {
        "kind": "extradition",
        "reference_number": "EXT-1",
        "requesting_authority": a.pk,
        "requested_authority": b.pk,
        "instrument": world["request"].instrument.pk,
        "subject": "Sample",
        "received_on": "2025-02-01",
    }
    response = api.post("/api/cooperation-requests/", payload)
    assert response.status_code == 201, response.json()
    pk = response.json()["id"]
    assert response.json()["requested_state"] == b.state.iso3
    assert api.post(f"/api/cooperation-requests/{pk}/status/", {"status": "executed"}).status_code == 403
    wrong = api.post(
        "/api/cooperation-requests/", {**payload, "reference_number": "EXT-2", "requested_authority": a.pk}
    )
    assert wrong.status_code == 400 and "requested_authority" in wrong.json()["fields"]
    api.force_authenticate(world["users"]["requested"])
    assert api.post("/api/cooperation-requests/", {**payload, "reference_number": "EXT-3"}).status_code == 403
    response = api.post(
        f"/api/cooperation-requests/{pk}/status/", {"status": "under_execution", "on": "2025-02-03"}
    )
    assert response.status_code == 200
    assert response.json()["status"] == "under_execution"


def test_deadlines_for_the_requested_state(world):
    request = world["request"]
    request.deadline_on = datetime.date(2025, 3, 1)
    request.save()
    today = datetime.date(2025, 2, 25)
    found = deadlines(world["users"]["requested"], today=today, within_days=7)
    assert [d.key for d in found] == [f"legal_cooperation.request:{request.pk}"]
    assert deadlines(world["users"]["requested"], today=datetime.date(2025, 1, 1), within_days=7) == []
    assert deadlines(world["users"]["requested"], today=datetime.date(2025, 6, 1), within_days=7)[
        0
    ].is_overdue(datetime.date(2025, 6, 1))
    assert deadlines(world["users"]["requesting"], today=today, within_days=7) == []
    assert deadlines(world["users"]["third"], today=today, within_days=7) == []
