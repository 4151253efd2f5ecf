"""One CSV response for every figure: the table's header, rows and footer, cell for cell."""

import csv
from collections.abc import Iterable

from django.http import HttpResponse

from accord.analytics.figures import Figure


def csv_response(filename: str, header: list[str], rows: Iterable[list]) -> HttpResponse:
    """A UTF-8 CSV download (with a byte-order mark, so that spreadsheets read Cyrillic right)."""
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}.csv"'
    response.write("\ufeff")
    writer = csv.writer(response)
    writer.writerow([str(cell) for cell in header])
    for row in rows:
        writer.writerow(["" if cell is None else str(cell) for cell in row])
    return response


def figure_csv(filename: str, figure: Figure) -> HttpResponse:
    return csv_response(filename, figure.header, figure.csv_rows())
