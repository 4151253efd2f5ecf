"""The documents panel on a meeting's page: it comes through the `record_panel` hook, not from meetings."""

import pytest
from django.urls import reverse

from accord.core.choices import Confidentiality
from accord.core.roles import Role
from accord.documents.tests.factories import DocumentFactory
from accord.meetings.tests.factories import AgendaItemFactory, MeetingFactory
from accord.registry.tests.factories import StateFactory
from conftest import make_user

pytestmark = pytest.mark.django_db


def test_meeting_page_lists_its_visible_documents(client):
    meeting = MeetingFactory()
    item = AgendaItemFactory(meeting=meeting, number="4")
    DocumentFactory(meeting=meeting, agenda_item=item, title="Доклад о ходе работы", symbol="AC/1/2")
    DocumentFactory(meeting=meeting, title="Служебная записка", confidentiality=Confidentiality.RESTRICTED)
    DocumentFactory(meeting=MeetingFactory(), title="Чужой документ")
    page = client.get(meeting.get_absolute_url()).content.decode()
    assert 'data-testid="documents-panel"' in page
    assert "Доклад о ходе работы" in page and "AC/1/2" in page
    assert "Служебная записка" not in page and "Чужой документ" not in page
    assert reverse("documents:document_create") not in page


def test_secretariat_gets_the_add_link_even_without_documents(client):
    meeting = MeetingFactory()
    client.force_login(make_user("sec", Role.SECRETARIAT))
    page = client.get(meeting.get_absolute_url()).content.decode()
    assert f"{reverse('documents:document_create')}?meeting={meeting.pk}" in page


def test_no_documents_panel_on_other_records(rf):
    from accord.documents.panels import record_panel

    request = rf.get("/")
    request.user = make_user("reader")
    assert record_panel(request, StateFactory()) == ""
