"""The questionnaire as DOCX: export, filled offline, imported back; bad files save nothing."""

import io

import docx
import pytest
from django.core.exceptions import PermissionDenied
from django.core.files.uploadedfile import SimpleUploadedFile

from accord.core.roles import Role
from accord.registry.tests.factories import StateFactory
from accord.reviews.choices import Implementation, QuestionKind, VersionStatus
from accord.reviews.docx_io import KEY_RE, export_docx, import_docx, parse_implementation
from accord.reviews.models import Response, ResponseVersion
from accord.reviews.questionnaires import SaveOutcome
from accord.reviews.services import save_answer
from accord.reviews.tests.factories import review_setting
from conftest import make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(db):
    state = StateFactory()
    focal = make_user("focal", Role.FOCAL_POINT, state=state)
    reviewer = make_user("reviewer", Role.REVIEWER)
    setting = review_setting(state=state, reviewer_users=[reviewer])
    setting.focal, setting.reviewer = focal, reviewer
    return setting


def question(setting, kind=QuestionKind.EXAMPLES, provision=0):
    return setting.cluster.questions.get(provision=setting.provisions[provision], kind=kind)


def rows_by_question(document) -> dict:
    """Question pk → the row's answer cell, as an official would find it in Word."""
    found = {}
    for table in document.tables:
        for row in table.rows:
            key = KEY_RE.match(row.cells[0].text)
            if key:
                found[int(key.group(1))] = row.cells[2]
    return found


def fill(content: bytes, answers: dict, edit=None) -> SimpleUploadedFile:
    """Open the export in python-docx, type the answers into their cells, save it as an upload."""
    document = docx.Document(io.BytesIO(content))
    cells = rows_by_question(document)
    for q, text in answers.items():
        cells[q.pk].text = text
    if edit is not None:
        edit(document)
    buffer = io.BytesIO()
    document.save(buffer)
    return SimpleUploadedFile("filled.docx", buffer.getvalue())


def test_export_has_a_title_a_heading_per_provision_and_a_keyed_row_per_question(world):
    save_answer(
        world.review, question(world), acting_user=world.focal, text="Закон 2010 г.\nУказ", based_on=0
    )
    content = export_docx(world.review, acting_user=world.reviewer)
    document = docx.Document(io.BytesIO(content))
    assert document.core_properties.identifier == f"accord:questionnaire:1:review:{world.review.pk}"
    text = "\n".join(p.text for p in document.paragraphs)
    assert world.review.state.name in text and str(world.mechanism) in text
    assert all(p.label in text for p in world.provisions)
    assert len(document.tables) == 2
    cells = rows_by_question(document)
    assert len(cells) == 2 * len(QuestionKind.values)
    assert cells[question(world).pk].text == "Закон 2010 г.\nУказ"
    key_cell = document.tables[0].rows[1 + question(world).position - 1].cells[0].text
    assert key_cell == f"Q{question(world).pk}/v1"


def test_export_is_for_those_who_work_on_the_review(world):
    with pytest.raises(PermissionDenied):
        export_docx(world.review, acting_user=make_user("analyst", Role.ANALYST))


def test_round_trip_saves_the_filled_answers_from_docx(world):
    implemented, examples = question(world, QuestionKind.IMPLEMENTATION), question(world)
    save_answer(world.review, examples, acting_user=world.focal, text="Старый текст", based_on=0)
    content = export_docx(world.review, acting_user=world.focal)
    upload = fill(content, {implemented: "Частично", examples: "Новый текст\nвторой абзац"})
    report = import_docx(world.review, upload, acting_user=world.focal)
    assert report.ok, report.problems
    assert [c.question for c in report.created] == [implemented]
    assert [(c.question, c.before, c.after) for c in report.changed] == [
        (examples, "Старый текст", "Новый текст\nвторой абзац")
    ]
    assert len(report.unchanged) == 2 * len(QuestionKind.values) - 2 and not report.conflicts
    current = Response.objects.get(review=world.review, question=implemented).current()
    assert current.implementation == Implementation.PARTLY and current.source == "docx"
    current = Response.objects.get(review=world.review, question=examples).current()
    assert current.text == "Новый текст\nвторой абзац" and current.number == 2 and current.source == "docx"
    # The same file again: each answer is now newer than the file, and nothing in it differs from the file's base.
    again = import_docx(world.review, upload, acting_user=world.focal)
    assert again.ok and not again.conflicts and ResponseVersion.objects.count() == 3


def test_an_answer_changed_online_since_the_export_becomes_a_kept_conflict(world):
    examples, statistics = question(world), question(world, QuestionKind.STATISTICS)
    save_answer(world.review, examples, acting_user=world.focal, text="Экспортировано", based_on=0)
    save_answer(world.review, statistics, acting_user=world.focal, text="Статистика", based_on=0)
    content = export_docx(world.review, acting_user=world.focal)
    online = save_answer(world.review, examples, acting_user=world.focal, text="Изменено онлайн", based_on=1)
    # Untouched in the file, changed online: not a conflict, the online answer stays.
    save_answer(world.review, statistics, acting_user=world.focal, text="Статистика 2", based_on=1)
    report = import_docx(world.review, fill(content, {examples: "Изменено в Word"}), acting_user=world.focal)
    assert report.ok and len(report.conflicts) == 1
    conflict = report.conflicts[0]
    assert conflict.question == examples and conflict.before == "Изменено онлайн"
    assert conflict.after == "Изменено в Word" and "focal" in conflict.message
    response = Response.objects.get(review=world.review, question=examples)
    assert response.current() == online.version
    kept = response.versions.get(status=VersionStatus.CONFLICT)
    assert kept.text == "Изменено в Word" and kept.source == "docx" and kept.based_on == 1
    assert Response.objects.get(review=world.review, question=statistics).current().text == "Статистика 2"


@pytest.mark.parametrize(
    "label",
    ["fully", "FULLY", " Полностью. ", "partly", "частично", "Not implemented", "не осуществляется", "нет"],
)
def test_implementation_labels_in_both_languages_any_case(label):
    assert parse_implementation(label) in Implementation.values


def test_a_text_file_renamed_docx_is_refused(world):
    report = import_docx(
        world.review, SimpleUploadedFile("answers.docx", b"just text"), acting_user=world.focal
    )
    assert not report.ok and "DOCX" in report.problems[0].message
    assert not ResponseVersion.objects.exists()


def test_the_docx_of_another_review_is_refused(world):
    other = review_setting(state=world.review.state)
    content = export_docx(other.review, acting_user=world.focal)
    report = import_docx(
        world.review, fill(content, {question(other): "Чужой ответ"}), acting_user=world.focal
    )
    assert not report.ok and len(report.problems) == 1
    assert not ResponseVersion.objects.exists()


def test_a_plain_word_file_is_not_a_questionnaire(world):
    buffer = io.BytesIO()
    document = docx.Document()
    document.add_paragraph("Ответы")
    document.save(buffer)
    report = import_docx(
        world.review, SimpleUploadedFile("a.docx", buffer.getvalue()), acting_user=world.focal
    )
    assert not report.ok and not ResponseVersion.objects.exists()


def test_one_garbled_label_saves_nothing_and_names_the_row(world):
    implemented, examples = question(world, QuestionKind.IMPLEMENTATION, 1), question(world)
    content = export_docx(world.review, acting_user=world.focal)
    report = import_docx(
        world.review,
        fill(content, {implemented: "скорее да", examples: "Хороший ответ"}),
        acting_user=world.focal,
    )
    assert not report.ok and len(report.problems) == 1
    problem = report.problems[0]
    assert problem.provision == world.provisions[1].label and "скорее да" in problem.message
    assert problem.row == len(QuestionKind.values) + 1
    assert not ResponseVersion.objects.exists() and not report.changes


def test_unknown_questions_and_tampered_keys_are_reported(world):
    content = export_docx(world.review, acting_user=world.focal)

    def tamper(document):
        document.tables[0].rows[1].cells[0].text = "Q999999/v0"
        document.tables[0].rows[2].cells[0].text = "вопрос"
        document.tables[1].rows[1].cells[0].text = f"Q{question(world, QuestionKind.IMPLEMENTATION, 1).pk}/v5"

    report = import_docx(
        world.review, fill(content, {question(world): "Ответ"}, tamper), acting_user=world.focal
    )
    assert not report.ok and [p.row for p in report.problems] == [1, 2, len(QuestionKind.values) + 1]
    assert not ResponseVersion.objects.exists()


def test_only_the_state_under_review_imports(world):
    content = export_docx(world.review, acting_user=world.focal)
    with pytest.raises(PermissionDenied):
        import_docx(world.review, fill(content, {question(world): "x"}), acting_user=world.reviewer)
    assert not ResponseVersion.objects.exists()


def test_outcomes_are_reported_by_name(world):
    content = export_docx(world.review, acting_user=world.focal)
    report = import_docx(world.review, fill(content, {question(world): "Ответ"}), acting_user=world.focal)
    assert {c.outcome for c in report.changes} == {SaveOutcome.CREATED, SaveOutcome.UNCHANGED}
