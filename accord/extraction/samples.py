"""Sample news for `make demo` (`accord load-samples`), and the extraction of every sample document.

The stories in `sample_data/news.toml` are written for Accord from the facts
of the sample meetings; extracting them leaves highlighted entities and a
queue of suggestions to curate: a new meeting in Dushanbe, the sample visit
and session found again (already recorded), posts, a cited document.
"""

from collections import Counter
from pathlib import Path

from django.utils.translation import gettext as _

from accord.core.choices import Confidentiality
from accord.core.dates import parse_partial_date
from accord.core.reference import Counts, RecordWriter, ReferenceDataError, read_toml_files
from accord.documents.ingest.text import normalize
from accord.documents.models import Document
from accord.documents.samples import sample_documents

SAMPLE_DIR = Path(__file__).resolve().parent / "sample_data"


def _sample_documents(stories: list[Document]) -> list[Document]:
    """The stories and the documents app's samples."""
    story_ids = {s.pk for s in stories}
    return [*stories, *(d for d in sample_documents() if d.pk not in story_ids)]


def load_samples(*, directory: Path = SAMPLE_DIR) -> Counts:
    """Load or refresh the sample stories, then extract every sample document that has a text."""
    from accord.extraction.services import extract_document

    rows = read_toml_files(directory, ("news",))["news"].get("story", [])
    writer = RecordWriter()
    stories = []
    for row in rows:
        try:
            published = parse_partial_date(row.get("date"))[0]
            key, text = row["key"], normalize(row["text"])
            stories.append(
                writer.upsert(
                    Document,
                    {"original_name": f"sample-{key}.txt"},
                    {
                        "title": row["title"],
                        "language": row["language"],
                        "kind": "news",
                        "published_on": published,
                        "text": text,
                        # Published news, and published on purpose: new documents are members-only.
                        "confidentiality": Confidentiality.PUBLIC,
                    },
                )
            )
        except KeyError as exc:
            raise ReferenceDataError([_("Missing field: %(error)s") % {"error": exc}]) from exc
        except ValueError as exc:
            raise ReferenceDataError([f"{row.get('key')}: {exc}"]) from exc
    counts: Counts = {"sample news": writer.report().get("documents", {})}
    mentions, suggestions = Counter(), Counter()
    for document in _sample_documents(stories):
        if not document.text.strip():
            continue
        stored = extract_document(document)
        if stored.created or stored.updated or stored.removed:
            suggestions.update(
                {"created": stored.created, "updated": stored.updated, "removed": stored.removed}
            )
        else:
            suggestions["unchanged"] += document.suggestions.count()
        mentions["extracted" if stored.mentions_changed else "unchanged"] += stored.mentions
    counts["mentions"] = {k: v for k, v in mentions.items() if v}
    counts["suggestions"] = {k: v for k, v in suggestions.items() if v}
    return counts
