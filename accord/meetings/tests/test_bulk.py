"""Meetings at the speed people work: many participants at once, pasted names, agenda times and order."""

import datetime

import pytest
from auditlog.models import LogEntry
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from accord.meetings import services
from accord.meetings.choices import ParticipantRole, ParticipationMode
from accord.meetings.models import AgendaItem, Participation
from accord.meetings.tests.factories import AgendaItemFactory, MeetingFactory
from accord.registry.models import Person
from accord.registry.tests.factories import AliasFactory, OrganizationFactory, PersonFactory, StateFactory

pytestmark = pytest.mark.django_db


def numbers(meeting) -> list[str]:
    return list(meeting.agenda_items.values_list("number", flat=True))


def test_moving_an_agenda_item_renumbers_the_agenda(secretariat_user, analyst_user):
    meeting = MeetingFactory()
    for number in "123":
        services.add_agenda_item(
            AgendaItem(meeting=meeting, number=number, title_en=number), acting_user=secretariat_user
        )
    third = meeting.agenda_items.get(number="3")
    services.move_agenda_item(third, to=1, acting_user=secretariat_user)
    assert numbers(meeting) == ["3", "1", "2"]
    assert list(meeting.agenda_items.values_list("position", flat=True)) == [1, 2, 3]
    services.move_agenda_item(third, to=99, acting_user=secretariat_user)  # beyond the end: last
    assert numbers(meeting) == ["1", "2", "3"]
    with pytest.raises(PermissionDenied):
        services.move_agenda_item(third, to=1, acting_user=analyst_user)


def test_a_position_sent_by_the_client_is_a_place_the_service_numbers(secretariat_user, api_client):
    meeting = MeetingFactory()
    for number, position in (("1", 10), ("2", 20), ("3", 30)):
        AgendaItemFactory(meeting=meeting, number=number, position=position)
    api_client.force_authenticate(secretariat_user)
    item = meeting.agenda_items.get(number="1")
    response = api_client.patch(f"/api/agenda-items/{item.pk}/", {"position": 2}, format="json")
    assert response.status_code == 200, response.content
    assert numbers(meeting) == ["2", "1", "3"]
    # Not 2 beside another 2, nor the client's 10/20/30: the agenda is numbered 1…n by the service.
    assert list(meeting.agenda_items.values_list("position", flat=True)) == [1, 2, 3]


def test_the_page_moves_items_up_and_down(client, secretariat_user):
    meeting = MeetingFactory()
    for number in "12":
        AgendaItemFactory(meeting=meeting, number=number, position=int(number))
    client.force_login(secretariat_user)
    second = meeting.agenda_items.get(number="2")
    client.post(reverse("meetings:agenda_move", args=[meeting.pk, second.pk, "up"]), HTTP_HX_REQUEST="true")
    assert numbers(meeting) == ["2", "1"]
    client.post(reverse("meetings:agenda_move", args=[meeting.pk, second.pk, "down"]))
    assert numbers(meeting) == ["1", "2"]
    assert (
        client.post(reverse("meetings:agenda_move", args=[meeting.pk, second.pk, "sideways"])).status_code
        == 404
    )


def test_agenda_items_have_times_and_the_form_offers_the_next_number(client, secretariat_user):
    meeting = MeetingFactory()
    client.force_login(secretariat_user)
    url = reverse("meetings:section_add", args=[meeting.pk, "agenda"])
    page = client.post(
        url,
        {"number": "1", "starts_at": "10:00", "ends_at": "11:30", "title_ru": "Открытие"},
        HTTP_HX_REQUEST="true",
    ).content.decode()
    item = meeting.agenda_items.get()
    assert (item.starts_at, item.ends_at) == (datetime.time(10), datetime.time(11, 30))
    assert "10:00–11:30" in page
    assert 'name="number" value="2"' in page  # the form stays open for the next item
    refused = client.post(url, {"number": "2", "starts_at": "12:00", "ends_at": "11:00", "title_ru": "Обед"})
    assert refused.status_code == 200 and meeting.agenda_items.count() == 1


def test_many_states_and_bodies_at_once_with_one_role_and_mode(secretariat_user):
    meeting = MeetingFactory()
    states = [StateFactory() for _ in range(3)]
    body = OrganizationFactory()
    services.add_participation(Participation(meeting=meeting, state=states[0]), acting_user=secretariat_user)
    added = services.add_participants(
        meeting,
        states=states,
        organizations=[body],
        role=ParticipantRole.OBSERVER,
        mode=ParticipationMode.VIDEOCONFERENCE,
        acting_user=secretariat_user,
    )
    # The state already there is passed over, not doubled.
    assert [p.state or p.organization for p in added] == [states[1], states[2], body]
    assert {(p.role, p.mode) for p in added} == {
        (ParticipantRole.OBSERVER, ParticipationMode.VIDEOCONFERENCE)
    }
    assert meeting.participations.count() == 4
    assert LogEntry.objects.get_for_object(added[0]).get().actor == secretariat_user


def test_bulk_add_is_all_or_nothing(secretariat_user):
    meeting = MeetingFactory()
    with pytest.raises(ValidationError):
        services.add_participants(
            meeting, states=[StateFactory()], new_people=[Person()], acting_user=secretariat_user
        )
    assert not meeting.participations.exists()


def post_bulk(client, meeting, **data):
    return client.post(
        reverse("meetings:participants_bulk", args=[meeting.pk]),
        {"role": "member", "mode": "in_person", **data},
        HTTP_HX_REQUEST="true",
    )


def test_pasted_names_are_resolved_and_unresolved_lines_wait_for_a_decision(client, secretariat_user):
    meeting = MeetingFactory()
    known = PersonFactory(
        family_name_ru="Петров", given_name_ru="Пётр", family_name_en="Petrov", given_name_en="Petr"
    )
    kyrgyzstan = StateFactory(name_ru="Кыргызская Республика", name_en="Kyrgyz Republic")
    AliasFactory(state=kyrgyzstan, text="Киргизия")
    twins = [PersonFactory(family_name_ru="Смирнов", given_name_ru="Олег") for _ in range(2)]
    pasted = "петров петр\nКИРГИЗИЯ\nСидоров Сидор Сидорович\nОлег Смирнов\nJohn Doe\n"
    client.force_login(secretariat_user)

    first = post_bulk(client, meeting, names=pasted).content.decode()
    assert not meeting.participations.exists()  # nothing is saved before every line is decided
    assert "Not found" in first or "Не найдено" in first
    assert (
        'name="line-3-family" value="Сидоров"' in first
        and 'name="line-3-patronymic" value="Сидорович"' in first
    )
    assert f'value="person:{twins[0].pk}"' in first and f'value="person:{twins[1].pk}"' in first

    half = post_bulk(
        client,
        meeting,
        names=pasted,
        **{"line-3-text": "Сидоров Сидор Сидорович", "line-3-decision": "create"},
    )
    assert half.status_code == 200 and not meeting.participations.exists()

    post_bulk(
        client,
        meeting,
        names=pasted,
        **{
            "line-3-text": "Сидоров Сидор Сидорович",
            "line-3-decision": "create",
            "line-3-family": "Сидоров",
            "line-3-given": "Сидор",
            "line-3-patronymic": "Сидорович",
            "line-4-text": "Олег Смирнов",
            "line-4-decision": f"person:{twins[1].pk}",
            "line-5-text": "John Doe",
            "line-5-decision": "skip",
        },
    )
    created = Person.objects.get(family_name_ru="Сидоров")
    assert (created.given_name_ru, created.patronymic_ru) == ("Сидор", "Сидорович")
    assert set(meeting.participations.values_list("person_id", flat=True)) - {None} == {
        known.pk,
        twins[1].pk,
        created.pk,
    }
    assert meeting.participations.filter(state=kyrgyzstan).exists()
    assert not Person.objects.filter(family_name_en="Doe").exists()


def test_a_decision_for_another_text_is_not_taken(client, secretariat_user):
    """The list was edited between the two posts: line 1 is now another name, its old decision does not apply."""
    meeting = MeetingFactory()
    client.force_login(secretariat_user)
    post_bulk(
        client, meeting, names="Некто Новый", **{"line-1-text": "Кто-то Другой", "line-1-decision": "create"}
    )
    assert not meeting.participations.exists() and not Person.objects.exists()


def test_only_the_secretariat_adds_in_bulk(client, focal_point_user):
    meeting = MeetingFactory()
    client.force_login(focal_point_user)
    assert post_bulk(client, meeting, names="x").status_code == 403


def test_states_picked_in_the_bulk_form(client, secretariat_user):
    meeting = MeetingFactory()
    a, b = StateFactory(), StateFactory()
    client.force_login(secretariat_user)
    form = client.get(
        reverse("meetings:participants_bulk", args=[meeting.pk]), HTTP_HX_REQUEST="true"
    ).content.decode()
    assert 'data-picker="/autocomplete/state/"' in form and "multiple" in form
    post_bulk(client, meeting, states=[a.pk, b.pk], role="observer")
    assert set(meeting.participations.values_list("state_id", "role")) == {
        (a.pk, "observer"),
        (b.pk, "observer"),
    }
    empty = post_bulk(client, meeting).content.decode()
    assert "Choose states or bodies" in empty or "Выберите государства" in empty
