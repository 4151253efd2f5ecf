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


def _read_xlsx(content: bytes):
    from openpyxl import load_workbook

    return load_workbook(io.BytesIO(content))


def test_a_workbook_has_a_sheet_per_table_with_frozen_header_filter_widths_and_iso_dates():
    from accord.core.exports import Sheet, workbook_bytes, workbook_response, xlsx_response

    long_text = "Рекомендация о проверке деклараций об имуществе и доходах"
    sheets = [
        Sheet(
            "Рекомендации",
            ["Государство", "Текст", "Срок"],
            [["Казахстан", long_text, datetime.date(2026, 6, 30)], ["Киргизия", "=SUM(A1:A2)", None]],
        ),
        Sheet("Рекомендации", ["Число"], [[1]]),  # a repeated name is made unique
        Sheet("A name far longer than Excel's thirty-one characters: [x]", [], []),
    ]
    book = _read_xlsx(workbook_bytes(sheets))
    assert book.sheetnames[:2] == ["Рекомендации", "Рекомендации (2)"]
    assert len(book.sheetnames[2]) <= 31 and "[" not in book.sheetnames[2]
    sheet = book.worksheets[0]
    assert [c.value for c in sheet[1]] == ["Государство", "Текст", "Срок"]
    assert sheet[2][0].value == "Казахстан" and sheet[2][1].value == long_text
    assert sheet.freeze_panes == "A2"
    assert sheet.auto_filter.ref == "A1:C3"
    assert sheet.column_dimensions["B"].width >= len(long_text)
    assert 8 <= sheet.column_dimensions["A"].width < sheet.column_dimensions["B"].width
    assert (
        sheet["C2"].value.date() == datetime.date(2026, 6, 30) and sheet["C2"].number_format == "yyyy-mm-dd"
    )
    assert sheet["B3"].value == "=SUM(A1:A2)" and sheet["B3"].data_type == "s"  # text, never a formula
    single = _read_xlsx(xlsx_response("one", "Таблица", ["Число"], [[1]]).content).worksheets[0]
    assert single.title == "Таблица" and single.freeze_panes == "A2" and single.auto_filter.ref == "A1:A2"
    response = workbook_response("register", sheets)
    assert response["Content-Disposition"] == 'attachment; filename="register.xlsx"'
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")


def test_csv_dates_and_times_are_iso():
    assert csv_cell(datetime.datetime(2025, 3, 1, 9, 30)) == "2025-03-01T09:30:00"
    from accord.core.exports import csv_bytes

    content = csv_bytes(["Дата"], [[datetime.date(2025, 3, 1)]])
    assert content.startswith(BYTE_ORDER_MARK.encode("utf-8"))
    assert list(csv.reader(io.StringIO(content.decode("utf-8-sig")))) == [["Дата"], ["2025-03-01"]]


def test_every_export_goes_through_this_module():
    """No app writes CSV or XLSX by itself: a new export gets the byte-order mark, widths and filter too."""
    import re
    from pathlib import Path

    import accord

    root = Path(accord.__file__).parent
    own = re.compile(r"csv\.writer\(|csv\.DictWriter\(|Workbook\(|content_type=\"text/csv|spreadsheetml")
    offenders = [
        str(path.relative_to(root))
        for path in root.rglob("*.py")
        if "tests" not in path.parts and path != root / "core" / "exports.py"
        if own.search(path.read_text(encoding="utf-8"))
    ]
    assert offenders == []
