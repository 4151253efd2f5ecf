"""Background work of extraction, run by `accord worker` (or inline by `accord ingest`)."""

from django_tasks import task

from accord.extraction.services import extract_documents as extract_many


@task()
def extract_documents(document_ids: list[int]) -> dict:
    """Extract and store the mentions and suggestions of these documents (a failure skips only its document)."""
    return extract_many(document_ids)
