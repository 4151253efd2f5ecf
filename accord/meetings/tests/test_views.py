"""Calendar and meeting pages: content, who sees and edits what, htmx sections, query counts."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from accord.core.roles import Role
from accord.meetings.models import AgendaItem, Meeting, Participation
from accord.meetings.tests.factories import AgendaItemFactory, MeetingFactory, ParticipationFactory
from accord.registry.tests.factories import OrganizationFactory, PersonFactory, StateFactory
from conftest import make_user

pytestmark = pytest.mark.django_db


def count_queries(client, url: str) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200, url
    return len(queries)


def test_list_and_month_views_with_filters(client):
    body = OrganizationFactory(kind="body", name_ru="Рабочая группа по огнестрельному оружию")
    MeetingFactory(
        body=body,
        title_ru="Седьмое совещание",
        start_on=datetime.date(2020, 7, 16),
        end_on=datetime.date(2020, 7, 17),
        format="online",
    )
    MeetingFactory(title_ru="Девятая сессия", start_on=datetime.date(2021, 12, 13), format="hybrid")
    page = client.get(reverse("meetings:meeting_list"), {"year": 2020}).content.decode()
    assert "Седьмое совещание" in page and "Девятая сессия" not in page
    page = client.get(reverse("meetings:meeting_list"), {"format": "hybrid"}).content.decode()
    assert "Девятая сессия" in page and "Седьмое совещание" not in page
    page = client.get(reverse("meetings:meeting_list"), {"body": body.pk}).content.decode()
    assert "Седьмое совещание" in page and "Девятая сессия" not in page
    month = client.get(reverse("meetings:meeting_month"), {"month": "2020-07"}).content.decode()
    assert (
        month.count(
            reverse(
                "meetings:meeting_detail", kwargs={"pk": Meeting.objects.get(title_ru="Седьмое совещание").pk}
            )
        )
        == 2
    )
    assert client.get(reverse("meetings:meeting_month"), {"month": "garbage"}).status_code == 200
    fragment = client.get(
        reverse("meetings:meeting_month"), {"month": "2021-12"}, HTTP_HX_REQUEST="true"
    ).content.decode()
    assert "<html" not in fragment and "Девятая сессия" in fragment


def test_meeting_page_groups_participants_and_lists_agenda_and_outcomes(client):
    meeting = MeetingFactory(title_ru="Девятая сессия")
    AgendaItemFactory(meeting=meeting, number="2", title_ru="Обзор хода осуществления")
    ParticipationFactory(meeting=meeting, state=StateFactory(name_ru="Узбекистан"), role="member")
    ParticipationFactory(
        meeting=meeting,
        state=None,
        person=PersonFactory(family_name_ru="Буров"),
        role="observer",
        mode="videoconference",
    )
    page = client.get(meeting.get_absolute_url()).content.decode()
    for text in (
        "Девятая сессия",
        "Обзор хода осуществления",
        "Узбекистан",
        "Буров",
        "Наблюдатель",
        "Видеоконференция",
    ):
        assert text in page, text
    assert "hx-post" not in page  # the public gets no editing controls


@pytest.mark.parametrize(
    ("confidentiality", "role", "visible"),
    [
        ("restricted", None, False),
        ("restricted", Role.ANALYST, True),
        ("confidential", Role.ANALYST, False),
        ("confidential", Role.SECRETARIAT, True),
    ],
)
def test_confidentiality_decides_who_sees_a_meeting(client, confidentiality, role, visible):
    meeting = MeetingFactory(title_ru="Закрытое заседание", confidentiality=confidentiality)
    if role:
        client.force_login(make_user("user", role))
    assert (client.get(meeting.get_absolute_url()).status_code == 200) is visible
    assert ("Закрытое заседание" in client.get(reverse("meetings:meeting_list")).content.decode()) is visible


def test_only_the_secretariat_edits(client):
    meeting = MeetingFactory()
    create = reverse("meetings:meeting_create")
    assert client.get(create).status_code == 302  # to the login page
    client.force_login(make_user("analyst", Role.ANALYST))
    assert client.get(create).status_code == 403
    assert (
        client.post(
            reverse("meetings:section_add", args=[meeting.pk, "agenda"]), {"number": "1", "title_ru": "x"}
        ).status_code
        == 403
    )
    assert not AgendaItem.objects.exists()


def test_secretariat_creates_a_meeting_and_bad_input_keeps_nothing(client):
    client.force_login(make_user("secretariat", Role.SECRETARIAT))
    country = StateFactory()
    data = {
        "kind": "session",
        "title_ru": "Новая сессия",
        "start_on": "2026-12-10",
        "end_on": "2026-12-01",
        "city_ru": "Вена",
        "format": "hybrid",
        "status": "planned",
        "confidentiality": "public",
    }
    response = client.post(reverse("meetings:meeting_create"), data)
    assert response.status_code == 200 and not Meeting.objects.exists()
    page = response.content.decode()
    assert "раньше" in page or "before" in page  # end before start
    assert "страну" in page.lower() or "country" in page.lower()  # a city without a country
    data.update(end_on="2026-12-12", country=country.pk)
    response = client.post(reverse("meetings:meeting_create"), data)
    meeting = Meeting.objects.get()
    assert response.status_code == 302 and response["Location"] == meeting.get_absolute_url()


def test_htmx_sections_add_and_refuse_a_participant_twice(client):
    client.force_login(make_user("secretariat", Role.SECRETARIAT))
    meeting = MeetingFactory()
    state = StateFactory(name_ru="Казахстан")
    url = reverse("meetings:section_add", args=[meeting.pk, "participants"])
    response = client.post(
        url, {"state": state.pk, "role": "member", "mode": "in_person"}, HTTP_HX_REQUEST="true"
    )
    assert response.status_code == 200 and "Казахстан" in response.content.decode()
    assert "<html" not in response.content.decode()
    response = client.post(
        url, {"state": state.pk, "role": "observer", "mode": "in_person"}, HTTP_HX_REQUEST="true"
    )
    assert Participation.objects.count() == 1
    assert "invalid-feedback" in response.content.decode()
    agenda = client.post(
        reverse("meetings:section_add", args=[meeting.pk, "agenda"]),
        {"number": "1", "title_ru": "Открытие"},
        HTTP_HX_REQUEST="true",
    )
    assert "Открытие" in agenda.content.decode()
    item = AgendaItem.objects.get()
    client.post(
        reverse("meetings:section_delete", args=[meeting.pk, "agenda", item.pk]), HTTP_HX_REQUEST="true"
    )
    assert not AgendaItem.objects.exists()
    assert client.post(reverse("meetings:section_add", args=[meeting.pk, "nonsense"]), {}).status_code == 404


def _grow(n: int, body) -> None:
    for i in range(n):
        meeting = MeetingFactory(body=body, start_on=datetime.date(2021, 12, 1 + i % 28), end_on=None)
        ParticipationFactory(meeting=meeting)
        ParticipationFactory(meeting=meeting, state=None, person=PersonFactory())
        AgendaItemFactory(meeting=meeting)


@pytest.mark.parametrize("url_name", ["meetings:meeting_list", "meetings:meeting_month", "meetings:feed_all"])
def test_calendar_pages_run_a_bounded_number_of_queries(client, url_name):
    client.force_login(make_user("analyst", Role.ANALYST))
    body = OrganizationFactory()
    url = reverse(url_name) + ("?month=2021-12" if url_name.endswith("month") else "")
    _grow(2, body)
    small = count_queries(client, url)
    _grow(18, body)
    assert count_queries(client, url) == small


def test_meeting_page_runs_a_bounded_number_of_queries(client):
    client.force_login(make_user("secretariat", Role.SECRETARIAT))
    meeting = MeetingFactory()

    def add(n):
        for _ in range(n):
            ParticipationFactory(meeting=meeting)
            ParticipationFactory(meeting=meeting, state=None, organization=OrganizationFactory())
            AgendaItemFactory(meeting=meeting)

    add(2)
    small = count_queries(client, meeting.get_absolute_url())
    add(18)
    assert count_queries(client, meeting.get_absolute_url()) == small


def test_forms_come_on_demand_and_without_javascript_too(client):
    client.force_login(make_user("secretariat", Role.SECRETARIAT))
    meeting = MeetingFactory()
    page = client.get(meeting.get_absolute_url()).content.decode()
    assert 'name="title_ru"' not in page and "section_form" not in page  # a button, not a form
    assert reverse("meetings:section_form", args=[meeting.pk, "agenda"]) in page
    fragment = client.get(
        reverse("meetings:section_form", args=[meeting.pk, "agenda"]), HTTP_HX_REQUEST="true"
    )
    assert 'name="title_ru"' in fragment.content.decode() and "<html" not in fragment.content.decode()
    full = client.post(reverse("meetings:section_add", args=[meeting.pk, "agenda"]), {"number": "1"})
    assert full.status_code == 200 and "<html" in full.content.decode()
    assert "invalid-feedback" in full.content.decode() and not AgendaItem.objects.exists()
