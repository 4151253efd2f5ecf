"""Two people editing one meeting: the second, stale save is refused, on the form and in the API."""

import pytest
from auditlog.context import set_actor
from django.test import Client
from django.urls import reverse
from rest_framework.test import APIClient

from accord.core.concurrency import StaleEditError
from accord.core.roles import Role
from accord.meetings.models import Meeting
from accord.meetings.tests.factories import MeetingFactory
from conftest import make_user

pytestmark = pytest.mark.django_db


def _form_data(meeting: Meeting, **changes) -> dict:
    data = {
        "kind": meeting.kind,
        "body": meeting.body_id,
        "title_ru": meeting.title_ru,
        "title_en": meeting.title_en,
        "start_on": meeting.start_on.isoformat(),
        "end_on": meeting.end_on.isoformat() if meeting.end_on else "",
        "city_ru": meeting.city_ru,
        "city_en": meeting.city_en,
        "country": meeting.country_id,
        "format": meeting.format,
        "status": meeting.status,
        "confidentiality": meeting.confidentiality,
        "version": meeting.version,
    }
    data.update(changes)
    return {k: v for k, v in data.items() if v is not None}


@pytest.fixture
def editors():
    first, second = Client(), Client()
    anna = make_user("anna", Role.SECRETARIAT, first_name="Anna", last_name="Editor")
    boris = make_user("boris", Role.SECRETARIAT)
    first.force_login(anna)
    second.force_login(boris)
    return first, second


def test_a_stale_form_is_refused_and_keeps_the_input(editors):
    first, second = editors
    meeting = MeetingFactory(title_en="Ninth session")
    url = reverse("meetings:meeting_update", args=[meeting.pk])
    # Both open the form at version 0.
    assert 'name="version" value="0"' in first.get(url).content.decode()
    assert 'name="version" value="0"' in second.get(url).content.decode()
    assert first.post(url, _form_data(meeting, title_en="9th session (resumed)")).status_code == 302
    stale = second.post(url, _form_data(meeting, city_en="Doha", city_ru="Доха"))
    assert stale.status_code == 409
    page = stale.content.decode()
    meeting.refresh_from_db()
    assert (meeting.title_en, meeting.city_en, meeting.version) == ("9th session (resumed)", "Vienna", 1)
    assert "Не сохранено" in page and "Anna Editor" in page  # translated, names who saved first
    assert 'value="Doha"' in page  # the input is kept…
    assert 'value="Ninth session"' in page  # …all of it, not the other save's title
    assert 'name="version" value="1"' in page  # and now based on the version that won
    assert "отличаются от сохранённой записи в полях: Название (на английском), Город" in page
    again = second.post(url, _form_data(meeting, title_en="Ninth session", city_en="Doha", city_ru="Доха"))
    assert again.status_code == 302
    meeting.refresh_from_db()
    assert (meeting.title_en, meeting.city_en, meeting.version) == ("Ninth session", "Doha", 2)


def test_a_form_without_its_version_saves_nothing(editors):
    first, _second = editors
    meeting = MeetingFactory()
    data = _form_data(meeting, title_en="Changed")
    del data["version"]
    response = first.post(reverse("meetings:meeting_update", args=[meeting.pk]), data)
    assert response.status_code == 200
    meeting.refresh_from_db()
    assert meeting.title_en != "Changed" and meeting.version == 0


def test_the_api_refuses_a_stale_patch_and_put(secretariat_user):
    api = APIClient()
    api.force_authenticate(secretariat_user)
    meeting = MeetingFactory()
    url = f"/api/meetings/{meeting.pk}/"
    read = api.get(url).json()
    assert read["version"] == 0
    assert api.patch(url, {"title_en": "First", "version": 0}, format="json").status_code == 200
    stale = api.patch(url, {"title_en": "Second", "version": 0}, format="json")
    assert stale.status_code == 409
    body = stale.json()
    assert body["code"] == "edit_conflict" and body["fields"] == {}
    assert body["detail"] and body["current"]["title_en"] == "First" and body["current"]["version"] == 1
    put = {k: v for k, v in read.items() if k not in ("id", "url", "title")}
    assert api.put(url, {**put, "title_en": "Third", "version": 0}, format="json").status_code == 409
    meeting.refresh_from_db()
    assert (meeting.title_en, meeting.version) == ("First", 1)
    assert api.put(url, {**put, "title_en": "Third", "version": 1}, format="json").status_code == 200
    # A client that sends no version changes whatever is current (and learns the new number).
    assert api.patch(url, {"title_en": "Fourth"}, format="json").json()["version"] == 3
    assert api.patch(url, {"version": -1}, format="json").status_code == 400


def test_of_two_saves_from_one_version_exactly_one_wins():
    meeting = MeetingFactory()
    mine, theirs = Meeting.objects.get(pk=meeting.pk), Meeting.objects.get(pk=meeting.pk)
    user = make_user("saver", Role.SECRETARIAT)
    with set_actor(user):
        theirs.title_en = "Theirs"
        theirs.save()
    mine.title_en = "Mine"
    with pytest.raises(StaleEditError) as refused:
        mine.save()
    assert refused.value.code == "edit_conflict"
    assert refused.value.current.title_en == "Theirs"
    assert "saver" in refused.value.messages[0]
    assert mine.version == 0  # unchanged by the refusal
    meeting.refresh_from_db()
    assert (meeting.title_en, meeting.version) == ("Theirs", 1)


@pytest.mark.django_db(transaction=True)
def test_two_concurrent_saves_on_the_same_version_cannot_both_win():
    import threading

    from django.db import connection, connections

    if connection.vendor == "sqlite":
        pytest.skip("SQLite's shared in-memory test database refuses a second writer instead of waiting")
    meeting = MeetingFactory()
    barrier = threading.Barrier(2)
    outcomes = []

    def save(title: str) -> None:
        try:
            mine = Meeting.objects.get(pk=meeting.pk)
            mine.title_en = title
            barrier.wait()
            mine.save()
            outcomes.append("saved")
        except StaleEditError:
            outcomes.append("refused")
        finally:
            connections.close_all()

    threads = [threading.Thread(target=save, args=(title,)) for title in ("A", "B")]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(outcomes) == ["refused", "saved"]
    meeting.refresh_from_db()
    assert meeting.version == 1 and meeting.title_en in ("A", "B")
