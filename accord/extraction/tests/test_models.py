"""Extraction models: constraints, linked records, record pages by ids, visibility querysets."""

import pytest
from django.db import IntegrityError, transaction

from accord.core.roles import Role
from accord.documents.tests.factories import DocumentFactory
from accord.extraction.models import Mention, Suggestion
from accord.extraction.tests.factories import MentionFactory, SuggestionFactory
from accord.meetings.tests.factories import MeetingFactory
from accord.registry.tests.factories import OrganizationFactory, PersonFactory, StateFactory
from conftest import make_user

pytestmark = pytest.mark.django_db


def test_a_mention_spans_text_and_links_at_most_one_record():
    state, organization = StateFactory(), OrganizationFactory()
    mention = MentionFactory(type="state", state=state)
    assert mention.record == state and "Ташкент" in str(mention)
    with pytest.raises(IntegrityError), transaction.atomic():
        MentionFactory(begin=5, end=5)
    with pytest.raises(IntegrityError), transaction.atomic():
        MentionFactory(state=state, organization=organization)


def test_deleting_a_record_leaves_the_mention_unlinked():
    person = PersonFactory()
    mention = MentionFactory(type="person", person=person)
    person.delete()
    mention.refresh_from_db()
    assert mention.person is None and mention.record is None


def test_one_fingerprint_per_document_and_confidence_in_range():
    suggestion = SuggestionFactory(fingerprint="a" * 40)
    with pytest.raises(IntegrityError), transaction.atomic():
        SuggestionFactory(document=suggestion.document, fingerprint="a" * 40)
    with pytest.raises(IntegrityError), transaction.atomic():
        SuggestionFactory(confidence=1.5)
    assert SuggestionFactory(document=DocumentFactory(), fingerprint="a" * 40).pk


def test_record_and_its_page_without_queries(django_assert_num_queries):
    meeting = MeetingFactory()
    suggestion = SuggestionFactory(status="accepted", meeting=meeting)
    plain = Suggestion.objects.get(pk=suggestion.pk)
    with django_assert_num_queries(0):
        assert plain.record_url == meeting.get_absolute_url()
    assert plain.record == meeting and str(plain).startswith(plain.get_kind_display())
    assert SuggestionFactory().record_url == ""


def test_visibility_follows_documents_and_the_secretariat():
    public = MentionFactory()
    MentionFactory(document=DocumentFactory(text="x" * 20, confidentiality="restricted"))
    MentionFactory(document=DocumentFactory(text="x" * 20, confidentiality="confidential"))
    assert list(Mention.objects.visible_to(None)) == [public]
    assert Mention.objects.visible_to(make_user("analyst", Role.ANALYST)).count() == 2
    assert Mention.objects.visible_to(make_user("secretariat", Role.SECRETARIAT)).count() == 3
    assert not Mention.objects.editable_by(make_user("admin", is_superuser=True)).exists()
    SuggestionFactory()
    assert not Suggestion.objects.visible_to(make_user("analyst2", Role.ANALYST)).exists()
    assert Suggestion.objects.visible_to(make_user("admin2", is_superuser=True)).count() == 1
    assert Suggestion.objects.search("Заседание").count() == 1
    assert Suggestion.objects.search("нет такого").count() == 0
