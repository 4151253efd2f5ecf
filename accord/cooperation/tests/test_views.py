"""Pages: confidentiality decides who reads, the secretariat edits; panels and deadlines."""

import datetime

import pytest
from django.test import RequestFactory
from django.urls import reverse

from accord.cooperation.deadlines import deadlines
from accord.cooperation.models import Initiative
from accord.cooperation.panels import record_panel
from accord.cooperation.tests.factories import (
    AgreementFactory,
    AgreementPartyFactory,
    InitiativeFactory,
    PlannedActivityFactory,
)

pytestmark = pytest.mark.django_db


def test_lists_and_filters(client, django_assert_max_num_queries):
    for n in range(3):
        InitiativeFactory(topics=["digitalization"] if n else [])
    AgreementPartyFactory()
    with django_assert_max_num_queries(12):
        response = client.get(reverse("cooperation:initiative_list"), {"topic": "digitalization"})
    assert response.status_code == 200 and len(response.context["object_list"]) == 2
    assert client.get(reverse("cooperation:initiative_list"), {"topic": "bogus"}).status_code == 200
    with django_assert_max_num_queries(12):
        assert client.get(reverse("cooperation:agreement_list")).status_code == 200
    partial = client.get(reverse("cooperation:agreement_list"), HTTP_HX_REQUEST="true")
    assert b"<html" not in partial.content


@pytest.mark.parametrize(
    ("user_fixture", "confidential", "restricted"),
    [(None, 404, 404), ("analyst_user", 404, 200), ("secretariat_user", 200, 200)],
)
def test_detail_follows_confidentiality(request, client, user_fixture, confidential, restricted):
    if user_fixture:
        client.force_login(request.getfixturevalue(user_fixture))
    hidden = InitiativeFactory(confidentiality="confidential")
    members = AgreementFactory(confidentiality="restricted")
    assert client.get(hidden.get_absolute_url()).status_code == confidential
    assert client.get(members.get_absolute_url()).status_code == restricted


@pytest.mark.usefixtures("english")
def test_only_the_secretariat_edits(client, focal_point_user, secretariat_user):
    initiative = InitiativeFactory()
    agreement = AgreementFactory()
    client.force_login(focal_point_user)
    assert client.get(reverse("cooperation:initiative_create")).status_code == 403
    assert (
        client.post(reverse("cooperation:initiative_section", args=[initiative.pk, "steps"])).status_code
        == 403
    )
    assert (
        client.post(reverse("cooperation:agreement_section", args=[agreement.pk, "parties"])).status_code
        == 403
    )
    client.force_login(secretariat_user)
    response = client.post(
        reverse("cooperation:initiative_section", args=[initiative.pk, "steps"]),
        {"status": "dropped", "taken_on": "2022-01-10", "note_ru": "нет поддержки", "note_en": "no support"},
    )
    assert response.status_code == 302
    initiative.refresh_from_db()
    assert initiative.status == "dropped"
    bad = client.post(
        reverse("cooperation:initiative_section", args=[initiative.pk, "supporters"]), {"note": "nobody"}
    )
    assert bad.status_code == 200 and "exactly one supporter" in bad.content.decode()
    created = client.post(
        reverse("cooperation:initiative_create"),
        {"title_en": "New", "proposer_state": initiative.proposer_state_id, "confidentiality": "public"},
    )
    assert created.status_code == 302
    assert Initiative.objects.get(title_en="New").steps.count() == 1


def test_state_panel_and_focal_point_deadlines(
    rf: RequestFactory, focal_point_user, focal_state, other_focal_point_user
):
    party = AgreementPartyFactory(state=focal_state)
    soon = PlannedActivityFactory(agreement=party.agreement, start_on=datetime.date(2025, 3, 5))
    PlannedActivityFactory(agreement=party.agreement, start_on=datetime.date(2025, 9, 1))
    InitiativeFactory(proposer_state=focal_state)
    request = rf.get("/")
    request.user = focal_point_user
    html = record_panel(request, focal_state)
    assert party.agreement.title in html and "Инициатива" in html
    found = deadlines(focal_point_user, today=datetime.date(2025, 3, 1), within_days=14)
    assert [d.key for d in found] == [f"cooperation.plannedactivity:{soon.pk}"]
    assert deadlines(other_focal_point_user, today=datetime.date(2025, 3, 1), within_days=14) == []


def test_the_timeline_reads_in_the_readers_language(client):
    """A step's note in both languages, like the initiative's title: no English history on a Russian page."""
    from accord.cooperation.models import InitiativeStep

    initiative = InitiativeFactory(confidentiality="public")
    InitiativeStep.objects.create(
        initiative=initiative,
        status="under_discussion",
        taken_on=initiative.proposed_on or datetime.date(2024, 11, 21),
        note_ru="Поддержка отмечена на встрече.",
        note_en="Support noted at the meeting.",
    )
    url = initiative.get_absolute_url()
    russian = client.get(url, HTTP_ACCEPT_LANGUAGE="ru").content.decode()
    assert "Поддержка отмечена на встрече." in russian and "Support noted" not in russian
    english = client.get(url, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Support noted at the meeting." in english and "Поддержка отмечена" not in english
