"""Records from accepted suggestions as the secretariat expects them: an uploaded news item about a meeting.

The texts are written for these tests (people and dates invented).
"""

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from accord.core.roles import Role
from accord.documents.choices import DocumentKind
from accord.documents.models import Document
from accord.documents.upload import start_upload_job
from accord.extraction.choices import SuggestionKind
from accord.extraction.models import Suggestion
from accord.extraction.services import accept_suggestion, extract_document
from accord.extraction.suggestions.meetings import title
from accord.meetings.models import Meeting
from accord.registry.models import Person
from conftest import make_user

pytestmark = pytest.mark.django_db

NEWS_ITEM = """\
В Минске прошло заседание совета генпрокуроров

4 декабря 2026 года в Минске прошло заседание Координационного совета генеральных прокуроров \
государств – участников СНГ.

Делегации возглавили Генеральный прокурор Республики Беларусь Олег Кравец, Генеральный прокурор \
Республики Казахстан Ерлан Досымов, Генеральный прокурор Российской Федерации Максим Сафонов и \
Генеральный прокурор Республики Узбекистан Анвар Рахимов. Участники обсудили борьбу с киберпреступностью.
"""


@pytest.fixture
def curator(reference_data):
    return make_user("curator", Role.SECRETARIAT)


@pytest.fixture
def uploaded(curator, settings, tmp_path, django_capture_on_commit_callbacks) -> Document:
    """The news item uploaded as a file, ingested and read, as a worker would do it."""
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    upload = SimpleUploadedFile("minsk.txt", NEWS_ITEM.encode())
    with django_capture_on_commit_callbacks(execute=True):
        start_upload_job([upload], curator)
    return Document.objects.get(original_name="minsk.txt")


def test_the_accepted_meeting_carries_the_texts_name_and_its_heads_of_delegation(uploaded, curator):
    suggestion = Suggestion.objects.get(document=uploaded, kind=SuggestionKind.MEETING)
    accept_suggestion(suggestion, acting_user=curator)
    meeting = Meeting.objects.get()
    assert meeting.title_ru.startswith("Заседание Координационного совета генеральных прокуроров")
    assert meeting.kind == "meeting" and meeting.start_on == datetime.date(2026, 12, 4)
    people = {p.person.family_name_ru: p.note for p in meeting.participations.filter(person__isnull=False)}
    assert set(people) == {"Кравец", "Досымов", "Сафонов", "Рахимов"}
    assert people["Досымов"] == "Генеральный прокурор Республики Казахстан (Казахстан)"
    states = set(meeting.participations.filter(state__isnull=False).values_list("state__iso3", flat=True))
    assert {"BLR", "KAZ", "RUS", "UZB"} <= states


def test_a_state_the_curator_drops_takes_its_head_of_delegation_with_it(uploaded, curator):
    suggestion = Suggestion.objects.get(document=uploaded, kind=SuggestionKind.MEETING)
    accept_suggestion(suggestion, acting_user=curator, changes={"participants": "BLR, KAZ"})
    people = Meeting.objects.get().participations.filter(person__isnull=False)
    assert {p.person.family_name_ru for p in people} == {"Кравец", "Досымов"}


def test_a_delegate_accepted_again_through_a_post_is_the_same_person(uploaded, curator):
    accept_suggestion(
        Suggestion.objects.get(document=uploaded, kind=SuggestionKind.MEETING), acting_user=curator
    )
    post = next(
        s
        for s in Suggestion.objects.filter(document=uploaded, kind=SuggestionKind.POST)
        if s.payload["family_name"] == "Досымов"
    )
    accept_suggestion(post, acting_user=curator)
    assert Person.objects.filter(family_name_ru="Досымов").count() == 1


def test_the_uploaded_news_item_gets_its_date_and_kind_from_its_text(uploaded):
    assert uploaded.published_on == datetime.date(2026, 12, 4)
    assert uploaded.kind == DocumentKind.NEWS


def test_a_date_and_kind_someone_gave_are_kept(uploaded):
    Document.objects.filter(pk=uploaded.pk).update(
        published_on=datetime.date(2026, 12, 6), kind=DocumentKind.STATEMENT
    )
    uploaded.refresh_from_db()
    extract_document(uploaded)
    uploaded.refresh_from_db()
    assert (uploaded.published_on, uploaded.kind) == (datetime.date(2026, 12, 6), DocumentKind.STATEMENT)


@pytest.mark.parametrize(
    ("extracted", "expected"),
    [
        ("заседание Координационного совета", "Заседание Координационного совета"),
        ("пленарном заседании Исполнительного комитета", "Пленарное заседание Исполнительного комитета"),
        ("35-е заседание Совета", "35-е заседание Совета"),
        ("визита в Грузию", ""),
        ("заседания генпрокуроров стран", ""),
    ],
)
def test_a_lower_case_title_is_the_events_name_only_when_it_names_something(extracted, expected):
    assert title(extracted, "ru") == expected
