"""Nothing uploaded or ingested is public by itself: the uploader picks, restricted by default,
and publishing is the secretariat's recorded decision."""

import pytest
from auditlog.models import LogEntry
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.core.management.base import CommandError
from django.urls import reverse

from accord.core.choices import Confidentiality
from accord.core.roles import Role
from accord.documents.models import Document
from accord.documents.tests.factories import DocumentFactory
from conftest import make_user

TEXT = "Генеральный прокурор провёл рабочую встречу по вопросам противодействия коррупции и возврата активов."


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def upload(client, name: str, **data):
    return client.post(
        reverse("documents:upload"), {"files": [SimpleUploadedFile(name, TEXT.encode())], **data}
    )


@pytest.mark.django_db(transaction=True)
def test_an_upload_is_restricted_unless_the_uploader_picks_another_level(client):
    client.force_login(make_user("secretariat", Role.SECRETARIAT))
    form = client.get(reverse("documents:upload")).content.decode()
    assert 'name="confidentiality"' in form
    assert '<option value="restricted" selected>' in form

    assert upload(client, "restricted.txt", confidentiality="restricted").status_code == 302
    call_command("worker", "--batch")
    document = Document.objects.get()
    assert document.confidentiality == Confidentiality.RESTRICTED and document.original

    client.logout()
    assert client.get(document.get_absolute_url()).status_code == 404
    assert client.get(reverse("documents:document_original", args=[document.pk])).status_code == 404


@pytest.mark.django_db(transaction=True)
def test_the_uploader_may_publish_at_once_and_must_pick_a_known_level(client):
    client.force_login(make_user("secretariat", Role.SECRETARIAT))
    response = upload(client, "public.txt", confidentiality="top-secret")
    assert response.status_code == 200 and "confidentiality" in response.context["form"].errors
    assert not Document.objects.exists()
    upload(client, "public.txt", confidentiality="public")
    call_command("worker", "--batch")
    assert Document.objects.get().confidentiality == Confidentiality.PUBLIC


@pytest.mark.django_db
def test_ingest_is_restricted_by_default_and_takes_a_level(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "one.txt").write_text(TEXT)
    call_command("ingest", str(folder), "--no-progress", "--no-extract")
    assert Document.objects.get().confidentiality == Confidentiality.RESTRICTED

    (folder / "one.txt").write_text(TEXT + " Вторая версия.")
    call_command("ingest", str(folder), "--no-progress", "--no-extract", "--confidentiality", "public")
    assert Document.objects.latest("pk").confidentiality == Confidentiality.PUBLIC
    with pytest.raises(CommandError, match="confidentiality"):
        call_command("ingest", str(folder), "--confidentiality", "open")


@pytest.mark.django_db
def test_a_document_made_by_the_api_or_the_form_is_restricted_unless_told(client, api_client):
    secretariat = make_user("secretariat", Role.SECRETARIAT)
    api_client.force_authenticate(secretariat)
    created = api_client.post("/api/documents/", {"language": "ru", "title": "Доклад"})
    assert created.status_code == 201 and created.json()["confidentiality"] == "restricted"
    client.force_login(secretariat)
    form = client.get(reverse("documents:document_create")).content.decode()
    assert '<option value="restricted" selected>' in form


@pytest.mark.django_db
def test_the_secretariat_publishes_a_document_and_the_history_says_who(client):
    document = DocumentFactory(confidentiality=Confidentiality.RESTRICTED, title="Доклад о визите")
    assert client.get("/api/search/", {"q": "визите"}).json()["count"] == 0
    publish = reverse("documents:document_publish", args=[document.pk])
    assert client.post(publish).status_code == 302  # to the login page
    client.force_login(make_user("analyst", Role.ANALYST))
    assert client.post(publish).status_code == 403
    secretariat = make_user("secretariat", Role.SECRETARIAT)
    client.force_login(secretariat)
    page = client.get(document.get_absolute_url()).content.decode()
    assert f'action="{publish}"' in page
    assert client.get(publish).status_code == 405  # a decision is a POST, never a link

    response = client.post(publish)
    assert response.status_code == 302 and response["Location"] == document.get_absolute_url()
    document.refresh_from_db()
    assert document.confidentiality == Confidentiality.PUBLIC
    entry = LogEntry.objects.get_for_object(document).latest("timestamp")
    assert entry.actor == secretariat and entry.changes_dict["confidentiality"] == ["restricted", "public"]
    page = client.get(document.get_absolute_url()).content.decode()
    assert f'action="{publish}"' not in page  # nothing left to publish

    client.logout()
    assert client.get(document.get_absolute_url()).status_code == 200
    assert client.get("/api/search/", {"q": "визите"}).json()["count"] == 1  # search follows


@pytest.mark.django_db
def test_publishing_through_the_api(api_client):
    document = DocumentFactory(confidentiality=Confidentiality.CONFIDENTIAL)
    url = f"/api/documents/{document.pk}/publish/"
    assert api_client.post(url).status_code in (401, 403)
    api_client.force_authenticate(make_user("analyst", Role.ANALYST))
    assert api_client.post(url).status_code == 403
    secretariat = make_user("secretariat", Role.SECRETARIAT)
    api_client.force_authenticate(secretariat)
    response = api_client.post(url)
    assert response.status_code == 200 and response.json()["confidentiality"] == "public"
    assert LogEntry.objects.get_for_object(document).latest("timestamp").actor == secretariat
    api_client.force_authenticate(None)
    assert api_client.get(f"/api/documents/{document.pk}/").status_code == 200
