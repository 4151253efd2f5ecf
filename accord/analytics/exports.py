"""One CSV response for every figure: the table's header, rows and footer, cell for cell."""

from django.http import HttpResponse

from accord.analytics.figures import Figure
from accord.core.exports import csv_response


def figure_csv(filename: str, figure: Figure) -> HttpResponse:
    """The figure as a CSV download (core's `csv_response`: a byte-order mark, so Excel reads Cyrillic)."""
    return csv_response(filename, figure.header, figure.csv_rows())
