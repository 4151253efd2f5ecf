"""Self-assessment questionnaires: the questions a cluster asks, and the answers of the state under review.

An answer (`Response`) keeps every save as a `ResponseVersion`. A save names
the version it was based on; when someone saved meanwhile, the save is
refused but kept as a `conflict` version, so no text typed by anyone is lost
and the author can compare both and save again. The pages, the API and the
DOCX import all save through `save_answer`. The rule is the one of
`accord.core.concurrency` (which other records, such as meetings, use as
`VersionedModel`); answers only add keeping the refused text as a version.
"""

from dataclasses import dataclass, field
from pathlib import PurePath
from typing import NamedTuple

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Max, Prefetch
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from accord.core.concurrency import editor_name, parse_version, saved_at
from accord.reviews import workflow
from accord.reviews.choices import Implementation, Phase, QuestionKind, Side, VersionStatus
from accord.reviews.models import Attachment, Cluster, CountryReview, Question, Response, ResponseVersion
from accord.reviews.permissions import can_answer, side_of

# Every provision gets these questions, in this order; whether it is
# implemented is the one a submission cannot leave unanswered.
REQUIRED_KINDS = frozenset({QuestionKind.IMPLEMENTATION})

SOURCES = ("web", "api", "docx")


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


# Saving answers


class SaveOutcome:
    CREATED = "created"
    CHANGED = "changed"
    UNCHANGED = "unchanged"
    CONFLICT = "conflict"


@dataclass
class SaveResult:
    """What a save did. On a conflict `version` is the refused (kept) version and `current` the winner."""

    outcome: str
    response: Response
    version: ResponseVersion | None
    current: ResponseVersion | None
    message: str = ""

    @property
    def is_conflict(self) -> bool:
        return self.outcome == SaveOutcome.CONFLICT

    @property
    def saved(self) -> bool:
        return self.outcome in (SaveOutcome.CREATED, SaveOutcome.CHANGED)


def answer_refusal(user, review: CountryReview) -> str:
    """Why `user` may not answer the questionnaire now (empty when they may)."""
    if can_answer(user, review):
        return ""
    if side_of(user, review) != Side.UNDER_REVIEW:
        return _("Only the state under review answers its questionnaire.")
    if review.questionnaire_submitted_at is not None:
        return _("The questionnaire was submitted on {date}; its answers can no longer be changed.").format(
            date=date_format(timezone.localtime(review.questionnaire_submitted_at), "DATETIME_FORMAT")
        )
    return _("The questionnaire is answered during the self-assessment; the review is at “{phase}”.").format(
        phase=review.get_phase_display()
    )


def ensure_can_answer(user, review: CountryReview) -> None:
    """Raise PermissionDenied, with the reason, unless `user` may answer now."""
    refusal = answer_refusal(user, review)
    if refusal:
        raise PermissionDenied(refusal)


def _check_question(review: CountryReview, question: Question) -> None:
    if question.cluster_id != review.cluster_id:
        raise ValidationError(_("This question belongs to another questionnaire."), code="foreign_question")


def normalize_text(text: str | None) -> str:
    """Browsers send CRLF and trailing blanks; an answer is compared and stored without them."""
    return (text or "").replace("\r\n", "\n").replace("\r", "\n").strip()


def clean_answer(question: Question, implementation: str | None, text: str | None) -> tuple[str, str]:
    """The `(implementation, text)` a question accepts: a choice for "implemented?", free text otherwise."""
    implementation = (implementation or "").strip()
    text = normalize_text(text)
    if question.kind == QuestionKind.IMPLEMENTATION:
        if implementation and implementation not in Implementation.values:
            raise ValidationError(
                {
                    "implementation": ValidationError(
                        _("Answer “fully”, “partly” or “not implemented”."), code="invalid_choice"
                    )
                }
            )
        if text:
            raise ValidationError(
                {
                    "text": ValidationError(
                        _("This question is answered with a choice; explain it in the other questions."),
                        code="text_not_allowed",
                    )
                }
            )
        return implementation, ""
    if implementation:
        raise ValidationError(
            {
                "implementation": ValidationError(
                    _("Only the question whether the provision is implemented takes a choice."),
                    code="choice_not_allowed",
                )
            }
        )
    return "", text


def conflict_message(current: ResponseVersion) -> str:
    return _(
        "Your answer was not saved: {user} changed it at {time}. Both versions are kept; compare and save again."
    ).format(user=editor_name(current.author), time=saved_at(current.created_at))


@transaction.atomic
def save_answer(
    review: CountryReview,
    question: Question,
    *,
    acting_user,
    implementation: str = "",
    text: str = "",
    based_on: int,
    source: str = "web",
) -> SaveResult:
    """Save a new version of an answer, unless someone saved since `based_on`.

    Guarantees: a save based on the current version becomes the new current
    version (the old one superseded); a save based on an older version is
    refused and kept as a `conflict` version; a save identical to the current
    answer writes nothing. The answer row is locked, so of two concurrent
    saves based on the same version exactly one wins.
    """
    review = CountryReview.objects.select_for_update().get(pk=review.pk)
    ensure_can_answer(acting_user, review)
    _check_question(review, question)
    if source not in SOURCES:
        raise ValidationError(_("Unknown source of an answer."), code="invalid_source")
    implementation, text = clean_answer(question, implementation, text)
    based_on = parse_version(based_on, field="based_on")
    Response.objects.get_or_create(review=review, question=question)
    response = Response.objects.select_for_update().get(review=review, question=question)
    current = response.versions.select_related("author").filter(status=VersionStatus.CURRENT).first()
    if based_on < 0 or based_on > response.version:
        raise ValidationError(
            {
                "based_on": ValidationError(
                    _("This answer has no version {number}.").format(number=based_on), code="unknown_version"
                )
            }
        )
    if (implementation, text) == _content(current):
        return SaveResult(SaveOutcome.UNCHANGED, response, None, current)
    number = (response.versions.aggregate(last=Max("number"))["last"] or 0) + 1
    version = ResponseVersion(
        response=response,
        number=number,
        based_on=based_on,
        implementation=implementation,
        text=text,
        author=acting_user,
        source=source,
    )
    if based_on != response.version:
        version.status = VersionStatus.CONFLICT
        version.full_clean()
        version.save()
        return SaveResult(SaveOutcome.CONFLICT, response, version, current, conflict_message(current))
    version.status = VersionStatus.CURRENT
    version.full_clean()
    if current is not None:
        current.status = VersionStatus.SUPERSEDED
        current.save(update_fields=["status"])
    version.save()
    outcome = SaveOutcome.CREATED if response.version == 0 else SaveOutcome.CHANGED
    response.version = number
    response.save(update_fields=["version", "updated_at"])
    return SaveResult(outcome, response, version, version)


def _content(version: ResponseVersion | None) -> tuple[str, str]:
    return (version.implementation, version.text) if version is not None else ("", "")


def display_answer(question: Question, version: ResponseVersion | None) -> str:
    """An answer as people read it: the choice's label, or the text."""
    if version is None:
        return ""
    if question.kind == QuestionKind.IMPLEMENTATION:
        return Implementation(version.implementation).label if version.implementation else ""
    return version.text


# Attachments


def max_attachment_bytes() -> int:
    return settings.ACCORD_MAX_UPLOAD_BYTES


@transaction.atomic
def attach(review: CountryReview, question: Question | None, uploaded_file, *, acting_user) -> Attachment:
    """Store a file the state under review attaches to an answer (or to the questionnaire as a whole).

    A file above the upload limit, or an empty one, is refused before anything is stored.
    """
    ensure_can_answer(acting_user, review)
    if question is not None:
        _check_question(review, question)
    if uploaded_file is None or not uploaded_file.size:
        raise ValidationError(_("Choose a file that is not empty."), code="empty_file")
    limit = max_attachment_bytes()
    if uploaded_file.size > limit:
        raise ValidationError(
            _("The file is larger than the limit of {limit} MB.").format(
                limit=round(limit / (1024 * 1024), 1)
            ),
            code="too_large",
        )
    name = PurePath(uploaded_file.name or "file").name[:300] or "file"
    attachment = Attachment(review=review, question=question, name=name, uploaded_by=acting_user)
    attachment.file.save(name, uploaded_file, save=False)
    try:
        attachment.save()
    except Exception:
        # The file reached the storage before the row: don't leave it orphaned.
        attachment.file.storage.delete(attachment.file.name)
        raise
    return attachment


@transaction.atomic
def remove_attachment(attachment: Attachment, *, acting_user) -> None:
    """Delete an attachment while the questionnaire is still open; the file goes once the row is gone."""
    ensure_can_answer(acting_user, attachment.review)
    storage, name = attachment.file.storage, attachment.file.name
    attachment.delete()
    transaction.on_commit(lambda: storage.delete(name))


# Reading answers


@dataclass
class AnswerEntry:
    """One question with its answer: the current version, its history, and refused saves still open."""

    question: Question
    response: Response | None = None
    versions: list[ResponseVersion] = field(default_factory=list)
    attachments: list[Attachment] = field(default_factory=list)

    @property
    def current(self) -> ResponseVersion | None:
        return next((v for v in self.versions if v.status == VersionStatus.CURRENT), None)

    @property
    def version_number(self) -> int:
        return self.response.version if self.response is not None else 0

    @property
    def is_answered(self) -> bool:
        current = self.current
        return current is not None and not current.is_empty

    @property
    def open_conflicts(self) -> list[ResponseVersion]:
        """Refused saves newer than the current version: nobody has compared them yet."""
        return [
            v for v in self.versions if v.status == VersionStatus.CONFLICT and v.number > self.version_number
        ]

    @property
    def history(self) -> list[ResponseVersion]:
        return sorted(self.versions, key=lambda v: v.number, reverse=True)

    @property
    def display(self) -> str:
        return display_answer(self.question, self.current)


@dataclass
class ProvisionAnswers:
    """A provision's questions in order; `items` pairs each question with its current version (or None)."""

    provision: object
    items: list[tuple[Question, ResponseVersion | None]] = field(default_factory=list)
    entries: list[AnswerEntry] = field(default_factory=list)

    @property
    def answered(self) -> int:
        return sum(1 for entry in self.entries if entry.is_answered)


def _entries(review: CountryReview, questions) -> list[AnswerEntry]:
    questions = list(questions)
    ids = [q.pk for q in questions]
    versions = ResponseVersion.objects.select_related("author").order_by("number")
    responses = {
        r.question_id: r
        for r in Response.objects.filter(review=review, question_id__in=ids).prefetch_related(
            Prefetch("versions", queryset=versions)
        )
    }
    attachments: dict[int | None, list[Attachment]] = {}
    for attachment in Attachment.objects.filter(review=review, question_id__in=ids).select_related(
        "uploaded_by"
    ):
        attachments.setdefault(attachment.question_id, []).append(attachment)
    entries = []
    for question in questions:
        response = responses.get(question.pk)
        entries.append(
            AnswerEntry(
                question=question,
                response=response,
                versions=list(response.versions.all()) if response is not None else [],
                attachments=attachments.get(question.pk, []),
            )
        )
    return entries


def _questions(review: CountryReview):
    return (
        Question.objects.filter(cluster_id=review.cluster_id)
        .select_related("provision")
        .order_by("position", "pk")
    )


def answers_by_provision(review: CountryReview) -> list[ProvisionAnswers]:
    """The questionnaire with its answers, per provision in the questionnaire's order, in four queries."""
    groups: list[ProvisionAnswers] = []
    for entry in _entries(review, _questions(review)):
        if not groups or groups[-1].provision.pk != entry.question.provision_id:
            groups.append(ProvisionAnswers(provision=entry.question.provision))
        groups[-1].entries.append(entry)
        groups[-1].items.append((entry.question, entry.current))
    return groups


def answer_entry(review: CountryReview, question: Question) -> AnswerEntry:
    """One question's answer block, as `answers_by_provision` would give it."""
    return _entries(review, [question])[0]


def general_attachments(review: CountryReview) -> list[Attachment]:
    """Files attached to the questionnaire as a whole, not to one question."""
    return list(review.attachments.filter(question__isnull=True).select_related("uploaded_by"))


# Submission


class Completeness(NamedTuple):
    answered: int
    required: int
    missing: list[Question]

    @property
    def is_complete(self) -> bool:
        return not self.missing


def completeness(review: CountryReview) -> Completeness:
    """How many required questions have a non-empty current answer, and which are still missing."""
    required = list(_questions(review).filter(required=True))
    answered_ids = set(
        ResponseVersion.objects.filter(
            response__review=review, status=VersionStatus.CURRENT, response__question__required=True
        )
        .exclude(implementation="", text="")
        .values_list("response__question_id", flat=True)
    )
    missing = [q for q in required if q.pk not in answered_ids]
    return Completeness(len(required) - len(missing), len(required), missing)


@transaction.atomic
def submit_questionnaire(review: CountryReview, *, acting_user) -> CountryReview:
    """Submit the answers and start the desk review; refused while a required question is unanswered.

    After this the answers are read-only. A review still at “reviewers
    assigned” passes through the self-assessment on the way.
    """
    review = CountryReview.objects.select_for_update().get(pk=review.pk)
    ensure_can_answer(acting_user, review)
    missing = completeness(review).missing
    if missing:
        raise ValidationError(
            _("Answer the required questions first: {questions}.").format(
                questions="; ".join(f"{q.provision.label} — {q.text}" for q in missing)
            ),
            code="incomplete",
        )
    if review.phase == Phase.ASSIGNED:
        workflow.move(review, Phase.SELF_ASSESSMENT, acting_user=acting_user, check_permission=False)
        review.refresh_from_db()
    review.questionnaire_submitted_at = timezone.now()
    review.questionnaire_submitted_by = acting_user
    review.save(update_fields=["questionnaire_submitted_at", "questionnaire_submitted_by", "updated_at"])
    workflow.move(review, Phase.DESK_REVIEW, acting_user=acting_user, check_permission=False)
    review.refresh_from_db()
    return review
