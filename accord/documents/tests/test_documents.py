"""Documents: symbols stored normalized, versions, confidentiality, originals, pages and API."""

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import translation

from accord.core.roles import Role
from accord.documents.models import Document
from accord.documents.tests.factories import DocumentFactory
from accord.meetings.tests.factories import AgendaItemFactory, MeetingFactory
from conftest import make_user

pytestmark = pytest.mark.django_db


def test_symbol_is_normalized_and_unique_per_language():
    document = DocumentFactory(symbol="СТОС/СОР/WG.10/2019/5")
    assert document.symbol == "CTOC/COP/WG.10/2019/5" and document.symbol_root == document.symbol
    english = DocumentFactory(symbol="CTOC/COP/WG.10/2019/5", language="en")
    assert list(document.versions()) == [english]
    with pytest.raises(IntegrityError), transaction.atomic():
        DocumentFactory(symbol="CTOC/COP/WG.10/2019/5", language="ru")


@translation.override("en")
def test_validation_messages():
    with pytest.raises(ValidationError, match="not Latin look-alikes"):
        DocumentFactory.build(symbol="ЖКХ/1").full_clean()
    item = AgendaItemFactory()
    with pytest.raises(ValidationError, match="another meeting"):
        DocumentFactory.build(meeting=MeetingFactory(), agenda_item=item).full_clean()
    original = DocumentFactory(language="ru")
    with pytest.raises(ValidationError, match="another language"):
        DocumentFactory.build(version_of=original, language="ru").full_clean()


def test_confidential_documents_and_originals(client, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    secret = DocumentFactory(
        title="Секретный доклад",
        confidentiality="confidential",
        original=SimpleUploadedFile("report.txt", b"secret"),
    )
    public = DocumentFactory(title="Открытый доклад", original=SimpleUploadedFile("open.txt", b"open"))
    listing = client.get(reverse("documents:document_list")).content.decode()
    assert "Открытый доклад" in listing and "Секретный доклад" not in listing
    assert client.get(secret.get_absolute_url()).status_code == 404
    assert client.get(reverse("documents:document_original", args=[secret.pk])).status_code == 404
    response = client.get(reverse("documents:document_original", args=[public.pk]))
    assert response.status_code == 200 and b"".join(response.streaming_content) == b"open"
    client.force_login(make_user("secretariat", Role.SECRETARIAT))
    assert client.get(secret.get_absolute_url()).status_code == 200


def test_search_by_symbol_with_lookalikes_and_api_filters(client, api_client):
    DocumentFactory(symbol="CTOC/COP/2020/1", title="Предварительная повестка дня")
    DocumentFactory(symbol="CTOC/COP/2020/1/Add.1", title="Добавление")
    DocumentFactory(title="Сообщение агентства", kind="news")
    page = client.get(reverse("documents:document_list"), {"q": "СТОС/СОР/2020/1"}).content.decode()
    assert (
        "Предварительная повестка дня" in page and "Добавление" in page and "Сообщение агентства" not in page
    )
    assert api_client.get("/api/documents/?symbol=СТОС/СОР/2020/1").json()["count"] == 2
    assert api_client.get("/api/documents/?kind=news").json()["count"] == 1
    listed = api_client.get("/api/documents/").json()["results"][0]
    assert "text" not in listed
    assert "text" in api_client.get(listed["url"]).json()


def test_secretariat_form_rejects_a_bad_symbol_and_keeps_nothing(client):
    client.force_login(make_user("secretariat", Role.SECRETARIAT))
    data = {
        "symbol": "ЖКХ/2019",
        "language": "ru",
        "title": "Доклад",
        "kind": "report",
        "confidentiality": "public",
    }
    response = client.post(reverse("documents:document_create"), data)
    assert response.status_code == 200 and not Document.objects.exists()
    data["symbol"] = "СТОС/СОР/2020/1"
    response = client.post(reverse("documents:document_create"), data)
    assert response.status_code == 302 and Document.objects.get().symbol == "CTOC/COP/2020/1"


@pytest.mark.parametrize(
    "url_name", ["documents:document_list", "instruments:instrument_list", "instruments:mandate_list"]
)
def test_list_pages_run_a_bounded_number_of_queries(client, url_name):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from accord.instruments.tests.factories import MandateFactory, PartyFactory

    client.force_login(make_user("analyst", Role.ANALYST))

    def grow(n):
        for _ in range(n):
            DocumentFactory(meeting=MeetingFactory(), text="…")
            MandateFactory()
            PartyFactory()

    def count():
        with CaptureQueriesContext(connection) as queries:
            assert client.get(reverse(url_name)).status_code == 200
        return len(queries)

    grow(2)
    small = count()
    grow(18)
    assert count() == small
