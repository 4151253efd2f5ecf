"""Reviewers' observations on a review's provisions, and the review's summary.

Every write goes through these functions, so the pages, the API and the tests
apply one rule set: reviewers of the review and the secretariat record
observations from the desk review to the draft report (`can_observe`); they
write the summary until it is published; the secretariat publishes it by
moving the review (`workflow.move(review, Phase.PUBLISHED, ...)`).
"""

from dataclasses import dataclass, field

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import QuerySet
from django.utils.translation import gettext as _

from accord.reviews import questionnaires
from accord.reviews.choices import ObservationKind, Phase, Side
from accord.reviews.models import CountryReview, Observation, Question, ResponseVersion, Summary
from accord.reviews.permissions import OBSERVING_PHASES, can_observe, side_of

# Reviewers may still polish the summary while the report is being agreed.
SUMMARY_PHASES = OBSERVING_PHASES | {Phase.AGREED}


def can_write_summary(user, review: CountryReview) -> bool:
    """Reviewers from the desk review to the agreed report, the secretariat at any time; never once published."""
    summary = Summary.objects.filter(review=review).first()
    if review.phase == Phase.PUBLISHED or (summary is not None and summary.is_published):
        return False
    side = side_of(user, review)
    return side == Side.SECRETARIAT or (side == Side.REVIEWER and review.phase in SUMMARY_PHASES)


def _check_observer(user, review: CountryReview) -> None:
    if not can_observe(user, review):
        raise PermissionDenied(
            _(
                "Only the review's reviewers and the secretariat record observations, "
                "from the desk review to the draft report."
            )
        )


def _check_provision(review: CountryReview, provision) -> None:
    if provision is None or not review.cluster.provisions.filter(pk=provision.pk).exists():
        raise ValidationError(
            {
                "provision": ValidationError(
                    _("This provision is not reviewed in the review's cluster."), code="provision"
                )
            }
        )


def _check_kind(kind: str) -> None:
    if kind not in ObservationKind.values:
        raise ValidationError({"kind": ValidationError(_("Unknown kind of observation."), code="kind")})


@transaction.atomic
def add_observation(
    review: CountryReview,
    *,
    acting_user,
    provision,
    kind: str,
    text_ru: str = "",
    text_en: str = "",
) -> Observation:
    """Record an observation on one of the cluster's provisions; the text in at least one language."""
    _check_observer(acting_user, review)
    _check_kind(kind)
    _check_provision(review, provision)
    observation = Observation(
        review=review,
        provision=provision,
        kind=kind,
        text_ru=(text_ru or "").strip(),
        text_en=(text_en or "").strip(),
        author=acting_user,
    )
    observation.full_clean()
    observation.save()
    return observation


@transaction.atomic
def edit_observation(
    observation: Observation,
    *,
    acting_user,
    provision=None,
    kind: str | None = None,
    text_ru: str | None = None,
    text_en: str | None = None,
) -> Observation:
    """Change an observation; arguments left as None keep their value. Any reviewer of the review may edit."""
    observation = Observation.objects.select_for_update().select_related("review").get(pk=observation.pk)
    review = observation.review
    _check_observer(acting_user, review)
    if kind is not None:
        _check_kind(kind)
        observation.kind = kind
    if provision is not None:
        _check_provision(review, provision)
        observation.provision = provision
    if text_ru is not None:
        observation.text_ru = text_ru.strip()
    if text_en is not None:
        observation.text_en = text_en.strip()
    observation.full_clean()
    observation.save()
    return observation


@transaction.atomic
def delete_observation(observation: Observation, *, acting_user) -> None:
    """Remove an observation while the review is still being observed."""
    _check_observer(acting_user, observation.review)
    observation.delete()


@transaction.atomic
def save_summary(review: CountryReview, *, acting_user, text_ru: str, text_en: str) -> Summary:
    """Create or update the review's summary; refused once it is published (publishing is `workflow.move`)."""
    review = CountryReview.objects.select_for_update().get(pk=review.pk)
    if not can_write_summary(acting_user, review):
        raise PermissionDenied(
            _("Only the review's reviewers and the secretariat write the summary, until it is published.")
        )
    summary = Summary.objects.filter(review=review).first() or Summary(review=review)
    summary.text_ru = (text_ru or "").strip()
    summary.text_en = (text_en or "").strip()
    summary.full_clean()
    summary.save()
    return summary


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
