"""The shared CSV export: one cell rule, and downloads Excel opens with Cyrillic intact."""

import csv
import datetime
import io

from django.utils import translation
from django.utils.translation import gettext_lazy

from accord.core.exports import BYTE_ORDER_MARK, CSV_CONTENT_TYPE, CsvWriter, csv_cell, csv_response


def test_a_cell_is_empty_for_none_and_text_otherwise():
    assert csv_cell(None) == ""
    assert csv_cell(0) == "0"
    assert csv_cell(1.5) == "1.5"
    assert csv_cell(datetime.date(2025, 3, 1)) == "2025-03-01"
    with translation.override("en"):
        assert csv_cell(gettext_lazy("Total")) == "Total"


def test_the_writer_quotes_as_csv_does():
    out = io.StringIO()
    writer = CsvWriter(out)
    writer.writerow(["a, b", None, 3])
    writer.writerows([['say "hi"', "line\nbreak"]])
    assert list(csv.reader(io.StringIO(out.getvalue()))) == [["a, b", "", "3"], ['say "hi"', "line\nbreak"]]


def test_a_download_has_a_byte_order_mark_its_name_and_cyrillic_that_survives():
    response = csv_response(
        "report-2025", ["Государство", "Число"], iter([["Казахстан", 2], ["Киргизия", None]])
    )
    assert response["Content-Type"] == CSV_CONTENT_TYPE == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == 'attachment; filename="report-2025.csv"'
    assert response.content.startswith(BYTE_ORDER_MARK.encode("utf-8"))
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows == [["Государство", "Число"], ["Казахстан", "2"], ["Киргизия", ""]]
