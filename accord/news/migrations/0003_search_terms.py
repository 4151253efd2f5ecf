"""News in the documents' full-text engine: their terms, an FTS5 table (SQLite) or a GIN-indexed tsvector (PostgreSQL)."""

import django.db.models.deletion
from django.db import migrations, models

SQLITE_FORWARD = [
    """CREATE VIRTUAL TABLE news_search_fts USING fts5(
        title_terms, body_terms,
        content='news_newsterms', content_rowid='news_id',
        tokenize="unicode61 remove_diacritics 0"
    )""",
    """CREATE TRIGGER news_search_ai AFTER INSERT ON news_newsterms BEGIN
        INSERT INTO news_search_fts(rowid, title_terms, body_terms)
        VALUES (new.news_id, new.title_terms, new.body_terms);
    END""",
    """CREATE TRIGGER news_search_ad AFTER DELETE ON news_newsterms BEGIN
        INSERT INTO news_search_fts(news_search_fts, rowid, title_terms, body_terms)
        VALUES ('delete', old.news_id, old.title_terms, old.body_terms);
    END""",
    """CREATE TRIGGER news_search_au AFTER UPDATE ON news_newsterms BEGIN
        INSERT INTO news_search_fts(news_search_fts, rowid, title_terms, body_terms)
        VALUES ('delete', old.news_id, old.title_terms, old.body_terms);
        INSERT INTO news_search_fts(rowid, title_terms, body_terms)
        VALUES (new.news_id, new.title_terms, new.body_terms);
    END""",
]
SQLITE_BACKWARD = [
    "DROP TRIGGER IF EXISTS news_search_au",
    "DROP TRIGGER IF EXISTS news_search_ad",
    "DROP TRIGGER IF EXISTS news_search_ai",
    "DROP TABLE IF EXISTS news_search_fts",
]
POSTGRES_FORWARD = [
    "ALTER TABLE news_newsterms ADD COLUMN vector tsvector",
    "CREATE INDEX news_search_vector ON news_newsterms USING gin (vector)",
]
POSTGRES_BACKWARD = [
    "DROP INDEX IF EXISTS news_search_vector",
    "ALTER TABLE news_newsterms DROP COLUMN IF EXISTS vector",
]


def run(statements_by_vendor):
    def apply(apps, schema_editor):
        for sql in statements_by_vendor.get(schema_editor.connection.vendor, []):
            schema_editor.execute(sql)

    return apply


def index_existing(apps, schema_editor):
    """The items already written get their terms (the same code `accord reindex` runs)."""
    from accord.news.search import index_fields

    NewsItem = apps.get_model("news", "NewsItem")
    for item in NewsItem.objects.using(schema_editor.connection.alias).iterator():
        index_fields(item)


class Migration(migrations.Migration):
    dependencies = [
        ("news", "0002_rejected_links_and_file_checks"),
    ]

    operations = [
        migrations.CreateModel(
            name="NewsTerms",
            fields=[
                (
                    "news",
                    models.OneToOneField(
                        on_delete=django.db.models.deletion.CASCADE,
                        primary_key=True,
                        related_name="terms",
                        serialize=False,
                        to="news.newsitem",
                    ),
                ),
                ("title_terms", models.TextField(blank=True)),
                ("body_terms", models.TextField(blank=True)),
            ],
        ),
        migrations.RunPython(
            run({"sqlite": SQLITE_FORWARD, "postgresql": POSTGRES_FORWARD}),
            run({"sqlite": SQLITE_BACKWARD, "postgresql": POSTGRES_BACKWARD}),
        ),
        migrations.RunPython(index_existing, migrations.RunPython.noop),
    ]
