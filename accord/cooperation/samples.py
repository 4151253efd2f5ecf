"""Sample initiatives and agreements for `make demo` (`accord load-samples`), from `sample_data/*.toml`."""

import datetime
from pathlib import Path
from typing import Any

from django.utils.translation import gettext as _

from accord.cooperation.models import (
    Agreement,
    AgreementParty,
    Initiative,
    InitiativeStep,
    InitiativeSupport,
    PlannedActivity,
)
from accord.core.reference import Counts, RecordWriter, ReferenceDataError, read_toml_files
from accord.registry.models import Organization, Person, State

SAMPLE_DIR = Path(__file__).resolve().parent / "sample_data"


def _date(value: str | None, where: str) -> datetime.date | None:
    if not value:
        return None
    try:
        return datetime.date.fromisoformat(value)
    except ValueError as exc:
        raise ReferenceDataError([f"{where}: {exc}"]) from exc


class _Loader(RecordWriter):
    def __init__(self) -> None:
        from accord.meetings.samples import sample_meetings

        super().__init__()
        self.tables = {
            "state": {s.iso3: s for s in State.objects.all()},
            "organization": {o.slug: o for o in Organization.objects.exclude(slug=None)},
            "person": {p.slug: p for p in Person.objects.exclude(slug=None)},
            "meeting": sample_meetings(),
        }

    def ref(self, what: str, key: str | None, where: str):
        if key is None:
            return None
        table = self.tables[what]
        if key not in table:
            raise ReferenceDataError(
                [_("%(where)s: unknown %(what)s “%(key)s”.") % {"where": where, "what": what, "key": key}]
            )
        return table[key]

    def actor(self, row: dict[str, Any], where: str, kinds=("state", "organization", "person")) -> dict:
        chosen = [k for k in kinds if k in row]
        if len(chosen) != 1:
            raise ReferenceDataError(
                [_("%(where)s: name exactly one of %(kinds)s.") % {"where": where, "kinds": ", ".join(kinds)}]
            )
        return {chosen[0]: self.ref(chosen[0], row[chosen[0]], where)}

    def initiative(self, row: dict[str, Any]) -> None:
        where = row["key"]
        proposer = {f"proposer_{k}": v for k, v in self.actor(row["proposer"], where).items()}
        initiative = self.upsert(
            Initiative,
            {"title_en": row["title_en"]},
            {
                **proposer,
                "title_ru": row.get("title_ru", ""),
                "description_ru": row.get("description_ru", ""),
                "description_en": row.get("description_en", ""),
                "meeting": self.ref("meeting", row.get("meeting"), where),
                "proposed_on": _date(row.get("proposed_on"), where),
                "topics": row.get("topics", []),
                "confidentiality": row.get("confidentiality", "public"),
            },
        )
        steps = row.get("steps", [])
        for step in steps:
            self.upsert(
                InitiativeStep,
                {
                    "initiative": initiative,
                    "status": step["status"],
                    "taken_on": _date(step["taken_on"], where),
                },
                {"note_ru": step.get("note_ru", ""), "note_en": step.get("note_en", "")},
            )
        latest = initiative.steps.order_by("-taken_on", "-pk").first()
        if latest is not None and initiative.status != latest.status:
            Initiative.objects.filter(pk=initiative.pk).update(status=latest.status)
        for support in row.get("supporters", []):
            self.upsert(
                InitiativeSupport,
                {"initiative": initiative, **self.actor(support, where)},
                {
                    "supported_on": _date(support.get("supported_on"), where),
                    "meeting": self.ref("meeting", support.get("meeting"), where),
                    "note": support.get("note", ""),
                },
            )

    def agreement(self, row: dict[str, Any]) -> None:
        where = row["key"]
        agreement = self.upsert(
            Agreement,
            {"title_en": row["title_en"]},
            {
                "kind": row["kind"],
                "status": row.get("status", "draft"),
                "title_ru": row.get("title_ru", ""),
                "description_ru": row.get("description_ru", ""),
                "description_en": row.get("description_en", ""),
                "signed_on": _date(row.get("signed_on"), where),
                "signed_place": row.get("signed_place", ""),
                "signed_at_meeting": self.ref("meeting", row.get("meeting"), where),
                "entry_into_force_on": _date(row.get("entry_into_force_on"), where),
                "term": row.get("term", ""),
                "expires_on": _date(row.get("expires_on"), where),
                "confidentiality": row.get("confidentiality", "public"),
            },
        )
        for party in row.get("parties", []):
            self.upsert(
                AgreementParty,
                {"agreement": agreement, **self.actor(party, where, ("state", "organization"))},
                {"role": party.get("role", "party")},
            )
        for activity in row.get("activity", []):
            self.upsert(
                PlannedActivity,
                {"agreement": agreement, "title_en": activity["title_en"]},
                {
                    "title_ru": activity.get("title_ru", ""),
                    "kind": activity.get("kind", "other"),
                    "start_on": _date(activity.get("start_on"), where),
                    "end_on": _date(activity.get("end_on"), where),
                    "status": activity.get("status", "planned"),
                    "meeting": self.ref("meeting", activity.get("meeting"), where),
                    "note": activity.get("note", ""),
                },
            )


def load_samples(*, directory: Path = SAMPLE_DIR) -> Counts:
    """Load or refresh the sample initiatives and agreements; reference data and sample meetings come first."""
    data = read_toml_files(directory, ("initiatives", "agreements"))
    loader = _Loader()
    try:
        for row in data["initiatives"].get("initiative", []):
            loader.initiative(row)
        for row in data["agreements"].get("agreement", []):
            loader.agreement(row)
    except KeyError as exc:
        raise ReferenceDataError([_("Missing field: %(error)s") % {"error": exc}]) from exc
    return loader.report()
