"""Factories for the review mechanism's tests, and one ready-made review with its questionnaire."""

import datetime
from dataclasses import dataclass

import factory

from accord.instruments.tests.factories import InstrumentFactory, PartyFactory, ProvisionFactory
from accord.registry.tests.factories import OrganizationFactory, RegionalGroupFactory, StateFactory
from accord.reviews.choices import Phase, Side
from accord.reviews.models import (
    Cluster,
    CountryReview,
    Cycle,
    Draw,
    Mechanism,
    MechanismInstrument,
    PhaseRule,
    ReviewerAssignment,
    ReviewExpert,
)
from accord.reviews.services import build_questions


class MechanismFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Mechanism

    slug = factory.Sequence(lambda n: f"mechanism-{n}")
    name_ru = factory.Sequence(lambda n: f"Механизм {n}")
    name_en = factory.Sequence(lambda n: f"Mechanism {n}")
    governing_body = factory.SubFactory(OrganizationFactory)


class CycleFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Cycle

    mechanism = factory.SubFactory(MechanismFactory)
    number = factory.Sequence(lambda n: n + 1)
    name_ru = "Цикл"
    name_en = "Cycle"
    starts_on = datetime.date(2015, 11, 6)
    first_year = 2016


class ClusterFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Cluster

    cycle = factory.SubFactory(CycleFactory)
    number = 1
    name_ru = "Главы II и V"
    name_en = "Chapters II and V"


class CountryReviewFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CountryReview

    cluster = factory.SubFactory(ClusterFactory)
    cycle = factory.SelfAttribute("cluster.cycle")
    state = factory.SubFactory(StateFactory)
    year = 2016


@dataclass
class ReviewSetting:
    """A mechanism over one convention with two articles, a review of `state` with two reviewing states."""

    mechanism: Mechanism
    cluster: Cluster
    review: CountryReview
    instrument: object
    provisions: list
    reviewers: list


def review_setting(
    *, state=None, reviewer_users=(), focal_users=(), phase: str = Phase.SELF_ASSESSMENT, by=None
):
    """Build a complete small review; `reviewer_users` become experts of the first reviewing state."""
    group = state.regional_group if state is not None else RegionalGroupFactory()
    state = state or StateFactory(regional_group=group)
    instrument = InstrumentFactory()
    provisions = [ProvisionFactory(instrument=instrument, number=str(n), position=n) for n in (5, 6)]
    mechanism = MechanismFactory()
    MechanismInstrument.objects.create(mechanism=mechanism, instrument=instrument)
    for phase_name, months in ((Phase.SELF_ASSESSMENT, 2), (Phase.DESK_REVIEW, 1)):
        PhaseRule.objects.create(mechanism=mechanism, phase=phase_name, duration=months, unit="months")
    PhaseRule.objects.create(mechanism=mechanism, phase=Phase.ASSIGNED, duration=3, unit="weeks")
    cluster = ClusterFactory(cycle=CycleFactory(mechanism=mechanism))
    cluster.provisions.set(provisions)
    build_questions(cluster)
    reviewing = [StateFactory(regional_group=group), StateFactory()]
    for member in [state, *reviewing]:
        PartyFactory(instrument=instrument, state=member)
    review = CountryReviewFactory(cluster=cluster, state=state, phase=phase)
    if by is not None:
        draw = Draw.objects.create(
            cycle=cluster.cycle,
            kind="reviewers",
            year=review.year,
            seed="1",
            input={},
            result={},
            performed_by=by,
        )
        for index, reviewer in enumerate(reviewing):
            ReviewerAssignment.objects.create(
                review=review, state=reviewer, instrument=instrument, same_group=index == 0, draw=draw
            )
    for user in reviewer_users:
        ReviewExpert.objects.create(review=review, user=user, side=Side.REVIEWER, state=reviewing[0])
    for user in focal_users:
        ReviewExpert.objects.create(review=review, user=user, side=Side.UNDER_REVIEW, state=state)
    return ReviewSetting(mechanism, cluster, review, instrument, provisions, reviewing)
