"""Timelines of a state, a body and a person, hand-counted, with what each reader may see."""

import datetime

import pytest
from django.utils import timezone

from accord.analytics import timelines
from accord.core.choices import Confidentiality
from accord.meetings.choices import ParticipantRole
from accord.meetings.models import Outcome
from accord.meetings.tests.factories import MeetingFactory, ParticipationFactory
from accord.registry.choices import MembershipRole
from accord.registry.tests.factories import (
    MembershipFactory,
    NationalAuthorityFactory,
    OrganizationFactory,
    PersonFactory,
    PostFactory,
    StateFactory,
)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]
D = datetime.date


def _news(title: str, day: datetime.date, **link):
    from accord.news.models import NewsItem, NewsLink

    moment = timezone.make_aware(datetime.datetime(day.year, day.month, day.day, 12))
    item = NewsItem.objects.create(
        slug=f"news-{title.lower()}", title_en=title, status="published", published_at=moment
    )
    NewsLink.objects.create(news=item, **link)
    return item


@pytest.fixture
def state_world():
    from accord.cooperation.tests.factories import AgreementFactory, AgreementPartyFactory
    from accord.instruments.tests.factories import InstrumentFactory, PartyFactory

    state = StateFactory(name_en="Kazakhstan-test")
    other = StateFactory(name_en="Elsewhere")
    council = OrganizationFactory(name_en="Council")
    MembershipFactory(body=council, state=state, start_on=D(2010, 1, 1), end_on=D(2015, 12, 31))
    MembershipFactory(
        body=council, state=state, role=MembershipRole.CHAIR, start_on=D(2020, 1, 1), end_on=D(2020, 12, 31)
    )
    MeetingFactory(country=state, start_on=D(2021, 5, 5), end_on=None, title_en="Visit to the state")
    MeetingFactory(
        country=state,
        start_on=D(2021, 6, 6),
        end_on=None,
        title_en="Secret talks",
        confidentiality=Confidentiality.CONFIDENTIAL,
    )
    abroad = MeetingFactory(country=other, start_on=D(2019, 4, 1), end_on=None, title_en="Session abroad")
    ParticipationFactory(meeting=abroad, state=state, role=ParticipantRole.OBSERVER)
    convention = InstrumentFactory(name_en="Convention X")
    PartyFactory(
        instrument=convention,
        state=state,
        signed_on=D(2003, 12, 9),
        consent="ratification",
        consent_on=D(2005, 6, 1),
    )
    agreement = AgreementFactory(title_en="Treaty on mutual help", signed_on=D(2024, 11, 21))
    AgreementPartyFactory(agreement=agreement, state=None, organization=NationalAuthorityFactory(state=state))
    _news("Delegation arrives", D(2025, 2, 3), state=state)
    return state


def test_state_timeline_for_an_analyst(analyst_user, state_world):
    collector = timelines.state_events(analyst_user, state_world)
    figure = timelines.timeline(collector.events, collector.cut)
    assert figure.header == ["Date", "Kind", "Event"]
    assert figure.rows == [
        ["2003-12-09", "Instruments", "Signs: Convention X"],
        ["2005-06-01", "Instruments", "Ratification: Convention X"],
        ["2010-01-01", "Memberships", "Member: Council"],
        ["2015-12-31", "Memberships", "Member ends: Council"],
        ["2019-04-01", "Meetings attended", "Takes part in Session abroad (Observer)"],
        ["2020-01-01", "Chairmanships", "Chair: Council"],
        ["2020-12-31", "Chairmanships", "Chair ends: Council"],
        ["2021-05-05", "Meetings held", "Hosts: Visit to the state"],
        ["2024-11-21", "Agreements", "Signs: Treaty on mutual help"],
        ["2025-02-03", "News", "News: Delegation arrives"],
    ]
    assert figure.notes == []
    assert figure.chart["lanes"] == [
        "Memberships",
        "Chairmanships",
        "Meetings held",
        "Meetings attended",
        "Instruments",
        "Agreements",
        "News",
    ]
    held = next(d for d in figure.chart["datasets"] if d["label"] == "Meetings held")
    assert held["data"] == [
        # 5 May is day 124 of 365: 2021 + 124/365.
        {"x": 2021.3397, "y": "Meetings held", "date": "2021-05-05", "text": "Hosts: Visit to the state"}
    ]


def test_state_timeline_for_the_secretariat_has_the_confidential_meeting(secretariat_user, state_world):
    rows = timelines.timeline(timelines.state_events(secretariat_user, state_world).events).rows
    assert ["2021-06-06", "Meetings held", "Hosts: Secret talks"] in rows
    assert len(rows) == 11


def test_unpublished_news_stays_out(analyst_user, state_world):
    from accord.news.models import NewsItem, NewsLink

    draft = NewsItem.objects.create(slug="draft", title_en="Draft", status="draft")
    NewsLink.objects.create(news=draft, state=state_world)
    rows = timelines.timeline(timelines.state_events(analyst_user, state_world).events).rows
    assert not any("Draft" in row[2] for row in rows)


def test_state_timeline_reviews(analyst_user, secretariat_user):
    from accord.reviews.models import Summary
    from accord.reviews.tests.factories import review_setting

    setting = review_setting(by=secretariat_user)
    reviewed, reviewer = setting.review.state, setting.reviewers[0]
    # Not yet published: the analyst sees nothing of it, the secretariat the drawing of lots.
    assert timelines.state_events(analyst_user, reviewer).events == []
    drawn = timelines.state_events(secretariat_user, reviewer).events
    assert [e.text for e in drawn] == [f"Drawn as a reviewing state: {setting.review}"]
    Summary.objects.create(
        review=setting.review, published_at=timezone.make_aware(datetime.datetime(2017, 3, 1))
    )
    assert [(e.on, e.text) for e in timelines.state_events(analyst_user, reviewed).events] == [
        (D(2017, 3, 1), f"Summary published: {setting.review}")
    ]
    assert len(timelines.state_events(analyst_user, reviewer).events) == 1


def test_organization_timeline(analyst_user):
    council = OrganizationFactory(name_en="Council", founded_on=D(2001, 1, 1))
    member = StateFactory(name_en="Memberland")
    MembershipFactory(body=council, state=member, role=MembershipRole.CO_CHAIR, start_on=D(2022, 1, 1))
    person = PersonFactory(given_name_en="Anna", family_name_en="Smith")
    PostFactory(
        person=person,
        organization=council,
        title_en="Chairperson",
        start_on=D(2018, 2, 1),
        end_on=D(2020, 1, 31),
    )
    sub = OrganizationFactory(name_en="Working group", parent=council)
    MeetingFactory(body=sub, start_on=D(2019, 9, 9), end_on=None, title_en="First meeting")
    from accord.instruments.tests.factories import MandateFactory

    MandateFactory(body=council, number="4/4", adopted_on=D(2019, 10, 1))
    _news("Council meets", D(2023, 3, 3), organization=council)
    rows = timelines.timeline(timelines.organization_events(analyst_user, council).events).rows
    assert rows == [
        ["2001-01-01", "Registry", "Founded"],
        ["2018-02-01", "Posts", "Anna Smith takes office: Chairperson"],
        ["2019-09-09", "Meetings held", "Holds: First meeting"],
        ["2019-10-01", "Resolutions and decisions", "Adopts resolution 4/4"],
        ["2020-01-31", "Posts", "Anna Smith leaves office: Chairperson"],
        ["2022-01-01", "Chairmanships", "Memberland joins as co-chair"],
        ["2023-03-03", "News", "News: Council meets"],
    ]


def test_person_timeline(analyst_user):
    person = PersonFactory(given_name_en="Igor", family_name_en="Krasnov")
    office = NationalAuthorityFactory(name_en="Prosecutor General's Office")
    PostFactory(person=person, organization=office, title_en="Prosecutor General", start_on=D(2020, 1, 22))
    session = MeetingFactory(start_on=D(2021, 12, 13), end_on=None, title_en="Ninth session")
    ParticipationFactory(meeting=session, state=None, person=person, role=ParticipantRole.SPEAKER)
    Outcome.objects.create(meeting=session, kind="election", elected=person)
    rows = timelines.timeline(timelines.person_events(analyst_user, person).events).rows
    assert rows == [
        ["2020-01-22", "Posts", "Takes office: Prosecutor General, Prosecutor General's Office"],
        ["2021-12-13", "Meetings attended", "Takes part in Ninth session (Speaker)"],
        ["2021-12-13", "Elections", "Elected at Ninth session"],
    ]


def test_each_source_keeps_its_newest_events(analyst_user, monkeypatch):
    monkeypatch.setattr(timelines, "SOURCE_LIMIT", 2)
    state = StateFactory()
    for year in (2019, 2020, 2021):
        MeetingFactory(country=state, start_on=D(year, 1, 1), end_on=None, title_en=f"Meeting {year}")
    collector = timelines.state_events(analyst_user, state)
    figure = timelines.timeline(collector.events, collector.cut)
    assert [r[0] for r in figure.rows] == ["2020-01-01", "2021-01-01"]
    assert figure.notes == ["Only the newest 2 events of “Meetings held” are listed."]


def test_empty_timeline(analyst_user):
    figure = timelines.timeline(timelines.person_events(analyst_user, PersonFactory()).events)
    assert figure.rows == []
    assert figure.chart == {}
