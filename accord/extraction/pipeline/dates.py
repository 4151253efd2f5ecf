"""Dates in Russian and English texts: single days, ranges, days without a year.

Pure functions over text: each found date is a `DateSpan` with its character
span, so later stages can tell which sentence it belongs to.
"""

import datetime
import re
from dataclasses import dataclass

RU_MONTHS = {
    "январ": 1,
    "феврал": 2,
    "март": 3,
    "апрел": 4,
    "ма": 5,
    "мая": 5,
    "июн": 6,
    "июл": 7,
    "август": 8,
    "сентябр": 9,
    "октябр": 10,
    "ноябр": 11,
    "декабр": 12,
}
EN_MONTHS = {
    m.lower(): i
    for i, names in enumerate(
        [
            ("January", "Jan"),
            ("February", "Feb"),
            ("March", "Mar"),
            ("April", "Apr"),
            ("May",),
            ("June", "Jun"),
            ("July", "Jul"),
            ("August", "Aug"),
            ("September", "Sep", "Sept"),
            ("October", "Oct"),
            ("November", "Nov"),
            ("December", "Dec"),
        ],
        start=1,
    )
    for m in names
}
_RU_MONTH = r"(январ[яь]|феврал[яь]|марта?|апрел[яь]|ма[яй]|июн[яь]|июл[яь]|августа?|сентябр[яь]|октябр[яь]|ноябр[яь]|декабр[яь])"
_EN_MONTH = r"(January|February|March|April|May|June|July|August|September|Sept|October|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Oct|Nov|Dec)\.?"
_DASH = r"\s*[-–—‒]\s*"
_YEAR = r"(?:\s+(\d{4})(?:\s*(?:года|г\.|г\b))?)?"

RU_RANGE_SAME_MONTH = re.compile(
    r"(?:с\s+)?(\d{1,2})(?:" + _DASH + r"|\s+по\s+)(\d{1,2})\s+" + _RU_MONTH + _YEAR, re.I
)
RU_RANGE_TWO_MONTHS = re.compile(
    r"(?:с\s+)?(\d{1,2})\s+" + _RU_MONTH + r"(?:" + _DASH + r"|\s+по\s+)(\d{1,2})\s+" + _RU_MONTH + _YEAR,
    re.I,
)
RU_SINGLE = re.compile(r"(\d{1,2})\s+" + _RU_MONTH + _YEAR, re.I)
EN_RANGE_SAME_MONTH = re.compile(
    r"(\d{1,2})(?:" + _DASH + r"|\s+to\s+)(\d{1,2})\s+" + _EN_MONTH + r"(?:,?\s+(\d{4}))?"
)
EN_RANGE_MONTH_FIRST = re.compile(_EN_MONTH + r"\s+(\d{1,2})(?:" + _DASH + r"|\s+to\s+)(\d{1,2}),?\s+(\d{4})")
EN_SINGLE = re.compile(r"(\d{1,2})\s+" + _EN_MONTH + r"(?:,?\s+(\d{4}))?")
EN_SINGLE_MONTH_FIRST = re.compile(_EN_MONTH + r"\s+(\d{1,2}),\s+(\d{4})")
NUMERIC = re.compile(r"\b(\d{1,2})\.(\d{1,2})\.(\d{4})\b")
ISO = re.compile(r"\b(\d{4})-(\d{2})-(\d{2})\b")


@dataclass(frozen=True)
class DateSpan:
    start: datetime.date | None
    end: datetime.date | None
    begin: int
    finish: int
    has_year: bool
    month: int = 0
    day_from: int = 0
    day_to: int = 0
    year: int | None = None

    def resolved(self, default_year: int | None) -> "DateSpan | None":
        """A span whose year was missing, dated with the document's year."""
        if self.start is not None or default_year is None:
            return self if self.start is not None else None
        return _make(
            default_year,
            self.month,
            self.day_from,
            self.month_to or self.month,
            self.day_to,
            self.begin,
            self.finish,
            False,
        )

    month_to: int = 0


def _ru_month(word: str) -> int:
    word = word.lower()
    for prefix, number in sorted(RU_MONTHS.items(), key=lambda kv: -len(kv[0])):
        if word.startswith(prefix):
            return number
    return 0


def _make(year, month_from, day_from, month_to, day_to, begin, finish, has_year=True) -> "DateSpan | None":
    try:
        start = datetime.date(year, month_from, day_from)
        end = datetime.date(year, month_to, day_to)
    except (TypeError, ValueError):
        return None
    if end < start:
        return None
    return DateSpan(start, end, begin, finish, has_year, month_from, day_from, day_to, year, month_to)


def _yearless(month_from, day_from, month_to, day_to, begin, finish) -> DateSpan | None:
    if not (1 <= day_from <= 31 and 1 <= day_to <= 31 and month_from and month_to):
        return None
    return DateSpan(None, None, begin, finish, False, month_from, day_from, day_to, None, month_to)


def find_dates(text: str) -> list[DateSpan]:
    """Every date and date range in the text, longest forms first, without overlaps."""
    found: list[DateSpan] = []
    taken: list[tuple[int, int]] = []

    def add(span: DateSpan | None) -> None:
        if span is None or any(not (span.finish <= a or span.begin >= b) for a, b in taken):
            return
        found.append(span)
        taken.append((span.begin, span.finish))

    def build(year, m1, d1, m2, d2, match):
        if year:
            return _make(int(year), m1, d1, m2, d2, match.start(), match.end())
        return _yearless(m1, d1, m2, d2, match.start(), match.end())

    for m in RU_RANGE_TWO_MONTHS.finditer(text):
        add(
            build(
                m.group(5), _ru_month(m.group(2)), int(m.group(1)), _ru_month(m.group(4)), int(m.group(3)), m
            )
        )
    for m in RU_RANGE_SAME_MONTH.finditer(text):
        month = _ru_month(m.group(3))
        add(build(m.group(4), month, int(m.group(1)), month, int(m.group(2)), m))
    for m in EN_RANGE_MONTH_FIRST.finditer(text):
        month = EN_MONTHS[m.group(1).lower()]
        add(build(m.group(4), month, int(m.group(2)), month, int(m.group(3)), m))
    for m in EN_RANGE_SAME_MONTH.finditer(text):
        month = EN_MONTHS[m.group(3).lower()]
        add(build(m.group(4), month, int(m.group(1)), month, int(m.group(2)), m))
    for m in RU_SINGLE.finditer(text):
        month = _ru_month(m.group(2))
        add(build(m.group(3), month, int(m.group(1)), month, int(m.group(1)), m))
    for m in EN_SINGLE_MONTH_FIRST.finditer(text):
        month = EN_MONTHS[m.group(1).lower()]
        add(build(m.group(3), month, int(m.group(2)), month, int(m.group(2)), m))
    for m in EN_SINGLE.finditer(text):
        month = EN_MONTHS[m.group(2).lower()]
        add(build(m.group(3), month, int(m.group(1)), month, int(m.group(1)), m))
    for m in NUMERIC.finditer(text):
        add(
            _make(
                int(m.group(3)),
                int(m.group(2)),
                int(m.group(1)),
                int(m.group(2)),
                int(m.group(1)),
                m.start(),
                m.end(),
            )
        )
    for m in ISO.finditer(text):
        add(
            _make(
                int(m.group(1)),
                int(m.group(2)),
                int(m.group(3)),
                int(m.group(2)),
                int(m.group(3)),
                m.start(),
                m.end(),
            )
        )
    return sorted(found, key=lambda s: s.begin)
