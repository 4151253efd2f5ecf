"""The drawing of lots on the database (жеребьёвка): pools from the registry, draws recorded and applied.

The pure module `lots.py` decides; this one reads the states, their treaties
and the mechanism's rules from the database, records every draw as a `Draw`
(seed, complete input, result) so that anyone can re-run it, and applies the
result: country reviews for a selection, reviewing states and the workflow
for a reviewer draw or a redraw. The draws themselves are written by
`services` (`run_selection`, `add_late_parties`, `run_reviewer_draw`,
`request_redraw`): each is atomic, and a draw the rules make impossible saves
nothing (`DrawImpossibleError` names the rule). This module builds the pool
and re-runs (`verify`) and describes (`describe`) recorded draws.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import ValidationError
from django.db.models import Count
from django.utils.translation import gettext as _

from accord.core.collation import collated
from accord.instruments.choices import PartyStatus
from accord.instruments.models import Instrument, Party
from accord.registry.models import RegionalGroup, State
from accord.reviews import lots
from accord.reviews.choices import DrawKind, Phase, ReviewUnit
from accord.reviews.models import (
    Cluster,
    CountryReview,
    Cycle,
    Draw,
    Mechanism,
    ReviewerAssignment,
)

SELECTION_FORMAT = 1
"""Version of the JSON layout of a selection draw's input."""
SEED_LENGTH = 100
"""`Draw.seed` holds at most this many characters."""


class DrawImpossibleError(ValidationError):
    """The rules cannot be met for this draw: nothing was drawn or saved.

    `rule` is the machine key of `lots.DrawImpossible` ("same_group",
    "load_cap", "redraw_limit"...); the message names the states in the UI language.
    """

    def __init__(self, message: str, *, rule: str, phase: str = "") -> None:
        super().__init__(message, code="draw_impossible")
        self.rule = rule
        self.phase = phase


# ---- the pool ----------------------------------------------------------------


@dataclass
class Pool:
    """The states a mechanism's draws can pick from, as the draw sees them and as the pages name them."""

    instruments: list[Instrument]
    candidates: list[lots.Candidate]
    states: dict[str, State]
    excluded: list[dict[str, str]] = field(default_factory=list)
    """States left out, with the reason: `{"code": "PSE", "reason": "no_regional_group"}`."""

    @property
    def keys(self) -> tuple[str, ...]:
        return tuple(instrument.slug for instrument in self.instruments)

    def labels(self) -> dict[str, str]:
        """Codes as the messages show them: state names, group names, instrument abbreviations."""
        names: dict[str, str] = {code: state.name for code, state in self.states.items()}
        for state in self.states.values():
            if state.regional_group is not None:
                names[state.regional_group.code] = state.regional_group.name
        for instrument in self.instruments:
            names[instrument.slug] = instrument.abbreviation or instrument.name
        return names


def rules_for(mechanism: Mechanism) -> lots.Rules:
    """The mechanism's rules as the draw takes them (the secretariat edits them on the mechanism)."""
    try:
        return _rules(mechanism)
    except lots.DrawInputError as exc:
        raise ValidationError(str(exc), code="draw_input") from exc


def _rules(mechanism: Mechanism) -> lots.Rules:
    return lots.Rules(
        per_instrument=mechanism.review_unit == ReviewUnit.INSTRUMENT,
        reviewers_per_unit=mechanism.reviewers_per_unit,
        same_group_min=mechanism.same_group_min,
        other_group_min=mechanism.other_group_min,
        max_reviewers=mechanism.max_reviewers,
        no_mutual=mechanism.no_mutual,
        reviewers_must_be_parties=mechanism.reviewers_must_be_parties,
        deferral_allowed=mechanism.deferral_allowed,
        max_reviews_per_reviewer=mechanism.max_reviews_per_reviewer,
        redraws_allowed=mechanism.redraws_allowed,
    )


def build_pool(mechanism: Mechanism) -> Pool:
    """Every state party (not withdrawn) to at least one instrument under review, with its group.

    A state without a regional group cannot meet the group rules either way:
    it is left out and listed in `excluded` rather than failing the draw.
    """
    instruments = mechanism.ordered_instruments()
    if not instruments:
        raise ValidationError(
            _("The mechanism reviews no instrument: add its instruments first."), code="no_instruments"
        )
    parties = (
        Party.objects.filter(instrument__in=instruments, status=PartyStatus.PARTY, withdrawn_on__isnull=True)
        .select_related("state__regional_group", "instrument")
        .order_by("state__iso3")
    )
    treaties: dict[str, set[str]] = {}
    states: dict[str, State] = {}
    for party in parties:
        states[party.state.iso3] = party.state
        treaties.setdefault(party.state.iso3, set()).add(party.instrument.slug)
    candidates, excluded = [], []
    for code, state in sorted(states.items()):
        if state.regional_group is None:
            excluded.append(
                {"code": code, "reason": "no_regional_group", "instruments": sorted(treaties[code])}
            )
            continue
        candidates.append(lots.Candidate(code, state.regional_group.code, frozenset(treaties[code])))
    return Pool(instruments, candidates, states, excluded)


def exclusion_notes(excluded: list[dict[str, Any]]) -> list[str]:
    """The stored `excluded` notes of a draw as sentences, states named in the UI language."""
    states = {s.iso3: s for s in State.objects.filter(iso3__in=[e["code"] for e in excluded])}
    reasons = {
        "no_regional_group": _("{state} belongs to no regional group and was left out of the draw."),
        "not_in_pool": _("{state} is party to none of the instruments under review and was left out."),
    }
    notes = []
    for entry in excluded:
        state = states.get(entry["code"])
        template = reasons.get(entry.get("reason", ""), _("{state} was left out of the draw."))
        notes.append(template.format(state=state.name if state else entry["code"]))
    return notes


# ---- helpers -------------------------------------------------------------------


def first_cluster(cycle: Cycle) -> Cluster | None:
    """The cluster whose reviews carry the reviewing states (UNTOC: one draw for every cluster)."""
    return cycle.clusters.order_by("number").first()


def draw_years(cycle: Cycle) -> list[int]:
    """The years reviewers can be drawn for: the cycle's, and the year late parties were put into."""
    return sorted(set(cycle.years) | set(cycle.reviews.values_list("year", flat=True).distinct()))


def waiting(cycle: Cycle):
    """The reviews of the cycle still waiting for their reviewing states (first cluster, phase "selected")."""
    drawn = ReviewerAssignment.objects.filter(replaced_by__isnull=True).values("review")
    return CountryReview.objects.filter(
        cycle=cycle, cluster=first_cluster(cycle), phase=Phase.SELECTED
    ).exclude(pk__in=drawn)


def waiting_by_year(cycle: Cycle) -> dict[int, int]:
    """How many reviews of each year still wait for their reviewing states."""
    return dict(waiting(cycle).values_list("year").annotate(n=Count("pk")).order_by())


def late_year(cycle: Cycle) -> int:
    """Where parties that join after the selection go: the year after the last (UNCAC: year 5)."""
    return cycle.years[-1] + 1


# ---- selection -------------------------------------------------------------------


# ---- reviewers ---------------------------------------------------------------------


# ---- redraws ---------------------------------------------------------------------


def redraws_used(review: CountryReview) -> tuple[int, int]:
    """(redraws made, redraws the mechanism allows) for a review."""
    return review.redraws.count(), review.cycle.mechanism.redraws_allowed


def as_lot_assignment(row: ReviewerAssignment) -> lots.Assignment:
    """A stored reviewer assignment as the drawing algorithm names it."""
    return lots.Assignment(row.review.state.iso3, row.state.iso3, row.instrument.slug, row.same_group)


# ---- verification -------------------------------------------------------------------


@dataclass(frozen=True)
class VerifyResult:
    """What re-running a stored draw gives, against what was stored and what was applied."""

    same: bool
    """Re-running the stored input gives the stored result."""
    differences: tuple[str, ...] = ()
    """Where the re-run and the stored result differ."""
    record_differences: tuple[str, ...] = ()
    """Where the stored result and the reviews or reviewing states on record differ."""
    error: str = ""
    """Why the draw could not be re-run at all (another algorithm version, a broken input)."""

    @property
    def ok(self) -> bool:
        return self.same and not self.record_differences and not self.error

    def as_dict(self, draw: Draw) -> dict[str, Any]:
        """The plain form the API and `accord draw --verify --format json` print."""
        return {
            "draw": draw.pk,
            "same": self.same,
            "ok": self.ok,
            "differences": list(self.differences),
            "record_differences": list(self.record_differences),
            "error": self.error,
        }


def _names(codes) -> dict[str, str]:
    return {s.iso3: s.name for s in State.objects.filter(iso3__in=set(codes))}


def _verify_selection(draw: Draw) -> VerifyResult:
    data = draw.input
    states = [lots.Candidate.from_json(s) for s in data["states"]]
    again = lots.select_years(states, data["years"], data["seed"])
    stored = {code: int(year) for code, year in draw.result.items()}
    names = _names(set(stored) | set(again))
    differences = tuple(
        _("{state}: stored {stored}, re-run {rerun}").format(
            state=names.get(code, code), stored=stored.get(code, "—"), rerun=again.get(code, "—")
        )
        for code in sorted(set(stored) | set(again))
        if stored.get(code) != again.get(code)
    )
    cluster = first_cluster(draw.cycle)
    on_record = dict(
        CountryReview.objects.filter(cycle=draw.cycle, cluster=cluster, state__iso3__in=stored).values_list(
            "state__iso3", "year"
        )
    )
    records = tuple(
        _("{state}: drawn for {stored}, reviewed in {recorded}").format(
            state=names.get(code, code), stored=year, recorded=on_record.get(code, "—")
        )
        for code, year in sorted(stored.items())
        if on_record.get(code) != year
    )
    return VerifyResult(same=not differences, differences=differences, record_differences=records)


def _by_reviewee(assignments) -> dict[str, set[tuple[str, str]]]:
    out: dict[str, set[tuple[str, str]]] = {}
    for a in assignments:
        out.setdefault(a.reviewee, set()).add((a.reviewer, a.instrument))
    return out


def _describe_rows(rows: set[tuple[str, str]], names: dict[str, str]) -> str:
    return ", ".join(f"{names.get(r, r)} ({i})" for r, i in sorted(rows)) or "—"


def _verify_reviewers(draw: Draw) -> VerifyResult:
    stored = lots.DrawResult.from_json(draw.result)
    again = lots.rerun(draw.input)
    mine = None if draw.kind != DrawKind.REDRAW or draw.review is None else draw.review.state.iso3
    stored_by, again_by = _by_reviewee(stored.assignments), _by_reviewee(again.assignments)
    applied = ReviewerAssignment.objects.filter(draw=draw).select_related(
        "review__state", "state", "instrument"
    )
    applied_by = _by_reviewee(as_lot_assignment(row) for row in applied)
    codes = set(stored_by) | set(again_by) | set(applied_by)
    names = _names(codes | {r for rows in (*stored_by.values(), *again_by.values()) for r, _i in rows})
    differences = tuple(
        _("{state}: stored {stored}; re-run {rerun}").format(
            state=names.get(code, code),
            stored=_describe_rows(stored_by.get(code, set()), names),
            rerun=_describe_rows(again_by.get(code, set()), names),
        )
        for code in sorted(codes)
        if stored_by.get(code, set()) != again_by.get(code, set())
    )
    expected = {code: rows for code, rows in stored_by.items() if mine is None or code == mine}
    records = tuple(
        _("{state}: drawn {stored}; on record {recorded}").format(
            state=names.get(code, code),
            stored=_describe_rows(expected.get(code, set()), names),
            recorded=_describe_rows(applied_by.get(code, set()), names),
        )
        for code in sorted(set(expected) | set(applied_by))
        if expected.get(code, set()) != applied_by.get(code, set())
    )
    return VerifyResult(
        same=not differences and stored.assignments == again.assignments,
        differences=differences,
        record_differences=records,
    )


def verify(draw: Draw) -> VerifyResult:
    """Re-run a stored draw from its input and compare: the proof that a draw was made by its rules."""
    try:
        if draw.kind == DrawKind.SELECTION:
            return _verify_selection(draw)
        return _verify_reviewers(draw)
    except lots.DrawInputError as exc:
        return VerifyResult(same=False, error=str(exc))
    except lots.DrawImpossible as exc:
        return VerifyResult(
            same=False,
            error=_("The stored input no longer draws: {message}").format(
                message=exc.render(_names(exc.states))
            ),
        )
    except (KeyError, TypeError, ValueError) as exc:
        return VerifyResult(
            same=False, error=_("The stored input is incomplete ({error}).").format(error=exc)
        )


# ---- what a draw page shows ---------------------------------------------------------


@dataclass
class ReviewerRow:
    """One state under review of a draw and its reviewing states per instrument."""

    state: State | None
    code: str
    by_instrument: list[tuple[str, list[tuple[State | None, str, bool]]]]
    """(instrument label, [(reviewing state, its code, same group)])."""
    redrawn: bool = False


@dataclass
class LoadRow:
    state: State | None
    code: str
    drawn: int
    earlier: int

    @property
    def total(self) -> int:
        return self.drawn + self.earlier


@dataclass
class DrawReport:
    """A draw as its page and the command print it: input summary, result, loads."""

    draw: Draw
    rules: list[tuple[str, Any]]
    pool_size: int
    reviewee_count: int
    instruments: list[str]
    prior_pairs: int = 0
    notes: list[str] = field(default_factory=list)
    rows: list[ReviewerRow] = field(default_factory=list)
    loads: list[LoadRow] = field(default_factory=list)
    years: list[tuple[int, list[State | str]]] = field(default_factory=list)
    group_counts: list[tuple[str, list[int]]] = field(default_factory=list)
    """Selection: per regional group, the states drawn into each year (the proportionality)."""

    @property
    def max_load(self) -> int:
        return max((row.total for row in self.loads), default=0)

    @property
    def min_load(self) -> int:
        return min((row.total for row in self.loads), default=0)

    @property
    def spread(self) -> int:
        return self.max_load - self.min_load


RULE_LABELS = {
    "per_instrument": Mechanism._meta.get_field("review_unit").verbose_name,
    "reviewers_per_unit": Mechanism._meta.get_field("reviewers_per_unit").verbose_name,
    "same_group_min": Mechanism._meta.get_field("same_group_min").verbose_name,
    "other_group_min": Mechanism._meta.get_field("other_group_min").verbose_name,
    "max_reviewers": Mechanism._meta.get_field("max_reviewers").verbose_name,
    "no_mutual": Mechanism._meta.get_field("no_mutual").verbose_name,
    "reviewers_must_be_parties": Mechanism._meta.get_field("reviewers_must_be_parties").verbose_name,
    "deferral_allowed": Mechanism._meta.get_field("deferral_allowed").verbose_name,
    "max_reviews_per_reviewer": Mechanism._meta.get_field("max_reviews_per_reviewer").verbose_name,
    "redraws_allowed": Mechanism._meta.get_field("redraws_allowed").verbose_name,
}


def _rule_value(name: str, value: Any) -> Any:
    if name == "per_instrument":
        return ReviewUnit.INSTRUMENT.label if value else ReviewUnit.REVIEW.label
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    return _("no cap") if value is None else value


def _instrument_labels(keys) -> dict[str, str]:
    found = {i.slug: i.abbreviation or i.name for i in Instrument.objects.filter(slug__in=list(keys))}
    return {key: found.get(key, key) for key in keys}


def describe(draw: Draw) -> DrawReport:
    """What the draw page shows: seed and rules, the input in numbers, the result and the loads."""
    data = draw.input or {}
    notes = exclusion_notes(data.get("excluded", []))
    if draw.kind == DrawKind.SELECTION:
        return _describe_selection(draw, data, notes)
    rules = data.get("rules", {})
    keys = data.get("instruments", [])
    labels = _instrument_labels(keys)
    assignments = [lots.Assignment.from_json(a) for a in (draw.result or {}).get("assignments", [])]
    mine = draw.review.state.iso3 if draw.kind == DrawKind.REDRAW and draw.review else None
    shown = [a for a in assignments if mine is None or a.reviewee == mine]
    codes = {a.reviewee for a in assignments} | {a.reviewer for a in assignments}
    states = {s.iso3: s for s in State.objects.filter(iso3__in=codes).select_related("regional_group")}
    rows: dict[str, ReviewerRow] = {}
    for a in shown:
        row = rows.setdefault(
            a.reviewee, ReviewerRow(states.get(a.reviewee), a.reviewee, [], a.reviewee == mine)
        )
        label = labels.get(a.instrument, a.instrument)
        if not row.by_instrument or row.by_instrument[-1][0] != label:
            row.by_instrument.append((label, []))
        row.by_instrument[-1][1].append((states.get(a.reviewer), a.reviewer, a.same_group))
    earlier = dict(data.get("prior_load", {}))
    drawn = Counter(reviewer for reviewer, _r in {(a.reviewer, a.reviewee) for a in assignments})
    loads = [
        LoadRow(states.get(code), code, count, int(earlier.get(code, 0)))
        for code, count in sorted(drawn.items(), key=lambda kv: (-kv[1] - earlier.get(kv[0], 0), kv[0]))
    ]
    return DrawReport(
        draw=draw,
        rules=[
            (label, _rule_value(name, rules[name])) for name, label in RULE_LABELS.items() if name in rules
        ],
        pool_size=len(data.get("pool", [])),
        reviewee_count=len(data.get("reviewees", [])),
        instruments=[labels[key] for key in keys],
        prior_pairs=len(data.get("prior_pairs", [])),
        notes=notes,
        rows=collated(rows.values(), key=lambda r: r.state.name if r.state else r.code),
        loads=loads,
    )


def _describe_selection(draw: Draw, data: dict, notes: list[str]) -> DrawReport:
    result = {code: int(year) for code, year in (draw.result or {}).items()}
    states = {s.iso3: s for s in State.objects.filter(iso3__in=list(result)).select_related("regional_group")}
    years = sorted(set(data.get("years", [])) | set(result.values()))
    by_year = [(year, collated(states.get(c) or c for c, y in result.items() if y == year)) for year in years]
    group_of = {s["code"]: s["group"] for s in data.get("states", [])}
    group_names = {g.code: g.short_name for g in RegionalGroup.objects.all()}
    counts = []
    for group in sorted(set(group_of.values())):
        counts.append(
            (
                group_names.get(group) or group,
                [
                    sum(1 for c, y in result.items() if y == year and group_of.get(c) == group)
                    for year in years
                ],
            )
        )
    keys = [data["instrument"]] if data.get("instrument") else []
    labels = _instrument_labels(keys)
    return DrawReport(
        draw=draw,
        rules=[],
        pool_size=len(data.get("states", [])),
        reviewee_count=len(result),
        instruments=[labels[key] for key in keys],
        notes=notes,
        years=by_year,
        group_counts=counts,
    )
