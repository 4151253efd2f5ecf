"""Full-text search over documents: one semantics, two engines (SQLite FTS5, PostgreSQL).

Visibility and filters are ordinary queryset filters applied before
matching, so counts, pages and snippets never include what the user may not
see. The total is exact. Ranking reads every candidate's position lists
(FTS5) or its tsvector (PostgreSQL), which for a word in most documents costs
more than everything else in the query, while such a word's weight is close
to nothing anyway; so both engines rank a bounded set, the newest
`RANKED_CANDIDATES` matches (by document id), with bm25 or ts_rank_cd.
That is exact whenever fewer documents match; pages past the candidates go
on newest first.

PostgreSQL keeps each tsvector out of line (TOAST): the GIN index answers a
match without reading it, while testing rows one by one reads and unpacks
every vector. The planner's cost model leaves that read out, so for a
frequent word it picks a sequential scan ten to forty times slower than the
index; hiding the query in a sub-select (so it cannot see how frequent the
word is) only made it pick a parallel one, and ORDER BY id LIMIT n made it
walk the primary key testing every row. So the matches are counted and
their ids collected in one aggregate (no order for an index to offer), with
sequential scans disabled for these statements only: the previous setting
is put back afterwards, inside an outer transaction too (`SET LOCAL` alone
would last until that transaction ends).
"""

import datetime
import html
from contextlib import contextmanager
from dataclasses import dataclass, field

from django.db import connection, transaction
from django.db.models import Q, QuerySet
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

RANKED_CANDIDATES = 1000
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
    matching = prune(tree)
    if connection.vendor == "postgresql":
        ranked, result.total = _postgres(base, matching, offset, per_page)
    else:
        ranked, result.total = _sqlite(base, to_fts5(matching), offset, per_page)
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
    matched = base.extra(
        tables=["documents_search_fts"],
        where=[
            "documents_search_fts.rowid = documents_documentsearch.document_id",
            "documents_search_fts MATCH %s",
        ],
        params=[match],
    )
    total = matched.count()
    if total == 0 or offset >= total:
        return [], total
    # FTS5 walks a match newest first without sorting; the candidates are the rows from the Nth on.
    newest = matched.extra(order_by=["-documents_search_fts.rowid"]).values_list("document_id", flat=True)
    ranked: list[tuple[int, float]] = []
    if offset < RANKED_CANDIDATES:
        candidates = matched
        if total > RANKED_CANDIDATES:
            oldest = newest[RANKED_CANDIDATES - 1]
            candidates = matched.extra(where=["documents_search_fts.rowid >= %s"], params=[oldest])
        rows = candidates.extra(
            select={"rank": "bm25(documents_search_fts, 4.0, 1.0)"}, order_by=["rank", "-document_id"]
        ).values_list("document_id", "rank")
        ranked = [(pk, -rank) for pk, rank in rows[offset : min(offset + limit, RANKED_CANDIDATES)]]
    return ranked + _past_candidates(newest, offset, limit, len(ranked)), total


def _past_candidates(newest, offset: int, limit: int, have: int) -> list[tuple[int, float]]:
    """Rows of the page beyond the ranked candidates: newest first, unranked."""
    if have >= limit:
        return []
    start = max(offset, RANKED_CANDIDATES)
    return [(pk, 0.0) for pk in newest[start : start + limit - have]]


@contextmanager
def _gin_index_only():
    """Sequential scans off for the statements inside, the previous setting back afterwards."""
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SELECT current_setting('enable_seqscan')")
        (previous,) = cursor.fetchone()
        cursor.execute("SET LOCAL enable_seqscan = off")
        yield
        cursor.execute("SELECT set_config('enable_seqscan', %s, true)", [previous])


def _postgres(base: QuerySet, tree, offset: int, limit: int) -> tuple[list[tuple[int, float]], int]:
    with _gin_index_only():
        return _postgres_ranked(base, tree, offset, limit)


def _postgres_ranked(base: QuerySet, tree, offset: int, limit: int) -> tuple[list[tuple[int, float]], int]:
    exact = to_tsquery(tree)

    def matching(tsquery: str, *columns: str) -> tuple[str, tuple]:
        return (
            base.extra(
                select={"vector": "documents_documentsearch.vector"},
                where=["documents_documentsearch.vector @@ to_tsquery('simple', %s)"],
                params=[tsquery],
            )
            .values_list("document_id", *columns)
            .query.sql_with_params()
        )

    loose = _without_phrases(tree) if _has_phrase(tree) else None
    if loose is None:
        sql, params = matching(exact)
    else:
        # GIN finds a phrase's words but must read each row's vector for their order, and it
        # would read every row on a page where one needs it. So: rows that match without the
        # phrases, read from the index alone; then the rest of the phrase words' rows, filtered
        # first and only then tested (the OFFSET 0 fence keeps the two steps apart).
        sure = _phrase_free(tree)
        rest = loose if sure is None else And([loose, Not(sure)])
        rest_sql, rest_params = matching(to_tsquery(rest), "vector")
        sql = f"""SELECT c.document_id FROM ({rest_sql} OFFSET 0) AS c
                  WHERE c.vector @@ to_tsquery('simple', %s)"""
        params = (*rest_params, exact)
        if sure is not None:
            sure_sql, sure_params = matching(to_tsquery(sure))
            sql, params = f"{sure_sql} UNION ALL {sql}", (*sure_params, *params)
    # One pass counts the matches and keeps the ids the page needs, newest first.
    first, last = (
        (1, max(RANKED_CANDIDATES, offset + limit))
        if offset < RANKED_CANDIDATES
        else (offset + 1, offset + limit)
    )
    with connection.cursor() as cursor:
        cursor.execute(
            f"""SELECT count(*), (array_agg(m.document_id ORDER BY m.document_id DESC))[%s:%s]
                FROM ({sql}) AS m""",
            [first, last, *params],
        )
        total, ids = cursor.fetchone()
        if not total or offset >= total:
            return [], total
        if offset >= RANKED_CANDIDATES:
            return [(pk, 0.0) for pk in ids], total
        cursor.execute(
            """SELECT document_id, ts_rank_cd(vector, to_tsquery('simple', %s), 1) AS rank
               FROM documents_documentsearch WHERE document_id = ANY(%s)
               ORDER BY rank DESC, document_id DESC LIMIT %s OFFSET %s""",
            [exact, ids[:RANKED_CANDIDATES], limit, offset],
        )
        ranked = [(pk, float(rank)) for pk, rank in cursor.fetchall()]
    past = ids[RANKED_CANDIDATES : RANKED_CANDIDATES + limit - len(ranked)] if len(ranked) < limit else []
    return ranked + [(pk, 0.0) for pk in past], total


def _without_phrases(node):
    """A query without phrases that matches at least what `node` matches, or None when there is none.

    A phrase becomes its words; an exclusion of something with a phrase in it is left out.
    """
    if isinstance(node, Phrase):
        return And([Term(t) for t in node.terms])
    if isinstance(node, Not):
        return None if _has_phrase(node.child) else node
    if isinstance(node, Or):
        children = [_without_phrases(c) for c in node.children]
        return None if None in children else Or(children)
    if isinstance(node, And):
        children = [c for c in map(_without_phrases, node.children) if c is not None]
        if not any(not isinstance(c, Not) for c in children):
            return None  # nothing left for the index to look up
        return children[0] if len(children) == 1 else And(children)
    return node


def _phrase_free(node):
    """A query without phrases that matches only what `node` matches, or None when it matches nothing."""
    if isinstance(node, Phrase):
        return None
    if isinstance(node, Not):
        return None if _has_phrase(node.child) else node
    if isinstance(node, Or):
        children = [c for c in map(_phrase_free, node.children) if c is not None]
        return (children[0] if len(children) == 1 else Or(children)) if children else None
    if isinstance(node, And):
        children = [_phrase_free(c) for c in node.children]
        if None in children or all(isinstance(c, Not) for c in children):
            return None
        return And(children)
    return node


def _has_phrase(node) -> bool:
    if isinstance(node, Phrase):
        return True
    if isinstance(node, Not):
        return _has_phrase(node.child)
    if isinstance(node, (And, Or)):
        return any(_has_phrase(c) for c in node.children)
    return False


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
