"""Curation pages: highlights by visibility, the queue's permissions, htmx decisions, query counts."""

import datetime

import pytest
from django.test import Client
from django.urls import reverse

from accord.core.roles import Role
from accord.documents.tests.factories import DocumentFactory
from accord.extraction.choices import SuggestionKind, SuggestionStatus
from accord.extraction.models import Extraction, Suggestion
from accord.extraction.services import store_analysis
from accord.extraction.tests.factories import MEETING_TEXT, MentionFactory, SuggestionFactory
from accord.extraction.tests.test_services import meeting_analysis, world  # noqa: F401 (fixture)
from accord.meetings.models import Meeting
from accord.registry.tests.factories import PersonFactory, StateFactory
from conftest import make_user

pytestmark = pytest.mark.django_db

HX = {"HTTP_HX_REQUEST": "true"}


@pytest.fixture
def curator_client(client):
    client.force_login(make_user("curator", Role.SECRETARIAT))
    return client


@pytest.fixture
def stored(world):  # noqa: F811
    document = DocumentFactory(text=MEETING_TEXT, published_on=datetime.date(2025, 10, 22))
    store_analysis(document, meeting_analysis(world))
    return document


def test_entities_page_highlights_and_links_for_everyone_who_may_read(client, stored, world):  # noqa: F811
    url = reverse("extraction:document_entities", args=[stored.pk])
    page = client.get(url).content.decode()
    assert page.count('data-testid="mention"') == 7
    assert f'href="{world["EXA"].get_absolute_url()}"' in page  # a state links to its profile
    assert 'data-type="person"' in page and "Иван Петров" in page
    assert 'data-testid="suggestions"' not in page  # the queue is the secretariat's
    document_page = client.get(stored.get_absolute_url()).content.decode()
    assert f'href="{url}"' in document_page  # the document page links here


def test_entities_of_restricted_documents_are_hidden_from_the_public(client):
    restricted = DocumentFactory(text="Визит в Ташкент.", confidentiality="restricted")
    confidential = DocumentFactory(text="Визит в Ташкент.", confidentiality="confidential")
    MentionFactory(document=restricted)
    MentionFactory(document=confidential)
    for document in (restricted, confidential):
        assert client.get(reverse("extraction:document_entities", args=[document.pk])).status_code == 404
    client.force_login(make_user("analyst", Role.ANALYST))
    assert client.get(reverse("extraction:document_entities", args=[restricted.pk])).status_code == 200
    assert client.get(reverse("extraction:document_entities", args=[confidential.pk])).status_code == 404


def test_people_the_public_may_not_see_are_not_linked(client):
    hidden = PersonFactory(is_public=False, family_name_ru="Скрытов")
    document = DocumentFactory(text="Встреча со Скрытовым.")
    MentionFactory(document=document, begin=11, end=20, type="person", text="Скрытовым", person=hidden)
    url = reverse("extraction:document_entities", args=[document.pk])
    assert hidden.get_absolute_url() not in client.get(url).content.decode()
    client.force_login(make_user("analyst", Role.ANALYST))
    assert hidden.get_absolute_url() in client.get(url).content.decode()


def test_a_changed_text_drops_the_highlights_with_a_warning(client, stored):
    stored.text = stored.text + " Новый абзац."
    stored.save()
    page = client.get(reverse("extraction:document_entities", args=[stored.pk])).content.decode()
    assert 'data-testid="mention"' not in page and "alert-warning" in page
    assert Extraction.objects.get(document=stored).text_hash != stored.content_hash


@pytest.mark.parametrize(
    ("role", "status"),
    [
        (None, 302),
        ("", 403),
        (Role.ANALYST, 403),
        (Role.REVIEWER, 403),
        (Role.FOCAL_POINT, 403),
        (Role.SECRETARIAT, 200),
    ],
)
def test_only_the_secretariat_sees_the_queue_and_decides(client, role, status, stored):
    if role is not None:
        client.force_login(make_user("user", *([role] if role else [])))
    assert client.get(reverse("extraction:suggestion_list")).status_code == status
    suggestion = Suggestion.objects.get(kind=SuggestionKind.MEETING)
    reference = Suggestion.objects.get(kind=SuggestionKind.REFERENCE)
    assert (
        client.post(reverse("extraction:suggestion_accept", args=[suggestion.pk]), **HX).status_code == status
    )
    assert (
        client.post(reverse("extraction:suggestion_reject", args=[reference.pk]), **HX).status_code == status
    )
    assert client.get(reverse("extraction:suggestion_edit", args=[reference.pk]), **HX).status_code == status
    assert Meeting.objects.exists() is (status == 200)
    expected = SuggestionStatus.REJECTED if status == 200 else SuggestionStatus.PENDING
    assert Suggestion.objects.get(pk=reference.pk).status == expected


def test_queue_filters_and_htmx_partial(curator_client, stored):
    url = reverse("extraction:suggestion_list")
    page = curator_client.get(url).content.decode()
    assert page.count('data-testid="suggestion-row"') == Suggestion.objects.count()
    meetings = curator_client.get(url, {"kind": "meeting"}, **HX).content.decode()
    assert "<html" not in meetings and meetings.count('data-testid="suggestion-row"') == 1
    assert curator_client.get(url, {"document": stored.pk + 1}).content.decode().count("suggestion-row") == 0
    assert curator_client.get(url, {"min_confidence": "0.9"}).status_code == 200
    assert curator_client.get(url, {"status": "accepted"}).content.decode().count("suggestion-row") == 0
    assert curator_client.get(url, {"kind": "nonsense", "page": "x"}).status_code == 200  # no 500


def test_htmx_accept_swaps_the_row_and_the_meeting_shows_its_evidence(curator_client, stored):
    suggestion = Suggestion.objects.get(kind=SuggestionKind.MEETING)
    response = curator_client.post(reverse("extraction:suggestion_accept", args=[suggestion.pk]), **HX)
    row = response.content.decode()
    assert response.status_code == 200 and "<html" not in row and 'data-status="accepted"' in row
    meeting = Meeting.objects.get()
    assert meeting.get_absolute_url() in row
    again = curator_client.post(reverse("extraction:suggestion_accept", args=[suggestion.pk]), **HX)
    assert again.status_code == 200 and "alert-danger" in again.content.decode()
    assert Meeting.objects.count() == 1
    anonymous = Client()
    page = anonymous.get(meeting.get_absolute_url()).content.decode()
    assert 'data-testid="evidence"' in page and "21 октября 2025 года в Душанбе" in page
    stored.confidentiality = "confidential"
    stored.save()
    assert 'data-testid="evidence"' not in anonymous.get(meeting.get_absolute_url()).content.decode()
    assert 'data-testid="evidence"' in curator_client.get(meeting.get_absolute_url()).content.decode()


def test_htmx_edit_then_accept_and_reject(curator_client, stored, world):  # noqa: F811
    post = Suggestion.objects.get(kind=SuggestionKind.POST)
    edit = reverse("extraction:suggestion_edit", args=[post.pk])
    form = curator_client.get(edit, **HX).content.decode()
    assert 'data-testid="suggestion-form"' in form and 'name="organization"' in form
    refused = curator_client.post(edit, {"organization": "", "title": "Генпрокурор"}, **HX).content.decode()
    assert "invalid-feedback" in refused and 'data-testid="suggestion-form"' in refused
    accepted = curator_client.post(edit, {"organization": world["office"].pk}, **HX).content.decode()
    assert 'data-status="accepted"' in accepted
    person = Suggestion.objects.get(pk=post.pk).person
    assert person.posts.get().organization == world["office"]
    person_page = curator_client.get(person.get_absolute_url(), follow=True).content.decode()
    assert "Генеральный прокурор Тестландии" in person_page and 'data-testid="evidence"' in person_page
    assert "Делегацию возглавил" in person_page  # the sentence behind the post
    council_page = Client().get(world["council"].get_absolute_url(), follow=True).content.decode()
    assert 'data-testid="evidence"' in council_page and stored.title in council_page  # mentioned in
    reference = Suggestion.objects.get(kind=SuggestionKind.REFERENCE)
    rejected = curator_client.post(reverse("extraction:suggestion_reject", args=[reference.pk]), **HX)
    assert 'data-status="rejected"' in rejected.content.decode()
    assert (
        curator_client.post(reverse("extraction:suggestion_reject", args=[999999]), **HX).status_code == 404
    )


def test_decisions_work_without_javascript(curator_client, stored):
    queue = reverse("extraction:suggestion_list")
    suggestion = Suggestion.objects.get(kind=SuggestionKind.MEETING)
    edit = reverse("extraction:suggestion_edit", args=[suggestion.pk])
    page = curator_client.get(edit)
    assert page.status_code == 200 and "<html" in page.content.decode()
    bad = curator_client.post(edit, {"start_on": "not a date", "next": queue})
    assert bad.status_code == 200 and "invalid-feedback" in bad.content.decode()
    done = curator_client.post(edit, {"title": "Заседание", "next": queue})
    assert done.status_code == 302 and done["Location"] == queue
    assert Meeting.objects.get().title_ru == "Заседание"
    reference = Suggestion.objects.get(kind=SuggestionKind.REFERENCE)
    response = curator_client.post(
        reverse("extraction:suggestion_reject", args=[reference.pk]), {"next": "https://evil.example/"}
    )
    assert response.status_code == 302 and response["Location"] == queue
    assert curator_client.get(reverse("extraction:suggestion_accept", args=[reference.pk])).status_code == 405


def test_rerun_from_the_entities_page_is_for_the_secretariat(curator_client):
    document = DocumentFactory(text="Визит в Ташкент 20 ноября 2024 года.")
    url = reverse("extraction:document_extract", args=[document.pk])
    other = Client()
    other.force_login(make_user("analyst", Role.ANALYST))
    assert other.post(url).status_code == 403
    response = curator_client.post(url)
    assert response.status_code == 302 and Extraction.objects.filter(document=document).exists()


def _grow(n: int) -> None:
    states = [StateFactory() for _ in range(2)]
    for i in range(n):
        kind = [SuggestionKind.MEETING, SuggestionKind.POST, SuggestionKind.REFERENCE, SuggestionKind.PERSON][
            i % 4
        ]
        payload = {
            SuggestionKind.MEETING: {
                "kind": "meeting",
                "start_on": f"2024-11-{1 + i % 27:02d}",
                "end_on": f"2024-11-{2 + i % 27:02d}",
                "city": "Вена",
                "country": states[0].iso3,
                "format": "in_person",
                "status": "held",
                "body": None,
                "participants": [s.iso3 for s in states],
            },
            SuggestionKind.POST: {"person": PersonFactory().pk, "title": "Министр", "organization": None},
            SuggestionKind.REFERENCE: {"symbol": f"CTOC/COP/2020/{i}"},
            SuggestionKind.PERSON: {"family_name": f"Новиков{i}", "given_name": "Пётр"},
        }[kind]
        SuggestionFactory(kind=kind, payload=payload)


QUERY_LIMIT = 12  # session, user, roles, count, page, one or two per kind of suggestion shown


def test_queue_runs_a_bounded_number_of_queries(curator_client, django_assert_max_num_queries):
    url = reverse("extraction:suggestion_list")
    _grow(2)
    with django_assert_max_num_queries(QUERY_LIMIT):
        assert curator_client.get(url).content.decode().count('data-testid="suggestion-row"') == 2
    _grow(18)
    with django_assert_max_num_queries(QUERY_LIMIT):
        assert curator_client.get(url).content.decode().count('data-testid="suggestion-row"') == 20


def test_entities_page_runs_a_bounded_number_of_queries(curator_client, django_assert_max_num_queries):
    document = DocumentFactory(text="Визит в Ташкент. " * 20)

    def grow(first, last):
        for i in range(first, last):
            person = PersonFactory()
            MentionFactory(document=document, begin=8 + 17 * i, end=15 + 17 * i, type="person", person=person)
            SuggestionFactory(document=document, fingerprint=f"{i:040d}")

    url = reverse("extraction:document_entities", args=[document.pk])
    grow(0, 2)
    with django_assert_max_num_queries(QUERY_LIMIT):
        assert curator_client.get(url).content.decode().count('data-testid="mention"') == 2
    grow(2, 20)
    with django_assert_max_num_queries(QUERY_LIMIT):
        assert curator_client.get(url).content.decode().count('data-testid="mention"') == 20
