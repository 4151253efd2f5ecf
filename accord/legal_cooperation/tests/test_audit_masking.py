"""The generic audit log keeps who changed a request and when, never what the request says.

A superuser reads `/admin/auditlog/` without any access-log row, so what it
stores of a request, an amount or a note is masked: the changed fields are
named, their values are not, and the record is named by its number.
"""

import datetime
import json

import pytest
from auditlog.models import LogEntry
from django.contrib.contenttypes.models import ContentType
from django.test import Client

from accord.legal_cooperation import services
from accord.legal_cooperation.choices import RequestKind, RequestStatus
from accord.legal_cooperation.models import AssetAmount, CooperationRequest

pytestmark = pytest.mark.django_db

SECRETS = (
    "AUDIT-SECRET-7",
    "Assets parked with a nominee director",
    "Corrected: nominee and trust",
    "987654.32",
)


def _entries():
    types = ContentType.objects.get_for_models(CooperationRequest, AssetAmount).values()
    return LogEntry.objects.filter(content_type__in=types).order_by("pk")


def _stored(entry: LogEntry) -> str:
    return " ".join(
        [entry.object_repr, entry.changes_text or "", json.dumps(entry.changes, ensure_ascii=False)]
    )


@pytest.fixture
def audited(world):
    a, b = world["authorities"]
    requesting, requested = world["users"]["requesting"], world["users"]["requested"]
    request = services.create_request(
        acting_user=requesting,
        kind=RequestKind.ASSET_RECOVERY,
        reference_number=SECRETS[0],
        requesting_authority=a,
        requested_authority=b,
        instrument=world["request"].instrument,
        subject=SECRETS[1],
        received_on=datetime.date(2025, 2, 1),
        deadline_on=datetime.date(2025, 4, 1),
    )
    services.update_request(request, acting_user=requesting, subject=SECRETS[2])
    services.change_status(request, acting_user=requested, status=RequestStatus.UNDER_EXECUTION)
    services.record_amount(
        request,
        acting_user=requested,
        stage="frozen",
        amount=SECRETS[3],
        currency="EUR",
        on=datetime.date(2025, 2, 10),
        note="Held at a bank in the requested state",
    )
    return request


def test_stored_audit_entries_are_masked(audited, world):
    entries = list(_entries())
    assert len(entries) >= 4  # created, changed twice, one amount
    a, b = world["authorities"]
    for entry in entries:
        stored = _stored(entry)
        for secret in (*SECRETS, "Held at a bank", a.name, b.name):
            assert secret not in stored, (secret, stored)
    own = [
        e for e in entries if e.content_type.model_class() is CooperationRequest and e.object_id == audited.pk
    ]
    created = own[0]
    assert created.object_repr == str(audited)
    assert set(created.changes) >= {"reference_number", "subject", "requesting_authority", "deadline_on"}
    assert {tuple(v) for k, v in created.changes.items() if k == "reference_number"} == {("***", "***")}
    changed = own[1]
    assert changed.changes["subject"] == ["***", "***"]


def test_the_admin_shows_who_and_which_fields_but_no_values(audited, django_user_model):
    root = django_user_model.objects.create_superuser("audit-root", password="x-12345-y")
    client = Client()
    client.force_login(root)
    listing = client.get("/admin/auditlog/logentry/").content.decode()
    for secret in SECRETS:  # nothing stored to find (the search box echoes the words, so count)
        assert client.get("/admin/auditlog/logentry/", {"q": secret}).context["cl"].result_count == 0
    pages = [listing]
    for entry in _entries():
        response = client.get(f"/admin/auditlog/logentry/{entry.pk}/change/")
        assert response.status_code == 200
        pages.append(response.content.decode())
    for page in pages:
        for secret in SECRETS:
            assert secret not in page
    assert any("***" in page for page in pages[1:])  # the change display names fields, masks values
    assert f"no. {audited.pk}" in listing or f"№ {audited.pk}" in listing


def test_a_requests_name_is_its_number(audited):
    assert audited.reference_number not in str(audited)
    assert str(audited.pk) in str(audited)
    amount = audited.amounts.get()
    assert SECRETS[3] not in str(amount) and "EUR" not in str(amount)


def test_entries_written_before_masking_are_masked_by_the_migration(world):
    from importlib import import_module

    from django.apps import apps

    migration = import_module("accord.legal_cooperation.migrations.0002_mask_audit_entries")
    request = world["request"]
    old = LogEntry.objects.create(
        content_type=ContentType.objects.get_for_model(CooperationRequest),
        object_pk=str(request.pk),
        object_id=request.pk,
        object_repr=f"{SECRETS[0]} (Extradition)",
        action=LogEntry.Action.UPDATE,
        changes={"subject": [SECRETS[1], SECRETS[2]], "updated_at": ["2025-01-01", "2025-01-02"]},
        changes_text=SECRETS[1],
    )
    migration.mask_entries(apps, None)
    old.refresh_from_db()
    assert old.changes == {"subject": ["***", "***"], "updated_at": ["2025-01-01", "2025-01-02"]}
    assert not any(secret in _stored(old) for secret in SECRETS)


def test_no_other_door_to_request_contents():
    """No admin page for the request models, and the audit registers only masked ones."""
    from auditlog.registry import auditlog
    from django.contrib import admin

    from accord.legal_cooperation.models import AccessLog, RequestEvent

    for model in (CooperationRequest, AssetAmount, RequestEvent, AccessLog):
        assert not admin.site.is_registered(model), model
    for model in (CooperationRequest, AssetAmount, RequestEvent, AccessLog):
        if auditlog.contains(model):
            masked = set(auditlog.get_model_fields(model)["mask_fields"])
            assert {"reference_number", "subject", "note", "amount"} & {
                f.name for f in model._meta.concrete_fields
            } <= masked, model
