"""The review mechanisms, their rules, cycles and clusters (`accord load-reference`)."""

from collections import Counter
from pathlib import Path
from typing import Any

from django.utils.translation import gettext as _

from accord.core.dates import parse_partial_date
from accord.core.reference import BulkRecordWriter, Counts, ReferenceDataError, read_toml_files
from accord.instruments.models import Instrument, Mandate, Provision
from accord.registry.models import Organization
from accord.reviews.models import Cluster, Cycle, Mechanism, MechanismInstrument, PhaseRule
from accord.reviews.services import build_questions

REFERENCE_DIR = Path(__file__).resolve().parent / "reference"
RULE_FIELDS = Mechanism.RULE_FIELDS


def _date(value: str | None, where: str):
    try:
        return parse_partial_date(value)[0]
    except ValueError as exc:
        raise ReferenceDataError([f"{where}: {exc}"]) from exc


class _Loader(BulkRecordWriter):
    def __init__(self) -> None:
        super().__init__()
        self.instruments = {i.slug: i for i in Instrument.objects.all()}
        self.organizations = {o.slug: o for o in Organization.objects.exclude(slug=None)}

    def _instrument(self, key: str, where: str) -> Instrument:
        if key not in self.instruments:
            raise ReferenceDataError(
                [_("%(where)s: unknown instrument “%(key)s”.") % {"where": where, "key": key}]
            )
        return self.instruments[key]

    def _mandate(self, spec: list[str] | None, where: str) -> Mandate | None:
        if not spec:
            return None
        body, kind, number = spec
        mandate = Mandate.objects.filter(body__slug=body, kind=kind, number=number).first()
        if mandate is None:
            raise ReferenceDataError(
                [
                    _("%(where)s: unknown mandate %(number)s of %(body)s.")
                    % {"where": where, "number": number, "body": body}
                ]
            )
        return mandate

    def provisions(self, specs: list[str], where: str) -> list[Provision]:
        """«uncac:chapter:III» is every article of chapter III; «untoc:article:5» one article."""
        found: list[Provision] = []
        for spec in specs:
            try:
                key, kind, number = spec.split(":")
            except ValueError:
                raise ReferenceDataError(
                    [
                        _("%(where)s: a provision is “instrument:kind:number”, not “%(spec)s”.")
                        % {"where": where, "spec": spec}
                    ]
                ) from None
            provision = Provision.objects.filter(
                instrument=self._instrument(key, where), kind=kind, number=number
            ).first()
            if provision is None:
                raise ReferenceDataError(
                    [_("%(where)s: unknown provision “%(spec)s”.") % {"where": where, "spec": spec}]
                )
            children = list(provision.children.order_by("position"))
            found.extend(children or [provision])
        return found

    def load(self, rows: list[dict[str, Any]]) -> None:
        for row in rows:
            key = row["key"]
            governing = self.organizations.get(row["governing_body"])
            if governing is None:
                raise ReferenceDataError(
                    [
                        _("%(where)s: unknown organization “%(key)s”.")
                        % {"where": key, "key": row["governing_body"]}
                    ]
                )
            values = {
                "name_ru": row.get("name_ru", ""),
                "name_en": row.get("name_en", ""),
                "abbreviation_ru": row.get("abbreviation_ru", ""),
                "abbreviation_en": row.get("abbreviation_en", ""),
                "governing_body": governing,
                "mandate": self._mandate(row.get("mandate"), key),
                "unverified_rules": list(row.get("unverified", [])),
                "note_ru": row.get("note_ru", ""),
                "note_en": row.get("note_en", ""),
            }
            values.update({field: row[field] for field in RULE_FIELDS if field in row})
            values.setdefault("max_reviewers", None)
            mechanism = self.upsert(Mechanism, {"slug": key}, values)
            for position, instrument_key in enumerate(row.get("instruments", [])):
                self.upsert(
                    MechanismInstrument,
                    {"mechanism": mechanism, "instrument": self._instrument(instrument_key, key)},
                    {"position": position},
                )
            for phase, duration, unit, verified, description_ru, description_en in row.get("phases", []):
                self.upsert(
                    PhaseRule,
                    {"mechanism": mechanism, "phase": phase},
                    {
                        "duration": duration,
                        "unit": unit,
                        "verified": verified,
                        "description_ru": description_ru,
                        "description_en": description_en,
                    },
                )
            for cycle_row in row.get("cycle", []):
                self.load_cycle(mechanism, cycle_row)

    def load_cycle(self, mechanism: Mechanism, row: dict[str, Any]) -> None:
        where = f"{mechanism.slug} cycle {row['number']}"
        cycle = self.upsert(
            Cycle,
            {"mechanism": mechanism, "number": row["number"]},
            {
                "name_ru": row.get("name_ru", ""),
                "name_en": row.get("name_en", ""),
                "starts_on": _date(row["starts_on"], where),
                "ends_on": _date(row.get("ends_on"), where),
                "first_year": row["first_year"],
            },
        )
        for cluster_row in row.get("cluster", []):
            cluster = self.upsert(
                Cluster,
                {"cycle": cycle, "number": cluster_row["number"]},
                {
                    "name_ru": cluster_row.get("name_ru", ""),
                    "name_en": cluster_row.get("name_en", ""),
                    "starts_on": _date(cluster_row.get("starts_on"), where),
                },
            )
            self.set_many(cluster, "provisions", self.provisions(cluster_row.get("provisions", []), where))
            self.flush()  # the questionnaire is built from the stored cluster
            built = build_questions(cluster)
            if built:
                self.counts.setdefault("questions", Counter())["created"] += built


def load_reference() -> Counts:
    data = read_toml_files(REFERENCE_DIR, ["mechanisms"])
    loader = _Loader()
    loader.load(data["mechanisms"].get("mechanism", []))
    loader.flush()
    return loader.report()
