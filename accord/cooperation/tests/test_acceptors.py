"""Accepting an initiative suggestion in extraction creates the initiative here, linked back."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from accord.cooperation.models import Initiative
from accord.documents.tests.factories import DocumentFactory
from accord.extraction.choices import SuggestionStatus
from accord.extraction.models import Suggestion
from accord.extraction.services import accept_suggestion
from accord.meetings.tests.factories import MeetingFactory
from accord.registry.tests.factories import StateFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def suggestion():
    StateFactory(iso3="TST", iso2="TS", name_ru="Тестландия", name_en="Testland")
    meeting = MeetingFactory(start_on=datetime.date(2021, 12, 13), end_on=datetime.date(2021, 12, 17))
    document = DocumentFactory(text="…", meeting=meeting, published_on=datetime.date(2021, 12, 15))
    return Suggestion.objects.create(
        document=document,
        kind="initiative",
        fingerprint="f" * 40,
        payload={"proposer": "Тестландия", "verb": "proposed", "text": "проводить сессии о цифровизации"},
        evidence=[{"text": "Тестландия выступила с инициативой", "begin": 0, "end": 10}],
    )


def test_accepting_creates_the_initiative_and_links_it(suggestion, secretariat_user):
    accepted = accept_suggestion(suggestion, acting_user=secretariat_user)
    initiative = Initiative.objects.get()
    assert initiative.proposer_state.iso3 == "TST" and initiative.meeting == suggestion.document.meeting
    assert initiative.proposed_on == datetime.date(2021, 12, 15)
    assert initiative.title_ru == "проводить сессии о цифровизации"
    assert list(initiative.documents.all()) == [suggestion.document]
    assert initiative.steps.get().recorded_by == secretariat_user
    assert accepted.status == SuggestionStatus.ACCEPTED
    assert accepted.payload["record"]["id"] == initiative.pk
    assert Suggestion.objects.get(pk=suggestion.pk).record_url == initiative.get_absolute_url()


def test_unknown_proposer_is_a_clear_error_and_writes_nothing(suggestion, secretariat_user):
    with pytest.raises(ValidationError) as error:
        accept_suggestion(suggestion, acting_user=secretariat_user, changes={"proposer": "Атлантида"})
    assert "proposer" in error.value.message_dict and "Атлантида" in error.value.message_dict["proposer"][0]
    assert not Initiative.objects.exists()
    assert Suggestion.objects.get(pk=suggestion.pk).status == SuggestionStatus.PENDING
