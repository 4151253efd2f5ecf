"""Every filter of the recommendation register's FilterSet narrows to the recommendations it names."""

import datetime
from types import SimpleNamespace

import pytest

from accord.core.tests.filtering import assert_narrows, case_id, case_params, missing_cases
from accord.followup import filtersets
from accord.followup.choices import Priority, SourceKind, Status, Theme
from accord.followup.filtersets import RecommendationFilterSet
from accord.followup.tests.factories import RecommendationFactory
from accord.registry.tests.factories import NationalAuthorityFactory, OrganizationFactory, StateFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    w = SimpleNamespace()
    w.alpha, w.beta = StateFactory(), StateFactory()
    w.office = NationalAuthorityFactory(state=w.alpha)
    w.council = OrganizationFactory()
    w.declarations = RecommendationFactory(
        state=w.alpha,
        authority=w.office,
        body=w.council,
        text_en="Strengthen asset declarations",
        themes=[Theme.CORRUPTION],
        status=Status.NOT_STARTED,
        priority=Priority.HIGH,
        due_on=datetime.date(2020, 1, 1),  # long past and still open: overdue
    )
    w.returns = RecommendationFactory(
        state=w.beta,
        source_kind=SourceKind.COUNTRY_REVIEW,
        themes=[Theme.ASSET_RECOVERY, Theme.MUTUAL_LEGAL_ASSISTANCE],
        status=Status.IMPLEMENTED,
        priority=Priority.LOW,
        due_on=datetime.date(2020, 1, 1),  # past but implemented: not overdue
    )
    w.training = RecommendationFactory(
        state=w.beta,
        source_kind=SourceKind.MEETING_DECISION,
        status=Status.IN_PROGRESS,
        due_on=datetime.date(2999, 1, 1),
    )
    return w


CASES = {
    RecommendationFilterSet: {
        "q": lambda w: ({"q": "declarations"}, [w.declarations]),
        "state": lambda w: ({"state": w.beta.iso3}, [w.returns, w.training]),
        "state_id": lambda w: ({"state_id": w.alpha.pk}, [w.declarations]),
        "authority": lambda w: ({"authority": w.office.pk}, [w.declarations]),
        "source_kind": lambda w: ({"source_kind": SourceKind.COUNTRY_REVIEW}, [w.returns]),
        "theme": lambda w: ({"theme": Theme.ASSET_RECOVERY}, [w.returns]),
        "status": lambda w: ({"status": Status.IN_PROGRESS}, [w.training]),
        "priority": lambda w: ({"priority": Priority.HIGH}, [w.declarations]),
        "overdue": lambda w: ({"overdue": "true"}, [w.declarations]),
        "body": lambda w: ({"body": w.council.pk}, [w.declarations]),
    },
}


def test_every_filter_has_a_case():
    assert missing_cases(filtersets, CASES) == {}


@pytest.mark.parametrize(("filterset", "name"), case_params(CASES), ids=case_id)
def test_the_filter_narrows(world, filterset, name):
    data, expected = CASES[filterset][name](world)
    assert_narrows(filterset, data, expected)


def test_not_overdue_is_the_rest(world):
    assert_narrows(RecommendationFilterSet, {"overdue": "false"}, [world.returns, world.training])
