"""Mention trends of records and of search queries, hand-counted, with confidentiality applied."""

import datetime

import pytest

from accord.analytics import trends
from accord.analytics.choices import Granularity
from accord.core.choices import Confidentiality
from accord.documents.tests.factories import DocumentFactory
from accord.extraction.choices import MentionType
from accord.extraction.tests.factories import MentionFactory
from accord.registry.tests.factories import OrganizationFactory, PersonFactory, StateFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]
D = datetime.date


@pytest.fixture
def corpus():
    """State P named in: d1 (2024-01, twice), d2 (2024-03), d3 (2025-02, restricted), d4 (2025-05,
    confidential), d5 (no date). «коррупция» in q1 (2023-05), q2 (2023-07, confidential), q3 (2024-02)."""
    state = StateFactory(name_en="P-land", iso3="PPP", iso2="PP")
    body = OrganizationFactory(name_en="Council", abbreviation_en="CNCL")

    def doc(day, confidentiality=Confidentiality.PUBLIC, text="Визит делегации."):
        return DocumentFactory(published_on=day, confidentiality=confidentiality, text=text)

    def mention(document, **record):
        kind = next(iter(record))
        return MentionFactory(document=document, type=getattr(MentionType, kind.upper()), **record)

    d1 = doc(D(2024, 1, 15))
    mention(d1, state=state)
    mention(d1, state=state)
    mention(doc(D(2024, 3, 2)), state=state)
    mention(doc(D(2025, 2, 1), Confidentiality.RESTRICTED), state=state)
    mention(doc(D(2025, 5, 1), Confidentiality.CONFIDENTIAL), state=state)
    mention(doc(None), state=state)
    mention(d1, organization=body)
    doc(D(2023, 5, 10), text="Меры борьбы с коррупцией и отмыванием денег.")
    doc(D(2023, 7, 1), Confidentiality.CONFIDENTIAL, text="Доклад о коррупции.")
    doc(D(2024, 2, 20), text="Коррупция в закупках.")
    return state, body


@pytest.mark.usefixtures("corpus")
def test_a_state_per_year_for_an_analyst(analyst_user):
    series = [trends.resolve(analyst_user, "state", "PPP")]
    figure = trends.mention_trends(analyst_user, series)
    assert figure.header == ["Period", "P-land"]
    # d1 counts once for its two mentions; the confidential d4 and the undated d5 do not count.
    assert figure.rows == [["2024", 2], ["2025", 1]]
    assert figure.footer == ["Total", 3]


def test_the_secretariat_counts_the_confidential_document(secretariat_user, corpus):
    series = [trends.resolve(secretariat_user, "state", "PPP")]
    assert trends.mention_trends(secretariat_user, series).rows == [["2024", 2], ["2025", 2]]


def test_per_month_with_the_gaps_filled(analyst_user, corpus):
    series = [trends.resolve(analyst_user, "state", "P-land")]
    figure = trends.mention_trends(analyst_user, series, granularity=Granularity.MONTH)
    assert figure.rows[:4] == [["2024-01", 1], ["2024-02", 0], ["2024-03", 1], ["2024-04", 0]]
    assert figure.rows[-1] == ["2025-02", 1]
    assert len(figure.rows) == 14
    assert sum(r[1] for r in figure.rows) == 3


def test_a_query_and_records_side_by_side(analyst_user, corpus):
    series = [
        trends.resolve(analyst_user, "state", "pp"),
        trends.resolve(analyst_user, "organization", "CNCL"),
        trends.resolve(analyst_user, "query", "коррупция"),
    ]
    figure = trends.mention_trends(analyst_user, series)
    assert figure.header == ["Period", "P-land", "CNCL", "«коррупция»"]
    # The query finds q1 and q3 (every form of the word), not the confidential q2.
    assert figure.rows == [["2023", 0, 0, 1], ["2024", 2, 1, 1], ["2025", 1, 0, 0]]
    assert figure.chart["datasets"][2] == {"label": "«коррупция»", "data": [1, 1, 0]}


def test_dates_narrow_the_count(analyst_user, corpus):
    series = [trends.resolve(analyst_user, "query", "коррупция")]
    figure = trends.mention_trends(analyst_user, series, date_from=D(2024, 1, 1), date_to=D(2024, 12, 31))
    assert figure.rows == [["2024", 1]]


def test_a_person_series_by_number(analyst_user):
    person = PersonFactory(given_name_en="Anna", family_name_en="Smith")
    MentionFactory(
        document=DocumentFactory(published_on=D(2022, 8, 1)), type=MentionType.PERSON, person=person
    )
    series = trends.resolve(analyst_user, "person", str(person.pk))
    assert series.label == "Anna Smith"
    assert trends.mention_trends(analyst_user, [series]).rows == [["2022", 1]]


@pytest.mark.parametrize(
    ("kind", "value", "message"),
    [
        ("state", "ZZZ", "No state matches “ZZZ”."),
        ("organization", "Nothing", "No organization matches “Nothing”."),
        ("query", "AND", "Type a word to search for."),
        ("query", "коррупция NOT", "NOT must be followed by what to exclude."),
        ("organization", "²", "No organization matches “²”."),
        ("person", "²", "No person matches “²”."),
        ("query", "   ", "Type a name, a code or a query."),
        ("planet", "Mars", "Unknown kind of series: planet."),
    ],
)
def test_series_that_cannot_be_drawn(analyst_user, kind, value, message):
    with pytest.raises(trends.SeriesError) as error:
        trends.resolve(analyst_user, kind, value)
    assert str(error.value) == message


def test_an_ambiguous_name_asks_to_be_more_precise(analyst_user):
    StateFactory(name_en="Northland")
    StateFactory(name_en="Northland Islands")
    with pytest.raises(trends.SeriesError) as error:
        trends.resolve(analyst_user, "state", "Northl")
    assert (
        str(error.value) == "Several records match “Northl”: Northland, Northland Islands. Be more precise."
    )
    assert trends.resolve(analyst_user, "state", "northland").label == "Northland"


def test_no_documents_no_rows(analyst_user):
    StateFactory(iso3="EMP")
    figure = trends.mention_trends(analyst_user, [trends.resolve(analyst_user, "state", "EMP")])
    assert figure.rows == []
    assert figure.chart == {}
