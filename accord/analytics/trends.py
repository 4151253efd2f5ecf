"""Mention trends: how many documents name a record, or match a search, per month or year.

A record's series counts the distinct documents with a mention linked to
it; a query's series counts the documents the search page would find. Both
start from what the reader may see (`Mention.objects.visible_to`,
`DocumentSearch.objects.visible_to`), are grouped by the document's date in
SQL, and leave out documents without a date.
"""

import datetime
from dataclasses import dataclass, field

from django.db import connection
from django.db.models import Count, DateField, Q
from django.db.models.functions import Trunc
from django.utils.translation import gettext as _

from accord.analytics.choices import Granularity, SeriesKind
from accord.analytics.figures import Figure
from accord.core.forms import whole_number
from accord.registry.models import Organization, Person, State

MAX_SERIES = 5
#: A record's name is looked up among at most this many candidates before asking to be more precise.
CANDIDATES = 5


class SeriesError(ValueError):
    """A series that cannot be drawn: unknown record, ambiguous name, bad query."""


@dataclass
class Series:
    kind: str
    value: str
    label: str
    record: object = None
    counts: dict[datetime.date, int] = field(default_factory=dict)


def _one(queryset, value: str, what: str):
    found = list(queryset[: CANDIDATES + 1])
    if not found:
        raise SeriesError(_("No {what} matches “{value}”.").format(what=what, value=value))
    if len(found) > 1:
        names = ", ".join(str(x) for x in found[:CANDIDATES])
        more = "…" if len(found) > CANDIDATES else ""
        raise SeriesError(
            _("Several records match “{value}”: {names}{more}. Be more precise.").format(
                value=value, names=names, more=more
            )
        )
    return found[0]


def resolve(user, kind: str, value: str) -> Series:
    """The series a kind and a typed value stand for: a state by ISO code or name, a body or person by id or name."""
    value = value.strip()
    if not value:
        raise SeriesError(_("Type a name, a code or a query."))
    if kind == SeriesKind.QUERY:
        _parsed_query(value)
        return Series(kind, value, f"«{value}»")
    if kind == SeriesKind.STATE:
        states = State.objects.visible_to(user)
        exact = states.filter(
            Q(iso3__iexact=value)
            | Q(iso2__iexact=value)
            | Q(name_ru__iexact=value)
            | Q(name_en__iexact=value)
        )
        state = _one(exact if exact.exists() else states.search(value), value, _("state"))
        return Series(kind, state.iso3, state.name, state)
    if kind == SeriesKind.ORGANIZATION:
        organizations = Organization.objects.visible_to(user)
        if (pk := whole_number(value)) is not None:
            candidates = organizations.filter(pk=pk)
        else:
            candidates = organizations.filter(
                Q(abbreviation_ru__iexact=value)
                | Q(abbreviation_en__iexact=value)
                | Q(name_ru__iexact=value)
                | Q(name_en__iexact=value)
            )
            if not candidates.exists():
                candidates = organizations.search(value)
        organization = _one(candidates, value, _("organization"))
        return Series(
            kind, str(organization.pk), organization.abbreviation or organization.name, organization
        )
    if kind == SeriesKind.PERSON:
        people = Person.objects.visible_to(user)
        pk = whole_number(value)
        candidates = people.filter(pk=pk) if pk is not None else people.search(value)
        person = _one(candidates, value, _("person"))
        return Series(kind, str(person.pk), person.name, person)
    raise SeriesError(_("Unknown kind of series: {kind}.").format(kind=kind))


def _parsed_query(text: str):
    from accord.documents.search import entities
    from accord.documents.search.engine import prune
    from accord.documents.search.query import QueryError, parse

    try:
        tree = entities.expand(parse(text))
    except QueryError as exc:
        raise SeriesError(str(exc)) from exc
    if tree is None:
        raise SeriesError(_("Type a word to search for."))
    return prune(tree)


def matching_documents(user, text: str):
    """The reader's `DocumentSearch` rows that the search page would find for `text`."""
    from accord.documents.models import DocumentSearch
    from accord.documents.search.query import to_fts5, to_tsquery

    tree = _parsed_query(text)
    base = DocumentSearch.objects.visible_to(user)
    if connection.vendor == "postgresql":
        return base.extra(
            where=["documents_documentsearch.vector @@ to_tsquery('simple', %s)"], params=[to_tsquery(tree)]
        )
    return base.extra(
        tables=["documents_search_fts"],
        where=[
            "documents_search_fts.rowid = documents_documentsearch.document_id",
            "documents_search_fts MATCH %s",
        ],
        params=[to_fts5(tree)],
    )


def _period(lookup: str, granularity: str):
    return Trunc(lookup, granularity, output_field=DateField())


def count_series(
    user,
    series: Series,
    *,
    granularity: str = Granularity.YEAR,
    date_from: datetime.date | None = None,
    date_to: datetime.date | None = None,
) -> dict[datetime.date, int]:
    """Documents per period (the first day of its month or year) for one series."""
    from accord.extraction.models import Mention

    query = series.kind == SeriesKind.QUERY
    if query:
        rows, lookup = matching_documents(user, series.value), "published_on"
    else:
        rows = Mention.objects.visible_to(user).filter(**{series.kind: series.record})
        lookup = "document__published_on"
    rows = rows.filter(**{f"{lookup}__isnull": False})
    if date_from:
        rows = rows.filter(**{f"{lookup}__gte": date_from})
    if date_to:
        rows = rows.filter(**{f"{lookup}__lte": date_to})
    grouped = (
        rows.annotate(period=_period(lookup, granularity))
        .values_list("period")
        # One search row per document; a document names a record many times.
        .annotate(n=Count("document_id", distinct=not query))
        .order_by()
    )
    if query and connection.vendor == "postgresql":
        from accord.documents.search.engine import _gin_index_only

        # Left to itself the planner scans every row and unpacks its vector (measured at 50,000
        # documents: 330-730 ms instead of 20-35 ms); the search engine's own remedy, reused.
        with _gin_index_only():
            return dict(grouped)
    return dict(grouped)


def _periods(first: datetime.date, last: datetime.date, granularity: str) -> list[datetime.date]:
    out, day = [], first
    while day <= last:
        out.append(day)
        if granularity == Granularity.YEAR:
            day = datetime.date(day.year + 1, 1, 1)
        else:
            day = datetime.date(day.year + (day.month == 12), day.month % 12 + 1, 1)
    return out


def period_label(day: datetime.date, granularity: str) -> str:
    return str(day.year) if granularity == Granularity.YEAR else f"{day:%Y-%m}"


def mention_trends(
    user,
    series: list[Series],
    *,
    granularity: str = Granularity.YEAR,
    date_from: datetime.date | None = None,
    date_to: datetime.date | None = None,
) -> Figure:
    """Up to five series side by side: one row per period, gaps filled with zeros."""
    for s in series[:MAX_SERIES]:
        s.counts = count_series(user, s, granularity=granularity, date_from=date_from, date_to=date_to)
    series = series[:MAX_SERIES]
    seen = [day for s in series for day in s.counts]
    header = [_("Period"), *[s.label for s in series]]
    if not seen:
        return Figure(header=header, rows=[], chart={})
    periods = _periods(min(seen), max(seen), granularity)
    rows = [[period_label(p, granularity), *[s.counts.get(p, 0) for s in series]] for p in periods]
    totals = [sum(s.counts.values()) for s in series]
    return Figure(
        header=header,
        rows=rows,
        footer=[_("Total"), *totals],
        total=sum(totals),
        chart={
            "type": "line",
            "labels": [r[0] for r in rows],
            "datasets": [{"label": s.label, "data": [s.counts.get(p, 0) for p in periods]} for s in series],
            "x_title": _("Year") if granularity == Granularity.YEAR else _("Month"),
            "y_title": _("Documents"),
        },
    )
