"""Storing analyses and deciding on suggestions: idempotence, records created, evidence kept."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from accord.core.roles import Role
from accord.documents.models import Document
from accord.documents.tests.factories import DocumentFactory
from accord.extraction.choices import Standing, SuggestionKind, SuggestionStatus
from accord.extraction.models import Extraction, Mention, Suggestion
from accord.extraction.services import accept_suggestion, reject_suggestion, store_analysis
from accord.extraction.tests.factories import MEETING_TEXT, analysis, span
from accord.meetings.models import Meeting, Participation
from accord.meetings.tests.factories import MeetingFactory, ParticipationFactory
from accord.registry.models import Organization, Person, Post
from accord.registry.tests.factories import OrganizationFactory, PersonFactory, PostFactory, StateFactory
from conftest import make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    """A small registry: two states, Tajikistan with its capital, a council, a prosecutor's office."""
    testland = StateFactory(iso3="TST", iso2="TS", name_ru="Тестландия", name_en="Testland")
    example = StateFactory(iso3="EXA", iso2="EX", name_ru="Примерия", name_en="Exampleland")
    tajikistan = StateFactory(iso3="TJK", iso2="TJ", name_ru="Таджикистан", name_en="Tajikistan")
    council = OrganizationFactory(slug="council", kind="body", name_ru="Совет прокуроров", name_en="Council")
    office = OrganizationFactory(
        slug="tst-prosecutor",
        kind="national_authority",
        state=testland,
        name_ru="Генеральная прокуратура Тестландии",
        name_en="Prosecutor General's Office of Testland",
    )
    return {"TST": testland, "EXA": example, "TJK": tajikistan, "council": council, "office": office}


def meeting_analysis(world, text: str = MEETING_TEXT, **extra):
    contract = {
        "published": "2025-10-22",
        "states": [{"iso3": "TST"}, {"iso3": "EXA"}],
        "persons": [
            {
                "name": "Иван Петров",
                "surname": "Петров",
                "posts": [{"title": "Генеральный прокурор Тестландии"}],
            }
        ],
        "organizations": [{"name": "Совет прокуроров", "aliases": [], "key": "council"}],
        "places": [{"name": "Душанбе", "state": "TJK"}],
        "events": [
            {
                "kind": "meeting",
                "start": "2025-10-21",
                "end": "2025-10-21",
                "place": "Душанбе",
                "format": "in_person",
            }
        ],
        "references": {"symbols": ["CTOC/COP/2020/1"], "mandates": []},
        **extra,
    }
    mentions = [
        span(text, "22 октября 2025 года", "date", "2025-10-22", method="rule"),
        span(text, "21 октября 2025 года", "date", "2025-10-21", method="rule"),
        span(text, "Душанбе", "place"),
        span(text, "Совета прокуроров", "organization", "Совет прокуроров", "council"),
        span(text, "Тестландии", "state", "Тестландия", "TST"),
        span(text, "Примерии", "state", "Примерия", "EXA"),
        span(text, "Иван Петров", "person", method="ner"),
    ]
    return analysis(text, contract, mentions)


@pytest.fixture
def curator():
    return make_user("curator", Role.SECRETARIAT)


@pytest.fixture
def document():
    return DocumentFactory(text=MEETING_TEXT, published_on=datetime.date(2025, 10, 22))


def test_store_is_idempotent_and_links_mentions(world, document):
    first = store_analysis(document, meeting_analysis(world))
    assert first.mentions == 7 and first.created >= 3
    mention_ids = set(Mention.objects.values_list("pk", flat=True))
    suggestion_ids = set(Suggestion.objects.values_list("pk", flat=True))
    second = store_analysis(document, meeting_analysis(world))
    assert (second.created, second.updated, second.removed) == (0, 0, 0)
    assert set(Mention.objects.values_list("pk", flat=True)) == mention_ids
    assert set(Suggestion.objects.values_list("pk", flat=True)) == suggestion_ids
    state_mention = Mention.objects.get(text="Примерии")
    assert state_mention.state == world["EXA"] and state_mention.record == world["EXA"]
    assert Mention.objects.get(type="organization").organization == world["council"]
    assert Mention.objects.get(type="person").person is None  # not in the registry
    extraction = Extraction.objects.get(document=document)
    assert extraction.text_hash == Document.hash_text(MEETING_TEXT)
    assert extraction.published_on == datetime.date(2025, 10, 22)
    kinds = set(Suggestion.objects.values_list("kind", flat=True))
    assert {SuggestionKind.MEETING, SuggestionKind.POST, SuggestionKind.REFERENCE} <= kinds


def test_a_new_run_replaces_pending_but_keeps_decisions(world, document, curator):
    store_analysis(document, meeting_analysis(world))
    reference = Suggestion.objects.get(kind=SuggestionKind.REFERENCE)
    reject_suggestion(reference, acting_user=curator)
    bare = analysis(MEETING_TEXT, {"references": {"symbols": ["CTOC/COP/2020/1"]}}, [])
    stored = store_analysis(document, bare)
    assert stored.kept == 1 and stored.created == 0 and stored.removed >= 2
    assert not Mention.objects.exists()
    assert list(Suggestion.objects.values_list("status", flat=True)) == [SuggestionStatus.REJECTED]


def test_meeting_suggestion_payload_and_evidence(world, document):
    store_analysis(document, meeting_analysis(world))
    meeting = Suggestion.objects.get(kind=SuggestionKind.MEETING)
    payload = meeting.payload
    assert payload["start_on"] == payload["end_on"] == "2025-10-21"
    assert payload["city"] == "Душанбе" and payload["country"] == "TJK"
    assert payload["body"] == world["council"].pk
    assert payload["participants"] == ["TST", "EXA"]  # the event's sentence and the participation sentence
    assert payload["status"] == "held"
    assert meeting.evidence[0]["text"].startswith("21 октября 2025 года в Душанбе")
    begin, end = meeting.evidence[0]["begin"], meeting.evidence[0]["end"]
    assert MEETING_TEXT[begin:end].strip() == meeting.evidence[0]["text"]
    assert meeting.standing.code == Standing.NEW


def test_accept_creates_the_meeting_with_participants_and_keeps_the_evidence(world, document, curator):
    store_analysis(document, meeting_analysis(world))
    suggestion = Suggestion.objects.get(kind=SuggestionKind.MEETING)
    accepted = accept_suggestion(suggestion, acting_user=curator, changes={"title": "Заседание Совета"})
    meeting = Meeting.objects.get()
    assert (meeting.start_on, meeting.end_on) == (datetime.date(2025, 10, 21), None)
    assert (meeting.city_ru, meeting.country, meeting.body) == ("Душанбе", world["TJK"], world["council"])
    assert meeting.title_ru == "Заседание Совета" and meeting.format == "in_person"
    states = meeting.participations.filter(state__isnull=False).values_list("state__iso3", flat=True)
    assert set(states) == {"TST", "EXA"}
    head = meeting.participations.get(person__isnull=False)  # «Делегацию возглавил …»
    assert (head.person.family_name_ru, head.note) == (
        "Петров",
        "Генеральный прокурор Тестландии (Тестландия)",
    )
    assert accepted.status == SuggestionStatus.ACCEPTED and accepted.decided_by == curator
    assert accepted.meeting == meeting and meeting.suggestions.get() == accepted
    assert accepted.payload["title"] == "Заседание Совета"
    assert accepted.evidence and accepted.standing.code == Standing.ACCEPTED
    with pytest.raises(ValidationError) as error:
        accept_suggestion(accepted, acting_user=curator)
    assert error.value.code == "decided"


def test_accept_refuses_bad_data_with_field_names_and_keeps_nothing(world, document, curator):
    store_analysis(document, meeting_analysis(world))
    suggestion = Suggestion.objects.get(kind=SuggestionKind.MEETING)
    with pytest.raises(ValidationError) as error:
        accept_suggestion(suggestion, acting_user=curator, changes={"country": "", "end_on": "2025-10-01"})
    assert {"country", "end_on"} <= set(error.value.message_dict)
    with pytest.raises(ValidationError) as error:
        accept_suggestion(suggestion, acting_user=curator, changes={"participants": "TST, ZZZ"})
    assert "ZZZ" in str(error.value.message_dict["participants"])
    with pytest.raises(ValidationError) as error:
        accept_suggestion(suggestion, acting_user=curator, changes={"nonsense": 1})
    assert error.value.error_list[0].code == "unknown_fields"
    with pytest.raises(ValidationError):
        accept_suggestion(suggestion, acting_user=curator, changes="not a dict")
    assert not Meeting.objects.exists()
    assert Suggestion.objects.get(pk=suggestion.pk).status == SuggestionStatus.PENDING


def test_only_the_secretariat_decides(world, document):
    store_analysis(document, meeting_analysis(world))
    suggestion = Suggestion.objects.get(kind=SuggestionKind.MEETING)
    with pytest.raises(PermissionDenied):
        accept_suggestion(suggestion, acting_user=make_user("analyst", Role.ANALYST))
    with pytest.raises(PermissionDenied):
        reject_suggestion(suggestion, acting_user=None)
    assert not Meeting.objects.exists()


def test_a_meeting_already_recorded_is_a_duplicate_and_accepting_merges(world, document, curator):
    existing = MeetingFactory(
        body=world["council"], start_on=datetime.date(2025, 10, 21), end_on=None, country=world["TJK"]
    )
    ParticipationFactory(meeting=existing, state=world["TST"])
    store_analysis(document, meeting_analysis(world))
    suggestion = Suggestion.objects.get(kind=SuggestionKind.MEETING)
    assert suggestion.standing.code == Standing.DUPLICATE and suggestion.standing.record == existing
    # The missing participant is proposed on its own as well.
    participation = Suggestion.objects.get(kind=SuggestionKind.PARTICIPATION)
    assert participation.payload["meeting"] == existing.pk and participation.payload["state"] == "EXA"
    accept_suggestion(suggestion, acting_user=curator)
    assert Meeting.objects.count() == 1
    states = existing.participations.filter(state__isnull=False).values_list("state__iso3", flat=True)
    assert set(states) == {"TST", "EXA"}
    assert Suggestion.objects.get(pk=participation.pk).standing.code == Standing.DUPLICATE


def test_overlapping_meeting_of_the_same_body_is_a_conflict(world, document):
    MeetingFactory(
        body=world["council"], start_on=datetime.date(2025, 10, 20), end_on=datetime.date(2025, 10, 22)
    )
    store_analysis(document, meeting_analysis(world))
    assert Suggestion.objects.get(kind=SuggestionKind.MEETING).standing.code == Standing.CONFLICT


def test_accept_a_post_creates_the_person_and_a_second_one_is_a_duplicate(world, document, curator):
    store_analysis(document, meeting_analysis(world))
    suggestion = Suggestion.objects.get(kind=SuggestionKind.POST)
    assert suggestion.payload["organization"] is None  # nothing in the registry says which office
    assert suggestion.standing.code == Standing.INCOMPLETE
    with pytest.raises(ValidationError) as error:
        accept_suggestion(suggestion, acting_user=curator)
    assert "organization" in error.value.message_dict
    accepted = accept_suggestion(
        suggestion,
        acting_user=curator,
        changes={"organization": world["office"].pk, "start_on": "2025-01-01"},
    )
    person = Person.objects.get(family_name_ru="Петров")
    post = Post.objects.get()
    assert (person.given_name_ru, post.person, post.organization) == ("Иван", person, world["office"])
    assert post.title_ru == "Генеральный прокурор Тестландии" and post.role == "head"
    assert post.start_on == datetime.date(2025, 1, 1) and "2025-10-22" in post.note
    assert accepted.post == post and accepted.person == person
    # Another story about the same man: now the registry knows him and his post.
    other = DocumentFactory(
        text=MEETING_TEXT.replace("Новости", "Ещё"), published_on=datetime.date(2025, 10, 23)
    )
    store_analysis(other, meeting_analysis(world, text=other.text))
    again = Suggestion.objects.get(kind=SuggestionKind.POST, document=other)
    assert again.payload["person"] == person.pk and again.payload["organization"] == world["office"].pk
    assert again.standing.code == Standing.DUPLICATE
    accept_suggestion(again, acting_user=curator)
    assert Post.objects.count() == 1 and Suggestion.objects.get(pk=again.pk).post == post


def test_a_post_held_by_someone_else_that_day_is_a_conflict(world, document):
    PostFactory(
        organization=world["office"],
        title_ru="Генеральный прокурор Тестландии",
        start_on=datetime.date(2020, 1, 1),
    )
    store_analysis(document, meeting_analysis(world))
    suggestion = Suggestion.objects.get(kind=SuggestionKind.POST)
    assert suggestion.payload["organization"] == world["office"].pk  # found through the same title
    assert suggestion.standing.code == Standing.CONFLICT


def test_reject_and_reference_and_organization(world, document, curator):
    contract = {
        "organizations": [{"name": "Департамент Совета прокуроров", "aliases": ["ДСП"]}],
        "references": {"symbols": ["CTOC/COP/2020/1", "CTOC/COP/2020/2"]},
    }
    text = (
        MEETING_TEXT
        + " Департамент Совета прокуроров подготовил документы CTOC/COP/2020/1 и CTOC/COP/2020/2."
    )
    DocumentFactory(symbol="CTOC/COP/2020/2", language="en")
    store_analysis(
        document, analysis(text, contract, [span(text, "CTOC/COP/2020/1", "symbol", method="rule")])
    )
    organization = Suggestion.objects.get(kind=SuggestionKind.ORGANIZATION)
    assert organization.payload["parent"] == world["council"].pk and organization.payload["kind"] == "body"
    assert organization.payload["abbreviation"] == "ДСП"
    accept_suggestion(organization, acting_user=curator)
    created = Organization.objects.get(name_ru="Департамент Совета прокуроров")
    assert created.parent == world["council"] and created.abbreviation_ru == "ДСП"
    new, known = Suggestion.objects.filter(kind=SuggestionKind.REFERENCE).order_by("label")
    assert new.evidence and new.standing.code == Standing.NEW and known.standing.code == Standing.DUPLICATE
    accept_suggestion(new, acting_user=curator)
    accept_suggestion(known, acting_user=curator)
    cited = Document.objects.filter(symbol="CTOC/COP/2020/1").get()
    assert cited.title == "CTOC/COP/2020/1" and cited.confidentiality == document.confidentiality
    assert Suggestion.objects.get(pk=known.pk).cited_document.symbol == "CTOC/COP/2020/2"
    rejected = reject_suggestion(
        Suggestion.objects.create(
            document=document, kind="initiative", fingerprint="x" * 40, payload={"text": "t"}
        ),
        acting_user=curator,
        note="not an initiative",
    )
    assert rejected.status == SuggestionStatus.REJECTED and rejected.standing.code == Standing.REJECTED
    assert rejected.decided_by == curator and rejected.decided_at is not None


def test_known_person_without_posts_is_not_proposed_and_unknown_one_is(world, document, curator):
    known = PersonFactory(family_name_ru="Сидоров", given_name_ru="Пётр")
    contract = {
        "persons": [
            {"name": "Пётр Сидоров", "surname": "Сидоров"},
            {"name": "Анна Смирнова", "surname": "Смирнова"},
        ]
    }
    store_analysis(document, analysis(MEETING_TEXT, contract, []))
    suggestion = Suggestion.objects.get(kind=SuggestionKind.PERSON)
    assert suggestion.payload["family_name"] == "Смирнова"
    accept_suggestion(suggestion, acting_user=curator)
    assert Person.objects.filter(family_name_ru="Смирнова", given_name_ru="Анна").exists()
    assert known.pk


def test_participation_suggestion_accepts(world, document, curator):
    meeting = MeetingFactory(body=world["council"], start_on=datetime.date(2025, 10, 21), end_on=None)
    store_analysis(document, meeting_analysis(world))
    for suggestion in Suggestion.objects.filter(kind=SuggestionKind.PARTICIPATION):
        accepted = accept_suggestion(suggestion, acting_user=curator, changes={"mode": "videoconference"})
        assert accepted.participation.meeting == meeting and accepted.meeting == meeting
    assert Participation.objects.filter(meeting=meeting, mode="videoconference").count() == 2


def test_proposals_become_initiatives_that_are_only_noted(world, document, curator):
    text = MEETING_TEXT + " Тестландия предложила создать рабочую группу по возврату активов."
    begin = text.index("предложила")
    contract = {
        "proposals": [
            {
                "verb": "proposed",
                "proposer": "Тестландия",
                "proposer_kind": "state",
                "text": "создать рабочую группу",
                "begin": begin,
            },
            {"verb": "??", "proposer": {"name": "Примерия"}, "text": "поддержать"},
            {"verb": "supported", "text": ""},
            "not a dict",
        ]
    }
    store_analysis(document, analysis(text, contract, []))
    first, second = Suggestion.objects.filter(kind=SuggestionKind.INITIATIVE).order_by("-confidence", "pk")
    assert first.payload["proposer"] == "Тестландия" and "предложила" in first.evidence[0]["text"]
    assert second.payload["verb"] == "proposed" and second.payload["proposer"] == "Примерия"
    assert first.standing.code == Standing.NO_RECORD
    accepted = accept_suggestion(
        first, acting_user=curator, changes={"text": "создать рабочую группу экспертов"}
    )
    assert accepted.status == SuggestionStatus.ACCEPTED and accepted.record is None
    assert accepted.payload["text"] == "создать рабочую группу экспертов"


def test_malformed_contracts_store_what_they_can(document):
    text = MEETING_TEXT
    contract = {
        "events": [
            {"start": "not a date"},
            {"start": "2025-10-21", "end": "2025-10-20", "participants": "RUS"},
            5,
        ],
        "persons": [{"name": ""}, {"surname": "Петров", "posts": ["x", {"title": ""}]}],
        "organizations": [{"name": None}, {"name": "ОК"}],
        "references": {"symbols": [None, "", 7]},
        "places": "nowhere",
    }
    mentions = [span(text, "Душанбе", "place"), span(text, "Душанбе", "unknown-type")]
    mentions.append(type(mentions[0])(5, 9999, "date", "x", "x"))  # outside the text: dropped
    stored = store_analysis(document, analysis(text, contract, mentions))
    assert stored.mentions == 1
    meeting = Suggestion.objects.get(kind=SuggestionKind.MEETING)
    assert (meeting.payload["start_on"], meeting.payload["end_on"]) == ("2025-10-20", "2025-10-21")
