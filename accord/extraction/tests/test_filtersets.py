"""Every filter of the suggestion queue's and the mentions' FilterSets narrows to the rows it names."""

from types import SimpleNamespace

import pytest

from accord.core.tests.filtering import assert_narrows, case_id, case_params, missing_cases
from accord.documents.tests.factories import DocumentFactory
from accord.extraction import filtersets
from accord.extraction.choices import MentionMethod, MentionType, SuggestionKind, SuggestionStatus
from accord.extraction.filtersets import MentionFilterSet, SuggestionFilterSet
from accord.extraction.tests.factories import MentionFactory, SuggestionFactory
from accord.registry.tests.factories import OrganizationFactory, PersonFactory, StateFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    w = SimpleNamespace()
    w.news = DocumentFactory(title="News of the week", text="Визит в Ташкент.")
    w.minutes = DocumentFactory(title="Minutes", text="Визит в Ташкент.")
    w.meeting = SuggestionFactory(document=w.news, label="Session in Tashkent", confidence=0.95)
    w.post = SuggestionFactory(
        document=w.minutes,
        kind=SuggestionKind.POST,
        status=SuggestionStatus.REJECTED,
        label="Prosecutor General",
        confidence=0.4,
    )
    w.state, w.other_state = StateFactory(), StateFactory()
    w.office = OrganizationFactory(slug="office")
    w.person = PersonFactory()
    w.place = MentionFactory(document=w.news)
    w.of_state = MentionFactory(document=w.news, type=MentionType.STATE, state=w.state)
    w.of_other_state = MentionFactory(document=w.minutes, type=MentionType.STATE, state=w.other_state)
    w.of_office = MentionFactory(
        document=w.minutes, type=MentionType.ORGANIZATION, organization=w.office, method=MentionMethod.NER
    )
    w.of_person = MentionFactory(document=w.minutes, type=MentionType.PERSON, person=w.person)
    return w


CASES = {
    SuggestionFilterSet: {
        "q": lambda w: ({"q": "week"}, [w.meeting]),
        "kind": lambda w: ({"kind": SuggestionKind.POST}, [w.post]),
        "status": lambda w: ({"status": SuggestionStatus.REJECTED}, [w.post]),
        "min_confidence": lambda w: ({"min_confidence": "0.9"}, [w.meeting]),
        "document": lambda w: ({"document": w.minutes.pk}, [w.post]),
    },
    MentionFilterSet: {
        "document": lambda w: ({"document": w.news.pk}, [w.place, w.of_state]),
        "type": lambda w: ({"type": MentionType.PERSON}, [w.of_person]),
        "method": lambda w: ({"method": MentionMethod.NER}, [w.of_office]),
        "state": lambda w: ({"state": w.state.iso3.lower()}, [w.of_state]),
        "state_id": lambda w: ({"state_id": w.other_state.pk}, [w.of_other_state]),
        "organization_id": lambda w: ({"organization_id": w.office.pk}, [w.of_office]),
        "organization": lambda w: ({"organization": "office"}, [w.of_office]),
        "person_id": lambda w: ({"person_id": w.person.pk}, [w.of_person]),
        "linked": lambda w: ({"linked": "false"}, [w.place]),
    },
}


def test_every_filter_has_a_case():
    assert missing_cases(filtersets, CASES) == {}


@pytest.mark.parametrize(("filterset", "name"), case_params(CASES), ids=case_id)
def test_the_filter_narrows(world, filterset, name):
    data, expected = CASES[filterset][name](world)
    assert_narrows(filterset, data, expected)


def test_linked_mentions_are_those_with_a_record(world):
    assert_narrows(
        MentionFilterSet,
        {"linked": "true"},
        [world.of_state, world.of_other_state, world.of_office, world.of_person],
    )
