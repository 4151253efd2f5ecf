"""The analysts' figures as plain rows: meetings per body and year, participation, the network.

Each function takes the reader and the filters and returns a `Figure`: the
table the page always shows (and the CSV holds, cell for cell) and the data
the chart draws. Everything is counted in SQL (`values()` + `Count`) from
querysets that start at `visible_to(user)`, so a figure never counts a row
the reader could not open. Two edges of the network read more widely, each
as another page already shows it: `_request_edges` (the published request
statistics, small counts suppressed) and `_review_edges` (a review's
reviewing states, seen wherever the review is).
"""

import datetime
from collections import defaultdict
from dataclasses import dataclass, field
from itertools import combinations

from django.db.models import Count, F
from django.db.models.functions import Coalesce, ExtractYear
from django.utils.translation import gettext as _

from accord.analytics.choices import EdgeType
from accord.core.roles import is_secretariat
from accord.meetings.choices import MeetingKind, ParticipantRole, ParticipationMode
from accord.meetings.models import Meeting, Participation
from accord.registry.models import Organization, State

#: The chart shows this many series by name; the rest are summed as one.
CHART_SERIES = 10
#: Meetings per page of the participation matrix.
MATRIX_MEETINGS = 60
#: Edges the network page lists; the CSV has them all.
NETWORK_TABLE_ROWS = 1000


@dataclass
class Figure:
    """A table (header, rows, an optional footer) and what its chart draws.

    Cells are plain values (str, int, or None for an empty cell); `links`
    holds, per row, an address for the cell in `link_column`, or None.
    """

    header: list[str]
    rows: list[list]
    footer: list | None = None
    links: list[str | None] = field(default_factory=list)
    chart: dict = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)
    total: int = 0
    page: int = 1
    pages: int = 1
    link_column: int = 0
    table_limit: int | None = None

    def csv_rows(self) -> list[list]:
        return [*self.rows, *([self.footer] if self.footer else [])]

    def display_rows(self) -> list[list[tuple]]:
        """Rows for the page: (value, address or None, is a number) per cell, up to `table_limit`."""
        rows = self.rows if self.table_limit is None else self.rows[: self.table_limit]
        out = []
        for index, row in enumerate(rows):
            link = self.links[index] if index < len(self.links) else None
            out.append(
                [
                    (cell, link if column == self.link_column else None, isinstance(cell, int))
                    for column, cell in enumerate(row)
                ]
            )
        return out


def _year_start(year: int) -> datetime.date:
    return datetime.date(year, 1, 1)


def _year_end(year: int) -> datetime.date:
    return datetime.date(year, 12, 31)


def _timeline_url(state: State) -> str:
    from django.urls import reverse

    return reverse("analytics:timeline_state", kwargs={"iso3": state.iso3})


# --- meetings per body and year -------------------------------------------------------------


def meetings_per_body_year(
    user, *, year_from: int | None = None, year_to: int | None = None, kind: str = ""
) -> Figure:
    """How many meetings each body organized per year; sittings count with their session only."""
    meetings = Meeting.objects.visible_to(user).filter(parent__isnull=True)
    if kind:
        meetings = meetings.filter(kind=kind)
    if year_from:
        meetings = meetings.filter(start_on__gte=_year_start(year_from))
    if year_to:
        meetings = meetings.filter(start_on__lte=_year_end(year_to))
    counts = (
        meetings.annotate(year=ExtractYear("start_on"))
        .values_list("body_id", "year")
        .annotate(n=Count("pk"))
        .order_by()
    )
    table: dict[int | None, dict[int, int]] = defaultdict(dict)
    for body_id, year, n in counts:
        table[body_id][year] = n
    years_seen = {year for per_year in table.values() for year in per_year}
    if not years_seen:
        return Figure(header=[_("Body"), _("Total")], rows=[], footer=None, chart={})
    years = list(range(min(years_seen), max(years_seen) + 1))
    bodies = Organization.objects.visible_to(user).in_bulk([pk for pk in table if pk is not None])
    names = {pk: body.name for pk, body in bodies.items()}
    names[None] = _("No organizing body")

    def order(pk):
        return (-sum(table[pk].values()), names.get(pk, ""))

    body_ids = sorted(table, key=order)
    rows, links = [], []
    for pk in body_ids:
        per_year = [table[pk].get(year, 0) for year in years]
        rows.append([names.get(pk, str(pk)), *per_year, sum(per_year)])
        links.append(bodies[pk].get_absolute_url() if pk in bodies else None)
    column_totals = [sum(table[pk].get(year, 0) for pk in body_ids) for year in years]
    footer = [_("Total"), *column_totals, sum(column_totals)]
    shown, rest = body_ids[:CHART_SERIES], body_ids[CHART_SERIES:]
    datasets = [
        {"label": names.get(pk, str(pk)), "data": [table[pk].get(y, 0) for y in years]} for pk in shown
    ]
    if rest:
        datasets.append(
            {
                "label": _("Other bodies"),
                "data": [sum(table[pk].get(y, 0) for pk in rest) for y in years],
            }
        )
    return Figure(
        header=[_("Body"), *[str(y) for y in years], _("Total")],
        rows=rows,
        footer=footer,
        links=links,
        total=sum(column_totals),
        chart={
            "type": "bar",
            "stacked": True,
            "labels": [str(y) for y in years],
            "datasets": datasets,
            "x_title": _("Year"),
            "y_title": _("Meetings"),
        },
    )


# --- participation matrix -------------------------------------------------------------------


def _cell(role: str, mode: str) -> str:
    label = str(ParticipantRole(role).label) if role in ParticipantRole.values else role
    if mode and mode != ParticipationMode.IN_PERSON:
        mode_label = str(ParticipationMode(mode).label) if mode in ParticipationMode.values else mode
        return _("{role}, {mode}").format(role=label, mode=mode_label.lower())
    return label


def participation_matrix(
    user,
    *,
    body: Organization | None = None,
    year: int | None = None,
    kind: str = "",
    page: int = 1,
) -> Figure:
    """States (rows) by meetings (columns): each cell the state's role, and its mode when not in person.

    Only meetings with at least one state among their participants are
    columns, oldest first, `MATRIX_MEETINGS` per page.
    """
    with_states = Participation.objects.visible_to(user).filter(state__isnull=False).values("meeting_id")
    meetings = Meeting.objects.visible_to(user).filter(pk__in=with_states)
    if body is not None:
        meetings = meetings.of_body(body)
    if year:
        meetings = meetings.filter(start_on__gte=_year_start(year), start_on__lte=_year_end(year))
    if kind:
        meetings = meetings.filter(kind=kind)
    total = meetings.count()
    pages = max(1, -(-total // MATRIX_MEETINGS))
    page = min(max(1, page), pages)
    first = (page - 1) * MATRIX_MEETINGS
    columns = list(
        meetings.select_related("body").order_by("start_on", "pk")[first : first + MATRIX_MEETINGS]
    )
    cells = (
        Participation.objects.visible_to(user)
        .filter(meeting__in=[m.pk for m in columns], state__isnull=False)
        .values_list("meeting_id", "state_id", "role", "mode")
        .order_by()
    )
    grid: dict[int, dict[int, str]] = defaultdict(dict)
    for meeting_id, state_id, role, mode in cells:
        grid[state_id][meeting_id] = _cell(role, mode)
    states = sorted(
        State.objects.visible_to(user).filter(pk__in=grid).only("iso3", "name_ru", "name_en"),
        key=lambda s: s.name,
    )
    rows, links = [], []
    for state in states:
        row = [grid[state.pk].get(m.pk) for m in columns]
        rows.append([state.name, *row, sum(1 for c in row if c)])
        links.append(_timeline_url(state))
    notes = []
    if total > MATRIX_MEETINGS:
        notes.append(
            _(
                "Meetings {first}–{last} of {total}, oldest first; narrow the filters or turn the page."
            ).format(first=first + 1, last=first + len(columns), total=total)
        )
    attended = sorted(((r[0], r[-1]) for r in rows), key=lambda pair: (-pair[1], pair[0]))[:30]
    chart = {}
    if attended:
        chart = {
            "type": "bar",
            "horizontal": True,
            "labels": [name for name, _n in attended],
            "datasets": [{"label": _("Meetings attended"), "data": [n for _name, n in attended]}],
            "x_title": _("Meetings attended"),
            "y_title": _("State"),
        }
    return Figure(
        header=[_("State"), *[f"{m.start_on:%Y-%m-%d} {m.title}" for m in columns], _("Meetings attended")],
        rows=rows,
        links=links,
        notes=notes,
        total=total,
        chart=chart,
        page=page,
        pages=pages,
    )


# --- cooperation network --------------------------------------------------------------------


@dataclass(frozen=True)
class Edge:
    """Two states and how often they cooperated in one way (a pair too small to publish is no edge)."""

    type: str
    a: int
    b: int
    weight: int
    display: str


def _pair(a: int, b: int) -> tuple[int, int]:
    return (a, b) if a < b else (b, a)


def _agreement_edges(user, year_from: int | None, year_to: int | None) -> dict[tuple[int, int], int]:
    """Agreements (signed, drafts left out) two states are parties to, themselves or by an authority."""
    from accord.cooperation.choices import AgreementStatus
    from accord.cooperation.models import AgreementParty

    parties = (
        AgreementParty.objects.visible_to(user)
        .exclude(agreement__status=AgreementStatus.DRAFT)
        .annotate(party_state=Coalesce("state_id", "organization__state_id"))
        .filter(party_state__isnull=False)
    )
    if year_from:
        parties = parties.filter(agreement__signed_on__gte=_year_start(year_from))
    if year_to:
        parties = parties.filter(agreement__signed_on__lte=_year_end(year_to))
    by_agreement: dict[int, set[int]] = defaultdict(set)
    for agreement_id, state_id in parties.values_list("agreement_id", "party_state").distinct().order_by():
        by_agreement[agreement_id].add(state_id)
    counts: dict[tuple[int, int], int] = defaultdict(int)
    for states in by_agreement.values():
        for pair in combinations(sorted(states), 2):
            counts[pair] += 1
    return counts


def _visit_edges(user, year_from: int | None, year_to: int | None) -> dict[tuple[int, int], int]:
    """Visits: the host country and each other state taking part (not as host), once per visit."""
    visits = (
        Participation.objects.visible_to(user)
        .filter(meeting__kind=MeetingKind.VISIT, meeting__country__isnull=False, state__isnull=False)
        .exclude(state_id=F("meeting__country_id"))
        .exclude(role=ParticipantRole.HOST)
    )
    if year_from:
        visits = visits.filter(meeting__start_on__gte=_year_start(year_from))
    if year_to:
        visits = visits.filter(meeting__start_on__lte=_year_end(year_to))
    counts: dict[tuple[int, int], int] = defaultdict(int)
    rows = (
        visits.values_list("meeting__country_id", "state_id")
        .annotate(n=Count("meeting_id", distinct=True))
        .order_by()
    )
    for host, visitor, n in rows:
        counts[_pair(host, visitor)] += n
    return counts


def _request_edges(user, year_from: int | None, year_to: int | None) -> dict[tuple[int, int], int]:
    """Cooperation requests between two states, both directions summed: a count and nothing else.

    Requests are confidential row by row, but their counts are published
    (`accord.legal_cooperation.statistics`) over all requests. An edge names
    a pair of states, so a pair with fewer than ACCORD_SMALL_COUNT requests
    is not shown at all to anyone but the secretariat (`network_edges`): a
    "<5" on the edge would still tell who exchanges requests. This is the one
    figure that counts rows the reader cannot open.
    """
    from accord.legal_cooperation.models import CooperationRequest

    requests = CooperationRequest.objects.all()
    if year_from:
        requests = requests.filter(received_on__gte=_year_start(year_from))
    if year_to:
        requests = requests.filter(received_on__lte=_year_end(year_to))
    counts: dict[tuple[int, int], int] = defaultdict(int)
    rows = (
        requests.values_list("requesting_state_id", "requested_state_id").annotate(n=Count("pk")).order_by()
    )
    for requesting, requested, n in rows:
        if requesting and requested:
            counts[_pair(requesting, requested)] += n
    return counts


def _review_edges(user, year_from: int | None, year_to: int | None) -> dict[tuple[int, int], int]:
    """Reviews: each reviewing state (not replaced) with the state under review, once per review.

    The reviewing states of a review are shown wherever the review is (the
    cycle board), so the review's visibility decides, not the assignment's.
    """
    from accord.reviews.models import CountryReview, ReviewerAssignment

    reviews = CountryReview.objects.visible_to(user)
    if year_from:
        reviews = reviews.filter(year__gte=year_from)
    if year_to:
        reviews = reviews.filter(year__lte=year_to)
    rows = (
        ReviewerAssignment.objects.filter(review__in=reviews.values("pk"), replaced_by__isnull=True)
        .exclude(state_id=F("review__state_id"))
        .values_list("review__state_id", "state_id")
        .annotate(n=Count("review_id", distinct=True))
        .order_by()
    )
    counts: dict[tuple[int, int], int] = defaultdict(int)
    for reviewed, reviewing, n in rows:
        counts[_pair(reviewed, reviewing)] += n
    return counts


EDGE_SOURCES = {
    "agreement": _agreement_edges,
    "visit": _visit_edges,
    "request": _request_edges,
    "review": _review_edges,
}


def network_edges(
    user,
    *,
    types: list[str] | None = None,
    year_from: int | None = None,
    year_to: int | None = None,
    state: State | None = None,
    min_weight: int = 1,
) -> list[Edge]:
    """The weighted, typed edges between states; pairs with few requests left out for all but the secretariat."""
    from accord.legal_cooperation.statistics import is_small

    chosen = [t for t in EdgeType.values if types is None or t in types]
    exact = is_secretariat(user)
    edges = []
    for edge_type in chosen:
        for (a, b), n in EDGE_SOURCES[edge_type](user, year_from, year_to).items():
            if state is not None and state.pk not in (a, b):
                continue
            if edge_type == EdgeType.REQUEST and not exact and is_small(n):
                continue  # the pair itself is what must not show, not only its count
            if n >= min_weight:
                edges.append(Edge(edge_type, a, b, n, str(n)))
    return edges


def cooperation_network(
    user,
    *,
    types: list[str] | None = None,
    year_from: int | None = None,
    year_to: int | None = None,
    state: State | None = None,
    min_weight: int = 1,
) -> Figure:
    """States as nodes, edges typed and weighted; the table lists every edge (first rows on the page)."""
    edges = network_edges(
        user, types=types, year_from=year_from, year_to=year_to, state=state, min_weight=min_weight
    )
    ids = {pk for e in edges for pk in (e.a, e.b)}
    states = State.objects.visible_to(user).in_bulk(ids) if ids else {}
    edges = [e for e in edges if e.a in states and e.b in states]
    # Names, codes, addresses and labels once per state and type, not once per edge (thousands of them).
    names = {pk: s.name for pk, s in states.items()}
    codes = {pk: s.iso3 for pk, s in states.items()}
    urls = {pk: _timeline_url(s) for pk, s in states.items()}
    labels = {t: str(label) for t, label in EdgeType.choices}
    type_order = {t: i for i, t in enumerate(EdgeType.values)}
    edges.sort(key=lambda e: (type_order[e.type], -(e.weight or 0), names[e.a], names[e.b]))
    rows = [[names[e.a], names[e.b], labels[e.type], e.display] for e in edges]
    links = [urls[e.a] for e in edges]
    degree: dict[int, int] = defaultdict(int)
    for e in edges:
        degree[e.a] += 1
        degree[e.b] += 1
    nodes = [
        {"id": codes[pk], "label": names[pk], "degree": degree[pk], "url": urls[pk]}
        for pk in sorted(states, key=names.get)
    ]
    graph_edges = [
        {
            "source": codes[e.a],
            "target": codes[e.b],
            "type": e.type,
            "weight": e.weight,
            "display": e.display,
        }
        for e in edges
    ]
    notes = []
    if (types is None or EdgeType.REQUEST in types) and not is_secretariat(user):
        from accord.legal_cooperation.statistics import small_count

        # Said whether or not a pair was left out here, so the note tells nothing about any state.
        notes.append(
            _("Pairs of states with fewer than {threshold} cooperation requests are not shown.").format(
                threshold=small_count()
            )
        )
    if len(rows) > NETWORK_TABLE_ROWS:
        notes.append(
            _("The table lists the first {shown} of {total} edges; the CSV has them all.").format(
                shown=NETWORK_TABLE_ROWS, total=len(rows)
            )
        )
    return Figure(
        header=[_("State"), _("State"), _("Cooperation"), _("Count")],
        rows=rows,
        links=links,
        notes=notes,
        total=len(rows),
        table_limit=NETWORK_TABLE_ROWS,
        chart={
            "type": "network",
            "nodes": nodes,
            "edges": graph_edges,
            "types": [{"key": t, "label": labels[t]} for t in EdgeType.values],
        }
        if nodes
        else {},
    )
