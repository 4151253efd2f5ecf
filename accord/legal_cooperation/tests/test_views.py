"""The pages' forms go through the services; lists keep a flat number of queries."""

import pytest
from django.urls import reverse
from rest_framework.test import APIClient

from accord.legal_cooperation.choices import RequestKind
from accord.legal_cooperation.models import AssetAmount, CooperationRequest
from accord.legal_cooperation.tests.factories import CooperationRequestFactory

pytestmark = pytest.mark.django_db


def test_forms_create_move_and_fund(world, client):
    a, b = world["authorities"]
    client.force_login(world["users"]["requesting"])
    assert client.get(reverse("legal_cooperation:request_create")).status_code == 200
    response = client.post(
        reverse("legal_cooperation:request_create"),
        {
            "kind": RequestKind.ASSET_RECOVERY,
            "reference_number": "AR-PAGE-1",
            "requesting_authority": a.pk,
            "requested_authority": b.pk,
            "instrument": world["request"].instrument.pk,
            "subject": "Sample request for the demonstration",
            "received_on": "2025-02-01",
        },
    )
    request = CooperationRequest.objects.get(reference_number="AR-PAGE-1")
    assert response.status_code == 302
    client.force_login(world["users"]["requested"])
    status_url = reverse("legal_cooperation:request_status", args=[request.pk])
    assert client.post(status_url, {"status": "under_execution", "on": "2025-02-05"}).status_code == 302
    amount_url = reverse("legal_cooperation:request_amount", args=[request.pk])
    bad = client.post(
        amount_url, {"stage": "frozen", "amount": "10.00", "currency": "ABC", "on": "2025-02-06"}
    )
    assert bad.status_code == 400
    assert "ISO 4217" in bad.content.decode()
    assert not AssetAmount.objects.exists()
    good = client.post(
        amount_url, {"stage": "frozen", "amount": "10.00", "currency": "usd", "on": "2025-02-06"}
    )
    assert good.status_code == 302
    page = client.get(request.get_absolute_url()).content.decode()
    assert "10.00 USD" in page
    client.force_login(world["users"]["third"])
    assert client.post(status_url, {"status": "refused"}).status_code == 404
    assert client.get(reverse("legal_cooperation:request_create")).status_code == 200


def test_requested_state_cannot_edit_particulars(world, client):
    client.force_login(world["users"]["requested"])
    assert (
        client.get(reverse("legal_cooperation:request_update", args=[world["request"].pk])).status_code == 403
    )


@pytest.mark.parametrize("rows", [2, 20])
def test_lists_keep_a_flat_number_of_queries(world, client, django_assert_max_num_queries, rows):
    for _n in range(rows):
        CooperationRequestFactory(
            requesting_authority=world["authorities"][0], requested_authority=world["authorities"][1]
        )
    client.force_login(world["users"]["requested"])
    api = APIClient()
    api.force_authenticate(world["users"]["requested"])
    with django_assert_max_num_queries(15):
        assert client.get(reverse("legal_cooperation:request_list")).status_code == 200
    with django_assert_max_num_queries(10):
        assert api.get("/api/cooperation-requests/").json()["count"] == rows + 1
    with django_assert_max_num_queries(10):
        assert client.get(reverse("legal_cooperation:request_export")).status_code == 200
