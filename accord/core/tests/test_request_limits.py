"""Bodies too large for their address are refused (413) before they are read.

Issue 15: a 300 MB upload and a 100 MB anonymous POST to /login/ were read in
full before any limit applied. Each request here carries a body that fails the
test if anything reads it.
"""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import resolve, reverse
from rest_framework.test import APIClient

from accord.core.middleware import request_limit
from accord.core.roles import Role
from accord.documents.models import IngestJob
from conftest import make_user

pytestmark = pytest.mark.django_db
MB = 1024 * 1024


class UnreadableBody:
    """A request body that must not be read."""

    def read(self, *args):
        raise AssertionError("the body was read")

    readline = read


def post_declaring(client, path: str, size: int, content_type: str = "multipart/form-data; boundary=xyz"):
    return client.generic(
        "POST",
        path,
        b"",
        content_type=content_type,
        CONTENT_LENGTH=str(size),
        **{"wsgi.input": UnreadableBody()},
    )


@pytest.fixture
def secretariat_client():
    client = Client()
    client.force_login(make_user("uploader", Role.SECRETARIAT))
    return client


def test_a_large_anonymous_post_to_the_login_page_is_refused_unread(english):
    response = post_declaring(Client(), reverse("login"), 100 * MB)
    assert response.status_code == 413
    assert "The request is too large: at most 2.5 MB may be sent here." in response.content.decode()


def test_an_upload_above_the_request_limit_is_refused_unread(secretariat_client, settings, english):
    settings.ACCORD_MAX_UPLOAD_REQUEST_BYTES = 200 * MB
    response = post_declaring(secretariat_client, reverse("documents:upload"), 300 * MB)
    assert response.status_code == 413
    assert "at most 200.0 MB may be sent here" in response.content.decode()
    assert not IngestJob.objects.exists()


def test_the_upload_limit_is_for_signed_in_users_only(settings):
    """Anonymous visitors get the form limit on upload addresses too (they cannot upload anyway)."""
    settings.ACCORD_MAX_UPLOAD_REQUEST_BYTES = 200 * MB
    assert post_declaring(Client(), reverse("documents:upload"), 10 * MB).status_code == 413


def test_a_non_upload_form_of_a_signed_in_user_has_the_form_limit(secretariat_client):
    assert (
        post_declaring(secretariat_client, reverse("documents:document_search"), 10 * MB).status_code == 413
    )


def test_the_api_answers_413_in_its_error_shape(english):
    api = APIClient()
    response = post_declaring(api, "/api/states/", 50 * MB, content_type="application/json")
    assert response.status_code == 413
    assert response.json() == {
        "code": "request_too_large",
        "detail": "The request is too large: at most 2.5 MB may be sent here.",
        "fields": {},
    }


@pytest.mark.django_db(transaction=True)
def test_an_upload_within_the_limits_goes_through(secretariat_client, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    settings.ACCORD_MAX_UPLOAD_REQUEST_BYTES = 1 * MB
    data = "Рабочая встреча прокуроров.".encode() * 2000  # ~50 KB
    response = secretariat_client.post(
        reverse("documents:upload"), {"files": [SimpleUploadedFile("a.txt", data)]}
    )
    assert response.status_code == 302 and IngestJob.objects.count() == 1


def test_a_small_login_post_is_not_refused():
    response = Client().post(reverse("login"), {"username": "nobody", "password": "wrong"})
    assert response.status_code == 200  # the form, with its error


def test_the_admin_forms_take_uploads_from_staff(settings):
    settings.ACCORD_MAX_UPLOAD_REQUEST_BYTES = 200 * MB
    client = Client()
    client.force_login(make_user("admin-uploader", Role.SECRETARIAT, is_staff=True, is_superuser=True))
    response = client.generic(
        "POST",
        reverse("admin:documents_document_add"),
        b"",
        content_type="multipart/form-data; boundary=xyz",
        CONTENT_LENGTH=str(300 * MB),
        **{"wsgi.input": UnreadableBody()},
    )
    assert response.status_code == 413  # above the upload limit: refused unread
    request = client.get(reverse("admin:documents_document_add")).wsgi_request
    assert request_limit(request, resolve(reverse("admin:documents_document_add")).func) == 200 * MB
