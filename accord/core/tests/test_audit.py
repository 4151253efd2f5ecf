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


def test_a_command_names_the_user_it_acts_as(tmp_path, secretariat_user, analyst_user):
    """`accord popolo import` writes registry rows: the log names `--as`, or the first superuser."""
    import json

    from django.core.management import CommandError, call_command

    from accord.registry.popolo import export_popolo

    person = PersonFactory(family_name_ru="Командов")
    data = export_popolo()
    data["persons"] = [p for p in data["persons"] if p["id"] == f"accord:person/{person.pk}"]
    for key in ("organizations", "posts", "memberships"):
        data[key] = []
    path = tmp_path / "one.json"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    Person.objects.filter(pk=person.pk).delete()

    with pytest.raises(CommandError, match="superuser"):
        call_command("popolo", "import", str(path))
    call_command("popolo", "import", str(path), "--as", "analyst")
    (created,) = Person.objects.all()
    *before, entry = entries(Person, created.pk)  # the same id again: Popolo ids keep the key
    assert entry.action == LogEntry.Action.CREATE and entry.actor == analyst_user
    assert [e.actor for e in before] == [None, None]  # the factory's rows, written outside any client
