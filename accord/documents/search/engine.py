"""Full-text search over documents: one semantics, two engines (SQLite FTS5, PostgreSQL).

Visibility and filters are ordinary queryset filters applied before
matching, so counts, pages and snippets never include what the user may not
see. SQLite ranks every match with bm25; PostgreSQL ranks a bounded set of
candidates with ts_rank_cd (ranking every match of a frequent word costs
more than the whole rest of the query), which is exact whenever a query
matches fewer than `PG_CANDIDATES` documents.
"""

import datetime
import html
from dataclasses import dataclass, field

from django.db import connection, transaction
from django.db.models import Q, QuerySet
from django.utils.translation import gettext as _

from accord.documents.models import Document, DocumentSearch
from accord.documents.search import entities
from accord.documents.search.analysis import TOKEN, surname_base, term
from accord.documents.search.query import QueryError, parse, positive_terms, to_fts5, to_tsquery

PG_CANDIDATES = 2000
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
    if connection.vendor == "postgresql":
        ranked, result.total = _postgres(base, to_tsquery(tree), offset, per_page)
    else:
        ranked, result.total = _sqlite(base, to_fts5(tree), offset, per_page)
    found, prefixes = positive_terms(tree)
    ids = [pk for pk, _rank in ranked]
    texts = dict(Document.objects.filter(pk__in=ids).values_list("pk", "text"))
    by_pk = {
        d.pk: d
        for d in Document.objects.filter(pk__in=ids).select_related("meeting").defer("text", "minhash")
    }
    result.hits = [
        Hit(by_pk[pk], rank, highlight(texts.get(pk, ""), found, prefixes))
        for pk, rank in ranked
        if pk in by_pk
    ]
    return result


def _sqlite(base: QuerySet, match: str, offset: int, limit: int) -> tuple[list[tuple[int, float]], int]:
    matched = base.extra(
        tables=["documents_search_fts"],
        where=[
            "documents_search_fts.rowid = documents_documentsearch.document_id",
            "documents_search_fts MATCH %s",
        ],
        params=[match],
    )
    total = matched.count()
    if total == 0:
        return [], 0
    rows = matched.extra(
        select={"rank": "bm25(documents_search_fts, 4.0, 1.0)"}, order_by=["rank", "-document_id"]
    )
    return [
        (pk, -rank) for pk, rank in rows.values_list("document_id", "rank")[offset : offset + limit]
    ], total


def _postgres(base: QuerySet, tsquery: str, offset: int, limit: int) -> tuple[list[tuple[int, float]], int]:
    with transaction.atomic():
        # For a frequent word the planner picks a sequential scan that unpacks every
        # row's tsvector; the GIN index answers the same in a tenth of the time.
        with connection.cursor() as cursor:
            cursor.execute("SET LOCAL enable_seqscan = off")
        return _postgres_ranked(base, tsquery, offset, limit)


def _postgres_ranked(
    base: QuerySet, tsquery: str, offset: int, limit: int
) -> tuple[list[tuple[int, float]], int]:
    matched = base.extra(
        where=["documents_documentsearch.vector @@ to_tsquery('simple', %s)"], params=[tsquery]
    )
    total = matched.count()
    if total == 0:
        return [], 0
    candidates = list(matched.values_list("document_id", flat=True)[:PG_CANDIDATES])
    with connection.cursor() as cursor:
        cursor.execute(
            """SELECT document_id, ts_rank_cd(vector, to_tsquery('simple', %s), 1) AS rank
               FROM documents_documentsearch WHERE document_id = ANY(%s)
               ORDER BY rank DESC, document_id DESC LIMIT %s OFFSET %s""",
            [tsquery, candidates, limit, offset],
        )
        return [(pk, float(rank)) for pk, rank in cursor.fetchall()], total


def highlight(text: str, found: set[str], prefixes: set[str]) -> str:
    """An HTML-safe snippet around the densest stretch of matching words, matches in <mark>."""
    sample = text[:SNIPPET_SCAN_CHARS]
    tokens = list(TOKEN.finditer(sample))
    if not tokens:
        return ""

    def matches(word: str) -> bool:
        lower = word.lower()
        if len(lower) < 3 and not lower.isdigit() and lower not in found:
            return False  # «по», «of» inside an expanded name are not worth a mark
        if term(lower) in found or surname_base(lower) in found:
            return True
        return any(lower.startswith(p) or term(lower).startswith(p) for p in prefixes)

    hits = [i for i, m in enumerate(tokens) if matches(m.group())]
    if hits:
        best = max(hits, key=lambda i: sum(1 for j in hits if i <= j < i + SNIPPET_WORDS))
        start = max(0, best - 5)
    else:
        start = 0
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
