"""Reference instruments, their provisions and parties, and mandates (`accord load-reference`)."""

import datetime
from pathlib import Path
from typing import Any

from django.utils.translation import gettext as _

from accord.core.dates import parse_partial_date
from accord.core.reference import BulkRecordWriter, Counts, ReferenceDataError, read_toml_files
from accord.instruments.choices import PartyStatus
from accord.instruments.models import Instrument, Mandate, Party, Provision
from accord.registry.models import Organization, State

REFERENCE_DIR = Path(__file__).resolve().parent / "reference"
INSTRUMENT_FILES = ("uncac", "untoc", "untoc_protocols", "others")


def _date(value: str | None):
    try:
        return parse_partial_date(value)[0]
    except ValueError as exc:
        raise ReferenceDataError([str(exc)]) from exc


def in_force_for_state(
    instrument: Instrument, consent_on: datetime.date | None, days_after_deposit: int | None
) -> datetime.date | None:
    """The day an instrument binds a state: `days_after_deposit` days after its instrument was deposited,
    or the instrument's own entry into force if that is later (UNCAC art. 68(2), UNTOC art. 38(2)).

    Computed rather than typed, so the reference files cannot contradict the convention's rule.
    """
    if consent_on is None or days_after_deposit is None:
        return None
    day = consent_on + datetime.timedelta(days=days_after_deposit)
    if instrument.entry_into_force_on and instrument.entry_into_force_on > day:
        return instrument.entry_into_force_on
    return day


class _Loader(BulkRecordWriter):
    def __init__(self) -> None:
        super().__init__()
        self.organizations = {o.slug: o for o in Organization.objects.exclude(slug=None)}
        self.states = {s.iso3: s for s in State.objects.all()}
        self.instruments: dict[str, Instrument] = {}

    def organization(self, key: str | None, where: str) -> Organization | None:
        if not key:
            return None
        if key not in self.organizations:
            raise ReferenceDataError(
                [_("%(where)s: unknown organization “%(key)s”.") % {"where": where, "key": key}]
            )
        return self.organizations[key]

    def instrument_ref(self, key: str, where: str) -> Instrument:
        if key not in self.instruments:
            raise ReferenceDataError(
                [_("%(where)s: unknown instrument “%(key)s”.") % {"where": where, "key": key}]
            )
        return self.instruments[key]

    def load_instruments(self, rows: list[dict[str, Any]]) -> None:
        # Conventions before the protocols that supplement them.
        for row in sorted(rows, key=lambda r: bool(r.get("parent"))):
            key = row["key"]
            instrument = self.upsert(
                Instrument,
                {"slug": key},
                {
                    "kind": row["kind"],
                    "name_ru": row.get("name_ru", ""),
                    "name_en": row.get("name_en", ""),
                    "abbreviation_ru": row.get("abbreviation_ru", ""),
                    "abbreviation_en": row.get("abbreviation_en", ""),
                    "parent": self.instrument_ref(row["parent"], key) if row.get("parent") else None,
                    "organization": self.organization(row.get("organization"), key),
                    "adopted_on": _date(row.get("adopted_on")),
                    "opened_for_signature_on": _date(row.get("opened_for_signature_on")),
                    "entry_into_force_on": _date(row.get("entry_into_force_on")),
                    "depositary_ru": row.get("depositary_ru", ""),
                    "depositary_en": row.get("depositary_en", ""),
                    "official_url": row.get("url", ""),
                    "description_ru": row.get("description_ru", ""),
                    "description_en": row.get("description_en", ""),
                },
            )
            self.instruments[key] = instrument
            self.set_many(
                instrument, "establishes", [self.organization(k, key) for k in row.get("establishes", [])]
            )
            self.load_provisions(instrument, row.get("provisions", []))

    def load_provisions(self, instrument: Instrument, rows: list[list[str]]) -> None:
        by_number: dict[str, Provision] = {}
        for position, row in enumerate(rows, start=1):
            if len(row) != 5:
                raise ReferenceDataError(
                    [
                        _(
                            "%(instrument)s: a provision is [kind, number, parent, title_ru, title_en]: %(row)s"
                        )
                        % {"instrument": instrument.slug, "row": row}
                    ]
                )
            kind, number, parent, title_ru, title_en = row
            if parent and parent not in by_number:
                raise ReferenceDataError(
                    [
                        _("%(instrument)s: provision %(number)s names an unknown parent %(parent)s.")
                        % {"instrument": instrument.slug, "number": number, "parent": parent}
                    ]
                )
            by_number[number] = self.upsert(
                Provision,
                {"instrument": instrument, "kind": kind, "number": number},
                {
                    "parent": by_number.get(parent),
                    "title_ru": title_ru,
                    "title_en": title_en,
                    "position": position,
                },
            )

    def load_parties(self, data: dict[str, Any]) -> None:
        members = [iso3 for iso3 in self.states]
        for key, spec in data.items():
            instrument = self.instrument_ref(key, "parties.toml")
            if spec.get("parties") == "all":
                excluded = set(spec.get("not_parties", [])) | set(spec.get("unconfirmed", []))
                parties = [iso3 for iso3 in members if iso3 not in excluded]
            else:
                parties = list(spec.get("parties", []))
            dates = spec.get("dates", {})
            undated = set(dates) - set(parties) - set(spec.get("signatories", []))
            if undated:
                raise ReferenceDataError(
                    [
                        _("parties.toml: %(key)s gives dates for states it does not list: %(codes)s.")
                        % {"key": key, "codes": ", ".join(sorted(undated))}
                    ]
                )
            for iso3 in [*parties, *spec.get("signatories", [])]:
                state = self.states.get(iso3)
                if state is None:
                    raise ReferenceDataError(
                        [
                            _("parties.toml: %(key)s names an unknown state “%(code)s”.")
                            % {"key": key, "code": iso3}
                        ]
                    )
                known = dates.get(iso3, {})
                signatory = iso3 in spec.get("signatories", [])
                consent_on = _date(known.get("consent_on"))
                self.upsert(
                    Party,
                    {"instrument": instrument, "state": state},
                    {
                        "status": PartyStatus.SIGNATORY if signatory else PartyStatus.PARTY,
                        "signed_on": _date(known.get("signed_on")),
                        "consent": known.get("consent", ""),
                        "consent_on": consent_on,
                        "entry_into_force_on": _date(known.get("entry_into_force_on"))
                        or in_force_for_state(
                            instrument, consent_on, spec.get("in_force_days_after_deposit")
                        ),
                    },
                )

    def load_mandates(self, rows: list[dict[str, Any]]) -> None:
        for row in rows:
            where = f"{row.get('kind')} {row.get('number')}"
            mandate = self.upsert(
                Mandate,
                {"body": self.organization(row["body"], where), "kind": row["kind"], "number": row["number"]},
                {
                    "session_number": row.get("session_number"),
                    "adopted_on": _date(row.get("adopted_on")),
                    "title_ru": row.get("title_ru", ""),
                    "title_en": row.get("title_en", ""),
                    "summary_ru": row.get("summary_ru", ""),
                    "summary_en": row.get("summary_en", ""),
                    "symbol": row.get("symbol", ""),
                },
            )
            self.set_many(
                mandate, "establishes", [self.organization(k, where) for k in row.get("establishes", [])]
            )
            self.set_many(
                mandate, "instruments", [self.instrument_ref(k, where) for k in row.get("instruments", [])]
            )


def load_reference(*, directory: Path = REFERENCE_DIR) -> Counts:
    """Load or refresh the reference instruments, parties and mandates; needs the registry's."""
    data = read_toml_files(directory, (*INSTRUMENT_FILES, "parties", "mandates"))
    loader = _Loader()
    try:
        for name in INSTRUMENT_FILES:
            content = data[name]
            rows = (
                content["instrument"] if isinstance(content["instrument"], list) else [content["instrument"]]
            )
            loader.load_instruments(rows)
        loader.load_parties(data["parties"])
        loader.load_mandates(data["mandates"].get("mandate", []))
        loader.flush()
    except KeyError as exc:
        raise ReferenceDataError([_("Missing field: %(error)s") % {"error": exc}]) from exc
    return loader.report()
