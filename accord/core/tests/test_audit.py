"""Every write names its user in the audit log, whatever the client: session, token, command."""

import pytest
from auditlog.models import LogEntry
from django.contrib.contenttypes.models import ContentType

from accord.core.tokens import issue_token
from accord.registry.models import Organization, Person
from accord.registry.tests.factories import OrganizationFactory, PersonFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def token_client(api_client, secretariat_user):
    """An API client that authenticates with a token only (no session, no force_authenticate)."""
    _token, key = issue_token(secretariat_user, acting_user=secretariat_user)
    api_client.credentials(HTTP_AUTHORIZATION=f"Token {key}")
    return api_client


def entries(model, pk) -> list[LogEntry]:
    content_type = ContentType.objects.get_for_model(model)
    return list(LogEntry.objects.filter(content_type=content_type, object_pk=str(pk)).order_by("id"))


@pytest.mark.parametrize(
    ("model", "path", "create", "change", "factory"),
    [
        (
            Organization,
            "/api/organizations/",
            {"kind": "igo", "name_ru": "Сеть по проверке журнала"},
            {"name_ru": "Сеть по проверке журнала (новое имя)"},
            OrganizationFactory,
        ),
        (
            Person,
            "/api/persons/",
            {"family_name_ru": "Журналов", "given_name_ru": "Аудит"},
            {"given_name_ru": "Актор"},
            PersonFactory,
        ),
    ],
)
def test_token_writes_name_their_user(token_client, secretariat_user, model, path, create, change, factory):
    response = token_client.post(path, create)
    assert response.status_code == 201, response.content
    pk = response.json()["id"]
    response = token_client.patch(f"{path}{pk}/", change)
    assert response.status_code == 200, response.content
    response = token_client.delete(f"{path}{pk}/")
    assert response.status_code == 204, response.content

    logged = entries(model, pk)
    assert [entry.action for entry in logged] == [
        LogEntry.Action.CREATE,
        LogEntry.Action.UPDATE,
        LogEntry.Action.DELETE,
    ]
    assert [entry.actor for entry in logged] == [secretariat_user] * 3
    assert all(entry.remote_addr == "127.0.0.1" for entry in logged)


def test_session_writes_name_their_user(client, secretariat_user):
    client.force_login(secretariat_user)
    organization = OrganizationFactory()
    response = client.patch(
        f"/api/organizations/{organization.pk}/",
        {"name_ru": "Новое имя"},
        content_type="application/json",
    )
    assert response.status_code == 200, response.content
    (entry,) = [e for e in entries(Organization, organization.pk) if e.action == LogEntry.Action.UPDATE]
    assert entry.actor == secretariat_user
