"""Every table the site lets people download, read back as a spreadsheet program reads it (issue 20).

CSV through the `csv` module after the byte-order mark Excel needs; XLSX
through openpyxl, each sheet with its rows, a frozen header, a filter and
column widths. The downloads are fetched from `make demo`'s data as the
secretariat, in Russian (Cyrillic is what Excel garbles without the mark).
A first test makes sure no download address escapes the list.
"""

import csv
import io

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from accord.core.exports import BYTE_ORDER_MARK, CSV_CONTENT_TYPE, XLSX_CONTENT_TYPE

#: The named addresses that answer a file (their route ends in .csv or .xlsx, or takes the format).
DOWNLOADS = {
    "followup:dashboard_csv",
    "followup:dashboard_xlsx",
    "legal_cooperation:request_export",
    "delegations:badges",
    "delegations:delegation_table",
    "import_template",
}
#: Downloads that are documents, not tables (PDF, DOCX).
DOCUMENTS = {"delegations:participants", "reviews:questionnaire_export"}
#: The analytics pages answer `?format=csv` with their table.
ANALYTICS_CSV = ["analytics:meetings", "analytics:participation", "analytics:network"]


def _named_routes(resolver: URLResolver, prefix: str = "") -> list[tuple[str, str]]:
    found = []
    for entry in resolver.url_patterns:
        if isinstance(entry, URLResolver):
            namespace = f"{prefix}{entry.namespace}:" if entry.namespace else prefix
            found += _named_routes(entry, namespace)
        elif isinstance(entry, URLPattern) and entry.name:
            found.append((f"{prefix}{entry.name}", str(entry.pattern)))
    return found


def test_every_address_that_downloads_a_table_is_read_back_here():
    files = {
        name
        for name, route in _named_routes(get_resolver())
        if route.endswith((".csv", ".xlsx", "<str:fmt>")) or "export" in route
    }
    # The open-data files (`/open-data/<name>`) are for programs: `accord/portal/tests/test_opendata.py` reads them.
    assert files - DOCUMENTS == DOWNLOADS, files ^ DOWNLOADS


def read_csv(response) -> list[list[str]]:
    assert response.status_code == 200, response.content[:300]
    assert response["Content-Type"] == CSV_CONTENT_TYPE
    assert response["Content-Disposition"].startswith("attachment;")
    content = response.content
    assert content.startswith(BYTE_ORDER_MARK.encode("utf-8")), content[:20]
    rows = list(csv.reader(io.StringIO(content.decode("utf-8-sig"), newline="")))
    assert rows and all(cell.strip() for cell in rows[0]), rows[:1]
    assert "\ufffd" not in content.decode("utf-8")
    return rows


def read_xlsx(response) -> list[list]:
    from openpyxl import load_workbook

    assert response.status_code == 200, response.content[:300]
    assert response["Content-Type"] == XLSX_CONTENT_TYPE
    book = load_workbook(io.BytesIO(response.content))
    first = []
    for sheet in book.worksheets:
        rows = [list(row) for row in sheet.iter_rows(values_only=True)]
        assert rows and all(cell not in (None, "") for cell in rows[0]), (sheet.title, rows[:1])
        assert sheet.freeze_panes == "A2", sheet.title
        assert sheet.auto_filter.ref, sheet.title
        widths = [sheet.column_dimensions[letter].width for letter in _letters(len(rows[0]))]
        assert all(width and width >= 8 for width in widths), (sheet.title, widths)
        first = first or rows
    return first


def _letters(count: int) -> list[str]:
    from openpyxl.utils import get_column_letter

    return [get_column_letter(n) for n in range(1, count + 1)]


@pytest.mark.slow
@pytest.mark.django_db
def test_every_download_opens_cleanly_in_a_spreadsheet_program(reference_data, client, secretariat_user):
    from accord.core.imports import import_kinds
    from accord.core.reference import load_all
    from accord.delegations.models import Registration

    load_all("sample_loader")
    client.force_login(secretariat_user)
    cyrillic = []

    dashboard = read_csv(client.get(reverse("followup:dashboard_csv")))
    sheet = read_xlsx(client.get(reverse("followup:dashboard_xlsx")))
    assert len(dashboard) > 2 and len(sheet) > 2
    requests = read_csv(client.get(reverse("legal_cooperation:request_export")))
    assert len(requests) > 1 and len({len(row) for row in requests}) == 1
    cyrillic += [dashboard, requests]

    meeting = Registration.objects.values_list("meeting_id", flat=True).first()
    assert meeting is not None, "the samples open a registration"
    for name in ("delegations:badges", "delegations:delegation_table"):
        read_xlsx(client.get(reverse(name, args=[meeting])))

    for kind in import_kinds():
        template = read_csv(client.get(reverse("import_template", args=[kind, "csv"])))
        assert len(template) >= 2 and len({len(row) for row in template}) == 1, kind
        assert read_xlsx(client.get(reverse("import_template", args=[kind, "xlsx"])))[0] == template[0]

    for name in ANALYTICS_CSV:
        table = read_csv(client.get(reverse(name), {"format": "csv"}))
        assert len({len(row) for row in table}) == 1, name
        cyrillic.append(table)
    trends = read_csv(
        client.get(reverse("analytics:trends"), {"kind": "state", "value": "KAZ", "format": "csv"})
    )
    timeline = read_csv(client.get(reverse("analytics:timeline_state", args=["KAZ"]), {"format": "csv"}))
    assert (
        len(trends[0]) == 2 and len(timeline) > 1
    )  # a period column and the series; the timeline has events

    # Russian text comes through as Russian: the mark makes Excel read UTF-8.
    assert any(
        any("а" <= ch.lower() <= "я" for row in table for cell in row for ch in cell) for table in cyrillic
    )
