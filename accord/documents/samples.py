"""Sample document records for `make demo` (`accord load-samples`), from `sample_data/documents.toml`."""

from pathlib import Path

from django.utils.translation import gettext as _

from accord.core.choices import Confidentiality
from accord.core.dates import parse_partial_date
from accord.core.reference import Counts, RecordWriter, ReferenceDataError, read_toml_files
from accord.documents.models import Document
from accord.meetings.samples import sample_meetings
from accord.registry.models import Organization

SAMPLE_DIR = Path(__file__).resolve().parent / "sample_data"


def load_samples(*, directory: Path = SAMPLE_DIR) -> Counts:
    """Load or refresh the sample documents; needs the reference data and the sample meetings.

    They are published: the network's own documents, released as a decision (new documents are not).
    """
    rows = read_toml_files(directory, ("documents",))["documents"].get("document", [])
    meetings = sample_meetings()
    organizations = {o.slug: o for o in Organization.objects.exclude(slug=None)}
    writer = RecordWriter()
    for row in rows:
        symbol = row.get("symbol", "")
        meeting = meetings.get(row["meeting"]) if row.get("meeting") else None
        if row.get("meeting") and meeting is None:
            raise ReferenceDataError(
                [
                    _("%(symbol)s: unknown sample meeting “%(key)s”.")
                    % {"symbol": symbol, "key": row["meeting"]}
                ]
            )
        for version in row.get("versions", []):
            try:
                published = parse_partial_date(version.get("date"))[0]
            except ValueError as exc:
                raise ReferenceDataError([f"{symbol}: {exc}"]) from exc
            writer.upsert(
                Document,
                {"symbol": symbol, "language": version["language"]},
                {
                    "title": version["title"],
                    "kind": row.get("kind", "other"),
                    "publisher": organizations.get(row.get("publisher")),
                    "meeting": meeting,
                    "published_on": published,
                    "confidentiality": Confidentiality.PUBLIC,
                },
            )
    return writer.report()
