"""The review's documents: one block model, rendered to DOCX and PDF in Russian and English."""

import io

import docx
import pytest
from django.contrib.auth.models import AnonymousUser
from pypdf import PdfReader

from accord.reviews import outputs
from accord.reviews.choices import Implementation, ObservationKind, QuestionKind
from accord.reviews.models import Summary
from accord.reviews.services import add_observation, save_summary
from accord.reviews.tests.test_observations import answer, make_world, publish

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    world = make_world()
    review, provision = world.review, world.provision
    answer(
        review,
        provision,
        QuestionKind.IMPLEMENTATION,
        implementation=Implementation.PARTLY,
        author=world.focal,
    )
    answer(
        review,
        provision,
        QuestionKind.LEGAL_TEXT,
        text="Закон о противодействии коррупции",
        author=world.focal,
    )
    answer(review, provision, QuestionKind.ASSISTANCE, text="Обучение следователей", author=world.focal)
    for kind, ru, en in (
        (ObservationKind.GOOD_PRACTICE, "Агентство & <бюро>", "Agency & <bureau>"),
        (
            ObservationKind.RECOMMENDATION,
            "Принять закон о конфликте интересов",
            "Adopt a conflict-of-interest law",
        ),
        (ObservationKind.ASSISTANCE, "Нужна помощь в обучении", "Training is needed"),
    ):
        add_observation(
            review, acting_user=world.reviewer, provision=provision, kind=kind, text_ru=ru, text_en=en
        )
    save_summary(review, acting_user=world.reviewer, text_ru="Узбекистан создал агентство.", text_en="")
    return world


def pdf_text(content: bytes) -> str:
    assert content.startswith(b"%PDF-")
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages)


def docx_text(content: bytes) -> str:
    document = docx.Document(io.BytesIO(content))
    cells = [cell.text for table in document.tables for row in table.rows for cell in row.cells]
    return "\n".join([p.text for p in document.paragraphs] + cells)


def strings(document: outputs.Document) -> list[str]:
    """Every string a rendering must show: title, labels, values, headings, paragraphs, items."""
    found = [document.title]
    for block in document.blocks:
        if isinstance(block, outputs.Fields):
            found += [part for row in block.rows for part in row]
        elif isinstance(block, outputs.Items):
            found += block.items
        else:
            found.append(block.text)
    return found


def texts(document: outputs.Document) -> str:
    return "\n".join(strings(document))


def flat(text: str) -> str:
    return " ".join(text.split())


def test_list_of_observations_has_title_block_answers_and_observations_by_kind(world):
    document = outputs.build_document(world.review, "observations", "ru")
    assert document.filename("pdf") == "review-UZB-2016-observations-ru.pdf"
    title = document.blocks[0]
    assert isinstance(title, outputs.Fields)
    values = dict(title.rows)
    assert "Узбекистан" in values.values()
    assert world.setting.reviewers[0].name_ru in " ".join(values.values())
    body = texts(document)
    for expected in ("Закон о противодействии коррупции", "Агентство & <бюро>", "Принять закон"):
        assert expected in body
    assert "Agency" not in body
    provisions = [b.text for b in document.blocks if isinstance(b, outputs.Heading) and b.level == 1]
    assert provisions == [str(p) for p in world.setting.provisions]
    english = texts(outputs.build_document(world.review, "observations", "en"))
    assert "Uzbekistan" in english and "Agency & <bureau>" in english and "Partly" in english
    # Russian text stands in when an observation has no English.
    assert "Узбекистан создал агентство." in texts(outputs.build_document(world.review, "summary", "en"))


def test_summary_has_text_recommendations_and_assistance_but_not_the_answers(world):
    body = texts(outputs.build_document(world.review, "summary", "ru"))
    assert "Узбекистан создал агентство." in body
    assert "Принять закон о конфликте интересов" in body and "Нужна помощь в обучении" in body
    assert "Агентство & <бюро>" not in body  # good practices belong to the list, not the summary
    assert "Обучение следователей" not in body and "Закон о противодействии" not in body


@pytest.mark.parametrize("language", ["ru", "en"])
@pytest.mark.parametrize("name", ["observations", "summary"])
def test_pdf_and_docx_in_both_languages(world, name, language):
    document = outputs.build_document(world.review, name, language)
    pdf = outputs.generate(world.review, name, language, "pdf")
    assert pdf.filename == f"review-UZB-2016-{name}-{language}.pdf"
    assert pdf.content_type == "application/pdf"
    word = outputs.generate(world.review, name, language, "docx")
    assert word.filename == f"review-UZB-2016-{name}-{language}.docx" and word.content.startswith(b"PK")
    in_pdf, in_docx = flat(pdf_text(pdf.content)), flat(docx_text(word.content))
    assert ("Узбекистан" if language == "ru" else "Uzbekistan") in in_pdf
    for expected in strings(document):
        assert flat(expected) in in_pdf, expected
        assert flat(expected) in in_docx, expected
    recommendation = (
        "Принять закон о конфликте интересов" if language == "ru" else "Adopt a conflict-of-interest law"
    )
    assert recommendation in in_pdf


def test_pdf_template_escapes_text(world):
    html = outputs.render_html(outputs.build_document(world.review, "observations", "ru"))
    assert "Агентство &amp; &lt;бюро&gt;" in html and "<бюро>" not in html


def test_unknown_document_language_or_format_is_refused(world):
    for args in (("report", "ru", "pdf"), ("summary", "fr", "pdf"), ("summary", "ru", "odt")):
        with pytest.raises(ValueError):
            outputs.generate(world.review, *args)


def test_an_empty_review_still_makes_documents(world):
    document = outputs.build_document(world.other.review, "summary", "ru")
    assert outputs.render_pdf(document).startswith(b"%PDF-")
    assert outputs.render_docx(outputs.build_document(world.other.review, "observations", "en"))


def test_who_may_download(world):
    review = world.review
    for user in (world.reviewer, world.focal, world.secretariat):
        assert outputs.can_download(user, review, "observations")
        assert outputs.can_download(user, review, "summary")
    for user in (world.other_reviewer, world.other_focal, world.analyst, AnonymousUser()):
        assert not outputs.can_download(user, review, "observations")
        assert not outputs.can_download(user, review, "summary")
    publish(review, world.secretariat)
    assert Summary.objects.get(review=review).is_published
    for user in (world.other_reviewer, world.analyst, AnonymousUser()):
        assert outputs.can_download(user, review, "summary")
        assert not outputs.can_download(user, review, "observations")
    summary = outputs.build_document(review, "summary", "ru").blocks[0]
    assert len(dict(summary.rows)) == len(summary.rows) and any("2" in value for _, value in summary.rows)


def test_control_characters_and_line_breaks_do_not_break_the_files(world):
    add_observation(
        world.review,
        acting_user=world.reviewer,
        provision=world.provision,
        kind=ObservationKind.CHALLENGE,
        text_ru="Первая строка\x07\tи\x0b\nвторая строка 😀",
    )
    document = outputs.build_document(world.review, "observations", "ru")
    assert "Первая строка и\nвторая строка 😀" in texts(document)
    in_docx = docx_text(outputs.render_docx(document))
    assert "Первая строка и" in in_docx and "вторая строка" in in_docx
    in_pdf = pdf_text(outputs.render_pdf(document))
    assert "Первая строка и" in in_pdf and "вторая строка" in in_pdf


@pytest.mark.parametrize("name", ["observations", "summary"])
def test_a_document_is_stamped_draft_until_the_summary_is_published(world, name):
    stamps = {"ru": "ПРОЕКТ — не опубликован", "en": "DRAFT — not published"}
    for language, stamp in stamps.items():
        pdf = outputs.generate(world.review, name, language, "pdf").content
        word = outputs.generate(world.review, name, language, "docx").content
        assert all(stamp in (page.extract_text() or "") for page in PdfReader(io.BytesIO(pdf)).pages)
        assert stamp in docx_text(word)
        assert stamp in docx.Document(io.BytesIO(word)).sections[0].header.paragraphs[0].text
    publish(world.review, world.secretariat)
    for language, stamp in stamps.items():
        assert not outputs.build_document(world.review, name, language).draft
        assert stamp not in pdf_text(outputs.generate(world.review, name, language, "pdf").content)
        word = outputs.generate(world.review, name, language, "docx").content
        assert stamp not in docx_text(word)
        assert stamp not in docx.Document(io.BytesIO(word)).sections[0].header.paragraphs[0].text
