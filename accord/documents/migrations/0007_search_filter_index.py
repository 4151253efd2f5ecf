"""SQLite: a covering index for the search filters, so each FTS5 match costs one lookup, not two.

`documents_documentsearch.document_id` is a BIGINT primary key, which in
SQLite is not the rowid: probing a match's filters went through the primary
key's index and then the table. PostgreSQL gets no such index: its planner
would take it for ordered scans that test every row's tsvector
(see `accord.documents.search.engine`).
"""

from django.db import migrations

COLUMNS = "document_id, confidentiality, published_on, language, kind, meeting_id, publisher_id"


def forward(apps, schema_editor):
    if schema_editor.connection.vendor == "sqlite":
        schema_editor.execute(
            f"CREATE INDEX documents_search_filters ON documents_documentsearch ({COLUMNS})"
        )


def backward(apps, schema_editor):
    if schema_editor.connection.vendor == "sqlite":
        schema_editor.execute("DROP INDEX IF EXISTS documents_search_filters")


class Migration(migrations.Migration):
    dependencies = [("documents", "0006_search_without_confidentiality_index")]

    operations = [migrations.RunPython(forward, backward)]
