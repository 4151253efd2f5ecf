"""Full-text indexes over DocumentSearch, one per database engine, with the same terms."""

from django.db import migrations

SQLITE_FORWARD = [
    """CREATE VIRTUAL TABLE documents_search_fts USING fts5(
        title_terms, body_terms,
        content='documents_documentterms', content_rowid='document_id',
        tokenize="unicode61 remove_diacritics 0"
    )""",
    """CREATE TRIGGER documents_search_ai AFTER INSERT ON documents_documentterms BEGIN
        INSERT INTO documents_search_fts(rowid, title_terms, body_terms)
        VALUES (new.document_id, new.title_terms, new.body_terms);
    END""",
    """CREATE TRIGGER documents_search_ad AFTER DELETE ON documents_documentterms BEGIN
        INSERT INTO documents_search_fts(documents_search_fts, rowid, title_terms, body_terms)
        VALUES ('delete', old.document_id, old.title_terms, old.body_terms);
    END""",
    """CREATE TRIGGER documents_search_au AFTER UPDATE ON documents_documentterms BEGIN
        INSERT INTO documents_search_fts(documents_search_fts, rowid, title_terms, body_terms)
        VALUES ('delete', old.document_id, old.title_terms, old.body_terms);
        INSERT INTO documents_search_fts(rowid, title_terms, body_terms)
        VALUES (new.document_id, new.title_terms, new.body_terms);
    END""",
]
SQLITE_BACKWARD = [
    "DROP TRIGGER IF EXISTS documents_search_au",
    "DROP TRIGGER IF EXISTS documents_search_ad",
    "DROP TRIGGER IF EXISTS documents_search_ai",
    "DROP TABLE IF EXISTS documents_search_fts",
]
POSTGRES_FORWARD = [
    "ALTER TABLE documents_documentsearch ADD COLUMN vector tsvector",
    "CREATE INDEX documents_search_vector ON documents_documentsearch USING gin (vector)",
]
POSTGRES_BACKWARD = [
    "DROP INDEX IF EXISTS documents_search_vector",
    "ALTER TABLE documents_documentsearch DROP COLUMN IF EXISTS vector",
]


def run(statements_by_vendor):
    def apply(apps, schema_editor):
        for sql in statements_by_vendor.get(schema_editor.connection.vendor, []):
            schema_editor.execute(sql)

    return apply


class Migration(migrations.Migration):
    dependencies = [("documents", "0004_search")]

    operations = [
        migrations.RunPython(
            run({"sqlite": SQLITE_FORWARD, "postgresql": POSTGRES_FORWARD}),
            run({"sqlite": SQLITE_BACKWARD, "postgresql": POSTGRES_BACKWARD}),
        ),
    ]
