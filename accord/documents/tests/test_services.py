"""The documents services: the secretariat's records of documents, one write path for pages, API and extraction."""

import pytest
from auditlog.models import LogEntry
from django.core.exceptions import PermissionDenied, ValidationError

from accord.core.choices import Confidentiality
from accord.documents import services
from accord.documents.models import Document
from accord.documents.tests.factories import DocumentFactory

pytestmark = pytest.mark.django_db


def test_create_update_and_delete_a_document(secretariat_user):
    document = services.create_document(
        Document(title="A report", language="en", kind="report"), acting_user=secretariat_user
    )
    assert document.confidentiality == Confidentiality.RESTRICTED
    assert LogEntry.objects.get_for_object(document).get().actor == secretariat_user
    document.title = "A better report"
    services.update_document(document, acting_user=secretariat_user)
    assert Document.objects.get(pk=document.pk).title == "A better report"
    services.delete_document(document, acting_user=secretariat_user)
    assert not Document.objects.filter(pk=document.pk).exists()


def test_documents_are_validated_and_the_secretariats(secretariat_user, analyst_user):
    with pytest.raises(ValidationError):
        services.create_document(Document(title=" ", language="en"), acting_user=secretariat_user)
    with pytest.raises(PermissionDenied):
        services.create_document(Document(title="Mine", language="en"), acting_user=analyst_user)
    assert not Document.objects.exists()


def test_a_cited_document_is_found_by_its_symbol_or_registered_no_more_public_than_the_citing_one(
    secretariat_user,
):
    citing = DocumentFactory(confidentiality=Confidentiality.RESTRICTED, language="en")
    cited = services.register_cited_document(
        "CAC/COSP/2019/17", cited_by=citing, acting_user=secretariat_user
    )
    assert (cited.symbol, cited.title, cited.language) == ("CAC/COSP/2019/17", "CAC/COSP/2019/17", "en")
    assert cited.confidentiality == Confidentiality.RESTRICTED
    again = services.register_cited_document(
        "CAC/COSP/2019/17", cited_by=citing, acting_user=secretariat_user
    )
    assert again.pk == cited.pk


def test_the_api_creates_documents_through_the_service(api_client, secretariat_user):
    api_client.force_authenticate(secretariat_user)
    response = api_client.post("/api/documents/", {"title": "Sent", "language": "ru", "kind": "report"})
    assert response.status_code == 201, response.content
    document = Document.objects.get(pk=response.json()["id"])
    assert LogEntry.objects.get_for_object(document).get().actor == secretariat_user
