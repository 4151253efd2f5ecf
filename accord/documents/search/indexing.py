"""Keeps the search tables in step with documents (a post_save signal; bulk loaders call it too).

A new document, the common case (every ingested file), gets its rows in two
plain INSERTs, the PostgreSQL vector computed in the first: one write per
table and no second version of the row for the vector. Edits go through the
ORM's update_or_create.
"""

from django.db import connection

from accord.documents.search.analysis import terms_text

BODY_LIMIT = 2_000_000  # characters indexed per document; beyond that, search is not the tool
TEXT_FIELDS = {"symbol", "title", "text"}
FACETS = ("confidentiality", "language", "kind", "published_on", "meeting_id", "publisher_id")
# The same terms as DocumentTerms, title weighted A and body B (migration 0005's `vector` column).
VECTOR_SQL = "setweight(to_tsvector('simple', %s), 'A') || setweight(to_tsvector('simple', %s), 'B')"


def title_text(document) -> str:
    """What the title column indexes: the UN symbol (matched in either alphabet) and the title."""
    return f"{document.symbol} {document.title}".strip()


def facets_of(document) -> dict:
    return {name: getattr(document, name) for name in FACETS}


def index_document(document, *, created: bool = False, reindex_text: bool = True) -> None:
    from accord.documents.models import DocumentSearch, DocumentTerms

    if created:
        title, body = terms_text(title_text(document)), terms_text(document.text[:BODY_LIMIT])
        _insert(document.pk, facets_of(document), title, body)
        return
    DocumentSearch.objects.update_or_create(document=document, defaults=facets_of(document))
    if not reindex_text:
        return
    title, body = terms_text(title_text(document)), terms_text(document.text[:BODY_LIMIT])
    DocumentTerms.objects.update_or_create(
        document=document, defaults={"title_terms": title, "body_terms": body}
    )
    write_vector(document.pk, title, body)


def _insert(document_id: int, facets: dict, title_terms: str, body_terms: str) -> None:
    from accord.documents.models import DocumentSearch, DocumentTerms

    meta = DocumentSearch._meta
    columns = [meta.pk.column] + [meta.get_field(name).column for name in facets]
    values = [document_id] + [
        meta.get_field(name).get_db_prep_save(value, connection) for name, value in facets.items()
    ]
    placeholders = ", ".join(["%s"] * len(values))
    if connection.vendor == "postgresql":
        columns.append("vector")
        placeholders += ", " + VECTOR_SQL
        values += [title_terms, body_terms]
    terms = DocumentTerms._meta
    with connection.cursor() as cursor:
        cursor.execute(f"INSERT INTO {meta.db_table} ({', '.join(columns)}) VALUES ({placeholders})", values)
        # SQLite's FTS5 table follows this one by triggers (migration 0005).
        cursor.execute(
            f"INSERT INTO {terms.db_table} ({terms.pk.column}, title_terms, body_terms) VALUES (%s, %s, %s)",
            [document_id, title_terms, body_terms],
        )


def write_vector(document_id: int, title_terms: str, body_terms: str) -> None:
    """PostgreSQL only: the tsvector search matches (SQLite's FTS5 follows DocumentTerms by triggers)."""
    if connection.vendor != "postgresql":
        return
    with connection.cursor() as cursor:
        cursor.execute(
            f"UPDATE documents_documentsearch SET vector = {VECTOR_SQL} WHERE document_id = %s",
            [title_terms, body_terms, document_id],
        )


def write_vectors(first_id: int, last_id: int) -> None:
    """PostgreSQL only: the vectors of a range of documents from their stored terms, in one statement."""
    if connection.vendor != "postgresql":
        return
    with connection.cursor() as cursor:
        cursor.execute(
            "UPDATE documents_documentsearch s SET vector = "
            "setweight(to_tsvector('simple', t.title_terms), 'A') || setweight(to_tsvector('simple', t.body_terms), 'B') "
            "FROM documents_documentterms t WHERE t.document_id = s.document_id AND s.document_id BETWEEN %s AND %s",
            [first_id, last_id],
        )


def on_document_saved(sender, instance, created=False, raw=False, update_fields=None, **kwargs) -> None:
    if raw:
        return
    changed = set(update_fields) if update_fields is not None else None
    if changed is not None and not (TEXT_FIELDS | set(FACETS)) & changed:
        return
    index_document(instance, created=created, reindex_text=changed is None or bool(TEXT_FIELDS & changed))


def reindex_all() -> int:
    """Every document's search rows written again from its symbol, title and text (`accord reindex`)."""
    from accord.documents.models import Document

    count = 0
    for document in Document.objects.defer("minhash").iterator(chunk_size=200):
        index_document(document)
        count += 1
    return count
