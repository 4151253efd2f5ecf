"""Cooperation requests in the open-data package: public aggregates only (its AppConfig `opendata_tables`).

No request itself is ever exported: the table holds the counts of
`accord.legal_cooperation.statistics`, small counts suppressed.
"""

from collections.abc import Iterator
from typing import Any

from django.utils.translation import gettext_lazy as _

from accord.core.opendata import Column, Table


def tables() -> list[Table]:
    """The statistics of cooperation requests, one row per cell of each breakdown."""
    return [_request_statistics_table()]


def _request_statistics_table() -> Table:
    """Aggregates of cooperation requests; the requests themselves are never public."""
    from accord.legal_cooperation.statistics import small_count, statistics

    def rows() -> Iterator[dict[str, Any]]:
        for section, cells in statistics().items():
            for cell in cells:
                yield {
                    "section": section,
                    "key": cell.key,
                    "label": cell.label,
                    "count": cell.count,
                    "display": cell.display,
                }

    sections = ("total", "by_kind", "by_year", "sent_by_state", "received_by_state")
    return Table(
        name="request_statistics",
        title=_("Cooperation requests: statistics"),
        description=_(
            "Counts of mutual legal assistance, extradition and asset recovery requests by kind, "
            "year and state; a count below %(threshold)s is suppressed, and states with such a count "
            "are merged into one row “other”."
        )
        % {"threshold": small_count()},
        columns=(
            Column(
                "section", "string", _("Which breakdown the row belongs to."), enum=sections, required=True
            ),
            Column(
                "key",
                "string",
                _(
                    "The kind, the year, the state's ISO 3166-1 alpha-3 code, or “other” for the states merged."
                ),
                required=True,
            ),
            Column("label", "string", _("The kind or the state, in words.")),
            Column("count", "integer", _("Number of requests; empty when suppressed as too small.")),
            Column("display", "string", _("The count as published: a number, or “<5” when suppressed.")),
        ),
        rows=rows,
        primary_key=("section", "key"),
    )
