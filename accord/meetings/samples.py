"""Sample meetings for `make demo` (`accord load-samples`), from `sample_data/meetings.toml`."""

from pathlib import Path
from typing import Any

from django.utils.translation import gettext as _

from accord.core.dates import parse_partial_date
from accord.core.reference import Counts, RecordWriter, ReferenceDataError, read_toml_files
from accord.instruments.models import Mandate
from accord.meetings.models import AgendaItem, Meeting, Outcome, Participation
from accord.registry.models import Organization, Person, State

SAMPLE_DIR = Path(__file__).resolve().parent / "sample_data"


class _Loader(RecordWriter):
    def __init__(self) -> None:
        super().__init__()
        self.organizations = {o.slug: o for o in Organization.objects.exclude(slug=None)}
        self.people = {p.slug: p for p in Person.objects.exclude(slug=None)}
        self.states = {s.iso3: s for s in State.objects.all()}

    def ref(self, table: dict, key: str | None, what: str, where: str):
        if key is None:
            return None
        if key not in table:
            raise ReferenceDataError(
                [_("%(where)s: unknown %(what)s “%(key)s”.") % {"where": where, "what": what, "key": key}]
            )
        return table[key]

    def meeting(self, row: dict[str, Any]) -> Meeting:
        where = row["key"]
        try:
            start = parse_partial_date(row["start_on"])[0]
            end = parse_partial_date(row.get("end_on"))[0]
        except ValueError as exc:
            raise ReferenceDataError([f"{where}: {exc}"]) from exc
        # A sample is known again by who organizes what, starting when.
        meeting = self.upsert(
            Meeting,
            {
                "kind": row["kind"],
                "body": self.ref(self.organizations, row.get("body"), "organization", where),
                "start_on": start,
            },
            {
                "ordinal": row.get("ordinal"),
                "title_ru": row.get("title_ru", ""),
                "title_en": row.get("title_en", ""),
                "end_on": end,
                "city_ru": row.get("city_ru", ""),
                "city_en": row.get("city_en", ""),
                "country": self.ref(self.states, row.get("country"), "state", where),
                "format": row.get("format", "in_person"),
                "status": row.get("status", "planned"),
                "description_ru": row.get("description_ru", ""),
                "description_en": row.get("description_en", ""),
            },
        )
        for position, (number, title_ru, title_en) in enumerate(row.get("agenda", []), start=1):
            self.upsert(
                AgendaItem,
                {"meeting": meeting, "number": number},
                {"title_ru": title_ru, "title_en": title_en, "position": position},
            )
        for participant in row.get("participants", []):
            lookup = {"meeting": meeting}
            if "state" in participant:
                lookup["state"] = self.ref(self.states, participant["state"], "state", where)
            elif "organization" in participant:
                lookup["organization"] = self.ref(
                    self.organizations, participant["organization"], "organization", where
                )
            else:
                lookup["person"] = self.ref(self.people, participant.get("person"), "person", where)
            self.upsert(
                Participation,
                lookup,
                {"role": participant.get("role", "member"), "mode": participant.get("mode", "in_person")},
            )
        for outcome in row.get("outcomes", []):
            if "mandate" not in outcome:
                # A decision with no numbered mandate in the reference data: known by what it says.
                self.upsert(
                    Outcome,
                    {
                        "meeting": meeting,
                        "kind": outcome["kind"],
                        "mandate": None,
                        "description_ru": outcome.get("description_ru", ""),
                    },
                    {"description_en": outcome.get("description_en", "")},
                )
                continue
            body_key, number = outcome["mandate"].split()
            mandate = Mandate.objects.filter(body__slug=body_key, number=number).first()
            if mandate is None:
                raise ReferenceDataError(
                    [_("%(where)s: unknown mandate “%(key)s”.") % {"where": where, "key": outcome["mandate"]}]
                )
            self.upsert(Outcome, {"meeting": meeting, "kind": outcome["kind"], "mandate": mandate}, {})
        return meeting


def load_samples(*, directory: Path = SAMPLE_DIR) -> Counts:
    """Load or refresh the sample meetings; the reference data must be loaded first."""
    data = read_toml_files(directory, ("meetings",))
    loader = _Loader()
    try:
        for row in data["meetings"].get("meeting", []):
            loader.meeting(row)
    except KeyError as exc:
        raise ReferenceDataError([_("Missing field: %(error)s") % {"error": exc}]) from exc
    return loader.report()


def sample_meetings(directory: Path = SAMPLE_DIR) -> dict[str, Meeting]:
    """The loaded sample meetings by their sample key, for other apps' samples to refer to."""
    rows = read_toml_files(directory, ("meetings",))["meetings"].get("meeting", [])
    found = {}
    for row in rows:
        meeting = Meeting.objects.filter(
            kind=row["kind"], body__slug=row.get("body"), start_on=parse_partial_date(row["start_on"])[0]
        ).first()
        if meeting is not None:
            found[row["key"]] = meeting
    return found
