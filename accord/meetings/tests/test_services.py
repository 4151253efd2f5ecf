"""The meetings services: the one write path of meetings, agenda items, participations and outcomes."""

import datetime

import pytest
from auditlog.models import LogEntry
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from accord.meetings import services
from accord.meetings import views as meeting_views
from accord.meetings.choices import MeetingFormat, MeetingKind, ParticipationMode
from accord.meetings.models import AgendaItem, Meeting, Outcome, Participation
from accord.meetings.tests.factories import AgendaItemFactory, MeetingFactory, ParticipationFactory
from accord.registry.tests.factories import OrganizationFactory, StateFactory

pytestmark = pytest.mark.django_db

DAY = datetime.date(2024, 5, 14)


def _meeting(**fields) -> Meeting:
    return Meeting(kind=MeetingKind.SESSION, start_on=DAY, **fields)


def test_create_meeting_validates_saves_and_names_the_actor(secretariat_user):
    meeting = services.create_meeting(_meeting(title_en="Spring session"), acting_user=secretariat_user)
    assert meeting.pk is not None
    entry = LogEntry.objects.get_for_object(meeting).get()
    assert entry.actor == secretariat_user


def test_create_meeting_refuses_invalid_data_and_other_users(secretariat_user, focal_point_user):
    with pytest.raises(ValidationError) as error:
        services.create_meeting(
            _meeting(end_on=DAY - datetime.timedelta(days=1)), acting_user=secretariat_user
        )
    assert "end_on" in error.value.message_dict
    with pytest.raises(PermissionDenied):
        services.create_meeting(_meeting(), acting_user=focal_point_user)
    assert not Meeting.objects.exists()


def test_update_and_delete_meeting(secretariat_user, analyst_user):
    meeting = MeetingFactory()
    meeting.title_en = "Renamed"
    services.update_meeting(meeting, acting_user=secretariat_user)
    assert Meeting.objects.get(pk=meeting.pk).title_en == "Renamed"
    with pytest.raises(PermissionDenied):
        services.delete_meeting(meeting, acting_user=analyst_user)
    services.delete_meeting(meeting, acting_user=secretariat_user)
    assert not Meeting.objects.filter(pk=meeting.pk).exists()


def test_a_new_agenda_item_goes_last_whatever_position_it_was_given(secretariat_user):
    meeting = MeetingFactory()
    first = services.add_agenda_item(
        AgendaItem(meeting=meeting, number="1", title_en="Opening", position=7), acting_user=secretariat_user
    )
    second = services.add_agenda_item(
        AgendaItem(meeting=meeting, number="2", title_en="Reports"), acting_user=secretariat_user
    )
    assert (first.position, second.position) == (1, 2)
    services.remove_agenda_item(first, acting_user=secretariat_user)
    third = services.add_agenda_item(
        AgendaItem(meeting=meeting, number="3", title_en="Closing"), acting_user=secretariat_user
    )
    # After a removal the new item still goes after the last one, never beside it.
    assert third.position == 3
    assert list(meeting.agenda_items.values_list("number", flat=True)) == ["2", "3"]


def test_an_agenda_item_is_moved_by_an_update(secretariat_user):
    item = AgendaItemFactory(position=4)
    item.position = 1
    item.title_en = "Changed"
    services.update_meeting_part(item, acting_user=secretariat_user)
    item.refresh_from_db()
    assert (item.position, item.title_en) == (1, "Changed")


def test_add_and_remove_participation(secretariat_user):
    meeting, state = MeetingFactory(), StateFactory()
    participation = services.add_participation(
        Participation(meeting=meeting, state=state), acting_user=secretariat_user
    )
    with pytest.raises(ValidationError):
        services.add_participation(Participation(meeting=meeting, state=state), acting_user=secretariat_user)
    services.remove_participation(participation, acting_user=secretariat_user)
    assert not meeting.participations.exists()


def test_add_outcome_is_validated(secretariat_user):
    meeting = MeetingFactory()
    with pytest.raises(ValidationError):
        services.add_outcome(Outcome(meeting=meeting, kind="decision_adopted"), acting_user=secretariat_user)
    outcome = services.add_outcome(
        Outcome(meeting=meeting, kind="decision_adopted", description_en="A decision"),
        acting_user=secretariat_user,
    )
    assert outcome.pk is not None


def test_create_or_merge_creates_a_new_meeting_with_its_participants(secretariat_user):
    body, states = OrganizationFactory(), [StateFactory(), StateFactory()]
    proposed = _meeting(body=body, title_ru="Заседание", format=MeetingFormat.ONLINE)
    meeting, created = services.create_or_merge_meeting(
        proposed, acting_user=secretariat_user, participants=[*states, states[0]]
    )
    assert created
    assert set(meeting.participations.values_list("state_id", "mode")) == {
        (state.pk, ParticipationMode.VIDEOCONFERENCE) for state in states
    }


def test_create_or_merge_fills_only_what_the_recorded_meeting_lacks(secretariat_user):
    body, country, state = OrganizationFactory(), StateFactory(), StateFactory()
    recorded = MeetingFactory(
        body=body,
        start_on=DAY,
        end_on=None,
        title_ru="Записано",
        title_en="",
        city_ru="",
        city_en="",
        country=None,
    )
    ParticipationFactory(meeting=recorded, state=state)
    proposed = _meeting(body=body, title_ru="Иначе", title_en="Other", city_en="Minsk", country=country)
    meeting, created = services.create_or_merge_meeting(
        proposed, acting_user=secretariat_user, participants=[state, country]
    )
    assert (meeting.pk, created) == (recorded.pk, False)
    meeting.refresh_from_db()
    assert (meeting.title_ru, meeting.title_en) == ("Записано", "Other")
    assert (meeting.city_en, meeting.country) == ("Minsk", country)
    assert meeting.participations.count() == 2
    assert Meeting.objects.count() == 1


def test_create_or_merge_by_city_without_a_body(secretariat_user):
    recorded = MeetingFactory(body=None, start_on=DAY, end_on=None, city_en="Almaty")
    meeting, created = services.create_or_merge_meeting(
        _meeting(city_en="almaty", country=recorded.country), acting_user=secretariat_user
    )
    assert (meeting.pk, created) == (recorded.pk, False)
    other, created = services.create_or_merge_meeting(
        _meeting(city_en="Bishkek", country=recorded.country), acting_user=secretariat_user
    )
    assert created and other.pk != recorded.pk


def test_the_page_and_the_api_put_a_new_agenda_item_last(client, api_client, secretariat_user):
    meeting = MeetingFactory()
    AgendaItemFactory(meeting=meeting, number="1", position=5)
    client.force_login(secretariat_user)
    client.post(
        reverse("meetings:section_add", args=[meeting.pk, "agenda"]), {"number": "2", "title_ru": "x"}
    )
    api_client.force_authenticate(secretariat_user)
    response = api_client.post(
        "/api/agenda-items/", {"meeting": meeting.pk, "number": "3", "title_en": "y", "position": 1}
    )
    assert response.status_code == 201, response.content
    assert response.json()["position"] == 7
    assert list(meeting.agenda_items.values_list("number", "position")) == [("1", 5), ("2", 6), ("3", 7)]
    moved = api_client.patch(f"/api/agenda-items/{response.json()['id']}/", {"position": 1}, format="json")
    assert moved.status_code == 200, moved.content
    assert list(meeting.agenda_items.values_list("number", flat=True)) == ["3", "1", "2"]


def test_the_api_writes_meetings_through_the_services(api_client, secretariat_user, focal_point_user):
    api_client.force_authenticate(secretariat_user)
    response = api_client.post(
        "/api/meetings/", {"kind": "session", "start_on": "2024-05-14", "title_en": "A"}
    )
    assert response.status_code == 201, response.content
    meeting = Meeting.objects.get(pk=response.json()["id"])
    assert LogEntry.objects.get_for_object(meeting).get().actor == secretariat_user
    response = api_client.patch(
        f"/api/meetings/{meeting.pk}/", {"title_en": "B", "version": 0}, format="json"
    )
    assert response.status_code == 200, response.content
    stale = api_client.patch(f"/api/meetings/{meeting.pk}/", {"title_en": "C", "version": 0}, format="json")
    assert stale.status_code == 409
    assert api_client.delete(f"/api/meetings/{meeting.pk}/").status_code == 204
    api_client.force_authenticate(focal_point_user)
    assert api_client.post("/api/meetings/", {"kind": "session", "start_on": "2024-05-14"}).status_code == 403


def test_a_service_refusal_is_shown_on_the_page_with_the_input_kept(client, secretariat_user, monkeypatch):
    def refuse(record, *, acting_user):
        raise ValidationError("Refused by a rule the form does not know.")

    monkeypatch.setattr(services, "create_meeting", refuse)
    monkeypatch.setitem(meeting_views.SECTION_ADD, "agenda", refuse)
    client.force_login(secretariat_user)
    page = client.post(
        reverse("meetings:meeting_create"),
        {
            "kind": "session",
            "start_on": "2024-05-14",
            "title_en": "Kept",
            "format": "in_person",
            "status": "planned",
            "confidentiality": "public",
        },
    )
    assert page.status_code == 200
    assert "Refused by a rule the form does not know." in page.content.decode()
    assert 'value="Kept"' in page.content.decode()
    meeting = MeetingFactory()
    section = client.post(
        reverse("meetings:section_add", args=[meeting.pk, "agenda"]), {"number": "1", "title_ru": "x"}
    )
    assert "Refused by a rule the form does not know." in section.content.decode()
    assert not meeting.agenda_items.exists()
    assert not Meeting.objects.filter(title_en="Kept").exists()
