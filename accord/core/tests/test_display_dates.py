"""One date style per language (accord/formats), Russian months in the case the sentence needs."""

import datetime
import re
from pathlib import Path
from types import SimpleNamespace

import pytest
from django.template import Context, Template
from django.utils import translation

from accord.core.dates import display_date
from accord.core.models import DatePrecision
from accord.core.templatetags.accord import period

DAY = datetime.date(2026, 12, 7)
APRIL = datetime.date(2023, 4, 1)
TEMPLATES = Path(__file__).resolve().parents[2]


def row(start=None, start_precision="day", end=None, end_precision="day"):
    return SimpleNamespace(
        start_on=start, start_precision=start_precision, end_on=end, end_precision=end_precision
    )


def render(text: str, **context) -> str:
    return Template(text).render(Context(context))


@pytest.mark.parametrize(
    ("language", "date", "moment"),
    [
        ("ru", "7 декабря 2026 г.", "7 декабря 2026 г., 14:05"),
        ("en", "7 December 2026", "7 December 2026, 14:05"),
    ],
)
def test_one_date_style_per_language(language, date, moment):
    with translation.override(language):
        assert render('{{ d|date:"DATE_FORMAT" }}', d=DAY) == date
        assert render("{{ d }}", d=DAY) == date
        assert render('{{ t|date:"DATETIME_FORMAT" }}', t=datetime.datetime(2026, 12, 7, 14, 5)) == moment


def test_a_russian_month_takes_the_case_the_sentence_needs():
    with translation.override("ru"):
        assert period(row(APRIL, DatePrecision.MONTH)) == "с апреля 2023 г."
        assert display_date(APRIL, DatePrecision.MONTH) == "апрель 2023 г."
        assert (
            period(row(None, "day", datetime.date(2023, 4, 30), DatePrecision.MONTH)) == "по апрель 2023 г."
        )
        assert (
            period(row(datetime.date(2020, 1, 1), DatePrecision.YEAR, DAY)) == "2020 г. — 7 декабря 2026 г."
        )
        assert period(row(DAY)) == "с 7 декабря 2026 г."
    with translation.override("en"):
        assert period(row(APRIL, DatePrecision.MONTH)) == "since April 2023"
        assert period(row(datetime.date(2020, 1, 1), DatePrecision.YEAR, DAY)) == "2020 — 7 December 2026"


# Machine formats only: ISO values of `datetime` attributes and addresses, a bare year, a weekday.
ALLOWED = {"DATE_FORMAT", "DATETIME_FORMAT", "YEAR_MONTH_FORMAT", "Y", "D", "c", "Y-m", "Y-m-d"}
DATE_FILTER = re.compile(r"""\|date:["']([^"']*)["']""")


def test_templates_use_the_named_date_formats_only():
    """A page never spells a date format of its own (d.m.Y beside «7 декабря» was three styles on one page)."""
    odd = []
    for template in TEMPLATES.rglob("*.html"):
        for line in template.read_text(encoding="utf-8").splitlines():
            for pattern in DATE_FILTER.findall(line):
                iso_attribute = pattern == "Y-m-d" and re.search(r'datetime="\{\{[^}]*\|date:"Y-m-d"', line)
                if pattern not in ALLOWED or (pattern == "Y-m-d" and not iso_attribute):
                    odd.append(f"{template.relative_to(TEMPLATES)}: {pattern}")
    assert odd == []
