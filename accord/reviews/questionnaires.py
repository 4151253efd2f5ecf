"""Self-assessment questionnaires: the questions a cluster asks, and the answers of the state under review.

An answer (`Response`) keeps every save as a `ResponseVersion`. A save names
the version it was based on; when someone saved meanwhile, the save is
refused but kept as a `conflict` version, so no text typed by anyone is lost
and the author can compare both and save again. The pages, the API and the
DOCX import all save through `services.save_answer`; this module holds
the rules and the reads it and the pages share. The rule is the one of
`accord.core.concurrency` (which other records, such as meetings, use as
`VersionedModel`); answers only add keeping the refused text as a version.
"""

from dataclasses import dataclass, field
from datetime import timedelta
from typing import NamedTuple

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Prefetch
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from accord.core.concurrency import editor_name, saved_at
from accord.reviews.choices import Implementation, QuestionKind, Side, VersionStatus
from accord.reviews.models import Attachment, CountryReview, Question, Response, ResponseVersion
from accord.reviews.permissions import can_answer, side_of

# Every provision gets these questions, in this order; whether it is
# implemented is the one a submission cannot leave unanswered.
REQUIRED_KINDS = frozenset({QuestionKind.IMPLEMENTATION})

SOURCES = ("web", "api", "docx")
#: How long an autosaved draft version gathers its author's next automatic saves, from its first one.
#: Past it the next automatic save starts a new version, so hours of typing leave a version every few minutes.
DRAFT_WINDOW = timedelta(minutes=10)


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


def check_question(review: CountryReview, question: Question) -> None:
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


def answer_content(version: ResponseVersion | None) -> tuple[str, str]:
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

    @property
    def total(self) -> int:
        return len(self.entries)

    @property
    def missing_required(self) -> bool:
        return any(entry.question.required and not entry.is_answered for entry in self.entries)

    @property
    def official_url(self) -> str:
        """Where the article's official text is: provisions carry no address of their own, their instrument does."""
        return self.provision.instrument.official_url


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
        .select_related("provision__instrument")
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


def provision_answers(review: CountryReview, provision_id: int) -> ProvisionAnswers:
    """One article's questions with their answers (what its progress counts after a save)."""
    entries = _entries(review, _questions(review).filter(provision_id=provision_id))
    group = ProvisionAnswers(provision=entries[0].question.provision if entries else None)
    for entry in entries:
        group.entries.append(entry)
        group.items.append((entry.question, entry.current))
    return group


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
