"""Keeps DocumentSearch in step with documents (a post_save signal and a rebuild command)."""

from accord.documents.search.analysis import terms_text, words

BODY_LIMIT = 2_000_000  # characters indexed per document; beyond that, search is not the tool


def index_document(document) -> None:
    from accord.documents.models import DocumentSearch

    body = document.text[:BODY_LIMIT]
    DocumentSearch.objects.update_or_create(
        document=document,
        defaults={
            "title_terms": terms_text(document.title),
            "body_terms": terms_text(body),
            "words": " ".join(words(f"{document.title}\n{body}")),
        },
    )


def on_document_saved(sender, instance, raw=False, update_fields=None, **kwargs) -> None:
    if raw:
        return
    if update_fields is not None and not {"title", "text"} & set(update_fields):
        return
    index_document(instance)
