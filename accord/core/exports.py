"""CSV (and XLSX) exports: one cell rule and one download response for every table the site lets people save.

Every CSV the site writes, a download (analytics figures, the follow-up
dashboard, cooperation requests) or a file of the open-data package, goes
through `CsvWriter`, so that an empty value and a number read the same
everywhere. A download is a `csv_response`: UTF-8 with a byte-order mark,
without which Excel takes the file for the local code page and garbles
Cyrillic. The open-data files carry no mark: they are declared plain
`utf-8` in their Frictionless descriptor, for programs rather than Excel.
"""

import csv
from collections.abc import Iterable
from typing import Any, Protocol

from django.http import HttpResponse

CSV_CONTENT_TYPE = "text/csv; charset=utf-8"
#: What Excel needs at the start of a file to read it as UTF-8.
BYTE_ORDER_MARK = "\ufeff"


class _Writable(Protocol):
    def write(self, text: str, /) -> Any: ...


def csv_cell(value: Any) -> str:
    """A value as CSV text: None as an empty cell, anything else (lazy translations too) as its text."""
    return "" if value is None else str(value)


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


XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def xlsx_bytes(title: str, header: Iterable[Any], rows: Iterable[Iterable[Any]]) -> bytes:
    """One sheet (`title`, cut to Excel's 31 characters) with the header in bold; numbers stay numbers."""
    import io

    from openpyxl import Workbook
    from openpyxl.styles import Font

    book = Workbook()
    sheet = book.active
    sheet.title = str(title)[:31] or "Sheet"
    sheet.append([csv_cell(cell) for cell in header])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row in rows:
        sheet.append([cell if isinstance(cell, int | float) else csv_cell(cell) for cell in row])
    sheet.freeze_panes = "A2"
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def xlsx_response(
    filename: str, title: str, header: Iterable[Any], rows: Iterable[Iterable[Any]]
) -> HttpResponse:
    """An Excel download named `<filename>.xlsx` with one sheet."""
    response = HttpResponse(xlsx_bytes(title, header, rows), content_type=XLSX_CONTENT_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{filename}.xlsx"'
    return response
