"""Keeps the search tables in step with documents (a post_save signal; bulk loaders call it too)."""

from django.db import connection

from accord.documents.search.analysis import terms_text

BODY_LIMIT = 2_000_000  # characters indexed per document; beyond that, search is not the tool
FACETS = ("confidentiality", "language", "kind", "published_on", "meeting_id", "publisher_id")


def facets_of(document) -> dict:
    return {name: getattr(document, name) for name in FACETS}


def index_document(document, *, created: bool = False, reindex_text: bool = True) -> None:
    from accord.documents.models import DocumentSearch, DocumentTerms

    if created:
        DocumentSearch.objects.create(document=document, **facets_of(document))
    else:
        DocumentSearch.objects.update_or_create(document=document, defaults=facets_of(document))
    if not reindex_text:
        return
    title, body = terms_text(document.title), terms_text(document.text[:BODY_LIMIT])
    if created:
        DocumentTerms.objects.create(document=document, title_terms=title, body_terms=body)
    else:
        DocumentTerms.objects.update_or_create(
            document=document, defaults={"title_terms": title, "body_terms": body}
        )
    write_vector(document.pk, title, body)


def write_vector(document_id: int, title_terms: str, body_terms: str) -> None:
    """PostgreSQL only: the tsvector search matches (SQLite's FTS5 follows DocumentTerms by triggers)."""
    if connection.vendor != "postgresql":
        return
    with connection.cursor() as cursor:
        cursor.execute(
            "UPDATE documents_documentsearch SET vector = "
            "setweight(to_tsvector('simple', %s), 'A') || setweight(to_tsvector('simple', %s), 'B') "
            "WHERE document_id = %s",
            [title_terms, body_terms, document_id],
        )


def on_document_saved(sender, instance, created=False, raw=False, update_fields=None, **kwargs) -> None:
    if raw:
        return
    changed = set(update_fields) if update_fields is not None else None
    if changed is not None and not ({"title", "text"} | set(FACETS)) & changed:
        return
    index_document(
        instance, created=created, reindex_text=changed is None or bool({"title", "text"} & changed)
    )
