"""Sample chairmanship programmes for `make demo`, from `sample_data/programmes.toml`."""

from pathlib import Path
from typing import Any

from django.utils.translation import gettext as _

from accord.chairmanship.models import Programme, ProgrammeItem
from accord.core.dates import parse_partial_date
from accord.core.reference import Counts, RecordWriter, ReferenceDataError, read_toml_files
from accord.meetings.samples import sample_meetings
from accord.registry.models import Organization

SAMPLE_DIR = Path(__file__).resolve().parent / "sample_data"


def _item_values(row: dict[str, Any], position: int, meetings: dict, where: str) -> dict[str, Any]:
    try:
        planned_on, precision = parse_partial_date(row.get("planned"))
    except ValueError as exc:
        raise ReferenceDataError([f"{where}: {exc}"]) from exc
    meeting_key = row.get("meeting")
    return {
        "title_en": row.get("title_en", ""),
        "kind": row.get("kind", "meeting"),
        "status": row.get("status", "planned"),
        "planned_on": planned_on,
        "planned_precision": precision if planned_on else "month",
        # A meeting that is not among the loaded samples is simply not linked.
        "meeting": meetings.get(meeting_key) if meeting_key else None,
        "position": position,
        "note_ru": row.get("note_ru", ""),
        "note_en": row.get("note_en", ""),
    }


def load_samples(*, directory: Path = SAMPLE_DIR) -> Counts:
    """Load or refresh the sample programmes; the reference data (bodies, chairs) must be loaded first."""
    data = read_toml_files(directory, ("programmes",))["programmes"]
    writer = RecordWriter()
    meetings = sample_meetings()
    try:
        for row in data.get("programme", []):
            where = f"{row['body']} {row['year']}"
            body = Organization.objects.filter(slug=row["body"]).first()
            if body is None:
                raise ReferenceDataError(
                    [_("%(where)s: unknown organization “%(key)s”.") % {"where": where, "key": row["body"]}]
                )
            programme = writer.upsert(
                Programme,
                {"body": body, "year": row["year"]},
                {
                    "title_ru": row.get("title_ru", ""),
                    "title_en": row.get("title_en", ""),
                    "note_ru": row.get("note_ru", ""),
                    "note_en": row.get("note_en", ""),
                },
            )
            for position, item in enumerate(row.get("item", []), start=1):
                # An item is known again by its Russian title within its programme.
                writer.upsert(
                    ProgrammeItem,
                    {"programme": programme, "title_ru": item["title_ru"]},
                    _item_values(item, position, meetings, where),
                )
    except KeyError as exc:
        raise ReferenceDataError([_("Missing field: %(error)s") % {"error": exc}]) from exc
    return writer.report()
