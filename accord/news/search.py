"""News in the documents' full-text engine: the same analyzer, query language and ranking.

An item's titles in both languages are its title terms, its leads and texts
(HTML stripped) its body terms, so «ташкент» finds «Ташкент» on SQLite too
(terms are lower-case lemmas, not LIKE patterns) and "reviews" finds
"review". Terms are written in the transaction that saves the item
(`on_news_saved`); `accord reindex` writes them all again.
"""

from dataclasses import dataclass

from django.db import connection
from django.db.models import QuerySet
from django.utils.html import strip_tags

from accord.documents.search import entities
from accord.documents.search.analysis import terms_text
from accord.documents.search.engine import Marker, SearchPage, highlight, prune
from accord.documents.search.indexing import VECTOR_SQL
from accord.documents.search.query import QueryError, parse, positive_terms, to_fts5, to_tsquery

TEXT_FIELDS = ("title_ru", "title_en", "lead_ru", "lead_en", "body_ru", "body_en")


@dataclass
class NewsHit:
    item: object  # NewsItem
    rank: float
    snippet: str


def index_fields(item) -> None:
    """Write the terms of one item (a model instance, historical ones included) in one statement."""
    title = terms_text(f"{item.title_ru}\n{item.title_en}")
    body = terms_text("\n".join(strip_tags(getattr(item, name) or "") for name in TEXT_FIELDS[2:]))
    columns, values, params = "news_id, title_terms, body_terms", "%s, %s, %s", [item.pk, title, body]
    update = "title_terms = excluded.title_terms, body_terms = excluded.body_terms"
    if connection.vendor == "postgresql":
        columns += ", vector"
        values += ", " + VECTOR_SQL
        params += [title, body]
        update += ", vector = excluded.vector"
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO news_newsterms ({columns}) VALUES ({values}) ON CONFLICT (news_id) DO UPDATE SET {update}",
            params,
        )


def on_news_saved(sender, instance, raw=False, update_fields=None, **kwargs) -> None:
    """post_save of NewsItem: the terms follow the texts (a status change alone leaves them)."""
    if raw or (update_fields is not None and not set(TEXT_FIELDS) & set(update_fields)):
        return
    index_fields(instance)


def reindex_all() -> int:
    """Every item's terms written again (`accord reindex`); the number of items."""
    from accord.news.models import NewsItem

    count = 0
    for item in NewsItem.objects.only("pk", *TEXT_FIELDS).iterator(chunk_size=500):
        index_fields(item)
        count += 1
    return count


def _matching(queryset: QuerySet, tree) -> QuerySet:
    """The items of `queryset` that match, with their `rank` (higher is better)."""
    table = queryset.model._meta.db_table
    if connection.vendor == "postgresql":
        tsquery = to_tsquery(tree)
        return queryset.extra(
            tables=["news_newsterms"],
            where=[
                f"news_newsterms.news_id = {table}.id",
                "news_newsterms.vector @@ to_tsquery('simple', %s)",
            ],
            params=[tsquery],
            select={"rank": "ts_rank_cd(news_newsterms.vector, to_tsquery('simple', %s), 1)"},
            select_params=[tsquery],
        )
    return queryset.extra(
        tables=["news_search_fts"],
        where=[f"news_search_fts.rowid = {table}.id", "news_search_fts MATCH %s"],
        params=[to_fts5(tree)],
        select={"rank": "-bm25(news_search_fts, 4.0, 1.0)"},
    )


def matching_ids(text: str) -> QuerySet:
    """Ids of the items that match a query (the news list's `q`); nothing for a query that cannot be read."""
    from accord.news.models import NewsItem

    try:
        tree = entities.expand(parse(text))
    except QueryError:
        return NewsItem.objects.none().values("pk")
    if tree is None:
        return NewsItem.objects.values("pk")
    return _matching(NewsItem.objects.order_by(), prune(tree)).values("pk")


def search_news(user, text: str, *, page: int = 1, per_page: int = 20) -> SearchPage:
    """The items `user` may read that match, best first: the same answer documents' search gives."""
    from accord.news.models import NewsItem

    result = SearchPage(query=text, page=max(1, page), per_page=per_page)
    try:
        tree = entities.expand(parse(text))
    except QueryError as exc:
        result.error = str(exc)
        return result
    if tree is None:
        return result
    matched = _matching(NewsItem.objects.visible_to(user).order_by(), prune(tree))
    result.total = matched.count()
    offset = (result.page - 1) * per_page
    items = list(matched.extra(order_by=["-rank", "-published_at", "-id"])[offset : offset + per_page])
    found, prefixes = positive_terms(tree)
    marker = Marker(found, prefixes)
    result.hits = [
        NewsHit(
            item,
            float(item.rank),
            highlight(strip_tags(f"{item.lead}\n{item.body}"), found, prefixes, marker=marker),
        )
        for item in items
    ]
    return result
