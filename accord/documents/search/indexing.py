"""Keeps DocumentSearch in step with documents (a post_save signal and a rebuild command)."""

from accord.documents.search.analysis import terms_text

BODY_LIMIT = 2_000_000  # characters indexed per document; beyond that, search is not the tool


def index_document(document, *, created: bool = False) -> None:
    from accord.documents.models import DocumentSearch

    body = document.text[:BODY_LIMIT]
    values = {
        "title_terms": terms_text(document.title),
        "body_terms": terms_text(body),
    }
    if created:
        DocumentSearch.objects.create(document=document, **values)
    else:
        DocumentSearch.objects.update_or_create(document=document, defaults=values)


def on_document_saved(sender, instance, created=False, raw=False, update_fields=None, **kwargs) -> None:
    if raw:
        return
    if update_fields is not None and not {"title", "text"} & set(update_fields):
        return
    index_document(instance, created=created)
