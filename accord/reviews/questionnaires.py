"""Self-assessment questionnaires: the questions a cluster asks, built from its provisions."""

from django.db import transaction

from accord.reviews.choices import QuestionKind
from accord.reviews.models import Cluster, Question

# Every provision gets these questions, in this order; whether it is
# implemented is the one a submission cannot leave unanswered.
REQUIRED_KINDS = frozenset({QuestionKind.IMPLEMENTATION})


@transaction.atomic
def build_questions(cluster: Cluster) -> int:
    """Create the missing questions of a cluster's questionnaire; returns how many were created."""
    existing = set(cluster.questions.values_list("provision_id", "kind"))
    provisions = sorted(
        cluster.provisions.all(),
        key=lambda p: (p.instrument_id != _main(cluster), p.instrument_id, p.position),
    )
    new = []
    position = 0
    for provision in provisions:
        for kind in QuestionKind.values:
            position += 1
            if (provision.pk, kind) in existing:
                continue
            new.append(
                Question(
                    cluster=cluster,
                    provision=provision,
                    kind=kind,
                    position=position,
                    required=kind in REQUIRED_KINDS,
                )
            )
    Question.objects.bulk_create(new)
    return len(new)


def _main(cluster: Cluster) -> int | None:
    """The mechanism's main instrument, whose provisions come first."""
    link = cluster.cycle.mechanism.instrument_links.first()
    return link.instrument_id if link else None
