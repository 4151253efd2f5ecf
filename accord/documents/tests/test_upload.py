"""Uploads: several files, checked at the door, ingested by the worker, followed on a job page."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.urls import reverse
from django.utils import translation

from accord.core.roles import Role
from accord.documents.models import Document, IngestItem, IngestJob
from conftest import make_user

pytestmark = pytest.mark.django_db(transaction=True)

TEXT = "Генеральный прокурор провёл рабочую встречу по вопросам противодействия коррупции и возврата активов."


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def files(*items):
    return [SimpleUploadedFile(name, data) for name, data in items]


def test_only_the_secretariat_uploads(client):
    assert client.get(reverse("documents:upload")).status_code == 302
    client.force_login(make_user("analyst", Role.ANALYST))
    assert client.get(reverse("documents:upload")).status_code == 403
    assert (
        client.post(reverse("documents:upload"), {"files": files(("a.txt", TEXT.encode()))}).status_code
        == 403
    )
    assert not IngestJob.objects.exists()


def test_upload_runs_through_the_database_queue_and_the_worker(client, settings):
    settings.ACCORD_MAX_UPLOAD_BYTES = 5000
    client.force_login(make_user("secretariat", Role.SECRETARIAT))
    response = client.post(
        reverse("documents:upload"),
        {"files": files(("good.txt", TEXT.encode("cp1251")), ("empty.txt", b""), ("big.txt", b"x" * 6000))},
    )
    job = IngestJob.objects.get()
    assert response.status_code == 302 and response["Location"] == job.get_absolute_url()
    assert (job.total, job.failed, job.status) == (3, 1, "queued")  # the big one refused at the door
    assert job.items.get(name="big.txt").upload.name == ""
    page = client.get(job.get_absolute_url()).content.decode()
    assert 'hx-trigger="every 1s"' in page  # polling while unfinished
    call_command("worker", "--batch")
    job.refresh_from_db()
    assert (job.status, job.added, job.failed) == ("done", 1, 2)
    assert Document.objects.get().text == TEXT
    assert Document.objects.get().confidentiality == "restricted"  # no level chosen: members only
    assert not IngestItem.objects.exclude(upload="").exists()  # uploads removed once ingested
    with translation.override("en"):
        fragment = client.get(job.get_absolute_url(), HTTP_HX_REQUEST="true").content.decode()
    assert "every 1s" not in fragment and "empty" in fragment.lower() and "<html" not in fragment


def test_upload_without_files_is_refused(client):
    client.force_login(make_user("secretariat", Role.SECRETARIAT))
    response = client.post(reverse("documents:upload"), {})
    assert response.status_code == 200 and "invalid-feedback" in response.content.decode()
    assert not IngestJob.objects.exists()


def test_more_files_than_one_upload_may_carry_is_explained_on_the_form(client, settings, english):
    """Issue 15: 101 files answered a bare "Bad Request (400)" (Django's DATA_UPLOAD_MAX_NUMBER_FILES)."""
    settings.ACCORD_MAX_UPLOAD_FILES = 100
    client.force_login(make_user("secretariat", Role.SECRETARIAT))
    chosen = files(*[(f"doc-{i}.txt", TEXT.encode()) for i in range(101)])
    response = client.post(reverse("documents:upload"), {"files": chosen})
    page = response.content.decode()
    assert response.status_code == 200 and 'name="files"' in page  # the form again, not an error page
    assert "At most 100 files can be sent at once; 101 were chosen." in page
    assert not IngestJob.objects.exists()


def test_far_more_files_than_django_parses_is_explained_too(client, settings, english):
    """Beyond Django's own hard limit the request cannot be read: a page says why and how many."""
    settings.ACCORD_MAX_UPLOAD_FILES = 2
    settings.DATA_UPLOAD_MAX_NUMBER_FILES = 4
    client.force_login(make_user("secretariat", Role.SECRETARIAT))
    client.raise_request_exception = False
    chosen = files(*[(f"doc-{i}.txt", TEXT.encode()) for i in range(5)])
    response = client.post(reverse("documents:upload"), {"files": chosen})
    assert response.status_code == 400
    assert "Too many files in one request: send at most 2 at a time." in response.content.decode()
    assert not IngestJob.objects.exists()


def test_a_pasted_text_with_kind_language_and_date_becomes_a_restricted_document(client):
    client.force_login(make_user("secretariat", Role.SECRETARIAT))
    response = client.post(
        reverse("documents:upload"),
        {"text": TEXT, "kind": "note", "language": "en", "published_on": "2025-03-01"},
    )
    job = IngestJob.objects.get()
    assert response.status_code == 302 and (job.kind, job.language) == ("note", "en")
    assert job.items.get().name == "pasted-text.txt"
    call_command("worker", "--batch")
    document = Document.objects.get()
    assert document.text == TEXT and document.kind == "note" and document.language == "en"
    assert document.published_on.isoformat() == "2025-03-01"
    assert document.confidentiality == "restricted"  # members only unless the uploader says otherwise


def test_files_and_a_pasted_text_in_one_upload_read_what_is_not_given(client):
    client.force_login(make_user("secretariat", Role.SECRETARIAT))
    other = "Министерство юстиции подготовило обзор практики по делам о коррупции за прошлый год."
    client.post(reverse("documents:upload"), {"files": files(("a.txt", TEXT.encode())), "text": other})
    assert IngestJob.objects.get().total == 2
    call_command("worker", "--batch")
    assert sorted(Document.objects.values_list("language", flat=True)) == ["ru", "ru"]  # detected
    assert set(Document.objects.values_list("kind", flat=True)) == {"other"}


def test_an_empty_upload_says_to_choose_a_file_or_paste_a_text(client, english):
    client.force_login(make_user("secretariat", Role.SECRETARIAT))
    response = client.post(reverse("documents:upload"), {"text": "   ", "kind": "note"})
    assert response.status_code == 200
    assert "Choose at least one file or paste a text." in response.content.decode()
    response = client.post(reverse("documents:upload"), {"text": TEXT, "published_on": "not a date"})
    assert response.status_code == 200 and "invalid-feedback" in response.content.decode()
    assert TEXT in response.content.decode()  # the pasted text is kept on the form
    assert not IngestJob.objects.exists()


def test_the_job_page_links_each_file_to_its_document_and_its_suggestions(client):
    client.force_login(make_user("secretariat", Role.SECRETARIAT))
    client.post(reverse("documents:upload"), {"files": files(("a.txt", TEXT.encode()))})
    call_command("worker", "--batch")
    job = IngestJob.objects.get()
    document = Document.objects.get()
    page = client.get(job.get_absolute_url()).content.decode()
    assert f'href="{document.get_absolute_url()}" data-testid="job-item-document"' in page
    assert reverse("extraction:document_entities", args=[document.pk]) in page
    assert 'data-testid="job-item-link"' in page
