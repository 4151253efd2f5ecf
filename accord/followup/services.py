"""Every write of the follow-up register: one function per change, the same for pages, API and CLI.

History is append-only: progress is a new `StatusUpdate`, a judgement a new
`Assessment`; the recommendation's `status` is recomputed from them here and
nowhere else.
"""

from collections import Counter
from collections.abc import Iterable

from django.core.exceptions import PermissionDenied, ValidationError
from django.utils.translation import gettext as _

from accord.core.choices import Confidentiality
from accord.core.roles import is_secretariat
from accord.core.services import service
from accord.followup.choices import SourceKind, Status
from accord.followup.models import Assessment, Evidence, Recommendation, StatusUpdate

# The fields the secretariat edits; `status` follows the history and is never set by hand.
EDITABLE_FIELDS = (
    "source_kind",
    "observation",
    "document",
    "meeting",
    "source_title_ru",
    "source_title_en",
    "body",
    "state",
    "authority",
    "themes",
    "text_ru",
    "text_en",
    "priority",
    "due_on",
    "confidentiality",
)


def _check_secretariat(user, message: str) -> None:
    if not is_secretariat(user):
        raise PermissionDenied(message)


def _check_status(status: str, field: str = "status") -> None:
    if status not in Status.values:
        raise ValidationError({field: ValidationError(_("Unknown status."), code="status")})


@service
def create_recommendation(*, acting_user, provisions: Iterable = (), **fields) -> Recommendation:
    """Record a new recommendation (the secretariat); it starts as not started, not yet assessed."""
    _check_secretariat(acting_user, _("Only the secretariat records recommendations."))
    unknown = set(fields) - set(EDITABLE_FIELDS)
    if unknown:
        raise ValidationError(_("Unknown fields: %(fields)s") % {"fields": ", ".join(sorted(unknown))})
    recommendation = Recommendation(**fields)
    recommendation.full_clean()
    recommendation.save()
    recommendation.provisions.set(list(provisions))
    return recommendation


@service
def edit_recommendation(
    recommendation: Recommendation, *, acting_user, provisions: Iterable | None = None, **fields
) -> Recommendation:
    """Change what a recommendation says or whom it addresses (the secretariat); its history stays."""
    _check_secretariat(acting_user, _("Only the secretariat edits recommendations."))
    unknown = set(fields) - set(EDITABLE_FIELDS)
    if unknown:
        raise ValidationError(_("Unknown fields: %(fields)s") % {"fields": ", ".join(sorted(unknown))})
    recommendation = Recommendation.objects.select_for_update().get(pk=recommendation.pk)
    for key, value in fields.items():
        setattr(recommendation, key, value)
    recommendation.full_clean()
    recommendation.save()
    if provisions is not None:
        recommendation.provisions.set(list(provisions))
    return recommendation


def refresh_status(recommendation: Recommendation) -> Recommendation:
    """Recompute the denormalized statuses: the latest assessment's, and the newest report awaiting one.

    A report is a claim until the secretariat assesses it: `status` (what
    the public, the dashboard and the open data read) changes only with an
    assessment; meanwhile the claim is `awaiting_status`, which members see
    as "reported, awaiting assessment".
    """
    latest_assessment = (
        Assessment.objects.filter(update__recommendation=recommendation)
        .order_by("-assessed_at", "-pk")
        .first()
    )
    if latest_assessment is not None:
        status, assessed = latest_assessment.status, True
    else:
        status, assessed = Status.NOT_STARTED, False
    newest = recommendation.updates.order_by("-reported_at", "-pk").first()
    awaiting = newest.status if newest is not None and not newest.assessments.exists() else ""
    current = (recommendation.status, recommendation.is_status_assessed, recommendation.awaiting_status)
    if current != (status, assessed, awaiting):
        recommendation.status, recommendation.is_status_assessed = status, assessed
        recommendation.awaiting_status = awaiting
        recommendation.save(update_fields=["status", "is_status_assessed", "awaiting_status", "updated_at"])
    return recommendation


def can_report(user, recommendation: Recommendation) -> bool:
    """The focal points of the addressee state report progress."""
    return Recommendation.objects.reportable_by(user).filter(pk=recommendation.pk).exists()


def can_assess(user, recommendation: Recommendation | None = None) -> bool:
    return is_secretariat(user)


def _check_documents(user, documents: list) -> None:
    """Evidence is linked only among the documents the reporter may see: a confidential document's id sent
    by hand must not be attached (and so shown with the report)."""
    from accord.documents.models import Document

    ids = {document.pk for document in documents}
    if ids and Document.objects.visible_to(user).filter(pk__in=ids).count() != len(ids):
        raise ValidationError({"documents": _("Choose documents from the list.")})


@service
def report_progress(
    recommendation: Recommendation,
    *,
    acting_user,
    status: str,
    text: str,
    documents: Iterable = (),
    files: Iterable = (),
) -> StatusUpdate:
    """Append a focal point's report, with linked documents and attached files, and refresh the status."""
    recommendation = Recommendation.objects.select_for_update().get(pk=recommendation.pk)
    if not can_report(acting_user, recommendation):
        raise PermissionDenied(
            _("Only a focal point of the addressee state reports progress on this recommendation.")
        )
    _check_status(status)
    documents = list(documents)
    _check_documents(acting_user, documents)
    update = StatusUpdate(
        recommendation=recommendation, status=status, text=(text or "").strip(), reported_by=acting_user
    )
    update.full_clean()
    update.save()
    update.documents.set(documents)
    for upload in files:
        evidence = Evidence(update=update, file=upload, name=(getattr(upload, "name", "") or "")[:300])
        evidence.full_clean()
        evidence.save()
    refresh_status(recommendation)
    return update


@service
def assess(update: StatusUpdate, *, acting_user, status: str | None = None, comment: str = "") -> Assessment:
    """Append the secretariat's assessment of a report: agreeing (no status or the same one) or setting another."""
    _check_secretariat(acting_user, _("Only the secretariat assesses reported progress."))
    update = StatusUpdate.objects.select_related("recommendation").get(pk=update.pk)
    status = status or update.status
    _check_status(status)
    assessment = Assessment(
        update=update,
        agrees=status == update.status,
        status=status,
        comment=(comment or "").strip(),
        assessed_by=acting_user,
    )
    assessment.full_clean()
    assessment.save()
    refresh_status(update.recommendation)
    return assessment


# --- Country reviews -------------------------------------------------------------------------

IMPORTABLE_PHASES = frozenset({"agreed", "published"})


def _review_confidentiality(review) -> str:
    return Confidentiality.PUBLIC if review.phase == "published" else Confidentiality.RESTRICTED


def import_review_recommendations(review) -> Counter:
    """Bring one agreed or published review's recommendations into the register; repeated calls change nothing.

    Without a permission check: it is called by `import_from_reviews` and by
    the receiver that runs when a review's report is agreed or published.
    """
    from accord.reviews.observations import recommendations

    counts: Counter = Counter()
    if review.phase not in IMPORTABLE_PHASES:
        return counts
    body = review.cycle.mechanism.governing_body
    confidentiality = _review_confidentiality(review)
    title_ru = f"{review.cycle.mechanism.name_ru}: {review.cycle.name_ru}, {review.year}".strip(": ")
    title_en = f"{review.cycle.mechanism.name_en}: {review.cycle.name_en}, {review.year}".strip(": ")
    observations = recommendations(review.observations.all()).select_related("provision")
    existing = {
        r.observation_id: r
        for r in Recommendation.objects.filter(observation__in=observations).select_related("observation")
    }
    for observation in observations:
        recommendation = existing.get(observation.pk)
        if recommendation is None:
            recommendation = Recommendation(
                source_kind=SourceKind.COUNTRY_REVIEW,
                observation=observation,
                source_title_ru=title_ru[:500],
                source_title_en=title_en[:500],
                body=body,
                state=review.state,
                text_ru=observation.text_ru,
                text_en=observation.text_en,
                confidentiality=confidentiality,
            )
            recommendation.full_clean()
            recommendation.save()
            recommendation.provisions.set([observation.provision])
            counts["created"] += 1
        elif (
            confidentiality == Confidentiality.PUBLIC
            and recommendation.confidentiality == Confidentiality.RESTRICTED
        ):
            # The report, once published, makes its recommendations public.
            recommendation.confidentiality = Confidentiality.PUBLIC
            recommendation.save(update_fields=["confidentiality", "updated_at"])
            counts["updated"] += 1
        else:
            counts["unchanged"] += 1
    return counts


@service
def import_from_reviews(*, acting_user, review=None) -> dict[str, int]:
    """The recommendations of every agreed or published review (or of one) as register entries; idempotent."""
    from accord.reviews.models import CountryReview

    _check_secretariat(acting_user, _("Only the secretariat imports recommendations from reviews."))
    reviews = CountryReview.objects.filter(phase__in=IMPORTABLE_PHASES).select_related(
        "cycle__mechanism", "state"
    )
    if review is not None:
        reviews = reviews.filter(pk=review.pk)
    total: Counter = Counter()
    for item in reviews:
        total.update(import_review_recommendations(item))
    return dict(total)
