"""The year's results report as a Word file, written like the reviews' documents.

The blocks and the DOCX writer are those of `accord.reviews.outputs`, so the
house has one way to write Word files.
"""

from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import override

from accord.chairmanship.reports import Count, YearReport, year_report
from accord.registry.models import Organization
from accord.reviews.outputs import Document, Fields, Heading, Items, Paragraph, render_docx

CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def _count_rows(rows: list[Count]) -> tuple[tuple[str, str], ...]:
    return tuple((row.label, str(row.count)) for row in rows)


def report_document(report: YearReport, language: str) -> Document:
    """The report as blocks, in `language`; the labels and names follow it."""
    with override(language):
        body = str(report.body)
        title = _("Results of the chairmanship of %(body)s in %(year)s") % {"body": body, "year": report.year}
        blocks = [
            Fields(
                (
                    (_("Body"), body),
                    (_("Year"), str(report.year)),
                    (_("Chair"), ", ".join(str(m.member) for m in report.chairs) or "—"),
                    (_("Co-chairs"), ", ".join(str(m.member) for m in report.co_chairs) or "—"),
                )
            ),
            Heading(_("Meetings held"), 1),
            Paragraph(
                _("%(count)s meetings of the body and its sub-bodies were held.")
                % {"count": report.meeting_count}
            ),
        ]
        if report.meetings_by_kind:
            blocks += [Heading(_("By kind"), 2), Fields(_count_rows(report.meetings_by_kind))]
        if report.meetings_by_format:
            blocks += [Heading(_("By format"), 2), Fields(_count_rows(report.meetings_by_format))]
        if report.meetings:
            blocks.append(
                Items(tuple(f"{date_format(m.start_on, 'DATE_FORMAT')} — {m.title}" for m in report.meetings))
            )
        blocks += [
            Heading(_("Decisions adopted"), 1),
            Paragraph(_("Decisions adopted: %(count)s.") % {"count": report.decisions}),
        ]
        decisions = [f"{m.number} — {m.title}" if m.title else m.number for m in report.decision_mandates]
        decisions += [o.description for o in report.decisions_described]
        if decisions:
            blocks.append(Items(tuple(decisions)))
        blocks += [
            Heading(_("Instruments adopted or signed"), 1),
            Paragraph(_("Instruments: %(count)s.") % {"count": len(report.instruments)}),
        ]
        if report.instruments:
            blocks.append(Items(tuple(str(i) for i in report.instruments)))
        blocks.append(Heading(_("Programme of the chairmanship"), 1))
        if report.programme is None:
            blocks.append(Paragraph(_("No programme is recorded for this year."), muted=True))
        else:
            blocks.append(
                Paragraph(
                    _("%(held)s of %(planned)s planned items were held.")
                    % {"held": report.items_held, "planned": report.items_planned}
                )
            )
            if report.items_by_status:
                blocks.append(Fields(_count_rows(report.items_by_status)))
            blocks.append(
                Items(tuple(f"{item.title} — {item.get_status_display()}" for item in report.items))
            )
        return Document(
            name="chairmanship_report",
            language=language,
            title=title,
            stem=f"chairmanship-{report.body.slug or report.body.pk}-{report.year}-{language}",
            blocks=blocks,
        )


def report_docx(body: Organization, year: int, *, user, language: str) -> tuple[bytes, str]:
    """The DOCX bytes and a file name for the body's year; names are counted in `language` too."""
    with override(language):
        report = year_report(body, year, user=user)
        document = report_document(report, language)
    return render_docx(document), document.filename("docx")
