"""Sample document records for `make demo` (`accord load-samples`), from `sample_data/documents.toml`."""

from pathlib import Path

from django.utils.translation import gettext as _

from accord.core.choices import Confidentiality
from accord.core.dates import parse_partial_date
from accord.core.reference import Counts, RecordWriter, ReferenceDataError, read_toml_files
from accord.documents.ingest.text import normalize
from accord.documents.models import Document
from accord.meetings.samples import sample_meetings
from accord.registry.models import Organization

SAMPLE_DIR = Path(__file__).resolve().parent / "sample_data"


def _lookup(row: dict, language: str) -> dict:
    """How a sample version is found again: by its symbol, or by its sample key when it has none."""
    if row.get("symbol"):
        return {"symbol": row["symbol"], "language": language}
    if not row.get("key"):
        raise ReferenceDataError([_("A sample document without a symbol needs a key.")])
    return {"symbol": "", "language": language, "original_name": f"sample-{row['key']}-{language}.txt"}


def load_samples(*, directory: Path = SAMPLE_DIR) -> Counts:
    """Load or refresh the sample documents; needs the reference data and the sample meetings.

    They are published: the network's own documents, released as a decision (new documents are not).
    Their texts are summaries written for Accord, indexed for full-text search as they are saved.
    """
    rows = read_toml_files(directory, ("documents",))["documents"].get("document", [])
    meetings = sample_meetings()
    organizations = {o.slug: o for o in Organization.objects.exclude(slug=None)}
    writer = RecordWriter()
    for row in rows:
        symbol = row.get("symbol", "") or row.get("key", "")
        meeting = meetings.get(row["meeting"]) if row.get("meeting") else None
        if row.get("meeting") and meeting is None:
            raise ReferenceDataError(
                [
                    _("%(symbol)s: unknown sample meeting “%(key)s”.")
                    % {"symbol": symbol, "key": row["meeting"]}
                ]
            )
        first = None
        for version in row.get("versions", []):
            try:
                published = parse_partial_date(version.get("date"))[0]
            except ValueError as exc:
                raise ReferenceDataError([f"{symbol}: {exc}"]) from exc
            values = {
                "title": version["title"],
                "text": normalize(version.get("text", "")),
                "kind": row.get("kind", "other"),
                "publisher": organizations.get(row.get("publisher")),
                "meeting": meeting,
                "confidentiality": Confidentiality.PUBLIC,
                # Versions without a symbol point to the first one (with a symbol, it says they belong together).
                "version_of": first if first is not None and not row.get("symbol") else None,
            }
            if published:  # else the date extraction reads from the text is kept: a reload changes nothing
                values["published_on"] = published
            document = writer.upsert(Document, _lookup(row, version["language"]), values)
            first = first or document
    return writer.report()


def sample_documents(directory: Path = SAMPLE_DIR) -> list[Document]:
    """The loaded sample documents (every version), for other apps' samples to work on."""
    rows = read_toml_files(directory, ("documents",))["documents"].get("document", [])
    symbols = [row["symbol"] for row in rows if row.get("symbol")]
    names = [
        _lookup(row, version["language"])["original_name"]
        for row in rows
        if not row.get("symbol") and row.get("key")
        for version in row.get("versions", [])
    ]
    found = Document.objects.filter(symbol__in=symbols) | Document.objects.filter(
        symbol="", original_name__in=names
    )
    return list(found.order_by("pk"))
