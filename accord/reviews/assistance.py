"""Technical-assistance needs across reviews: counted by provision, by regional group and by year.

A need is either an observation of kind "technical-assistance need" or a
non-empty current answer to a questionnaire's technical-assistance question.

What is counted depends on who asks, because small buckets identify a state:
for the reviews a user works on (all of them for the secretariat) both
sources count; for every other published review only the observations count,
since those are printed in the public summary while the questionnaire
answers stay confidential. The public therefore sees aggregates of published
summaries only.
"""

from dataclasses import dataclass, field

from django.db.models import Q
from django.utils.translation import gettext as _

from accord.core.collation import collated
from accord.instruments.models import Provision
from accord.registry.models import RegionalGroup
from accord.reviews.choices import ObservationKind, QuestionKind, VersionStatus
from accord.reviews.models import CountryReview, Observation, ResponseVersion


@dataclass
class Bucket:
    """One row of an aggregate: how many needs the reviewers found and the states stated, in how many states."""

    key: object
    label: str
    observations: int = 0
    answers: int = 0
    states: set = field(default_factory=set)
    # Bar lengths in whole percent of the largest bucket of the same aggregate, for the charts.
    observations_percent: int = 0
    answers_percent: int = 0

    @property
    def total(self) -> int:
        return self.observations + self.answers

    @property
    def state_count(self) -> int:
        return len(self.states)


@dataclass
class Overview:
    """The aggregates of one user's scope; `full_reviews` counted both sources, `summary_reviews` observations only."""

    reviews: int
    full_reviews: int
    observations: int
    answers: int
    by_provision: list[Bucket]
    by_group: list[Bucket]
    by_year: list[Bucket]

    @property
    def total(self) -> int:
        return self.observations + self.answers

    @property
    def summary_reviews(self) -> int:
        return self.reviews - self.full_reviews


# (provision id, state id, regional group id, year) of each need.
Row = tuple[int, int, int | None, int]


def scope(user, *, mechanism=None, cycle=None) -> tuple:
    """The reviews counted for `user` (visible ones), and among them those counted in full (workable ones)."""
    reviews = CountryReview.objects.visible_to(user)
    if mechanism is not None:
        reviews = reviews.filter(cycle__mechanism=mechanism)
    if cycle is not None:
        reviews = reviews.filter(cycle=cycle)
    full = reviews.filter(pk__in=CountryReview.objects.workable_by(user).values("pk"))
    return reviews, full


def _observation_rows(reviews) -> list[Row]:
    return list(
        Observation.objects.filter(kind=ObservationKind.ASSISTANCE, review__in=reviews).values_list(
            "provision_id", "review__state_id", "review__state__regional_group_id", "review__year"
        )
    )


def _answer_rows(reviews) -> list[Row]:
    prefix = "response__review__"
    return list(
        ResponseVersion.objects.filter(
            status=VersionStatus.CURRENT,
            response__question__kind=QuestionKind.ASSISTANCE,
            response__review__in=reviews,
        )
        .exclude(Q(implementation="") & Q(text__regex=r"^\s*$"))
        .values_list(
            "response__question__provision_id",
            f"{prefix}state_id",
            f"{prefix}state__regional_group_id",
            f"{prefix}year",
        )
    )


def _count(rows: list[Row], index: int, source: str, buckets: dict) -> None:
    for row in rows:
        bucket = buckets.setdefault(row[index], Bucket(row[index], ""))
        setattr(bucket, source, getattr(bucket, source) + 1)
        bucket.states.add(row[1])


def _scaled(buckets: list[Bucket]) -> list[Bucket]:
    largest = max((b.total for b in buckets), default=0)
    for bucket in buckets:
        if largest:
            bucket.observations_percent = round(100 * bucket.observations / largest)
            bucket.answers_percent = round(100 * bucket.answers / largest)
    return buckets


def _aggregate(observations: list[Row], answers: list[Row], index: int) -> dict:
    buckets: dict = {}
    _count(observations, index, "observations", buckets)
    _count(answers, index, "answers", buckets)
    return buckets


def overview(user, *, mechanism=None, cycle=None) -> Overview:
    """The technical-assistance needs `user` may count, aggregated three ways (a fixed number of queries)."""
    reviews, full = scope(user, mechanism=mechanism, cycle=cycle)
    observations = _observation_rows(reviews)
    answers = _answer_rows(full)

    by_provision = _aggregate(observations, answers, 0)
    provisions = Provision.objects.filter(pk__in=by_provision).select_related("instrument")
    order = {}
    for provision in provisions:
        instrument = provision.instrument.abbreviation or str(provision.instrument)
        by_provision[provision.pk].label = f"{instrument}: {provision}"
        order[provision.pk] = (provision.instrument_id, provision.position, provision.pk)

    by_group = _aggregate(observations, answers, 2)
    groups = {g.pk: g for g in RegionalGroup.objects.filter(pk__in=[k for k in by_group if k is not None])}
    for key, bucket in by_group.items():
        group = groups.get(key)
        bucket.label = group.name if group else _("No regional group")

    by_year = _aggregate(observations, answers, 3)
    for key, bucket in by_year.items():
        bucket.label = str(key)

    return Overview(
        reviews=reviews.count(),
        full_reviews=full.count(),
        observations=len(observations),
        answers=len(answers),
        by_provision=_scaled(sorted(by_provision.values(), key=lambda b: order.get(b.key, (0, 0, b.key)))),
        by_group=_scaled(collated(by_group.values(), key=lambda b: b.label)),
        by_year=_scaled(sorted(by_year.values(), key=lambda b: b.key)),
    )
