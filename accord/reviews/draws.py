"""The drawing of lots on the database (жеребьёвка): pools from the registry, draws recorded and applied.

The pure module `lots.py` decides; this one reads the states, their treaties
and the mechanism's rules from the database, records every draw as a `Draw`
(seed, complete input, result) so that anyone can re-run it, and applies the
result: country reviews for a selection, reviewing states and the workflow
for a reviewer draw or a redraw. Each service is atomic, and a draw the rules
make impossible saves nothing (`DrawImpossibleError` names the rule).
"""

from __future__ import annotations

import secrets
from collections import Counter
from dataclasses import dataclass, field, replace
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Count
from django.utils import timezone
from django.utils.translation import gettext as _

from accord.instruments.choices import PartyStatus
from accord.instruments.models import Instrument, Party
from accord.registry.models import RegionalGroup, State
from accord.reviews import lots, workflow
from accord.reviews.choices import DrawKind, Phase, ReviewUnit, Side
from accord.reviews.models import (
    Cluster,
    CountryReview,
    Cycle,
    Draw,
    Mechanism,
    ReviewerAssignment,
    Transition,
)
from accord.reviews.permissions import can_manage

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


def _require_secretariat(user) -> None:
    if not can_manage(user):
        raise PermissionDenied(_("Only the secretariat draws lots."))


def _seed(seed: Any) -> str:
    """The seed as stored: the one given, or an unguessable one; always a string, so a re-run agrees."""
    if seed is None or (isinstance(seed, str) and not seed.strip()):
        return secrets.token_hex(8)
    text = str(seed).strip()
    if len(text) > SEED_LENGTH:
        raise ValidationError(
            _("A seed has at most {count} characters.").format(count=SEED_LENGTH), code="seed"
        )
    return text


def _locked(cycle: Cycle) -> Cycle:
    """The cycle row locked, so two draws of one cycle cannot run at the same time."""
    return Cycle.objects.select_for_update().select_related("mechanism").get(pk=cycle.pk)


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


def _refused(exc: lots.DrawImpossible, labels: dict[str, str]) -> DrawImpossibleError:
    return DrawImpossibleError(exc.render(labels), rule=exc.rule, phase=exc.phase)


def _input_error(exc: lots.DrawInputError) -> ValidationError:
    return ValidationError(str(exc), code="draw_input")


# ---- selection -------------------------------------------------------------------


def _select(cycle: Cycle, *, acting_user, seed: Any, years: list[int], year: int | None, late: bool) -> Draw:
    cluster = first_cluster(cycle)
    if cluster is None:
        raise ValidationError(
            _("The cycle has no cluster of provisions to review: add one first."), code="no_cluster"
        )
    pool = build_pool(cycle.mechanism)
    main = pool.instruments[0]
    already = set(CountryReview.objects.filter(cycle=cycle).values_list("state__iso3", flat=True))
    states = [c for c in pool.candidates if main.slug in c.instruments and c.code not in already]
    if not states:
        raise ValidationError(
            _("Every party to {instrument} is already under review in this cycle.").format(
                instrument=main.abbreviation or main.name
            ),
            code="nothing_to_select",
        )
    seed = _seed(seed)
    try:
        result = lots.select_years(states, years, seed)
    except lots.DrawInputError as exc:
        raise _input_error(exc) from exc
    excluded = [e for e in pool.excluded if main.slug in e.get("instruments", ())]
    draw = Draw.objects.create(
        cycle=cycle,
        kind=DrawKind.SELECTION,
        year=year,
        seed=seed,
        input={
            "algorithm": lots.ALGORITHM,
            "format": SELECTION_FORMAT,
            "instrument": main.slug,
            "late": late,
            "seed": seed,
            "states": [c.to_json() for c in sorted(states, key=lambda c: c.code)],
            "years": list(years),
            "excluded": excluded,
            "already_under_review": sorted(already),
        },
        result=result,
        performed_by=acting_user,
    )
    for code, drawn_year in result.items():
        review = CountryReview(
            cycle=cycle, cluster=cluster, state=pool.states[code], year=drawn_year, phase=Phase.SELECTED
        )
        review.full_clean()
        review.save()
        Transition.objects.create(
            review=review,
            from_phase="",
            to_phase=Phase.SELECTED,
            by=acting_user,
            note=_("Selected by lot for {year} (draw no. {draw}).").format(year=drawn_year, draw=draw.pk),
        )
    return draw


@transaction.atomic
def run_selection(cycle: Cycle, *, acting_user, seed: Any = None) -> Draw:
    """Draw which year of the cycle each party to the main instrument is reviewed in.

    Guarantees: one selection per cycle; per year each regional group gets
    floor or ceil of its share (`lots.select_years`); one `CountryReview` per
    state, in the first cluster, phase "selected"; the `Draw` holds all it took.
    """
    _require_secretariat(acting_user)
    cycle = _locked(cycle)
    existing = cycle.draws.filter(kind=DrawKind.SELECTION).order_by("pk").first()
    if existing is not None:
        raise ValidationError(
            _(
                "The states under review of this cycle were already drawn on {day} (draw no. {draw}); "
                "the draw stays in the audit trail. Parties that joined since can be added as late parties."
            ).format(day=existing.created_at.date().isoformat(), draw=existing.pk),
            code="already_drawn",
        )
    return _select(cycle, acting_user=acting_user, seed=seed, years=cycle.years, year=None, late=False)


@transaction.atomic
def add_late_parties(cycle: Cycle, *, acting_user, seed: Any = None) -> Draw:
    """Put the parties not yet selected into the year after the last (UNCAC: late parties go to year 5)."""
    _require_secretariat(acting_user)
    cycle = _locked(cycle)
    if not cycle.draws.filter(kind=DrawKind.SELECTION).exists():
        raise ValidationError(
            _("Draw the states under review of the cycle first; late parties come after that."),
            code="no_selection",
        )
    year = late_year(cycle)
    return _select(cycle, acting_user=acting_user, seed=seed, years=[year], year=year, late=True)


# ---- reviewers ---------------------------------------------------------------------


def _assignment(row: ReviewerAssignment) -> lots.Assignment:
    return lots.Assignment(row.review.state.iso3, row.state.iso3, row.instrument.slug, row.same_group)


def _create_assignments(
    draw: Draw, assignments, reviews: dict[str, CountryReview], pool: Pool
) -> list[ReviewerAssignment]:
    instruments = {instrument.slug: instrument for instrument in pool.instruments}
    created = []
    for a in assignments:
        row = ReviewerAssignment(
            review=reviews[a.reviewee],
            state=pool.states[a.reviewer],
            instrument=instruments[a.instrument],
            same_group=a.same_group,
            draw=draw,
        )
        row.save()
        created.append(row)
    return created


@transaction.atomic
def run_reviewer_draw(cycle: Cycle, year: int, *, acting_user, seed: Any = None) -> Draw:
    """Draw the reviewing states of every review of `year` still waiting for them.

    Guarantees: every rule of the mechanism holds (`lots.draw_reviewers`), or
    `DrawImpossibleError` is raised and nothing is saved; earlier draws of the cycle
    count against mutual reviews, and this year's against the load cap; each
    drawn review moves to "reviewers assigned" with its deadline. UNTOC's
    clusters share their reviewers: the draw is made once, on the first cluster.
    """
    _require_secretariat(acting_user)
    cycle = _locked(cycle)
    years = draw_years(cycle)
    if year not in years:
        raise ValidationError(
            _("{year} is not a review year of this cycle ({years}).").format(
                year=year, years=", ".join(str(y) for y in years)
            ),
            code="year",
        )
    pending = list(waiting(cycle).filter(year=year).select_related("state").order_by("state__iso3"))
    if not pending:
        raise ValidationError(
            _("No review of {year} is waiting for its reviewing states.").format(year=year), code="no_reviews"
        )
    pool = build_pool(cycle.mechanism)
    by_code = {c.code: c for c in pool.candidates}
    reviews = {r.state.iso3: r for r in pending if r.state.iso3 in by_code}
    excluded = list(pool.excluded)
    for review in pending:
        if review.state.iso3 not in by_code and not any(e["code"] == review.state.iso3 for e in excluded):
            excluded.append({"code": review.state.iso3, "reason": "not_in_pool"})
    if not reviews:
        raise ValidationError(
            " ".join(exclusion_notes([e for e in excluded if e["code"] in {r.state.iso3 for r in pending}]))
            or _("No state of {year} can be drawn for.").format(year=year),
            code="no_reviews",
        )
    candidates = [
        replace(c, defers=reviews[c.code].defers_reviewing, waives_cap=reviews[c.code].waives_reviewer_cap)
        if c.code in reviews
        else c
        for c in pool.candidates
    ]
    active = ReviewerAssignment.objects.filter(review__cycle=cycle, replaced_by__isnull=True)
    prior_pairs = set(active.values_list("state__iso3", "review__state__iso3"))
    prior_load = Counter(
        reviewer
        for reviewer, _review in set(active.filter(review__year=year).values_list("state__iso3", "review"))
    )
    seed = _seed(seed)
    try:
        result = lots.draw_reviewers(
            candidates,
            sorted(reviews),
            pool.keys,
            rules=rules_for(cycle.mechanism),
            seed=seed,
            prior_pairs=prior_pairs,
            prior_load=dict(prior_load),
        )
    except lots.DrawImpossible as exc:
        raise _refused(exc, pool.labels()) from exc
    except lots.DrawInputError as exc:
        raise _input_error(exc) from exc
    draw = Draw.objects.create(
        cycle=cycle,
        kind=DrawKind.REVIEWERS,
        year=year,
        seed=seed,
        input={**result.input.to_json(), "excluded": excluded},
        result=result.to_json(),
        performed_by=acting_user,
    )
    _create_assignments(draw, result.assignments, reviews, pool)
    note = _("Reviewing states drawn by lot (draw no. {draw}).").format(draw=draw.pk)
    for review in reviews.values():
        workflow.move(review, Phase.ASSIGNED, acting_user=acting_user, note=note, check_permission=False)
    return draw


# ---- redraws ---------------------------------------------------------------------


def redraws_used(review: CountryReview) -> tuple[int, int]:
    """(redraws made, redraws the mechanism allows) for a review."""
    return review.redraws.count(), review.cycle.mechanism.redraws_allowed


@transaction.atomic
def request_redraw(
    review: CountryReview, *, acting_user, exceptional: bool = False, reason: str = "", seed: Any = None
) -> Draw:
    """Repeat the draw of one review at its state's request; every other review keeps its reviewers.

    Guarantees: only this review's active reviewing states are replaced
    (`replaced_by` the new draw); none of the states drawn for it before comes
    back; the other reviews of its year still count against mutual reviews and
    the load cap; past the mechanism's redraw limit it is refused unless the
    request is exceptional (with a reason).
    """
    _require_secretariat(acting_user)
    review = (
        CountryReview.objects.select_for_update()
        .select_related("cycle__mechanism", "state", "cluster")
        .get(pk=review.pk)
    )
    if review.phase != Phase.ASSIGNED:
        raise ValidationError(
            _("Reviewing states can be redrawn only while the review is at “{phase}”.").format(
                phase=Phase.ASSIGNED.label
            ),
            code="phase",
        )
    if exceptional and not reason.strip():
        raise ValidationError(_("Say what makes the circumstances exceptional."), code="reason")
    active = list(review.active_reviewers().select_related("review__state", "state", "instrument", "draw"))
    if not active:
        raise ValidationError(_("This review has no reviewing states to redraw."), code="no_reviewers")
    base = max((row.draw for row in active), key=lambda d: d.pk)
    try:
        base_result = lots.DrawResult.from_json(base.result)
    except (lots.DrawInputError, KeyError, TypeError) as exc:
        raise ValidationError(
            _("The draw no. {draw} holds no input to redraw from ({error}).").format(draw=base.pk, error=exc),
            code="draw_input",
        ) from exc
    code = review.state.iso3
    reviewees = base_result.input.reviewees
    # The other reviews as they stand now (earlier redraws included), not as first drawn.
    current = ReviewerAssignment.objects.filter(
        review__cycle=review.cycle,
        review__cluster=review.cluster,
        review__year=review.year,
        review__state__iso3__in=reviewees,
        replaced_by__isnull=True,
    ).select_related("review__state", "state", "instrument")
    previous = lots.DrawResult(
        assignments=tuple(_assignment(row) for row in current),
        input=replace(base_result.input, rules=rules_for(review.cycle.mechanism)),
    )
    before = set(review.reviewers.values_list("state__iso3", flat=True))
    seed = _seed(seed)
    pool = build_pool(review.cycle.mechanism)
    try:
        result = lots.redraw(
            previous,
            code,
            seed=seed,
            redraws_done=review.redraws.count(),
            exceptional=exceptional,
            exclude=before,
        )
    except lots.DrawImpossible as exc:
        raise _refused(exc, pool.labels()) from exc
    except lots.DrawInputError as exc:
        raise _input_error(exc) from exc
    draw = Draw.objects.create(
        cycle=review.cycle,
        kind=DrawKind.REDRAW,
        year=review.year,
        seed=seed,
        input=result.input.to_json(),
        result=result.to_json(),
        review=review,
        exceptional=exceptional,
        reason=reason.strip(),
        performed_by=acting_user,
    )
    for row in active:
        row.replaced_by = draw
        row.save(update_fields=["replaced_by", "updated_at"])
    mine = [a for a in result.assignments if a.reviewee == code]
    created = _create_assignments(draw, mine, {code: review}, pool)
    # The experts of the states no longer drawn leave the review, and its timetable starts again.
    review.expert_links.filter(side=Side.REVIEWER).exclude(
        state_id__in={row.state_id for row in created}
    ).delete()
    today = timezone.localdate()
    review.phase_started_on = today
    review.due_on = workflow.deadline(review, review.phase, today) or review.due_on
    review.save(update_fields=["phase_started_on", "due_on", "updated_at"])
    Transition.objects.create(
        review=review,
        from_phase=review.phase,
        to_phase=review.phase,
        by=acting_user,
        due_on=review.due_on,
        note=_("Reviewing states redrawn (draw no. {draw}): {states}.").format(
            draw=draw.pk, states=", ".join(dict.fromkeys(row.state.name for row in created))
        ),
    )
    return draw


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
    applied_by = _by_reviewee(_assignment(row) for row in applied)
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
        rows=sorted(rows.values(), key=lambda r: r.state.name if r.state else r.code),
        loads=loads,
    )


def _describe_selection(draw: Draw, data: dict, notes: list[str]) -> DrawReport:
    result = {code: int(year) for code, year in (draw.result or {}).items()}
    states = {s.iso3: s for s in State.objects.filter(iso3__in=list(result)).select_related("regional_group")}
    years = sorted(set(data.get("years", [])) | set(result.values()))
    by_year = [
        (year, sorted((states.get(c) or c for c, y in result.items() if y == year), key=str))
        for year in years
    ]
    group_of = {s["code"]: s["group"] for s in data.get("states", [])}
    group_names = dict(RegionalGroup.objects.values_list("code", "abbreviation"))
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
