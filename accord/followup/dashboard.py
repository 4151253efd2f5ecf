"""Counts of the register by status, per state, addressee, source and theme, for the dashboard and its exports.

Everything starts from a queryset the caller already restricted with
`visible_to`, so a chart or a spreadsheet never shows more than the list.
"""

import datetime
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field

from django.db.models import Count, Q, QuerySet
from django.utils.translation import gettext as _

from accord.core.exports import Sheet
from accord.followup.choices import CLOSED_STATUSES, SourceKind, Status, Theme


@dataclass
class Row:
    """One state, authority, source or theme with its recommendations counted by status."""

    key: str
    label: str
    by_status: Counter = field(default_factory=Counter)
    overdue: int = 0

    @property
    def total(self) -> int:
        return sum(self.by_status.values())

    def bars(self) -> list[tuple[str, str, int, float]]:
        """(status, label, count, percent of the row) for the stacked bar."""
        total = self.total or 1
        return [
            (s.value, str(s.label), self.by_status[s.value], round(100 * self.by_status[s.value] / total, 1))
            for s in Status
            if self.by_status[s.value]
        ]


@dataclass
class Table:
    dimension: str
    title: str
    rows: list[Row]


def _sorted(rows: dict[str, Row]) -> list[Row]:
    # Overdue first, then the largest, then by name: what needs attention on top.
    return sorted(rows.values(), key=lambda r: (-r.overdue, -r.total, r.label))


def _grouped(queryset: QuerySet, key: str, label_of, today: datetime.date) -> list[Row]:
    rows: dict[str, Row] = {}
    counted = queryset.values(key, "status").annotate(
        n=Count("pk", distinct=True),
        late=Count("pk", filter=Q(due_on__lt=today) & ~Q(status__in=CLOSED_STATUSES), distinct=True),
    )
    for item in counted:
        k = item[key]
        row = rows.get(str(k)) or rows.setdefault(str(k), Row(str(k), label_of(k)))
        row.by_status[item["status"]] += item["n"]
        row.overdue += item["late"]
    return _sorted(rows)


def tables(queryset: QuerySet, *, today: datetime.date) -> list[Table]:
    """The four breakdowns of the dashboard."""
    from accord.registry.models import Organization, State

    queryset = queryset.order_by()
    state_names = {s.pk: s.name for s in State.objects.filter(pk__in=queryset.values("state_id"))}
    authority_names = {
        o.pk: o.name for o in Organization.objects.filter(pk__in=queryset.values("authority_id"))
    }
    themes: dict[str, Row] = {}
    for themes_list, status, due_on in queryset.values_list("themes", "status", "due_on"):
        for theme in themes_list or [_("No theme")]:
            label = str(Theme(theme).label) if theme in Theme.values else str(theme)
            row = themes.setdefault(theme, Row(theme, label))
            row.by_status[status] += 1
            if due_on is not None and due_on < today and status not in CLOSED_STATUSES:
                row.overdue += 1
    return [
        Table(
            "state", _("By state"), _grouped(queryset, "state_id", lambda k: state_names.get(k, ""), today)
        ),
        Table(
            "authority",
            _("By addressee authority"),
            _grouped(
                queryset, "authority_id", lambda k: authority_names.get(k) or _("The state as a whole"), today
            ),
        ),
        Table(
            "source",
            _("By source"),
            _grouped(
                queryset,
                "source_kind",
                lambda k: str(SourceKind(k).label) if k in SourceKind.values else k,
                today,
            ),
        ),
        Table("theme", _("By theme"), _sorted(themes)),
    ]


def export_rows(table_list: list[Table]) -> tuple[list[str], list[list]]:
    """A header and one line per row of every table, for CSV and XLSX alike."""
    header = [_("Breakdown"), _("Name"), *[str(s.label) for s in Status], _("Total"), _("Overdue")]
    lines = [
        [table.title, row.label, *[row.by_status[s.value] for s in Status], row.total, row.overdue]
        for table in table_list
        for row in table.rows
    ]
    return header, lines


def recommendation_rows(queryset: QuerySet) -> tuple[list[str], Iterator[list]]:
    """A header and one line per recommendation of the (already restricted) queryset: the register itself."""
    header = [
        _("Number"),
        _("State"),
        _("Addressee authority"),
        _("Source"),
        _("Source title"),
        _("Recommendation"),
        _("Themes"),
        _("Priority"),
        _("Due on"),
        _("Status"),
        _("Status assessed"),
    ]
    queryset = queryset.select_related("state", "authority").order_by("state__name_ru", "due_on", "pk")
    lines = (
        [
            r.pk,
            r.state.name if r.state_id else "",
            r.authority.name if r.authority_id else "",
            r.get_source_kind_display(),
            r.source_title,
            r.text,
            ", ".join(r.theme_labels),
            r.get_priority_display(),
            r.due_on,
            r.get_status_display(),
            _("yes") if r.is_status_assessed else _("no"),
        ]
        for r in queryset.iterator(chunk_size=500)
    )
    return header, lines


def xlsx_sheets(table_list: list[Table], queryset: QuerySet) -> list[Sheet]:
    """The recommendations themselves on the first sheet, then one sheet per breakdown (for core's XLSX)."""
    header, _lines = export_rows(table_list)
    sheets = [Sheet(_("Recommendations"), *recommendation_rows(queryset))]
    for table in table_list:
        sheets.append(
            Sheet(
                table.title,
                header[1:],
                [
                    [row.label, *[row.by_status[s.value] for s in Status], row.total, row.overdue]
                    for row in table.rows
                ],
            )
        )
    return sheets
