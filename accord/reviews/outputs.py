"""The review's documents: the list of observations and the summary, as DOCX and PDF, in Russian or English.

One document model: `build_document` turns a review into a list of blocks
(headings, paragraphs, label–value tables, bulleted lists) in the requested
language; `render_docx` writes the blocks with python-docx, `render_pdf`
renders them through a template (`reviews/outputs/<document>.html`) into
simple HTML for fpdf2. The two formats cannot drift: neither adds content.

fpdf2's core fonts are Latin-1 only, so the PDF embeds DejaVu Sans, which
Accord ships (`accord.core.pdf`; no system fonts needed).
"""

import io
import unicodedata
from dataclasses import dataclass, field
from typing import ClassVar

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import override, pgettext

from accord.core.pdf import FONT_FAMILY, add_unicode_font
from accord.reviews import questionnaires
from accord.reviews.choices import ObservationKind
from accord.reviews.models import CountryReview, Summary
from accord.reviews.observations import observations_by_provision
from accord.reviews.permissions import can_work

OBSERVATIONS = "observations"
SUMMARY = "summary"
DOCUMENTS = (OBSERVATIONS, SUMMARY)
FORMATS = ("pdf", "docx")
CONTENT_TYPES = {
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
}


def languages() -> list[str]:
    return [code for code, _name in settings.LANGUAGES]


# ---- the document model -----------------------------------------------------------


def printable(text) -> str:
    """The text without control characters: Word files refuse them, PDF fonts have no glyphs for them."""
    text = str(text).replace("\t", " ")
    return "".join(ch for ch in text if ch == "\n" or unicodedata.category(ch) != "Cc")


@dataclass(frozen=True)
class Heading:
    text: str
    level: int = 1
    kind: ClassVar[str] = "heading"

    def __post_init__(self) -> None:
        object.__setattr__(self, "text", printable(self.text))


@dataclass(frozen=True)
class Paragraph:
    text: str
    muted: bool = False
    kind: ClassVar[str] = "paragraph"

    def __post_init__(self) -> None:
        object.__setattr__(self, "text", printable(self.text))


@dataclass(frozen=True)
class Fields:
    """Label–value pairs: the title block, a provision's answers."""

    rows: tuple[tuple[str, str], ...]
    kind: ClassVar[str] = "fields"

    def __post_init__(self) -> None:
        object.__setattr__(self, "rows", tuple((printable(k), printable(v)) for k, v in self.rows))


@dataclass(frozen=True)
class Items:
    items: tuple[str, ...]
    kind: ClassVar[str] = "items"

    def __post_init__(self) -> None:
        object.__setattr__(self, "items", tuple(printable(item) for item in self.items))


Block = Heading | Paragraph | Fields | Items


@dataclass
class Document:
    """A review document in one language, ready to be rendered as DOCX or PDF."""

    name: str
    language: str
    title: str
    stem: str
    blocks: list[Block] = field(default_factory=list)
    #: Not published yet: every page of the file says so (`draft_stamp`).
    draft: bool = False

    @property
    def draft_stamp(self) -> str:
        """The mark on every page of an unpublished document, in the document's language ("" once published)."""
        if not self.draft:
            return ""
        with override(self.language):
            return _("DRAFT — not published")

    def filename(self, fmt: str) -> str:
        return f"{self.stem}.{fmt}"


def can_download(user, review: CountryReview, document: str) -> bool:
    """The list of observations is confidential; the summary is public once published."""
    if document == SUMMARY and Summary.objects.filter(review=review, published_at__isnull=False).exists():
        return True
    return can_work(user, review)


def _paragraphs(text: str, *, muted: bool = False) -> list[Paragraph]:
    return [Paragraph(line.strip(), muted) for line in (text or "").splitlines() if line.strip()]


def _date(value) -> str:
    if value is None:
        return "—"
    if hasattr(value, "tzinfo"):
        value = timezone.localtime(value).date()
    return date_format(value, "DATE_FORMAT")


def _title_block(review: CountryReview) -> Fields:
    summary = Summary.objects.filter(review=review).first()
    reviewing = ", ".join(state.name for state in review.reviewing_states()) or "—"
    rows = [
        (_("Review mechanism"), review.cycle.mechanism.name),
        (_("Review cycle"), review.cycle.name),
        (_("Cluster of provisions"), str(review.cluster)),
        (_("State under review"), review.state.name),
        (_("Reviewing states"), reviewing),
        (_("Review year"), str(review.year)),
        (_("Questionnaire submitted on"), _date(review.questionnaire_submitted_at)),
    ]
    meeting = review.dialogue_meeting
    if meeting is not None:
        dates = _date(meeting.start_on)
        if meeting.end_on and meeting.end_on != meeting.start_on:
            dates = f"{dates} — {_date(meeting.end_on)}"
        rows.append((review.get_dialogue_format_display(), dates))
    if summary is not None and summary.is_published:
        rows.append((_("Summary published on"), _date(summary.published_at)))
    rows.append((_("Prepared on"), _date(timezone.localdate())))
    return Fields(tuple(rows))


def _observation_blocks(review: CountryReview) -> list[Block]:
    blocks: list[Block] = []
    for group in observations_by_provision(review):
        blocks.append(Heading(str(group.provision), 1))
        blocks.append(Heading(_("Answer of the state under review"), 2))
        rows = tuple(
            (str(question.text), str(questionnaires.display_answer(question, version) or "—"))
            for question, version in group.answers
        )
        blocks.append(Fields(rows) if rows else Paragraph(_("No answer."), muted=True))
        blocks.append(Heading(_("Observations of the reviewers"), 2))
        kinds = group.by_kind()
        if not kinds:
            blocks.append(Paragraph(_("No observations recorded."), muted=True))
        for _kind, label, members in kinds:
            blocks.append(Heading(label, 3))
            blocks.append(Items(tuple(o.text for o in members)))
    return blocks


def _summary_blocks(review: CountryReview) -> list[Block]:
    summary = Summary.objects.filter(review=review).first()
    groups = observations_by_provision(review)
    blocks: list[Block] = [Heading(pgettext("review", "Summary"), 1)]
    blocks += _paragraphs(summary.text if summary else "") or [
        Paragraph(_("The summary has not been written yet."), muted=True)
    ]
    # Only what the reviewers recorded for the report: the state's own
    # questionnaire answers stay confidential even once the summary is public.
    for kind, title in (
        (ObservationKind.RECOMMENDATION, _("Recommendations")),
        (ObservationKind.ASSISTANCE, _("Technical-assistance needs")),
    ):
        blocks.append(Heading(title, 1))
        found = False
        for group in groups:
            members = [o.text for o in group.observations if o.kind == kind]
            if members:
                found = True
                blocks += [Heading(str(group.provision), 2), Items(tuple(members))]
        if not found:
            blocks.append(Paragraph(_("None recorded."), muted=True))
    return blocks


def build_document(review: CountryReview, document: str, language: str) -> Document:
    """The blocks of one of the review's documents, every string in `language`."""
    if document not in DOCUMENTS:
        raise ValueError(f"Unknown document {document!r}")
    if language not in languages():
        raise ValueError(f"Unknown language {language!r}")
    review = CountryReview.objects.select_related(
        "cycle__mechanism", "cluster", "state", "dialogue_meeting"
    ).get(pk=review.pk)
    with override(language):
        if document == OBSERVATIONS:
            title = _("List of observations: {state}").format(state=review.state.name)
            body = _observation_blocks(review)
        else:
            title = _("Executive summary: {state}").format(state=review.state.name)
            body = _summary_blocks(review)
        blocks: list[Block] = [_title_block(review), *body]
    stem = f"review-{review.state.iso3}-{review.year}-{document}-{language}"
    # Both documents are the review's report in the making until its summary is published.
    draft = not Summary.objects.filter(review=review, published_at__isnull=False).exists()
    return Document(name=document, language=language, title=title, stem=stem, blocks=blocks, draft=draft)


# ---- DOCX ----------------------------------------------------------------------------


def render_docx(document: Document) -> bytes:
    """The document as a Word file: headings, paragraphs, two-column tables, bulleted lists."""
    import docx
    from docx.shared import Pt, RGBColor

    out = docx.Document()
    out.core_properties.title = document.title
    out.core_properties.language = document.language
    if document.draft:
        out.core_properties.keywords = document.draft_stamp
        for section in out.sections:
            stamp = section.header.paragraphs[0].add_run(document.draft_stamp)
            stamp.bold = True
            stamp.font.color.rgb = RGBColor(0xB0, 0x2A, 0x37)
        first = out.add_paragraph().add_run(document.draft_stamp)
        first.bold = True
        first.font.color.rgb = RGBColor(0xB0, 0x2A, 0x37)
    out.add_heading(document.title, 0)
    for block in document.blocks:
        if isinstance(block, Heading):
            out.add_heading(block.text, min(block.level, 9))
        elif isinstance(block, Paragraph):
            paragraph = out.add_paragraph()
            run = paragraph.add_run(block.text)
            if block.muted:
                run.italic = True
                run.font.color.rgb = RGBColor(0x6C, 0x75, 0x7D)
        elif isinstance(block, Fields):
            table = out.add_table(rows=0, cols=2)
            table.style = "Table Grid"
            for label, value in block.rows:
                cells = table.add_row().cells
                cells[0].text = label
                cells[1].text = value
                for run in cells[0].paragraphs[0].runs:
                    run.bold = True
                    run.font.size = Pt(10)
            out.add_paragraph()
        elif isinstance(block, Items):
            for item in block.items:
                out.add_paragraph(item, style="List Bullet")
    buffer = io.BytesIO()
    out.save(buffer)
    return buffer.getvalue()


# ---- PDF -----------------------------------------------------------------------------


def render_html(document: Document) -> str:
    """The simple HTML (headings, p, ul, table) that fpdf2's `write_html` understands."""
    with override(document.language):
        return render_to_string(
            f"reviews/outputs/{document.name}.html", {"document": document, "blocks": document.blocks}
        )


def render_pdf(document: Document) -> bytes:
    """The document as a PDF with an embedded Unicode font, page numbers at the foot."""
    from fpdf import FPDF
    from fpdf.fonts import TextStyle

    class _PDF(FPDF):
        def header(self) -> None:
            if document.draft:
                self.set_font(FONT_FAMILY, "B", size=9)
                self.set_text_color(176, 42, 55)
                self.cell(0, 6, document.draft_stamp, align="C", new_x="LMARGIN", new_y="NEXT")
                self.set_text_color(33, 37, 41)

        def footer(self) -> None:
            self.set_y(-12)
            self.set_font(FONT_FAMILY, size=8)
            self.set_text_color(108, 117, 125)
            self.cell(0, 6, f"{document.title} · {self.page_no()}/{{nb}}", align="C")

    pdf = _PDF(format="A4")
    pdf.set_title(f"{document.draft_stamp}: {document.title}" if document.draft else document.title)
    pdf.set_lang(document.language)
    pdf.set_creator("Accord")
    add_unicode_font(pdf)
    pdf.set_auto_page_break(auto=True, margin=15)
    pdf.add_page()
    pdf.set_font(FONT_FAMILY, size=10)
    heading = {"color": (33, 37, 41), "font_style": "B", "b_margin": 1}
    pdf.write_html(
        render_html(document),
        font_family=FONT_FAMILY,
        tag_styles={
            "h1": TextStyle(font_size_pt=16, t_margin=2, **heading),
            "h2": TextStyle(font_size_pt=13, t_margin=5, **heading),
            "h3": TextStyle(font_size_pt=11, t_margin=3, **heading),
            "h4": TextStyle(font_size_pt=10, t_margin=2, **heading),
        },
        table_line_separators=True,
    )
    return bytes(pdf.output())


@dataclass(frozen=True)
class Output:
    filename: str
    content_type: str
    content: bytes


def generate(review: CountryReview, document: str, language: str, fmt: str) -> Output:
    """One of the review's documents as a file; raises ValueError for an unknown document, language or format."""
    if fmt not in FORMATS:
        raise ValueError(f"Unknown format {fmt!r}")
    built = build_document(review, document, language)
    content = render_pdf(built) if fmt == "pdf" else render_docx(built)
    return Output(built.filename(fmt), CONTENT_TYPES[fmt], content)
