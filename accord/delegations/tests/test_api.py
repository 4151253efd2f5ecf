import pytest
from django.urls import reverse

from accord.delegations.choices import DelegateStatus
from accord.delegations.tests.factories import DelegateFactory, DelegationFactory, RegistrationFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def published(focal_state, other_state):
    registration = RegistrationFactory(is_list_published=True)
    own = DelegateFactory(delegation=DelegationFactory(registration=registration, state=focal_state))
    other = DelegateFactory(
        delegation=DelegationFactory(registration=registration, state=other_state),
        status=DelegateStatus.APPROVED,
    )
    return registration, own, other


def test_contacts_only_for_the_own_focal_point(api_client, focal_point_user, published):
    _registration, own, other = published
    api_client.force_authenticate(focal_point_user)
    rows = {row["id"]: row for row in api_client.get(reverse("delegate-list")).json()["results"]}
    assert rows[own.pk]["email"] == own.email
    assert "email" not in rows[other.pk] and "phone" not in rows[other.pk]


def test_the_public_reads_the_published_list_without_contacts(api_client, published):
    _registration, _own, other = published
    rows = api_client.get(reverse("delegate-list")).json()["results"]
    assert [row["id"] for row in rows] == [other.pk]
    assert "email" not in rows[0]


def test_cap_and_bad_input_are_400_with_a_message(api_client, focal_point_user, focal_state):
    registration = RegistrationFactory(cap_online=1)
    delegation = DelegationFactory(registration=registration, state=focal_state)
    api_client.force_authenticate(focal_point_user)
    payload = {
        "delegation": delegation.pk,
        "family_name_ru": "Онлайнов",
        "function": "expert",
        "mode": "videoconference",
    }
    assert api_client.post(reverse("delegate-list"), payload).status_code == 201
    response = api_client.post(reverse("delegate-list"), {**payload, "family_name_ru": "Второй"})
    assert response.status_code == 400
    assert response.json()["code"] == "validation_error"
    assert "это предел для данного мероприятия" in str(response.json())
    assert api_client.post(reverse("delegate-list"), {**payload, "function": "king"}).status_code == 400
    assert delegation.delegates.count() == 1


def test_return_needs_a_reason(api_client, secretariat_user, focal_state):
    delegate = DelegateFactory(delegation=DelegationFactory(state=focal_state))
    api_client.force_authenticate(secretariat_user)
    url = reverse("delegate-return", args=[delegate.pk])
    assert api_client.post(url, {"reason": ""}).status_code == 400
    response = api_client.post(url, {"reason": "Нет ноты"})
    assert response.status_code == 200 and response.json()["status"] == "returned"


def test_approval_waits_for_required_credentials(api_client, secretariat_user, focal_state):
    from accord.delegations.tests.factories import LetterFactory

    delegation = DelegationFactory(
        registration=RegistrationFactory(requires_credentials=True), state=focal_state
    )
    LetterFactory(delegation=delegation)
    delegate = DelegateFactory(delegation=delegation)
    api_client.force_authenticate(secretariat_user)
    response = api_client.post(reverse("delegate-approve", args=[delegate.pk]))
    assert response.status_code == 400 and "отметьте полномочия делегации" in response.json()["detail"]
    delegate.refresh_from_db()
    assert delegate.status == DelegateStatus.PENDING
    api_client.post(reverse("delegation-credentials", args=[delegation.pk]), {"credentials": "formal"})
    assert api_client.post(reverse("delegate-approve", args=[delegate.pk])).json()["status"] == "approved"
