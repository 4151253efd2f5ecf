"""Every filter of the news list's FilterSet narrows to the items it names."""

import datetime
from types import SimpleNamespace

import pytest

from accord.core.tests.filtering import assert_narrows, case_id, case_params, missing_cases
from accord.news import filtersets
from accord.news.choices import LinkStatus, NewsStatus
from accord.news.filtersets import NewsItemFilterSet
from accord.news.tests.factories import NewsItemFactory, NewsLinkFactory, PublishedNewsItemFactory
from accord.registry.choices import OrganizationKind
from accord.registry.tests.factories import OrganizationFactory, StateFactory

pytestmark = pytest.mark.django_db


def noon(year: int) -> datetime.datetime:
    return datetime.datetime(year, 6, 1, 12, tzinfo=datetime.UTC)


@pytest.fixture
def world():
    w = SimpleNamespace()
    w.alpha = StateFactory()
    w.council = OrganizationFactory(slug="council")
    w.group = OrganizationFactory(kind=OrganizationKind.BODY, parent=w.council, slug="group")
    w.meeting = PublishedNewsItemFactory(title_en="The working group meets", published_at=noon(2023))
    NewsLinkFactory(news=w.meeting, organization=w.group)
    w.visit = PublishedNewsItemFactory(title_en="A visit", published_at=noon(2024))
    NewsLinkFactory(news=w.visit, state=w.alpha)
    w.draft = NewsItemFactory(title_en="A draft")
    # Only confirmed links count: a proposal does not put the draft among alpha's news.
    NewsLinkFactory(news=w.draft, state=w.alpha, status=LinkStatus.PROPOSED)
    return w


CASES = {
    NewsItemFilterSet: {
        "q": lambda w: ({"q": "group meets"}, [w.meeting]),
        # News of a sub-body is news of its parent.
        "body": lambda w: ({"body": "council"}, [w.meeting]),
        "state": lambda w: ({"state": w.alpha.iso3}, [w.visit]),
        "year": lambda w: ({"year": 2023}, [w.meeting]),
        "status": lambda w: ({"status": NewsStatus.DRAFT}, [w.draft]),
    },
}


def test_every_filter_has_a_case():
    assert missing_cases(filtersets, CASES) == {}


@pytest.mark.parametrize(("filterset", "name"), case_params(CASES), ids=case_id)
def test_the_filter_narrows(world, filterset, name):
    data, expected = CASES[filterset][name](world)
    assert_narrows(filterset, data, expected)
