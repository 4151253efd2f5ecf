"""Reviewers' observations on a review's provisions, and the review's summary.

Every write goes through `services` (`add_observation`, `save_summary`...), so the
pages, the API and the tests apply one rule set: reviewers of the review and the secretariat record
observations from the desk review to the draft report (`can_observe`); they
write the summary until it is published; the secretariat publishes it by
moving the review (`services.move_review(review, Phase.PUBLISHED, ...)`).
"""

from dataclasses import dataclass, field

from django.db.models import QuerySet

from accord.reviews import questionnaires
from accord.reviews.choices import ObservationKind, Phase, Side
from accord.reviews.models import CountryReview, Observation, Question, ResponseVersion, Summary
from accord.reviews.permissions import OBSERVING_PHASES, side_of

# Reviewers may still polish the summary while the report is being agreed.
SUMMARY_PHASES = OBSERVING_PHASES | {Phase.AGREED}


def can_write_summary(user, review: CountryReview) -> bool:
    """Reviewers from the desk review to the agreed report, the secretariat at any time; never once published."""
    summary = Summary.objects.filter(review=review).first()
    if review.phase == Phase.PUBLISHED or (summary is not None and summary.is_published):
        return False
    side = side_of(user, review)
    return side == Side.SECRETARIAT or (side == Side.REVIEWER and review.phase in SUMMARY_PHASES)


def recommendations(queryset: QuerySet | None = None) -> QuerySet:
    """The observations that are recommendations: what the follow-up register tracks."""
    queryset = Observation.objects.all() if queryset is None else queryset
    return queryset.filter(kind=ObservationKind.RECOMMENDATION)


@dataclass
class ProvisionObservations:
    """One provision of the review: the state's answers (question, current version) and the observations."""

    provision: object
    answers: list[tuple[Question, ResponseVersion | None]] = field(default_factory=list)
    observations: list[Observation] = field(default_factory=list)

    def by_kind(self) -> list[tuple[str, str, list[Observation]]]:
        """(kind, label in the active language, observations) for each kind that has observations."""
        return [
            (kind.value, str(kind.label), members)
            for kind in ObservationKind
            if (members := [o for o in self.observations if o.kind == kind])
        ]


def observations_by_provision(review: CountryReview) -> list[ProvisionObservations]:
    """The review's provisions in the questionnaire's order, each with its answers and observations."""
    observations = list(
        review.observations.select_related("provision", "author").order_by(
            "provision__position", "kind", "pk"
        )
    )
    groups = [
        ProvisionObservations(group.provision, list(group.items))
        for group in questionnaires.answers_by_provision(review)
    ]
    by_pk = {group.provision.pk: group for group in groups}
    for observation in observations:
        group = by_pk.get(observation.provision_id)
        if group is None:  # a provision without questions (the cluster changed after the fact)
            group = by_pk[observation.provision_id] = ProvisionObservations(observation.provision)
            groups.append(group)
        group.observations.append(observation)
    return groups
