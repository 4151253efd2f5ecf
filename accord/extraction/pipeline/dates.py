"""Dates in Russian and English texts: days, ranges, days without a year, relative days.

Pure functions over text, each found date a `DateSpan` with its character span
so later stages can tell which sentence it belongs to:

- `find_dates(text)`: every day and range of days, in text order, without
  overlaps, the longest reading first: «с 13 по 17 декабря 2021 года»,
  «с 28 декабря 2021 по 2 января 2022 года», "December 13–17, 2021",
  "Monday, 13 December 2021", 21.10.2025, 2023-05-04. A day written without a
  year («18 января», "from December 16-20") keeps its day and month and no
  `start`; «20 сентября текущего года» also remembers which year it means.
- `resolve_relative(text, anchor)`: «вчера», «6 часов назад», "3 days ago".
- `publication_date(text, spans)`: the text's own date, from a header line
  (`publication_span` gives the span it was read from).
- `resolve_years(text, spans, published)`: dates the spans that lack a year.

A year alone («в 2024 году»), a month («в июне 2021 года») and an impossible
day (31 июня) are not day dates; `find_years` lists the years a text mentions,
which date the days it writes without one.
"""

import dataclasses
import datetime
import itertools
import re
from collections import Counter
from dataclasses import dataclass

# Spaces inside a date: any run of blanks with at most one line break (PDF text wraps lines).
# Possessive: a long run of blanks is read once, not split every way on backtracking.
_SP = r"[^\S\n]*+(?:\n[^\S\n]*+)?"
_S = r"(?:[^\S\n]++(?:\n[^\S\n]*+)?|\n[^\S\n]*+)"
_DASH = _SP + r"[-–—−]" + _SP
_YEAR = r"(?:1[89]|20)\d\d(?!\d)"

_RU_MONTH = (
    r"(?:январ[яь]|феврал[яь]|марта?|апрел[яь]|ма[яй]|июн[яь]|июл[яь]|августа?|сентябр[яь]"
    r"|октябр[яь]|ноябр[яь]|декабр[яь]|(?:янв|февр?|мар|апр|авг|сент?|окт|нояб?|дек)\.?)(?![а-яё])"
)
_RU_WEEKDAY = r"(?:понедельник|вторник|сред[ауы]|четверг|пятниц[ауы]|суббот[ауы]|воскресенье)"
_RU_YEAR_WORD = r"(?:года|году|год|гг?\.|г(?![а-яё]))"
_RU_RELATIVE_YEAR = (
    r"(?:текущего|этого|сего|нынешнего|прошлого|минувшего|предыдущего|следующего|будущего|наступающего)"
    r"\s+года|т\." + _SP + r"г\."
)
_RU_DAY = r"\d{1,2}(?!\d)(?:-?го)?"
_RU_GROUP = rf"{_RU_DAY}(?:(?:{_DASH}|{_S}(?:по|до){_S}){_RU_DAY})?"
_RU_DAYS = rf"{_RU_GROUP}(?:(?:\s*+,\s*+{_RU_GROUP}){{0,8}}+{_S}и{_S}{_RU_GROUP})?"

_EN_MONTH = (
    r"(?:January|February|March|April|May|June|July|August|September|October|November|December"
    r"|(?:Sept|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Oct|Nov|Dec)\.?)(?![a-z])"
)
_EN_WEEKDAY = (
    r"(?-i:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday"
    r"|Mon|Tues?|Wed|Thu(?:rs)?|Fri|Sat|Sun)\.?(?![a-z])"
)
_EN_RELATIVE_YEAR = r"(?:of\s+)?(?:this|last|next)\s+year"
_EN_DAY = r"\d{1,2}(?!\d)(?:st|nd|rd|th)?(?![a-z])"
_EN_GROUP = rf"{_EN_DAY}(?:(?:{_DASH}|{_S}(?:to|until|till|through|thru){_S}){_EN_DAY})?"
_EN_DAYS = rf"{_EN_GROUP}(?:(?:\s*+,\s*+{_EN_GROUP}){{0,8}}+,?{_S}(?:and|&){_S}{_EN_GROUP})?"

# A number that is not a piece of a bigger one (1.5, 10:30, A/75/5).
_START = r"(?<![\w.:/])"

RU_DATE = re.compile(
    rf"(?P<pre>\b(?:с|со|от|между){_S})?(?P<weekday>{_RU_WEEKDAY},?{_S})?{_START}(?P<days>{_RU_DAYS})"
    rf"{_S}(?P<month>{_RU_MONTH})"
    rf"(?:,?{_S}(?P<year>{_YEAR})(?:{_SP}{_RU_YEAR_WORD})?|{_S}(?P<relative>{_RU_RELATIVE_YEAR}))?",
    re.I,
)
EN_DATE_DAY_FIRST = re.compile(
    rf"(?P<pre>\b(?:from|between){_S})?(?P<weekday>{_EN_WEEKDAY},?{_S})?(?:the{_S})?{_START}"
    rf"(?P<days>{_EN_DAYS})(?:{_S}of)?{_S}(?P<month>{_EN_MONTH})"
    rf"(?:,?{_S}(?P<year>{_YEAR})|,?{_S}(?P<relative>{_EN_RELATIVE_YEAR}))?",
    re.I,
)
EN_DATE_MONTH_FIRST = re.compile(
    rf"(?P<pre>\b(?:from|between){_S})?(?P<weekday>{_EN_WEEKDAY},?{_S})?(?P<month>{_EN_MONTH})"
    rf"{_S}(?:the{_S})?{_START}(?P<days>{_EN_DAYS})(?![\w:]|[.,]\d)(?:,?{_S}(?P<year>{_YEAR}))?",
    re.I,
)
NUMERIC = re.compile(
    rf"(?P<pre>\b(?:с|со|от|from){_S})?(?<![\w.])(?P<day>\d{{1,2}})\.(?P<month>\d{{1,2}})\."
    rf"(?P<year>\d{{4}})(?![\d])(?!\.\d)(?:{_SP}{_RU_YEAR_WORD})?",
    re.I,
)
# 29/09/2017: day first, as outside North America; a four-digit year keeps it apart from
# resolution numbers (73/190) and symbols (A/73/5).
NUMERIC_SLASH = re.compile(
    r"(?<![\w./\-])(?P<day>\d{1,2})/(?P<month>\d{1,2})/(?P<year>(?:19|20)\d\d)(?![\w/])(?!\.\d)"
)
# 21.10.25: only with two-digit day and month, standing alone (not 1.2.3 or 10.11.12.1).
NUMERIC_SHORT = re.compile(r"(?<![\w.])(?P<day>\d\d)\.(?P<month>\d\d)\.(?P<year>\d\d)(?![\w])(?!\.\d)")
# A label may stick to it ("Date2023-09-25"): a letter before is allowed, a digit or a dash is not.
ISO = re.compile(r"(?<![\d_\-/.])(?P<year>\d{4})-(?P<month>\d\d)-(?P<day>\d\d)(?!\d)(?!-\d)")

_RANGE_JOIN = re.compile(rf"^(?:{_DASH}|{_S}(?:по|до|to|until|till|through|thru){_S})$", re.I)
_AND_JOIN = re.compile(rf"^{_S}(?:и|and|&){_S}$", re.I)
_LIST_SPLIT = re.compile(rf"\s*,\s*|,?{_S}(?:и|and|&){_S}", re.I)
_BETWEEN = {"между", "between"}
_RANGE_PREFIXES = {"с", "со", "от", "from", "между", "between"}

_RU_MONTH_NUMBERS = {
    "янв": 1,
    "фев": 2,
    "мар": 3,
    "апр": 4,
    "июн": 6,
    "июл": 7,
    "авг": 8,
    "сен": 9,
    "окт": 10,
    "ноя": 11,
    "дек": 12,
}
EN_MONTH_NAMES = (
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
)
# Lower-case English month words that are more often something else ("we may", "they march").
_EN_LOWERCASE_WORDS = {"may", "march"}


RU_MONTHS_GENITIVE = (
    "января",
    "февраля",
    "марта",
    "апреля",
    "мая",
    "июня",
    "июля",
    "августа",
    "сентября",
    "октября",
    "ноября",
    "декабря",
)  # how a Russian date names its month: «13 декабря»


@dataclass(frozen=True)
class DateSpan:
    """A day or a range of days found in a text, with the characters it covers.

    `start`/`end` are set when the text gives the year (or when a relative
    date was computed from an anchor); otherwise `month`, `day_from`,
    `month_to`, `day_to` keep what the text says and `resolved` dates it.
    """

    start: datetime.date | None
    end: datetime.date | None
    begin: int
    finish: int
    has_year: bool
    month: int = 0
    day_from: int = 0
    day_to: int = 0
    year: int | None = None
    month_to: int = 0
    years_apart: int = 0  # the end's year minus the start's: «28 декабря – 2 января» is 1
    relative_year: int | None = None  # «текущего года» 0, «прошлого года» -1, «следующего года» 1
    is_relative: bool = False  # «вчера», "3 days ago": computed from an anchor date

    @property
    def is_range(self) -> bool:
        return (self.month, self.day_from) != (self.month_to or self.month, self.day_to)

    def with_year(self, year: int) -> "DateSpan | None":
        """The span dated in `year` (its end in the next year when it crosses one), or None if invalid."""
        try:
            start = datetime.date(year, self.month, self.day_from)
            end = datetime.date(year + self.years_apart, self.month_to or self.month, self.day_to)
        except (TypeError, ValueError, OverflowError):
            return None
        if end < start:
            return None
        return dataclasses.replace(self, start=start, end=end, year=year)

    def resolved(self, default_year: int | None) -> "DateSpan | None":
        """A span whose year was missing, dated with the document's year."""
        if self.start is not None:
            return self
        if default_year is None:
            return None
        return self.with_year(default_year + (self.relative_year or 0))

    def resolved_near(self, anchor: datetime.date) -> "DateSpan | None":
        """A span whose year was missing, dated as close to `anchor` (the publication date) as it can be.

        News mostly reports the recent past and announces the near future: a
        «28 декабря» in a text of 10 January is last December, a "16-20
        December" in a text of 6 December is this one. Days ahead of the
        anchor count double, so an ambiguous day falls in the past.
        """
        if self.start is not None:
            return self
        if self.relative_year is not None:
            return self.with_year(anchor.year + self.relative_year)
        best, best_cost = None, None
        for year in (anchor.year - 1, anchor.year, anchor.year + 1):
            dated = self.with_year(year)
            if dated is None:
                continue
            days = (dated.start - anchor).days
            cost = 2 * days if days > 0 else -days
            if best_cost is None or cost < best_cost:
                best, best_cost = dated, cost
        return best


@dataclass
class _Found:
    """One match of a date pattern before it becomes spans: its day groups, month and year."""

    begin: int  # with «с»/"from" and the weekday
    days_begin: int
    finish: int
    groups: list[tuple[int, int, int, int]]  # (first day, last day, begin, finish) per group
    month: int
    year: int | None
    relative_year: int | None
    prefix: str

    @property
    def single_day(self) -> bool:
        return len(self.groups) == 1 and self.groups[0][0] == self.groups[0][1]


def _ru_month(word: str) -> int:
    word = word.lower()
    if word.startswith("мар"):
        return 3
    if word.startswith("ма"):
        return 5
    return _RU_MONTH_NUMBERS.get(word[:3], 0)


def _en_month(word: str) -> int:
    """The month an English word names, or 0 for lower-case words that are usually not months."""
    bare = word.rstrip(".")
    lower = bare.lower()
    if not word[:1].isupper():
        dotted = word.endswith(".")
        if lower in _EN_LOWERCASE_WORDS or not (dotted or lower in EN_MONTH_NAMES):
            return 0
    for number, name in enumerate(EN_MONTH_NAMES, start=1):
        if name.startswith(lower[:3]):
            return number
    return 0


def _relative_year(words: str | None) -> int | None:
    if not words:
        return None
    words = words.lower()
    if words.startswith(("прошл", "минувш", "предыдущ", "last")):
        return -1
    if words.startswith(("следующ", "будущ", "наступающ", "next")):
        return 1
    return 0


def _groups(match: re.Match) -> list[tuple[int, int, int, int]]:
    """The day groups of «1–3 и 5», "13, 14 and 15": (first, last, begin, finish) each."""
    text = match.group("days")
    offset = match.start("days")
    groups, position = [], 0
    for piece in [*_LIST_SPLIT.finditer(text), None]:
        end = piece.start() if piece else len(text)
        part = text[position:end]
        numbers = [int(n) for n in re.findall(r"\d{1,2}", part)]
        first, last = numbers[0], numbers[-1]
        groups.append((first, last, offset + position, offset + end))
        position = piece.end() if piece else len(text)
    return groups


def _named(match: re.Match, month: int) -> "_Found | None":
    if not month:
        return None
    prefix = (match.group("pre") or "").strip().lower()
    groups = _groups(match)
    if prefix in _BETWEEN and len(groups) == 2 and all(g[0] == g[1] for g in groups):
        groups = [(groups[0][0], groups[1][0], groups[0][2], groups[1][3])]
    year = match.group("year")
    return _Found(
        begin=match.start(),
        days_begin=match.start("weekday")
        if match.group("weekday")
        else min(match.start("days"), match.start("month")),
        finish=match.end(),
        groups=groups,
        month=month,
        year=int(year) if year else None,
        relative_year=_relative_year(match.groupdict().get("relative")),
        prefix=prefix,
    )


def _numeric(match: re.Match, year: int) -> "_Found":
    day = int(match.group("day"))
    prefix = (match.groupdict().get("pre") or "").strip().lower()
    return _Found(
        begin=match.start(),
        days_begin=match.start("day") if "pre" in match.groupdict() else match.start(),
        finish=match.end(),
        groups=[(day, day, match.start("day"), match.end())],
        month=int(match.group("month")),
        year=year,
        relative_year=None,
        prefix=prefix,
    )


def _slashed(match: re.Match) -> "_Found":
    """29/09/2017 day first; 09/29/2017, which has no 29th month, month first (the American order)."""
    found = _numeric(match, int(match.group("year")))
    day, month = found.groups[0][0], found.month
    if month > 12 >= day:
        found = dataclasses.replace(found, month=day, groups=[(month, month, *found.groups[0][2:])])
    return found


def _candidates(text: str) -> list[_Found]:
    found: list[_Found | None] = []
    found += [_named(m, _ru_month(m.group("month"))) for m in RU_DATE.finditer(text)]
    found += [_named(m, _en_month(m.group("month"))) for m in EN_DATE_DAY_FIRST.finditer(text)]
    found += [_named(m, _en_month(m.group("month"))) for m in EN_DATE_MONTH_FIRST.finditer(text)]
    found += [_numeric(m, int(m.group("year"))) for m in NUMERIC.finditer(text)]
    found += [_slashed(m) for m in NUMERIC_SLASH.finditer(text)]
    found += [_numeric(m, 2000 + int(m.group("year"))) for m in NUMERIC_SHORT.finditer(text)]
    found += [_numeric(m, int(m.group("year"))) for m in ISO.finditer(text)]
    chosen: list[_Found] = []
    # Earliest first, then longest: each character belongs to one reading.
    for item in sorted((f for f in found if f), key=lambda f: (f.begin, -f.finish)):
        if not chosen or item.begin >= chosen[-1].finish:
            chosen.append(item)
    return chosen


def _valid_day(year: int | None, month: int, day: int) -> bool:
    try:
        datetime.date(year or 2000, month, day)  # 2000 is a leap year: 29 February stays possible
    except ValueError:
        return False
    return True


def _span(
    begin: int,
    finish: int,
    month: int,
    day_from: int,
    month_to: int,
    day_to: int,
    year: int | None,
    years_apart: int = 0,
    relative_year: int | None = None,
) -> DateSpan | None:
    end_year = year + years_apart if year is not None else None
    if not (_valid_day(year, month, day_from) and _valid_day(end_year, month_to, day_to)):
        return None
    yearless = DateSpan(
        None,
        None,
        begin,
        finish,
        False,
        month,
        day_from,
        day_to,
        None,
        month_to,
        years_apart,
        relative_year,
    )
    if year is None:
        if years_apart == 0 and (month_to, day_to) < (month, day_from):
            return None
        return yearless
    dated = yearless.with_year(year)
    return dataclasses.replace(dated, has_year=True) if dated else None


def _joined(text: str, first: _Found, second: _Found) -> DateSpan | None:
    """«13 декабря – 17 декабря 2021», «с 28 декабря 2021 по 2 января 2022 года» as one range."""
    between = text[first.finish : second.begin]
    joins = _RANGE_JOIN.match(between) or (first.prefix in _BETWEEN and _AND_JOIN.match(between))
    if not (joins and first.single_day and second.single_day and not second.prefix):
        return None
    day_from, day_to = first.groups[0][0], second.groups[0][0]
    begin = first.begin if first.prefix in _RANGE_PREFIXES else first.days_begin
    later = (second.month, day_to) > (first.month, day_from)
    if first.year is not None and second.year is not None:
        start_year, years_apart = first.year, second.year - first.year
    elif first.year is not None or second.year is not None:
        years_apart = 0 if later else 1  # «28 декабря – 2 января 2022 года» starts the year before
        start_year = first.year if first.year is not None else second.year - years_apart
    else:
        start_year, years_apart = None, 0 if later else 1
    if years_apart < 0 or (years_apart == 0 and not later):
        return None
    relative = first.relative_year if first.relative_year is not None else second.relative_year
    return _span(
        begin, second.finish, first.month, day_from, second.month, day_to, start_year, years_apart, relative
    )


def _spans_of(item: _Found) -> list[DateSpan]:
    """One span for a range or a run of consecutive days («13 и 14 мая»), one per group otherwise."""
    groups = item.groups
    run = all(b[0] == a[1] + 1 for a, b in itertools.pairwise(groups))
    ranged = len(groups) > 1 or groups[0][0] != groups[0][1]
    begin = item.begin if (ranged and item.prefix in _RANGE_PREFIXES) else item.days_begin
    if run:
        span = _span(
            begin,
            item.finish,
            item.month,
            groups[0][0],
            item.month,
            groups[-1][1],
            item.year,
            relative_year=item.relative_year,
        )
        return [span] if span else []
    spans = []
    for index, (first, last, group_begin, group_finish) in enumerate(groups):
        span = _span(
            begin if index == 0 else group_begin,
            item.finish if index == len(groups) - 1 else group_finish,
            item.month,
            first,
            item.month,
            last,
            item.year,
            relative_year=item.relative_year,
        )
        if span:
            spans.append(span)
    return spans


def find_dates(text: str, anchor: datetime.date | None = None) -> list[DateSpan]:
    """Every date and date range in the text, longest forms first, without overlaps, by position.

    With an `anchor` (the publication date), relative days («вчера», "3 days
    ago") are found too, dated from it.
    """
    items = _candidates(text)
    spans: list[DateSpan] = []
    index = 0
    while index < len(items):
        if index + 1 < len(items) and (joined := _joined(text, items[index], items[index + 1])):
            spans.append(joined)
            index += 2
            continue
        spans.extend(_spans_of(items[index]))
        index += 1
    if anchor is not None:
        for span in resolve_relative(text, anchor):
            if all(span.finish <= s.begin or span.begin >= s.finish for s in spans):
                spans.append(span)
    return sorted(spans, key=lambda s: s.begin)


# Relative days -------------------------------------------------------------

_RU_NUMBERS = {
    "один": 1,
    "одна": 1,
    "одну": 1,
    "два": 2,
    "две": 2,
    "три": 3,
    "четыре": 4,
    "пять": 5,
    "шесть": 6,
    "семь": 7,
    "восемь": 8,
    "девять": 9,
    "десять": 10,
}
_EN_NUMBERS = {
    "a": 1,
    "an": 1,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
}
_DAY_WORDS = {
    "позавчера": -2,
    "вчера": -1,
    "сегодня": 0,
    "завтра": 1,
    "послезавтра": 2,
    "the day before yesterday": -2,
    "yesterday": -1,
    "today": 0,
    "tomorrow": 1,
    "the day after tomorrow": 2,
}
_NUMBER_WORDS = "|".join(sorted({*_RU_NUMBERS, *_EN_NUMBERS}, key=len, reverse=True))
RELATIVE = re.compile(
    r"\b(?P<word>the\s+day\s+before\s+yesterday|the\s+day\s+after\s+tomorrow|позавчера|послезавтра"
    r"|вчера|сегодня|завтра|yesterday|today|tomorrow)\b"
    rf"|\b(?:(?P<count>\d{{1,3}}|{_NUMBER_WORDS})\s+)?"
    r"(?P<unit>полчаса|минут[уы]?|час(?:а|ов)?|дн(?:я|ей)|день|сутки|суток|minutes?|mins?|hours?|hrs?|days?)"
    r"\s+(?:назад|ago)\b"
    rf"|\bчерез\s+(?:(?P<ahead>\d{{1,3}}|{_NUMBER_WORDS})\s+)?(?P<ahead_unit>дн(?:я|ей)|день|сутки|суток)\b",
    re.I,
)
_DAY = datetime.timedelta(days=1)


def _count(word: str | None) -> int:
    if not word:
        return 1
    word = word.lower()
    if word.isdigit():
        return int(word)
    return _RU_NUMBERS.get(word) or _EN_NUMBERS.get(word) or 1


def _offset(match: re.Match) -> datetime.timedelta:
    """How far from the anchor a relative expression points: «вчера» -1 day, «6 часов назад» -6 hours."""
    if word := match.group("word"):
        return datetime.timedelta(days=_DAY_WORDS[re.sub(r"\s+", " ", word.lower())])
    if match.group("ahead_unit"):
        return datetime.timedelta(days=_count(match.group("ahead")))
    count, unit = _count(match.group("count")), match.group("unit").lower()
    if unit == "полчаса":
        return -datetime.timedelta(minutes=30)
    if unit.startswith(("мин", "min")):
        return -datetime.timedelta(minutes=count)
    if unit.startswith(("час", "hour", "hr")):
        return -datetime.timedelta(hours=count)
    return -datetime.timedelta(days=count)


def resolve_relative(text: str, anchor: datetime.date | datetime.datetime) -> list[DateSpan]:
    """Relative days dated from `anchor`: «сегодня», «позавчера», «6 часов назад», "3 days ago".

    With a datetime anchor, hours and minutes can move the day back («3 часа
    назад» at 01:00 is yesterday); with a date they stay on it.
    """
    spans = []
    for match in RELATIVE.finditer(text):
        offset = _offset(match)
        if isinstance(anchor, datetime.datetime):
            day = (anchor + offset).date()
        elif offset % _DAY:
            day = anchor  # hours or minutes ago, and the time of day is unknown
        else:
            day = anchor + offset
        spans.append(
            DateSpan(
                day,
                day,
                match.start(),
                match.end(),
                True,
                day.month,
                day.day,
                day.day,
                day.year,
                day.month,
                is_relative=True,
            )
        )
    spans += _same_weekday(text, anchor if not isinstance(anchor, datetime.datetime) else anchor.date())
    return sorted(spans, key=lambda span: span.begin)


WEEKDAY = re.compile(
    r"\b(?:в|во)\s+(?P<ru>понедельник|вторник|среду|четверг|пятницу|субботу|воскресенье)\b"
    r"|\bon\s+(?P<en>(?-i:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday))\b",
    re.I,
)
_WEEKDAY_NUMBERS = {
    "понедельник": 0,
    "вторник": 1,
    "среду": 2,
    "четверг": 3,
    "пятницу": 4,
    "субботу": 5,
    "воскресенье": 6,
    "monday": 0,
    "tuesday": 1,
    "wednesday": 2,
    "thursday": 3,
    "friday": 4,
    "saturday": 5,
    "sunday": 6,
}


def _same_weekday(text: str, anchor: datetime.date) -> list[DateSpan]:
    """«во вторник», "on Friday" on the anchor's own weekday: the anchor's day.

    A weekday only confirms the date the text carries; another weekday is not
    counted back from it (the week it means is not certain).
    """
    spans = []
    for match in WEEKDAY.finditer(text):
        word = (match.group("ru") or match.group("en")).lower()
        if _WEEKDAY_NUMBERS[word] == anchor.weekday():
            spans.append(
                DateSpan(
                    anchor,
                    anchor,
                    match.start(),
                    match.end(),
                    True,
                    anchor.month,
                    anchor.day,
                    anchor.day,
                    anchor.year,
                    anchor.month,
                    is_relative=True,
                )
            )
    return spans


# Publication date ----------------------------------------------------------

PUBLICATION_WINDOW = 600  # characters from the top where a header line can stand
_LABEL = re.compile(
    r"(?:^|\W)(?:published|posted|updated|last\s+updated|issued|date|опубликовано|размещено|обновлено"
    r"|дата(?:\s+(?:публикации|размещения))?|distr\.?\s*:\s*general)(?:\s+on)?\s*:?\s*$",
    re.I,
)
_TIME = re.compile(
    r"(?<!\d)\d{1,2}:\d\d(?::\d\d)?(?:\s*(?:am|pm|a\.m\.|p\.m\.))?|\b(?:UTC|GMT|MSK|МСК)(?:\s*[+-]\d+)?",
    re.I,
)
_WORD = re.compile(r"[^\W\d_][\w.\-’']*")
_NOT_DATELINE = {
    # adverbs that open a sentence the way a place opens a dateline: «Ранее, 5 мая …»
    "ранее",
    "позднее",
    "позже",
    "затем",
    "также",
    "earlier",
    "later",
    "then",
    "also",
    "meanwhile",
    "in",
    "on",
    "at",
    "from",
    "by",
    "since",
    "until",
    "the",
    "в",
    "во",
    "на",
    "с",
    "со",
    "от",
    "до",
}


def _name_like(word: str) -> bool:
    """A word of a dateline or an outlet's name: «Бишкек», "UrduPoint", "el-Sheikh", "tass.ru"."""
    return any(c.isupper() for c in word) or "." in word.strip(".")


def _header(before: str, after: str, date_text: str = "") -> bool:
    """Whether a date with this text before and after it on its line is the text's own date."""
    if _LABEL.search(before):
        return True  # "Published: 2023-05-04", «Дата публикации: 21.10.2025»
    if re.match(r"\s*,?\s*(?:в\s+)?\d{1,2}:\d\d", after):
        return True  # a timestamp: «21.10.2025 14:05», «11 июля 2019, 12:29»
    before = _TIME.sub("", before).strip()
    if not before.strip(",|•·"):
        rest = _TIME.sub("", after).strip(" ,.;")
        if not rest or rest[0] in "|•·/(":
            return True  # alone on its line, or before a separator: «15.10.2021 | Title»
        words = _WORD.findall(rest)
        return len(words) <= 3 and all(_name_like(w) for w in words)
    words = _WORD.findall(before)
    if (
        not _TIME.sub("", after).strip(" ,.;")
        and len(words) == 1
        and _name_like(words[0])
        and not re.search(_RU_YEAR_WORD + r"\s*$", date_text, re.I)
    ):
        # A rubric or a place closing its line: «Культура 3 июня 2020», "Lyon 03/06/2020".
        return True
    # A dateline: a city, a short date and the agency («Город, 03.05.19 /Агентство/.»), "CITY (Agency - 6 May 2019)",
    # or a city and a full stop before the date («Город. 5 мая 2020.»).
    return (
        (before[-1] in ",(-–—/:" or (before[-1] == "." and len(words) == 1 and len(words[0]) > 3))
        and 0 < len(words) <= 8
        and words[0].lower() not in _NOT_DATELINE
        and all(_name_like(w) for w in words)
    )


def publication_span(text: str, spans: list[DateSpan]) -> DateSpan | None:
    """The span that dates the text itself: the first full date near the top that stands as a header.

    That is a date alone on its line (with a time, an outlet or a separator:
    «21 декабря 2022, 11:30», «15.10.2021 | Title»), after a label
    ("Published: 2023-05-04") or in a dateline ("Vienna, 1 July 2020").
    Dates inside sentences («решение от 26 октября 2022 года») and ranges are
    events or documents, not publication dates.
    """
    for span in spans:
        if span.begin > PUBLICATION_WINDOW:
            break
        if span.is_relative or span.is_range:
            continue
        line_start = text.rfind("\n", 0, span.begin) + 1
        line_end = text.find("\n", span.finish)
        after = text[span.finish : line_end if line_end >= 0 else len(text)]
        if span.start is None:
            span = _year_below(text, span, line_end)
            after = ""
        if span is None or not span.has_year:
            continue
        if _header(text[line_start : span.begin], after, text[span.begin : span.finish]):
            return span
    return None


_YEAR_LINE = re.compile(rf"\s*\n\s*(?P<year>{_YEAR})\s*(?:[,|•·]|{_TIME.pattern}|$)", re.I | re.M)


def _year_below(text: str, span: DateSpan, line_end: int) -> DateSpan | None:
    """A header that puts the day and month on one line and the year on the next one after a gap."""
    if line_end < 0 or text[span.finish : line_end].strip():
        return None
    match = _YEAR_LINE.match(text, line_end)
    if not match:
        return None
    dated = span.with_year(int(match.group("year")))
    return dataclasses.replace(dated, has_year=True) if dated else None


def publication_date(text: str, spans: list[DateSpan]) -> datetime.date | None:
    """The text's own date of publication when it shows one (see `publication_span`)."""
    span = publication_span(text, spans)
    return span.start if span else None


# Years of the text, for days without one ------------------------------------

RU_YEAR_MENTION = re.compile(rf"(?<![\w\-–—/.])(?P<year>{_YEAR}){_SP}{_RU_YEAR_WORD}", re.I)
EN_YEAR_MENTION = re.compile(
    rf"\b(?:in|during|throughout|since|of|{_EN_MONTH})\s+(?:(?:early|mid|late)[-\s]+)?(?P<year>{_YEAR})"
    r"(?![\-–—/]\d)",
    re.I,
)
_DEADLINE = re.compile(r"\b(?:до|к|по|until|by)\s*$", re.I)


def find_years(text: str) -> list[tuple[int, int, int]]:
    """(begin, end, year) for each year the text places itself in: «в 2021 году», «в июне 2021 года», "in 2021".

    Deadlines and periods' ends («до 2030 года», «2021–2025 годы») are left
    out: they do not say when the text's events happen.
    """
    found = []
    for pattern in (RU_YEAR_MENTION, EN_YEAR_MENTION):
        for match in pattern.finditer(text):
            if _DEADLINE.search(text[max(0, match.start() - 8) : match.start()]):
                continue
            if match.group().split()[0] in _EN_LOWERCASE_WORDS:
                continue  # "we may 2021" is not a month
            found.append((match.start("year"), match.end(), int(match.group("year"))))
    return sorted(found)


CONTEXT_WINDOW = 200  # how far back a year mention dates a day written without one


def _context_year(offset: int, mentions: list[tuple[int, int]]) -> int | None:
    """The year mentioned last before `offset`, if close; else the one the text mentions most."""
    before = [(position, year) for position, year in mentions if offset - CONTEXT_WINDOW <= position < offset]
    if before:
        return max(before)[1]
    if not mentions:
        return None
    counts = Counter(year for _position, year in mentions)
    return max(counts, key=lambda year: (counts[year], year))


_IN_YEAR = re.compile(r"\b(?:в|во|in|during|throughout)\s+(?:[^\W\d]+\s+)?$", re.I)
_DOCUMENT_YEAR = re.compile(
    r"\b(?:принят|утвержд|опубликован|подписан|adopted|approved|published)\w*\s+(?:\S+\s+){0,4}$", re.I
)


def _time_of_events(text: str, begin: int) -> bool:
    """A year the text's events happen in: «в 2021 году», «в июне 2021 года», "in 2021".

    Not a plan's («на 2021 год»), nor a document's («принятое в 2021 году»,
    «утверждённого … 2005 года»): those years do not date the days around them.
    """
    before = text[max(0, begin - 60) : begin]
    match = _IN_YEAR.search(before)
    return bool(match) and not _DOCUMENT_YEAR.search(before[: match.start()])


def _sentence_year(text: str, span: DateSpan, dated: list[DateSpan]) -> int | None:
    """The year of a full date in the same sentence: «9 ноября и 12 декабря 2017 года».

    A year mentioned elsewhere («в 2018 году», a date two paragraphs away)
    may be a header's, a document's or a plan's; it does not date the day.
    """
    for other in sorted(dated, key=lambda other: abs(other.begin - span.begin)):
        between = text[min(other.finish, span.finish) : max(other.begin, span.begin)]
        if not re.search(r"[.!?](?:\s|$)|\n", between):
            return other.start.year
    return None


def resolve_years(text: str, spans: list[DateSpan], published: datetime.date | None = None) -> list[DateSpan]:
    """Every span dated, in order; those that cannot be dated are left out.

    A day without a year takes the year of the same day written in full
    elsewhere in the text («29–30 августа» in a title, «29–30 августа 2012
    года» below), else the year nearest the publication date
    (`DateSpan.resolved_near`), else the year the text mentions near it or
    most (`find_years`).
    """
    dated = [s for s in spans if s.start is not None and s.has_year and not s.is_relative]
    known = {(s.month, s.day_from, s.month_to, s.day_to): s.year for s in dated}
    same_month = {s.month: s.year for s in dated if s.month == s.month_to}
    covered = [(s.begin, s.finish) for s in spans]
    mentions = [
        (begin, year)
        for begin, _end, year in find_years(text)
        if not any(b <= begin < f for b, f in covered) and _time_of_events(text, begin)
    ]
    out = []
    for span in spans:
        if span.start is not None:
            out.append(span)
            continue
        key = (span.month, span.day_from, span.month_to, span.day_to)
        if span.relative_year is None and key in known:
            result = span.resolved(known[key])
        elif span.relative_year is None and span.month in same_month:
            # «начался 20 ноября» beside «21 ноября 2024 года»: the same month, the same year.
            result = span.resolved(same_month[span.month])
        elif published is not None:
            result = span.resolved_near(published)
        else:
            year = _sentence_year(text, span, dated)
            result = span.resolved(year if year is not None else _context_year(span.begin, mentions))
        if result is not None:
            out.append(result)
    return out
