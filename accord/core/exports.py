"""Exports: one cell rule and one download response for every table the site lets people save.

Every CSV the site writes, a download (analytics figures, the follow-up
dashboard, cooperation requests, import templates) or a file of the
open-data package, goes through `CsvWriter`, so that an empty value, a
number and a date (ISO 8601) read the same everywhere. A download is a
`csv_response`: UTF-8 with a byte-order mark, without which Excel takes the
file for the local code page and garbles Cyrillic. The open-data files carry
no mark: they are declared plain `utf-8` in their Frictionless descriptor,
for programs rather than Excel.

Every XLSX is `workbook_bytes`/`workbook_response` (`xlsx_bytes`/`xlsx_response`
for a single table): one sheet per table with the
rows themselves, each sheet with a frozen header, an auto-filter and column
widths fitted to the text, dates as real dates shown as ISO, and text that
starts with "=" kept as text (never run as a formula).
"""

import csv
import datetime
import io
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any, Protocol

from django.http import HttpResponse

CSV_CONTENT_TYPE = "text/csv; charset=utf-8"
XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
#: What Excel needs at the start of a file to read it as UTF-8.
BYTE_ORDER_MARK = "\ufeff"
#: Column widths (in characters) an XLSX sheet's columns are fitted between.
MIN_WIDTH, MAX_WIDTH = 8, 60
#: Excel's limit on a sheet's name.
SHEET_TITLE_LENGTH = 31


class _Writable(Protocol):
    def write(self, text: str, /) -> Any: ...


def csv_cell(value: Any) -> str:
    """A value as CSV text: None as an empty cell, a date as ISO 8601, anything else (lazy translations too) as its text."""
    if value is None:
        return ""
    if isinstance(value, datetime.date | datetime.time):
        return value.isoformat()
    return str(value)


class CsvWriter:
    """`csv.writer` with the house cell rule (`csv_cell`), over a file or an HTTP response."""

    def __init__(self, out: _Writable) -> None:
        self._writer = csv.writer(out)

    def writerow(self, row: Iterable[Any]) -> None:
        self._writer.writerow([csv_cell(cell) for cell in row])

    def writerows(self, rows: Iterable[Iterable[Any]]) -> None:
        for row in rows:
            self.writerow(row)


def csv_response(filename: str, header: Iterable[Any], rows: Iterable[Iterable[Any]]) -> HttpResponse:
    """A CSV download named `<filename>.csv`: a byte-order mark, the header, then the rows as they come."""
    response = HttpResponse(content_type=CSV_CONTENT_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{filename}.csv"'
    response.write(BYTE_ORDER_MARK)
    writer = CsvWriter(response)
    writer.writerow(header)
    writer.writerows(rows)
    return response


def csv_bytes(header: Iterable[Any], rows: Iterable[Iterable[Any]]) -> bytes:
    """The same file as `csv_response`, as bytes (a byte-order mark, the header, the rows)."""
    out = io.StringIO()
    out.write(BYTE_ORDER_MARK)
    writer = CsvWriter(out)
    writer.writerow(header)
    writer.writerows(rows)
    return out.getvalue().encode("utf-8")


@dataclass
class Sheet:
    """One table of a workbook: its name (cut to Excel's 31 characters), header and rows."""

    title: str
    header: Sequence[Any]
    rows: Iterable[Sequence[Any]]


def _xlsx_cell(value: Any) -> Any:
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

    if value is None or isinstance(value, bool | int | float | datetime.date | datetime.time):
        if isinstance(value, datetime.datetime) and value.tzinfo is not None:
            return value.replace(tzinfo=None)  # Excel has no time zones: the stored UTC time
        return value
    if hasattr(value, "is_finite"):  # Decimal
        return value
    return ILLEGAL_CHARACTERS_RE.sub("", str(value))


def _sheet_title(title: Any, taken: set[str]) -> str:
    base = (
        "".join(" " if ch in "[]:*?/\\" else ch for ch in str(title)).strip()[:SHEET_TITLE_LENGTH] or "Sheet"
    )
    name, n = base, 2
    while name.lower() in taken:
        suffix = f" ({n})"
        name, n = base[: SHEET_TITLE_LENGTH - len(suffix)] + suffix, n + 1
    taken.add(name.lower())
    return name


def workbook_bytes(sheets: Iterable[Sheet]) -> bytes:
    """A workbook with one sheet per table: frozen header, auto-filter, fitted widths, ISO dates."""
    from openpyxl import Workbook
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    book = Workbook()
    book.remove(book.active)
    taken: set[str] = set()
    bold = Font(bold=True)
    for table in sheets:
        sheet = book.create_sheet(title=_sheet_title(table.title, taken))
        header = [_xlsx_cell(cell) for cell in table.header]
        widths = [len(str(cell or "")) for cell in header]
        sheet.append(header)
        for cell in sheet[1]:
            cell.font = bold
        for row in table.rows:
            values = [_xlsx_cell(cell) for cell in row]
            sheet.append(values)
            for cell in sheet[sheet.max_row]:
                if cell.data_type == "f":  # "=…" is someone's text, not a formula to run
                    cell.data_type = "s"
                elif isinstance(cell.value, datetime.datetime):
                    cell.number_format = "yyyy-mm-dd hh:mm"
                elif isinstance(cell.value, datetime.date):
                    cell.number_format = "yyyy-mm-dd"
            for index, value in enumerate(values):
                text = value.isoformat() if isinstance(value, datetime.date) else str(value or "")
                longest = max((len(line) for line in text.splitlines()), default=0)
                if index >= len(widths):
                    widths.append(longest)
                else:
                    widths[index] = max(widths[index], longest)
        for index, width in enumerate(widths, start=1):
            sheet.column_dimensions[get_column_letter(index)].width = min(
                max(width + 2, MIN_WIDTH), MAX_WIDTH
            )
        sheet.freeze_panes = "A2"
        if widths:
            sheet.auto_filter.ref = f"A1:{get_column_letter(len(widths))}{max(sheet.max_row, 1)}"
    if not book.sheetnames:
        book.create_sheet(title="-")
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def workbook_response(filename: str, sheets: Iterable[Sheet]) -> HttpResponse:
    """An XLSX download named `<filename>.xlsx` with one sheet per table (`workbook_bytes`)."""
    response = HttpResponse(workbook_bytes(sheets), content_type=XLSX_CONTENT_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{filename}.xlsx"'
    return response


def xlsx_bytes(title: str, header: Iterable[Any], rows: Iterable[Iterable[Any]]) -> bytes:
    """A workbook of one table (`workbook_bytes` with one sheet)."""
    return workbook_bytes([Sheet(title, list(header), rows)])


def xlsx_response(
    filename: str, title: str, header: Iterable[Any], rows: Iterable[Iterable[Any]]
) -> HttpResponse:
    """An XLSX download of one table (`workbook_response` with one sheet)."""
    return workbook_response(filename, [Sheet(title, list(header), rows)])
