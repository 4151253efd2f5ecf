"""The questionnaire as a Word file an official fills offline, and reading it back.

Format (version 1) of an exported file:

- the document's core property `identifier` is ``accord:questionnaire:1:review:<review pk>``,
  and its first paragraph repeats ``ACCORD-REVIEW-<review pk>`` (small, grey) in
  case an editor drops core properties;
- then a title (state, mechanism, cycle, cluster) and instructions;
- per provision, a heading and a three-column table: a header row, then one
  row per question: key | question | answer;
- the key (small, grey) is ``Q<question pk>/v<version>``: the question and the
  version of its answer the export showed (``v0``: no answer yet);
- the answer cell holds the answer: one of the implementation labels
  (fully / partly / not implemented, in Russian or English, any case) for
  “Is the provision implemented?”, free text (paragraphs kept) for the others.

Import reads every row with a valid key. An answer left as it was exported is
“unchanged”; a changed one is saved through `save_answer` with `based_on` =
the version in the key, so an answer edited online since the export becomes a
kept conflict, never an overwrite. A file with any problem (not a DOCX, another
review, an unknown question, a garbled key or label) saves nothing.
"""

import io
import re
from dataclasses import dataclass, field

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.text import slugify
from django.utils.translation import gettext as _

from accord.reviews.choices import Implementation, QuestionKind
from accord.reviews.models import CountryReview, Question, ResponseVersion
from accord.reviews.permissions import can_work
from accord.reviews.questionnaires import (
    SaveOutcome,
    answers_by_provision,
    display_answer,
    ensure_can_answer,
    normalize_text,
)
from accord.reviews.services import save_answer

FORMAT_VERSION = 1
IDENTIFIER = "accord:questionnaire:{version}:review:{pk}"
IDENTIFIER_RE = re.compile(r"^accord:questionnaire:(\d+):review:(\d+)$")
BODY_MARK = "ACCORD-REVIEW-{pk}"
BODY_MARK_RE = re.compile(r"^\s*ACCORD-REVIEW-(\d+)\s*$", re.IGNORECASE)
KEY = "Q{question}/v{version}"
KEY_RE = re.compile(r"^\s*Q\s*(\d+)\s*/\s*v\s*(\d+)\s*$", re.IGNORECASE)
DOCX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"

# Words officials write instead of the exact labels; the labels themselves
# (in both languages) are added from the choices.
IMPLEMENTATION_SYNONYMS = {
    Implementation.FULLY: ("fully", "full", "yes", "implemented", "полностью", "да", "осуществляется"),
    Implementation.PARTLY: ("partly", "partially", "partial", "in part", "частично"),
    Implementation.NOT: (
        "not",
        "no",
        "none",
        "not implemented",
        "нет",
        "не осуществляется",
        "не выполняется",
        "не реализовано",
        "не осуществлено",
    ),
}


def _normalize_label(value: str) -> str:
    value = " ".join(value.replace("ё", "е").replace("Ё", "Е").split()).lower()
    return value.strip(" .;:!«»\"'“”")


def implementation_labels() -> dict[str, str]:
    """Every accepted spelling of an implementation answer → its value."""
    labels: dict[str, str] = {}
    for value, words in IMPLEMENTATION_SYNONYMS.items():
        for word in (value, *words):
            labels[_normalize_label(word)] = value
    for language in ("ru", "en"):
        with translation.override(language):
            for choice in Implementation:
                labels[_normalize_label(str(choice.label))] = choice.value
    return labels


def parse_implementation(value: str) -> str | None:
    """The `Implementation` value an answer cell names; "" for an empty cell, None when unrecognized."""
    normalized = _normalize_label(value)
    if not normalized:
        return ""
    return implementation_labels().get(normalized)


# Export


def export_filename(review: CountryReview) -> str:
    state = slugify(review.state.iso3 or review.state.name) or "state"
    return f"questionnaire-{state}-{review.year}-{review.pk}.docx"


def export_docx(review: CountryReview, *, acting_user) -> bytes:
    """The questionnaire and its current answers as a DOCX, for anyone who works on the review."""
    if not can_work(acting_user, review):
        raise PermissionDenied(_("You may not read the answers of this review."))
    from docx import Document
    from docx.shared import Cm, Pt, RGBColor

    grey = RGBColor(0x80, 0x80, 0x80)
    document = Document()
    properties = document.core_properties
    properties.identifier = IDENTIFIER.format(version=FORMAT_VERSION, pk=review.pk)
    properties.title = _("Self-assessment questionnaire")
    properties.subject = str(review)
    properties.keywords = "accord questionnaire"

    mark = document.add_paragraph().add_run(BODY_MARK.format(pk=review.pk))
    mark.font.size, mark.font.color.rgb = Pt(7), grey
    document.add_heading(_("Self-assessment questionnaire"), level=0)
    mechanism = review.cycle.mechanism
    for label, value in (
        (_("State under review"), review.state.name),
        (_("Mechanism"), str(mechanism)),
        (_("Cycle"), review.cycle.name),
        (_("Cluster"), str(review.cluster)),
        (_("Exported"), date_format(timezone.localtime(), "DATETIME_FORMAT")),
    ):
        paragraph = document.add_paragraph()
        paragraph.add_run(f"{label}: ").bold = True
        paragraph.add_run(value)
    document.add_paragraph(
        _(
            "Write the answers in the right-hand column and import the file on the questionnaire page. "
            "Do not change the first column: it ties each answer to its question. "
            "Answer whether a provision is implemented with one of: {choices}."
        ).format(choices=", ".join(str(label) for label in Implementation.labels))
    )

    widths = (Cm(2), Cm(6.5), Cm(8.5))
    for group in answers_by_provision(review):
        provision = group.provision
        heading = provision.label + (f". {provision.title}" if provision.title else "")
        document.add_heading(heading, level=1)
        table = document.add_table(rows=1, cols=3)
        table.style = "Table Grid"
        table.autofit = False
        for cell, text in zip(table.rows[0].cells, (_("Key"), _("Question"), _("Answer")), strict=True):
            cell.paragraphs[0].add_run(text).bold = True
        for entry in group.entries:
            question = entry.question
            key_cell, question_cell, answer_cell = table.add_row().cells
            run = key_cell.paragraphs[0].add_run(
                KEY.format(question=question.pk, version=entry.version_number)
            )
            run.font.size, run.font.color.rgb = Pt(7), grey
            question_cell.paragraphs[0].add_run(question.text)
            if question.kind == QuestionKind.IMPLEMENTATION:
                hint = question_cell.add_paragraph().add_run(
                    " / ".join(str(label) for label in Implementation.labels)
                )
                hint.italic, hint.font.size = True, Pt(8)
            lines = display_answer(question, entry.current).split("\n")
            answer_cell.paragraphs[0].add_run(lines[0])
            for line in lines[1:]:
                answer_cell.add_paragraph(line)
        for row in table.rows:
            for cell, width in zip(row.cells, widths, strict=True):
                cell.width = width
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


# Import


@dataclass
class ImportProblem:
    """Why the file cannot be imported; `row` counts the question rows of the file from 1."""

    message: str
    row: int | None = None
    provision: str = ""


@dataclass
class ImportChange:
    question: Question
    outcome: str
    before: str = ""
    after: str = ""
    message: str = ""


@dataclass
class ImportReport:
    """What an import found and did; nothing is saved when `problems` is not empty."""

    problems: list[ImportProblem] = field(default_factory=list)
    changes: list[ImportChange] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems

    def _with(self, outcome: str) -> list[ImportChange]:
        return [change for change in self.changes if change.outcome == outcome]

    @property
    def created(self) -> list[ImportChange]:
        return self._with(SaveOutcome.CREATED)

    @property
    def changed(self) -> list[ImportChange]:
        return self._with(SaveOutcome.CHANGED)

    @property
    def unchanged(self) -> list[ImportChange]:
        return self._with(SaveOutcome.UNCHANGED)

    @property
    def conflicts(self) -> list[ImportChange]:
        return self._with(SaveOutcome.CONFLICT)


@dataclass
class _Row:
    number: int
    question: Question
    based_on: int
    implementation: str
    text: str


class _ImportAbortedError(Exception):
    """Raised inside the import's savepoint so that a late refusal undoes every save."""


def _open(file):
    from docx import Document

    try:
        if hasattr(file, "seek"):
            file.seek(0)
        return Document(file)
    except Exception:  # python-docx raises zip, XML and key errors alike for a file that is no DOCX
        return None


def _review_marks(document) -> set[int]:
    marks = set()
    match = IDENTIFIER_RE.match((document.core_properties.identifier or "").strip())
    if match:
        marks.add(int(match.group(2)))
    for paragraph in document.paragraphs[:3]:
        match = BODY_MARK_RE.match(paragraph.text)
        if match:
            marks.add(int(match.group(1)))
    return marks


def _read_rows(review: CountryReview, document, report: ImportReport) -> list[_Row]:
    """The question rows of the file, validated; every problem goes to the report."""
    questions = {
        q.pk: q for q in Question.objects.filter(cluster_id=review.cluster_id).select_related("provision")
    }
    versions = {r.question_id: r.version for r in review.responses.only("question_id", "version")}
    labels = implementation_labels()
    rows: list[_Row] = []
    seen: set[int] = set()
    number = 0
    for table in document.tables:
        keyed = [row for row in table.rows if row.cells and KEY_RE.match(row.cells[0].text)]
        if not keyed:
            continue  # a table the official added: not ours
        for index, row in enumerate(table.rows):
            cells = row.cells
            key = KEY_RE.match(cells[0].text) if cells else None
            if key is None:
                if index > 0 and any(cell.text.strip() for cell in cells):
                    number += 1
                    report.problems.append(
                        ImportProblem(
                            _(
                                "The key in the first column was changed or removed; copy it back from the exported file."
                            ),
                            row=number,
                        )
                    )
                continue
            number += 1
            question = questions.get(int(key.group(1)))
            based_on = int(key.group(2))
            if question is None:
                report.problems.append(
                    ImportProblem(
                        _("Unknown question (key {key}): this row is not part of this questionnaire.").format(
                            key=cells[0].text.strip()
                        ),
                        row=number,
                    )
                )
                continue
            provision = question.provision.label
            if len(cells) < 3:
                report.problems.append(
                    ImportProblem(_("The row has no answer column."), row=number, provision=provision)
                )
                continue
            if question.pk in seen:
                report.problems.append(
                    ImportProblem(
                        _("This question appears twice in the file."), row=number, provision=provision
                    )
                )
                continue
            seen.add(question.pk)
            if based_on > versions.get(question.pk, 0):
                report.problems.append(
                    ImportProblem(
                        _("The key says version {number}, which this answer never had.").format(
                            number=based_on
                        ),
                        row=number,
                        provision=provision,
                    )
                )
                continue
            answer = cells[-1].text
            implementation, text = "", normalize_text(answer)
            if question.kind == QuestionKind.IMPLEMENTATION:
                normalized = _normalize_label(answer)
                implementation = labels.get(normalized, "") if normalized else ""
                text = ""
                if normalized and not implementation:
                    report.problems.append(
                        ImportProblem(
                            _(
                                "“{answer}” is not an answer to whether the provision is implemented; write one of: {choices}."
                            ).format(
                                answer=answer.strip(),
                                choices=", ".join(str(label) for label in Implementation.labels),
                            ),
                            row=number,
                            provision=provision,
                        )
                    )
                    continue
            rows.append(_Row(number, question, based_on, implementation, text))
    if not number:
        report.problems.append(ImportProblem(_("The file has no questions of the questionnaire.")))
    return rows


def import_docx(review: CountryReview, file, *, acting_user) -> ImportReport:
    """Apply a filled questionnaire: all of it, or, when the file has any problem, nothing.

    Raises PermissionDenied when the user may not answer; every problem of the
    file itself is in the report, never an exception.
    """
    ensure_can_answer(acting_user, review)
    report = ImportReport()
    size = getattr(file, "size", None)
    if size is not None and size > settings.ACCORD_MAX_UPLOAD_BYTES:
        report.problems.append(
            ImportProblem(
                _("The file is larger than the limit of {limit} MB.").format(
                    limit=round(settings.ACCORD_MAX_UPLOAD_BYTES / (1024 * 1024), 1)
                )
            )
        )
        return report
    document = _open(file)
    if document is None:
        report.problems.append(ImportProblem(_("This file is not a Word document (DOCX).")))
        return report
    marks = _review_marks(document)
    if not marks:
        report.problems.append(ImportProblem(_("This file is not a questionnaire exported from Accord.")))
        return report
    if marks != {review.pk}:
        report.problems.append(
            ImportProblem(
                _("This file is the questionnaire of another review; export the questionnaire of this one.")
            )
        )
        return report
    rows = _read_rows(review, document, report)
    if report.problems:
        return report
    try:
        _apply(review, rows, report, acting_user)
    except _ImportAbortedError:
        report.changes = []
    return report


@transaction.atomic
def _apply(review: CountryReview, rows: list[_Row], report: ImportReport, acting_user) -> None:
    exported = {
        (v.response.question_id, v.number): v
        for v in ResponseVersion.objects.filter(response__review=review).select_related("response")
    }
    for row in rows:
        base = exported.get((row.question.pk, row.based_on))
        before = display_answer(row.question, base)
        if base is not None:
            untouched = (row.implementation, row.text) == (base.implementation, base.text)
        else:
            untouched = not (row.implementation or row.text)
        if untouched:
            # Left as exported: not a claim against whatever was saved online since.
            report.changes.append(ImportChange(row.question, SaveOutcome.UNCHANGED, before, before))
            continue
        try:
            result = save_answer(
                review,
                row.question,
                acting_user=acting_user,
                implementation=row.implementation,
                text=row.text,
                based_on=row.based_on,
                source="docx",
            )
        except ValidationError as error:
            report.problems.append(
                ImportProblem(
                    " ".join(error.messages), row=row.number, provision=row.question.provision.label
                )
            )
            raise _ImportAbortedError from error
        report.changes.append(
            ImportChange(
                row.question,
                result.outcome,
                before=display_answer(row.question, result.current) if result.is_conflict else before,
                after=display_answer(row.question, result.version or result.current),
                message=result.message,
            )
        )
