"""Full-text search over documents: one semantics, two engines (SQLite FTS5, PostgreSQL).

Visibility and filters are ordinary queryset filters applied before
matching and ranking, so counts, pages, ranks and snippets never include
what the user may not see. Matches are ranked (bm25 on FTS5, ts_rank_cd on
PostgreSQL, the title weighing four times the body) and the page is the top
of that order, ties newest first; only the page's documents are loaded and
get a snippet.

The total is exact up to `TOTAL_EXACT_UP_TO` and "more than that" above
(Elasticsearch's `track_total_hits`): counting stops there, and pages go no
further, since nobody reads the 501st page of a word in every document.

What is ranked, on both engines: up to `TOTAL_EXACT_UP_TO` visible
matches, every one of them; above it, the newest `TOTAL_EXACT_UP_TO` (by
document id, the order of ties), which the reader sees as "more than
10,000 found", 500 pages of the best of the newest. A query matching that
many documents is a common word, whose weight is near nothing anyway;
narrower and filtered queries, where relevance matters, are ranked in
full. Ranking reads each match's stored tsvector on PostgreSQL (about
16 µs a match: 64,000 matches of «коррупция» took 1 s to order against
48 ms for the bare match) and its position lists on SQLite. Measured with
bench/search.py at 100,000 documents, word queries p50/p95: PostgreSQL
249/908 ms ranking every match, 144/200 ms the newest 10,000; SQLite
89/163 ms and 49/94 ms.

PostgreSQL keeps each tsvector out of line (TOAST): the GIN index answers a
match without reading it, and the planner's cost model leaves that read
out, so for a frequent word it would pick a sequential scan that reads and
unpacks every row's vector. Ranking reads the matches' vectors anyway, but
not the others': sequential scans are disabled for these statements only,
the previous setting put back afterwards, inside an outer transaction too
(`SET LOCAL` alone would last until that transaction ends).
"""

import datetime
import html
from contextlib import contextmanager
from dataclasses import dataclass, field

from django.db import connection, transaction
from django.db.models import F, Q, QuerySet, Value
from django.db.models.functions import Substr
from django.utils.translation import gettext as _

from accord.documents.models import Document, DocumentSearch
from accord.documents.search import entities
from accord.documents.search.analysis import TOKEN, surname_base, term
from accord.documents.search.query import (
    And,
    Not,
    Or,
    Phrase,
    QueryError,
    Term,
    parse,
    positive_terms,
    to_fts5,
    to_tsquery,
)
from accord.documents.symbols import LOOKALIKES

TOTAL_EXACT_UP_TO = 10_000
RANK_WEIGHTS = (4.0, 1.0)  # title, body: FTS5's bm25 column weights; PostgreSQL's A and B labels
SNIPPET_WORDS = 30
SNIPPET_SCAN_CHARS = 60_000


@dataclass
class Hit:
    document: Document
    rank: float
    snippet: str


@dataclass
class SearchPage:
    query: str
    total: int = 0
    hits: list[Hit] = field(default_factory=list)
    error: str = ""
    page: int = 1
    per_page: int = 20
    # False when more documents match than were counted: `total` is then a lower bound.
    total_is_exact: bool = True

    @property
    def pages(self) -> int:
        return max(1, -(-self.total // self.per_page))


def apply_filters(queryset: QuerySet, filters: dict) -> QuerySet:
    """Date range, language, kind, body (its sub-bodies too), state, meeting, on DocumentSearch rows."""
    if value := filters.get("language"):
        queryset = queryset.filter(language=value)
    if value := filters.get("kind"):
        queryset = queryset.filter(kind=value)
    if value := filters.get("date_from"):
        queryset = queryset.filter(published_on__gte=value)
    if value := filters.get("date_to"):
        queryset = queryset.filter(published_on__lte=value)
    if value := filters.get("meeting"):
        queryset = queryset.filter(meeting_id=getattr(value, "pk", value))
    if value := filters.get("body"):
        from accord.meetings.models import Meeting

        meetings = Meeting.objects.of_body(value).values("pk")
        queryset = queryset.filter(Q(meeting_id__in=meetings) | Q(publisher_id=value.pk))
    if value := filters.get("state"):
        from accord.meetings.models import Meeting

        queryset = queryset.filter(meeting_id__in=Meeting.objects.of_state(value).values("pk"))
    return queryset


def search(user, text: str, *, filters: dict | None = None, page: int = 1, per_page: int = 20) -> SearchPage:
    result = SearchPage(query=text, page=max(1, page), per_page=per_page)
    try:
        tree = entities.expand(parse(text))
    except QueryError as exc:
        result.error = str(exc)
        return result
    if tree is None:
        result.error = _("Type a word to search for.")
        return result
    # Visibility and filters on the narrow DocumentSearch rows, never on documents with their text.
    base = apply_filters(DocumentSearch.objects.visible_to(user), filters or {})
    offset = (result.page - 1) * per_page
    matching = prune(tree)
    if connection.vendor == "postgresql":
        ranked, total = _postgres(base, to_tsquery(matching), offset, per_page)
    else:
        ranked, total = _sqlite(base, to_fts5(matching), offset, per_page)
    result.total = min(total, TOTAL_EXACT_UP_TO)
    result.total_is_exact = total <= TOTAL_EXACT_UP_TO
    if not ranked:
        return result
    found, prefixes = positive_terms(tree)
    marker = Marker(found, prefixes)
    ids = [pk for pk, _rank in ranked]
    by_pk = {
        d.pk: d
        for d in Document.objects.filter(pk__in=ids)
        .select_related("meeting")
        .defer("text", "minhash")
        .annotate(snippet_source=Substr("text", 1, SNIPPET_SCAN_CHARS))
    }
    result.hits = [
        Hit(by_pk[pk], rank, highlight(by_pk[pk].snippet_source or "", found, prefixes, marker=marker))
        for pk, rank in ranked
        if pk in by_pk
    ]
    return result


def prune(node):
    """The same matches with less work: in an OR, a phrase containing one of its plain words goes.

    «"республика узбекистан" OR узбекистан» matches what «узбекистан» does;
    entity names expand into such ORs, and each phrase costs a read of
    positions (FTS5) or of the whole vector (PostgreSQL) per candidate row.
    """
    if isinstance(node, Or):
        children = [prune(child) for child in node.children]
        words = {c.value for c in children if isinstance(c, Term) and not c.prefix}
        kept = [c for c in children if not (isinstance(c, Phrase) and words.intersection(c.terms))]
        return kept[0] if len(kept) == 1 else Or(kept)
    if isinstance(node, And):
        return And([prune(child) for child in node.children])
    if isinstance(node, Not):
        return Not(prune(node.child))
    return node


def _sqlite(base: QuerySet, match: str, offset: int, limit: int) -> tuple[list[tuple[int, float]], int]:
    """(document id, rank) of the page among the visible matches ranked, best first, and the count (capped)."""
    matched = base.extra(
        tables=["documents_search_fts"],
        where=[
            "documents_search_fts.rowid = documents_documentsearch.document_id",
            "documents_search_fts MATCH %s",
        ],
        params=[match],
    )
    # Counting stops one past the threshold: a LIMIT inside the COUNT's sub-select.
    total = matched.values("document_id")[: TOTAL_EXACT_UP_TO + 1].count()
    end = min(offset + limit, total, TOTAL_EXACT_UP_TO)
    if offset >= end:
        return [], total
    if total > TOTAL_EXACT_UP_TO:
        # FTS5 walks a match newest first without sorting; the ranked rows are those from the Nth on.
        newest = matched.extra(order_by=["-documents_search_fts.rowid"]).values_list("document_id", flat=True)
        oldest = newest[TOTAL_EXACT_UP_TO - 1]
        matched = matched.extra(where=["documents_search_fts.rowid >= %s"], params=[oldest])
    title, body = RANK_WEIGHTS
    rows = matched.extra(
        select={"rank": f"bm25(documents_search_fts, {title}, {body})"}, order_by=["rank", "-document_id"]
    ).values_list("document_id", "rank")[offset:end]
    return [(pk, -rank) for pk, rank in rows], total


@contextmanager
def _gin_index_only():
    """Sequential scans off for the statements inside, the previous setting back afterwards."""
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SELECT current_setting('enable_seqscan')")
        (previous,) = cursor.fetchone()
        cursor.execute("SET LOCAL enable_seqscan = off")
        yield
        cursor.execute("SELECT set_config('enable_seqscan', %s, true)", [previous])


def _postgres(base: QuerySet, tsquery: str, offset: int, limit: int) -> tuple[list[tuple[int, float]], int]:
    """As `_sqlite`.

    One statement: the visible matches with their count, sorted by id (the
    bitmap scan reads their rows but not their out-of-line vectors), the
    newest N kept, and only those vectors read and ranked. `+ 0` keeps the
    planner from walking the primary key newest first and testing each row's
    vector on the way.
    """
    matched = base.extra(
        where=["documents_documentsearch.vector @@ to_tsquery('simple', %s)"], params=[tsquery]
    )
    end = min(offset + limit, TOTAL_EXACT_UP_TO)
    title, body = RANK_WEIGHTS
    newest = (
        matched.extra(select={"vector": "documents_documentsearch.vector", "matches": "count(*) OVER ()"})
        .values_list("document_id", "vector", "matches")
        .order_by((F("document_id") + Value(0)).desc())[:TOTAL_EXACT_UP_TO]
    )
    newest_sql, newest_params = newest.query.sql_with_params()
    # ts_rank_cd's weights are {D, C, B, A}; normalization 1 divides by 1 + log(length), as bm25 does by length.
    sql = f"""SELECT newest.document_id, ts_rank_cd('{{0.1, 0.2, {body / title}, 1.0}}', newest.vector,
                         to_tsquery('simple', %s), 1) AS rank, newest.matches
              FROM ({newest_sql}) AS newest
              ORDER BY rank DESC, newest.document_id DESC LIMIT %s OFFSET %s"""
    with _gin_index_only(), connection.cursor() as cursor:
        rows = []
        if offset < end:
            cursor.execute(sql, [tsquery, *newest_params, end - offset, offset])
            rows = cursor.fetchall()
        if not rows:
            # Past the last match or the threshold, or no match: the count alone.
            return [], matched.values("document_id")[: TOTAL_EXACT_UP_TO + 1].count()
    return [(pk, float(rank)) for pk, rank, _matches in rows], rows[0][2]


class Marker:
    """Whether a word of a text is one the query matched, decided once per distinct word."""

    def __init__(self, found: set[str], prefixes: set[str]) -> None:
        self.found, self.prefixes = found, prefixes
        self.seen: dict[str, bool] = {}

    def __call__(self, word: str) -> bool:
        known = self.seen.get(word)
        if known is None:
            known = self.seen[word] = self._decide(word)
        return known

    def _decide(self, word: str) -> bool:
        lower = word.lower()
        if len(lower) < 3 and not lower.isdigit() and lower not in self.found:
            return False  # «по», «of» inside an expanded name are not worth a mark
        if term(lower) in self.found or surname_base(lower) in self.found:
            return True
        latin = word.translate(LOOKALIKES).lower()
        if latin != lower and latin.isascii() and term(latin) in self.found:
            return True  # a part of a symbol in look-alike letters (СТОС → ctoc)
        return any(lower.startswith(p) or term(lower).startswith(p) for p in self.prefixes)


def highlight(text: str, found: set[str], prefixes: set[str], *, marker: Marker | None = None) -> str:
    """An HTML-safe snippet around the densest stretch of matching words, matches in <mark>."""
    sample = text[:SNIPPET_SCAN_CHARS]
    tokens = list(TOKEN.finditer(sample))
    if not tokens:
        return ""
    matches = marker or Marker(found, prefixes)
    hits = [i for i, m in enumerate(tokens) if matches(m.group())]
    start = 0
    if hits:
        # The first hit of the window of SNIPPET_WORDS tokens that holds the most hits.
        best, best_count, last = hits[0], 0, 0
        for first, position in enumerate(hits):
            while last < len(hits) and hits[last] < position + SNIPPET_WORDS:
                last += 1
            if last - first > best_count:
                best, best_count = position, last - first
        start = max(0, best - 5)
    end = min(len(tokens), start + SNIPPET_WORDS)
    hit_set = set(hits)
    pieces, cursor = [], tokens[start].start()
    for i in range(start, end):
        token = tokens[i]
        pieces.append(html.escape(sample[cursor : token.start()]))
        word = html.escape(token.group())
        pieces.append(f"<mark>{word}</mark>" if i in hit_set else word)
        cursor = token.end()
    prefix = "… " if start > 0 else ""
    suffix = " …" if end < len(tokens) else ""
    return prefix + "".join(pieces).strip() + suffix


def parse_date(value: str | None) -> datetime.date | None:
    try:
        return datetime.date.fromisoformat(value) if value else None
    except ValueError:
        return None
