"""The year's results report counts exactly what the records hold."""

import io

import docx
import pytest

from accord.chairmanship.outputs import report_docx
from accord.chairmanship.reports import chairmanship_years, chairs_for, parse_year, year_report
from accord.chairmanship.tests.factories import chair_year

pytestmark = pytest.mark.django_db


@pytest.fixture
def setting():
    return chair_year()


def test_chairs_come_from_memberships(setting):
    chairs = chairs_for(setting.body, 2022)
    assert [m.state for m in chairs if m.role == "chair"] == [setting.chair]
    assert {m.state for m in chairs if m.role == "co_chair"} == set(setting.co_chairs)
    assert [m.state for m in chairs_for(setting.body, 2023)] == [setting.co_chairs[0]]
    assert chairs_for(setting.body, 2024) == []


def test_chairmanship_years_lists_each_year(setting):
    rows = [(e.body, e.year, len(e.chairs), len(e.co_chairs), e.has_programme) for e in chairmanship_years()]
    assert rows == [(setting.body, 2023, 1, 0, False), (setting.body, 2022, 1, 2, True)]


def test_report_counts(setting, secretariat_user):
    report = year_report(setting.body, 2022, user=secretariat_user)
    assert report.meeting_count == 3
    assert [(c.value, c.count) for c in report.meetings_by_kind] == [("session", 2), ("meeting", 1)]
    assert [(c.value, c.count) for c in report.meetings_by_format] == [
        ("in_person", 1),
        ("hybrid", 1),
        ("online", 1),
    ]
    assert report.decisions == 4  # two mandates with outcomes, one without, one described decision
    assert len(report.decision_mandates) == 3
    assert len(report.instruments) == 1
    assert (report.items_held, report.items_planned) == (2, 4)
    assert [(c.value, c.count) for c in report.items_by_status] == [
        ("planned", 1),
        ("held", 2),
        ("cancelled", 1),
    ]
    data = report.as_dict()
    assert (data["meetings"], data["decisions"], data["programme_items_held"]) == (3, 4, 2)


def test_sub_body_report_counts_only_itself(setting, secretariat_user):
    report = year_report(setting.sub_body, 2022, user=secretariat_user)
    assert report.meeting_count == 1
    assert report.decisions == 2
    assert report.programme is None


def test_docx_report(setting, secretariat_user):
    content, filename = report_docx(setting.body, 2022, user=secretariat_user, language="en")
    assert filename == "chairmanship-union-2022-en.docx"
    document = docx.Document(io.BytesIO(content))
    text = "\n".join(p.text for p in document.paragraphs)
    cells = [cell.text for table in document.tables for row in table.rows for cell in row.cells]
    assert "Results of the chairmanship of" in text
    assert "3 meetings of the body and its sub-bodies were held." in text
    assert "Decisions adopted: 4." in text
    assert "2 of 4 planned items were held." in text
    assert "On the budget" in text
    assert setting.chair.name_en in " ".join(cells)
    assert cells[cells.index("Session") : cells.index("Session") + 2] == ["Session", "2"]


@pytest.mark.parametrize("value", ["", "abc", "1800", None])
def test_bad_year(value):
    with pytest.raises(ValueError):
        parse_year(value)
