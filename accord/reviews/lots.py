"""The drawing of lots for the review mechanisms (жеребьёвка): the pure algorithm, no ORM and no database.

Two draws, as the UNCAC IRM and the UNTOC RM make them (see the procedural rules
in shared/research/review_mechanism.md):

- `select_years`: which states are reviewed in which year of a cycle;
- `draw_reviewers`: the reviewing states of each state under review, and
  `redraw` when a state under review asks for a repeat of its draw.

Every rule is a parameter (`Rules`); the secretariat edits them. The result
depends only on the input and the seed: states are sorted by code before any
random choice, the generator is seeded from a SHA-256 of the seed (never the
salted `hash()`), and only `Random.random()` is used, the one method whose
sequence Python promises to keep across versions. `DrawInput.to_json()` holds
everything a draw depends on, so `rerun()` gives the same result years later.

Errors. Bad input (unknown or duplicate codes, a state under review that is
party to no instrument under review, inconsistent rules) raises
`DrawInputError`, a `ValueError`. A draw that the rules make impossible raises
`DrawImpossible` with a machine `rule` key, the `phase` that found it and a
translatable `message` naming the state and the rule; a draw never returns a
half result.

Search. Each review is filled from "profiles" (same or other regional group,
set of the review's instruments the candidate can review): candidates of one
profile are interchangeable for that review, so the exact question "can this
review still be filled within its cap of reviewing states?" is a tiny search.
Reviews are filled most constrained first, each with the fewest reviewing states
it can have (reuse over instruments, UNTOC), least-loaded candidate first, ties
by lot; failed reviews go first on the next attempt. The load cap per reviewing
state is raised level by level from a proven lower bound, so the maximum load is
the smallest level at which the draw succeeds. A bounded exhaustive search
backs the greedy attempts up: on small inputs it is complete.
"""

from __future__ import annotations

import hashlib
import json
import random
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, replace
from typing import Any

from django.utils.translation import gettext_lazy as _

FORMAT = 1
"""Version of the JSON layout of `DrawInput.to_json()`."""
ALGORITHM = 1
"""Version of the drawing algorithm: a stored input drawn by another version cannot be re-run."""

GREEDY_ATTEMPTS = 12
"""Randomized greedy attempts per load level before the exhaustive search."""
EXACT_WORK = 200_000
"""Bound on the exhaustive search's work per load level (candidate look-ups)."""

Seed = int | str


# ---- inputs and outputs -----------------------------------------------------


@dataclass(frozen=True)
class Rules:
    """The drawing rules of one mechanism: parameters, because the secretariat edits them."""

    per_instrument: bool = False
    """False (UNCAC): one draw for the whole review; True (UNTOC): one per instrument."""
    reviewers_per_unit: int = 2
    """Reviewers per review (UNCAC) or per instrument (UNTOC)."""
    same_group_min: int = 1
    """At least this many reviewers of a unit from the reviewed state's regional group."""
    other_group_min: int = 0
    """At least this many reviewers of a unit from another regional group."""
    max_reviewers: int | None = None
    """Cap on distinct reviewing states of one review over all its instruments (UNTOC 4)."""
    no_mutual: bool = True
    """A may not review B if B reviews A, in this draw or in the earlier ones given."""
    reviewers_must_be_parties: bool = True
    """A reviewer must be party to the instrument(s) of the unit it reviews."""
    deferral_allowed: bool = True
    """A state under review in this draw may defer serving as a reviewer in it."""
    max_reviews_per_reviewer: int | None = 2
    """Cap on the reviews one state does (earlier load included); None: no cap."""
    redraws_allowed: int = 2
    """Redraws a state under review may ask for; more only when flagged exceptional."""

    def __post_init__(self) -> None:
        problems = []
        if self.reviewers_per_unit < 1:
            problems.append("reviewers_per_unit < 1")
        if self.same_group_min < 0 or self.other_group_min < 0:
            problems.append("negative group minimum")
        if self.same_group_min + self.other_group_min > self.reviewers_per_unit:
            problems.append("same_group_min + other_group_min > reviewers_per_unit")
        if self.max_reviewers is not None and self.max_reviewers < self.reviewers_per_unit:
            problems.append("max_reviewers < reviewers_per_unit")
        if self.max_reviews_per_reviewer is not None and self.max_reviews_per_reviewer < 1:
            problems.append("max_reviews_per_reviewer < 1")
        if self.redraws_allowed < 0:
            problems.append("redraws_allowed < 0")
        if problems:
            raise DrawInputError(
                str(_("Inconsistent drawing rules: {problems}.")).format(problems="; ".join(problems))
            )

    @classmethod
    def uncac(cls) -> Rules:
        """UNCAC IRM: two reviewers per review, one of the same group; no more than two reviews each."""
        return cls()

    @classmethod
    def untoc(cls) -> Rules:
        """UNTOC RM: per instrument one reviewer of the same group and one of another; four at most."""
        return cls(per_instrument=True, other_group_min=1, max_reviewers=4)

    def to_json(self) -> dict[str, Any]:
        return {
            "deferral_allowed": self.deferral_allowed,
            "max_reviewers": self.max_reviewers,
            "max_reviews_per_reviewer": self.max_reviews_per_reviewer,
            "no_mutual": self.no_mutual,
            "other_group_min": self.other_group_min,
            "per_instrument": self.per_instrument,
            "redraws_allowed": self.redraws_allowed,
            "reviewers_must_be_parties": self.reviewers_must_be_parties,
            "reviewers_per_unit": self.reviewers_per_unit,
            "same_group_min": self.same_group_min,
        }

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> Rules:
        return cls(**{name: data[name] for name in cls().to_json() if name in data})


@dataclass(frozen=True)
class Candidate:
    """A state of the mechanism as the draw sees it: its group, its treaties, its choices this draw."""

    code: str
    """ISO 3166-1 alpha-3."""
    group: str
    """Regional group code."""
    instruments: frozenset[str] = frozenset()
    """Keys of the instruments the state is party to."""
    defers: bool = False
    """Under review in this draw and asks not to serve as a reviewer in it."""
    waives_cap: bool = False
    """Under review and lets the draw exceed `Rules.max_reviewers` for it."""

    def __post_init__(self) -> None:
        object.__setattr__(self, "instruments", frozenset(self.instruments))

    def to_json(self) -> dict[str, Any]:
        return {
            "code": self.code,
            "defers": self.defers,
            "group": self.group,
            "instruments": sorted(self.instruments),
            "waives_cap": self.waives_cap,
        }

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> Candidate:
        return cls(
            code=data["code"],
            group=data["group"],
            instruments=frozenset(data.get("instruments", ())),
            defers=bool(data.get("defers", False)),
            waives_cap=bool(data.get("waives_cap", False)),
        )


@dataclass(frozen=True)
class Assignment:
    """One reviewing state of one review for one instrument.

    For a whole-review draw (UNCAC) `instrument` is the first instrument under
    review that the state under review is party to (the main convention).
    """

    reviewee: str
    reviewer: str
    instrument: str
    same_group: bool

    def to_json(self) -> dict[str, Any]:
        return {
            "instrument": self.instrument,
            "reviewee": self.reviewee,
            "reviewer": self.reviewer,
            "same_group": self.same_group,
        }

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> Assignment:
        return cls(data["reviewee"], data["reviewer"], data["instrument"], bool(data["same_group"]))


@dataclass(frozen=True)
class RedrawRequest:
    """A repeat of one state's draw: what it keeps from the previous result and whom it excludes."""

    reviewee: str
    previous: tuple[Assignment, ...]
    redraws_done: int
    exceptional: bool = False
    exclude: frozenset[str] | None = None
    """States that may not be drawn for it; None: the states that reviewed it in `previous`."""

    def __post_init__(self) -> None:
        object.__setattr__(self, "previous", tuple(sorted(self.previous, key=_assignment_key)))
        if self.exclude is not None:
            object.__setattr__(self, "exclude", frozenset(self.exclude))

    def excluded(self) -> frozenset[str]:
        if self.exclude is not None:
            return self.exclude
        return frozenset(a.reviewer for a in self.previous if a.reviewee == self.reviewee)

    def to_json(self) -> dict[str, Any]:
        return {
            "exceptional": self.exceptional,
            "exclude": None if self.exclude is None else sorted(self.exclude),
            "previous": [a.to_json() for a in self.previous],
            "redraws_done": self.redraws_done,
            "reviewee": self.reviewee,
        }

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> RedrawRequest:
        exclude = data.get("exclude")
        return cls(
            reviewee=data["reviewee"],
            previous=tuple(Assignment.from_json(a) for a in data["previous"]),
            redraws_done=int(data["redraws_done"]),
            exceptional=bool(data.get("exceptional", False)),
            exclude=None if exclude is None else frozenset(exclude),
        )


@dataclass(frozen=True)
class DrawInput:
    """Everything a reviewer draw depends on, normalized so that input order does not matter."""

    pool: tuple[Candidate, ...]
    """All states of the mechanism that may review (and those under review)."""
    reviewees: tuple[str, ...]
    """Codes of the states under review in this draw."""
    instruments: tuple[str, ...]
    """Instrument keys under review, the main convention first."""
    rules: Rules
    seed: Seed
    prior_pairs: frozenset[tuple[str, str]] = frozenset()
    """(reviewer, reviewee) of earlier draws of the same cycle, for the rule against mutual reviews."""
    prior_load: tuple[tuple[str, int], ...] = ()
    """Reviews each state already does, counted against the cap and the balance (a dict is accepted)."""
    redraw: RedrawRequest | None = None

    def __post_init__(self) -> None:
        object.__setattr__(self, "pool", tuple(sorted(self.pool, key=lambda c: c.code)))
        object.__setattr__(self, "reviewees", tuple(sorted(self.reviewees)))
        object.__setattr__(self, "instruments", tuple(self.instruments))
        object.__setattr__(self, "prior_pairs", frozenset((a, b) for a, b in self.prior_pairs))
        load = dict(self.prior_load.items() if isinstance(self.prior_load, Mapping) else self.prior_load)
        object.__setattr__(self, "prior_load", tuple(sorted((k, int(v)) for k, v in load.items() if v)))
        _check_seed(self.seed)

    def to_json(self) -> dict[str, Any]:
        """Plain, JSON-serializable, keys and lists in a stable order."""
        return {
            "algorithm": ALGORITHM,
            "format": FORMAT,
            "instruments": list(self.instruments),
            "pool": [c.to_json() for c in self.pool],
            "prior_load": dict(self.prior_load),
            "prior_pairs": [list(pair) for pair in sorted(self.prior_pairs)],
            "redraw": None if self.redraw is None else self.redraw.to_json(),
            "reviewees": list(self.reviewees),
            "rules": self.rules.to_json(),
            "seed": self.seed,
        }

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> DrawInput:
        if data.get("format") != FORMAT:
            raise DrawInputError(
                str(_("Unknown format {format} of a stored draw.")).format(format=data.get("format"))
            )
        if data.get("algorithm") != ALGORITHM:
            raise DrawInputError(
                str(
                    _(
                        "This draw was made by version {stored} of the drawing algorithm and this is "
                        "version {current}: it cannot be re-run to the same result."
                    )
                ).format(stored=data.get("algorithm"), current=ALGORITHM)
            )
        redraw = data.get("redraw")
        return cls(
            pool=tuple(Candidate.from_json(c) for c in data["pool"]),
            reviewees=tuple(data["reviewees"]),
            instruments=tuple(data["instruments"]),
            rules=Rules.from_json(data["rules"]),
            seed=data["seed"],
            prior_pairs=frozenset((a, b) for a, b in data.get("prior_pairs", ())),
            prior_load=dict(data.get("prior_load", {})),
            redraw=None if redraw is None else RedrawRequest.from_json(redraw),
        )


@dataclass(frozen=True)
class DrawResult:
    """The reviewing states of every review of a draw, with the input that reproduces them."""

    assignments: tuple[Assignment, ...]
    """Sorted by state under review, instrument (in the input's order), reviewer."""
    input: DrawInput
    attempts: int = 1
    """Search attempts the draw took (informative; reproducible like the rest)."""

    def reviewers(self, reviewee: str) -> tuple[str, ...]:
        """The distinct reviewing states of one review."""
        return tuple(sorted({a.reviewer for a in self.assignments if a.reviewee == reviewee}))

    def loads(self) -> dict[str, int]:
        """Reviews per reviewing state in this draw (earlier load not included)."""
        pairs = sorted({(a.reviewer, a.reviewee) for a in self.assignments})
        counts: dict[str, int] = {}
        for reviewer, _reviewee in pairs:
            counts[reviewer] = counts.get(reviewer, 0) + 1
        return counts

    def to_json(self) -> dict[str, Any]:
        return {
            "assignments": [a.to_json() for a in self.assignments],
            "attempts": self.attempts,
            "input": self.input.to_json(),
        }

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> DrawResult:
        return cls(
            assignments=tuple(Assignment.from_json(a) for a in data["assignments"]),
            input=DrawInput.from_json(data["input"]),
            attempts=int(data.get("attempts", 1)),
        )


class DrawInputError(ValueError):
    """The input of a draw is wrong (not the rules being impossible to meet)."""


class DrawImpossible(Exception):  # noqa: N818 - the name the callers know
    """The rules cannot be met for this input; nothing was drawn.

    `rule`: "parties", "pool", "same_group", "other_group", "deferral", "excluded",
    "mutual", "load_cap", "max_reviewers" or "redraw_limit". `phase`: "check" (a
    necessary condition of one review fails: proven), "capacity" (the reviews
    needed exceed what the capped reviewers can do: proven), "search" (no draw
    found within the bounded search; the rule is the one whose relaxation lets it
    succeed) or "limit" (redraw refused). `params` holds the codes and numbers of
    the message; `render(labels)` shows codes as names.
    """

    def __init__(self, rule: str, template: Any, *, phase: str, **params: Any) -> None:
        self.rule = rule
        self.phase = phase
        self.template = template
        self.params = params
        super().__init__(rule)

    @property
    def states(self) -> tuple[str, ...]:
        """The states the message names, the state under review first."""
        found = [self.params["state"]] if "state" in self.params else []
        found += [code for code in self.params.get("states", ()) if code not in found]
        return tuple(found)

    @property
    def message(self) -> str:
        return self.render()

    def render(self, labels: Mapping[str, str] | None = None) -> str:
        """The message in the active language, codes (states, groups, instruments) shown by `labels`."""
        labels = labels or {}

        def show(value: Any) -> str:
            if isinstance(value, tuple | list | frozenset):
                return ", ".join(show(v) for v in value)
            if isinstance(value, str):
                return labels.get(value, value)
            return str(value)

        return str(self.template).format(**{name: show(value) for name, value in self.params.items()})

    def __str__(self) -> str:
        return self.message


# ---- seeds ------------------------------------------------------------------


def _check_seed(seed: Any) -> None:
    if isinstance(seed, bool) or not isinstance(seed, int | str):
        raise DrawInputError(str(_("A seed is an integer or a string, not {seed!r}.")).format(seed=seed))


def _rng(seed: Seed, purpose: str) -> random.Random:
    """A generator seeded stably from the seed (its type included) and the purpose."""
    _check_seed(seed)
    material = json.dumps([type(seed).__name__, seed, purpose]).encode()
    return random.Random(int.from_bytes(hashlib.sha256(material).digest()[:16], "big"))


def _shuffle(rng: random.Random, items: list) -> None:
    """Fisher-Yates on `random()` only, whose sequence Python keeps across versions."""
    for i in range(len(items) - 1, 0, -1):
        j = int(rng.random() * (i + 1))
        items[i], items[j] = items[j], items[i]


def _unique_codes(states: Iterable[Candidate]) -> dict[str, Candidate]:
    by_code: dict[str, Candidate] = {}
    for state in states:
        if state.code in by_code:
            raise DrawInputError(str(_("State {state} is listed twice.")).format(state=state.code))
        by_code[state.code] = state
    return by_code


# ---- years ------------------------------------------------------------------


def select_years(states: Iterable[Candidate], years: Sequence[int], seed: Seed) -> dict[str, int]:
    """Which year of the cycle each state is reviewed in, by lot.

    Guarantee, exact: in each year a regional group of n members has
    floor(n / Y) or ceil(n / Y) of them, and each year's total is floor(N / Y)
    or ceil(N / Y) (Y years, N states). The groups' remainders are laid one
    after another on the years in a circle from a random year, so the extra
    states of the groups fall on different years; which members go where,
    the order of the groups and the starting year are drawn by lot.
    """
    by_code = _unique_codes(states)
    ordered_years = sorted(years)
    if not ordered_years or len(set(ordered_years)) != len(ordered_years):
        raise DrawInputError(str(_("The years of a cycle are a non-empty list of distinct years.")))
    rng = _rng(seed, "years")
    count = len(ordered_years)
    groups = sorted({state.group for state in by_code.values()})
    _shuffle(rng, groups)
    start = int(rng.random() * count)
    result: dict[str, int] = {}
    for group in groups:
        members = sorted(code for code, state in by_code.items() if state.group == group)
        _shuffle(rng, members)
        base, extra = divmod(len(members), count)
        lucky = {(start + i) % count for i in range(extra)}
        start = (start + extra) % count
        slots = [year for i, year in enumerate(ordered_years) for _n in range(base + (i in lucky))]
        result.update(zip(members, slots, strict=True))
    return dict(sorted(result.items()))


# ---- reviewer draws: public entry points -------------------------------------


def draw_reviewers(
    pool: Iterable[Candidate],
    reviewees: Iterable[str],
    instruments: Sequence[str],
    *,
    rules: Rules,
    seed: Seed,
    prior_pairs: Iterable[tuple[str, str]] = frozenset(),
    prior_load: Mapping[str, int] | None = None,
) -> DrawResult:
    """Draw the reviewing states of every state under review.

    Guarantees: every hard rule of `rules` holds in the result, or
    `DrawImpossible` is raised; exactly `reviewers_per_unit` distinct reviewers
    per unit; each review has the fewest reviewing states it can have given the
    others; the maximum load (earlier load included) is the lowest level at
    which the search succeeded, starting from a proven lower bound; the same
    input and seed give the same result whatever the order of the input.
    """
    reviewees = tuple(reviewees)
    if len(set(reviewees)) != len(reviewees):
        raise DrawInputError(str(_("A state is listed twice among the states under review.")))
    return run(
        DrawInput(
            pool=tuple(pool),
            reviewees=reviewees,
            instruments=tuple(instruments),
            rules=rules,
            seed=seed,
            prior_pairs=frozenset(prior_pairs),
            prior_load=dict(prior_load or {}),
        )
    )


def redraw(
    previous: DrawResult,
    reviewee: str,
    *,
    seed: Seed,
    redraws_done: int,
    exceptional: bool = False,
    exclude: Iterable[str] | None = None,
) -> DrawResult:
    """Repeat the draw of one state under review, keeping every other assignment of `previous`.

    The kept assignments still count for the load cap and the rule against
    mutual reviews. By default the states that reviewed it before are
    excluded (`exclude=frozenset()` excludes nobody). Refused with
    `DrawImpossible(rule="redraw_limit")` once `redraws_done` reaches
    `rules.redraws_allowed`, unless `exceptional`.
    """
    base = previous.input
    request = RedrawRequest(
        reviewee=reviewee,
        previous=previous.assignments,
        redraws_done=redraws_done,
        exceptional=exceptional,
        exclude=None if exclude is None else frozenset(exclude),
    )
    return run(replace(base, seed=seed, redraw=request))


def rerun(stored: Mapping[str, Any] | str) -> DrawResult:
    """Re-run a stored `DrawInput.to_json()` (a dict or its JSON text) to the same result."""
    data = json.loads(stored) if isinstance(stored, str) else stored
    return run(DrawInput.from_json(data))


def run(draw_input: DrawInput) -> DrawResult:
    """Run a draw or a redraw from its complete input."""
    problem = _Problem(draw_input)
    if draw_input.redraw is None:
        chosen, attempts = problem.draw_all()
    else:
        chosen, attempts = problem.draw_again(draw_input.redraw)
    return DrawResult(assignments=problem.assignments(chosen), input=draw_input, attempts=attempts)


# ---- the search -------------------------------------------------------------

SAME, OTHER, ANY = 1, 0, 2
"""The kinds of a review's deficit: a reviewer of its own group, of another, of either."""


def _assignment_key(a: Assignment) -> tuple:
    return (a.reviewee, a.instrument, a.reviewer)


@dataclass(frozen=True)
class _Unit:
    """What one set of reviewers reviews: an instrument (UNTOC) or the whole review (UNCAC)."""

    instrument: str
    keys: tuple[str, ...]


class _Need:
    """The group-count conditions of one review's units, on per-unit (same, other) counts."""

    __slots__ = ("k", "n", "o", "s")

    def __init__(self, units: int, k: int, s: int, o: int) -> None:
        self.n, self.k, self.s, self.o = units, k, s, o

    def zero(self) -> tuple[int, ...]:
        return (0,) * (2 * self.n)

    def add(self, counts: tuple[int, ...], same: bool, mask: int, step: int = 1) -> tuple[int, ...]:
        out = list(counts)
        offset = 0 if same else 1
        for u in range(self.n):
            if mask >> u & 1:
                out[2 * u + offset] += step
        return tuple(out)

    def deficit(self, counts: tuple[int, ...]) -> tuple[int, int] | None:
        """The first unit (in instrument order) that lacks a reviewer, and of which kind."""
        for u in range(self.n):
            same, other = counts[2 * u], counts[2 * u + 1]
            if same < self.s:
                return u, SAME
            if other < self.o:
                return u, OTHER
            if same + other < self.k:
                return u, ANY
        return None

    def bound(self, counts: tuple[int, ...]) -> int:
        """A lower bound of the reviewers still to add."""
        best = 0
        for u in range(self.n):
            same, other = counts[2 * u], counts[2 * u + 1]
            best = max(best, self.k - same - other, max(0, self.s - same) + max(0, self.o - other))
        return best


def _fits(kind: int, same: bool, mask: int, unit: int) -> bool:
    return bool(mask >> unit & 1) and (kind == ANY or same == (kind == SAME))


class _Fill:
    """Can one review be filled from these candidates? Exact, over profiles (group role, units)."""

    def __init__(self, need: _Need, candidates: Iterable[tuple[bool, int]]) -> None:
        self.need = need
        self.index: dict[tuple[bool, int], int] = {}
        self.avail: list[int] = []
        for profile in candidates:
            if profile not in self.index:
                self.index[profile] = len(self.avail)
                self.avail.append(0)
            self.avail[self.index[profile]] += 1
        self.profiles = list(self.index)
        self.failed: set[tuple] = set()

    def feasible(self, counts: tuple[int, ...], used: list[int], budget: int) -> bool:
        """Whether at most `budget` more candidates can satisfy every unit.

        Branching on the first deficit over the profiles that fill it; a profile
        whose units are a strict subset of another available one of the same
        role is dominated (swap it for the bigger one), so only maximal ones
        are tried.
        """
        need = self.need
        deficit = need.deficit(counts)
        if deficit is None:
            return True
        if need.bound(counts) > budget:
            return False
        key = (tuple(used), budget)
        if key in self.failed:
            return False
        unit, kind = deficit
        options = [
            i
            for i, (same, mask) in enumerate(self.profiles)
            if used[i] < self.avail[i] and _fits(kind, same, mask, unit)
        ]
        for i in options:
            same, mask = self.profiles[i]
            if any(
                j != i and self.profiles[j][0] == same and self.profiles[j][1] & mask == mask for j in options
            ):
                continue
            used[i] += 1
            ok = self.feasible(need.add(counts, same, mask), used, budget - 1)
            used[i] -= 1
            if ok:
                return True
        self.failed.add(key)
        return False

    def minimum(self, limit: int) -> int | None:
        """The fewest candidates that fill the review, if at most `limit`."""
        zero, used = self.need.zero(), [0] * len(self.avail)
        for size in range(max(1, self.need.bound(zero)), limit + 1):
            if self.feasible(zero, used, size):
                return size
        return None


class _OutOfWorkError(Exception):
    pass


# A candidate as one review sees it: (code, same group, mask of the review's units it can review).
_Cand = tuple[str, bool, int]


class _Problem:
    """One draw's fixed data, its necessary-condition checks and its search."""

    def __init__(self, inp: DrawInput) -> None:
        self.inp = inp
        self.rules = rules = inp.rules
        self.states = _unique_codes(inp.pool)
        if not inp.instruments or len(set(inp.instruments)) != len(inp.instruments):
            raise DrawInputError(
                str(_("The instruments under review are a non-empty list of distinct keys."))
            )
        for code in inp.reviewees:
            if code not in self.states:
                raise DrawInputError(
                    str(_("State {state} is under review but not in the pool of the mechanism.")).format(
                        state=code
                    )
                )
        for code, load in inp.prior_load:
            if load < 0:
                raise DrawInputError(str(_("Negative earlier load of {state}.")).format(state=code))
        self.k, self.s, self.o = rules.reviewers_per_unit, rules.same_group_min, rules.other_group_min
        self.cap = rules.max_reviews_per_reviewer
        self.deferring = frozenset(
            code for code in inp.reviewees if rules.deferral_allowed and self.states[code].defers
        )
        self.prior_load = dict(inp.prior_load)
        self.units = {code: self._units(code) for code in inp.reviewees}
        self.need = {code: _Need(len(units), self.k, self.s, self.o) for code, units in self.units.items()}
        self.limit: dict[str, int] = {}
        for code, units in self.units.items():
            capped = rules.max_reviewers is not None and not self.states[code].waives_cap
            self.limit[code] = rules.max_reviewers if capped else len(units) * self.k
        self.static: dict[str, list[_Cand]] = {}
        self.minimum: dict[str, int] = {}
        self.targets: tuple[str, ...] = ()
        self.fixed: tuple[Assignment, ...] = ()
        self.exclude: frozenset[str] = frozenset()
        self.base_loads: dict[str, int] = {}
        self.base_reviews: dict[str, set[str]] = {}

    def _units(self, code: str) -> list[_Unit]:
        state = self.states[code]
        keys = [key for key in self.inp.instruments if key in state.instruments]
        if not keys:
            raise DrawInputError(
                str(_("{state} is party to none of the instruments under review ({instruments}).")).format(
                    state=code, instruments=", ".join(self.inp.instruments)
                )
            )
        if self.rules.per_instrument:
            return [_Unit(key, (key,)) for key in keys]
        return [_Unit(keys[0], tuple(keys))]

    # -- fixed state --

    def _start(self, targets: Iterable[str], fixed: tuple[Assignment, ...], exclude: frozenset[str]) -> None:
        self.targets = tuple(sorted(targets))
        self.fixed = fixed
        self.exclude = exclude
        self.base_loads = {code: self.prior_load.get(code, 0) for code in self.states}
        self.base_reviews = {code: set() for code in self.states}
        for reviewer, reviewee in sorted({(a.reviewer, a.reviewee) for a in fixed}):
            if reviewer in self.states:
                self.base_loads[reviewer] += 1
                self.base_reviews[reviewer].add(reviewee)

    # -- necessary conditions --

    def check(self, r: str) -> None:
        """Raise DrawImpossible(phase="check") if review `r` cannot be filled whatever the others get."""
        rules, state, units = self.rules, self.states[r], self.units[r]
        rows = []  # (code, same, mask, reason it is filtered out or None)
        for code, cand in self.states.items():
            if code == r:
                continue
            mask = 0
            for u, unit in enumerate(units):
                if not rules.reviewers_must_be_parties or all(k in cand.instruments for k in unit.keys):
                    mask |= 1 << u
            if not mask:
                continue
            reason = None
            if code in self.deferring:
                reason = "deferral"
            elif code in self.exclude:
                reason = "excluded"
            elif rules.no_mutual and ((r, code) in self.inp.prior_pairs or code in self.base_reviews[r]):
                reason = "mutual"
            elif self.cap is not None and self.base_loads[code] >= self.cap:
                reason = "load_cap"
            rows.append((code, cand.group == state.group, mask, reason))
        stages = ("deferral", "excluded", "mutual", "load_cap")
        for depth in range(len(stages) + 1):
            removed = stages[:depth]
            kept = [row for row in rows if row[3] not in removed]
            for u, unit in enumerate(units):
                fitting = [row for row in kept if row[2] >> u & 1]
                same = sum(1 for row in fitting if row[1])
                other = len(fitting) - same
                short = self._shortage(same, other)
                if short is None:
                    continue
                label = " + ".join(unit.keys)
                if depth == 0:
                    self._fail_base(r, state.group, label, short, same, other)
                stage = stages[depth - 1]
                culprits = tuple(sorted(row[0] for row in rows if row[3] == stage and row[2] >> u & 1))
                raise DrawImpossible(
                    stage,
                    STAGE_MESSAGES[stage],
                    phase="check",
                    state=r,
                    states=culprits,
                    instrument=label,
                    cap=self.cap or 0,
                )
        static = [(row[0], row[1], row[2]) for row in rows if row[3] is None]
        fill = _Fill(self.need[r], ((same, mask) for _c, same, mask in static))
        minimum = fill.minimum(self.limit[r])
        if minimum is None:
            needed = fill.minimum(len(units) * self.k)
            raise DrawImpossible(
                "max_reviewers",
                _(
                    "{state} needs at least {needed} reviewing states to cover {instrument}, more than "
                    "the cap of {cap} reviewing states per review (unless {state} waives it)."
                ),
                phase="check",
                state=r,
                instrument=tuple(unit.instrument for unit in units),
                needed=needed or len(units) * self.k,
                cap=self.limit[r],
            )
        self.static[r] = static
        self.minimum[r] = minimum

    def _shortage(self, same: int, other: int) -> str | None:
        if same + other < self.k:
            return "total"
        if same < self.s:
            return "same_group"
        if other < self.o:
            return "other_group"
        return None

    def _fail_base(self, r: str, group: str, label: str, short: str, same: int, other: int) -> None:
        parties = self.rules.reviewers_must_be_parties
        params = {"state": r, "group": group, "instrument": label}
        if short == "total":
            rule = "parties" if parties else "pool"
            raise DrawImpossible(
                rule,
                _PARTIES if parties else _POOL,
                phase="check",
                available=same + other,
                needed=self.k,
                **params,
            )
        if short == "same_group":
            if same == 0:
                template = _SAME_NONE_PARTY if parties else _SAME_NONE
            else:
                template = _SAME_FEW_PARTY if parties else _SAME_FEW
            raise DrawImpossible(
                "same_group", template, phase="check", available=same, needed=self.s, **params
            )
        template = _OTHER_FEW_PARTY if parties else _OTHER_FEW
        raise DrawImpossible("other_group", template, phase="check", available=other, needed=self.o, **params)

    def capacity(self) -> None:
        """Raise DrawImpossible(phase="capacity") if the capped reviewers cannot do the reviews needed."""
        if self.cap is None:
            return
        eligible: dict[str, set[str]] = {}
        for r in self.targets:
            for code, _same, _mask in self.static[r]:
                eligible.setdefault(code, set()).add(r)

        def supply(codes: Iterable[str], among: set[str]) -> int:
            return sum(
                min(max(0, self.cap - self.base_loads[c]), len(eligible.get(c, set()) & among)) for c in codes
            )

        needed = sum(self.minimum[r] for r in self.targets)
        capacity = supply(sorted(eligible), set(self.targets))
        if needed > capacity:
            raise DrawImpossible(
                "load_cap",
                _(
                    "The states under review need at least {needed} reviews, but the states that can review "
                    "them can do at most {capacity} within the cap of {cap} reviews per reviewing state."
                ),
                phase="capacity",
                needed=needed,
                capacity=capacity,
                cap=self.cap,
            )
        groups = sorted({self.states[r].group for r in self.targets})
        for group in groups:
            members = {r for r in self.targets if self.states[r].group == group}
            inside = sorted(c for c in eligible if self.states[c].group == group)
            outside = sorted(c for c in eligible if self.states[c].group != group)
            for minimum, codes, template in (
                (self.s, inside, _CAPACITY_SAME),
                (self.o, outside, _CAPACITY_OTHER),
            ):
                needed = minimum * len(members)
                capacity = supply(codes, members)
                if needed > capacity:
                    raise DrawImpossible(
                        "load_cap",
                        template,
                        phase="capacity",
                        group=group,
                        states=tuple(sorted(members)),
                        needed=needed,
                        capacity=capacity,
                        cap=self.cap,
                    )

    # -- choosing one review's reviewers --

    def available(
        self, r: str, level: int | None, loads: dict[str, int], reviews: dict[str, set[str]]
    ) -> tuple[list[_Cand], bool]:
        """Candidates for `r` now, in code order, and whether the load level kept one out."""
        mutual = self.rules.no_mutual
        out, blocked = [], False
        mine = reviews[r]
        for cand in self.static[r]:
            code = cand[0]
            if mutual and code in mine:
                continue
            if level is not None and loads[code] >= level:
                blocked = True
                continue
            out.append(cand)
        return out, blocked

    def choose(
        self,
        r: str,
        level: int | None,
        loads: dict[str, int],
        reviews: dict[str, set[str]],
        rng: random.Random,
        limit: int | None = None,
    ) -> tuple[list[_Cand] | None, bool]:
        """The fewest reviewers that fill `r`, least loaded first, ties by lot (None if none can)."""
        cands, blocked = self.available(r, level, loads, reviews)
        ranked = sorted(((loads[c[0]], rng.random(), c) for c in cands), key=lambda t: (t[0], t[1]))
        need = self.need[r]
        fill = _Fill(need, ((same, mask) for _code, same, mask in cands))
        size = fill.minimum(self.limit[r] if limit is None else limit)
        if size is None:
            return None, blocked
        chosen: list[_Cand] = []
        taken: set[str] = set()
        counts, used = need.zero(), [0] * len(fill.avail)
        while (deficit := need.deficit(counts)) is not None:
            unit, kind = deficit
            tried: set[int] = set()
            for _load, _tie, cand in ranked:
                code, same, mask = cand
                if code in taken or not _fits(kind, same, mask, unit):
                    continue
                profile = fill.index[(same, mask)]
                if profile in tried:
                    continue
                used[profile] += 1
                after = need.add(counts, same, mask)
                if fill.feasible(after, used, size - len(chosen) - 1):
                    chosen.append(cand)
                    taken.add(code)
                    counts = after
                    break
                used[profile] -= 1
                tried.add(profile)
            else:  # pragma: no cover - the oracle said the review can be filled
                raise AssertionError("fill oracle inconsistent")
        return chosen, blocked

    def tightness(self, r: str) -> int:
        """How little room review `r` has: the smallest surplus of candidates over a unit's needs."""
        need, cands = self.need[r], self.static[r]
        slack = self.limit[r] - self.minimum[r]
        for u in range(need.n):
            same = sum(1 for _c, s, m in cands if s and m >> u & 1)
            other = sum(1 for _c, s, m in cands if not s and m >> u & 1)
            slack = min(slack, same + other - self.k)
            if self.s:
                slack = min(slack, same - self.s)
            if self.o:
                slack = min(slack, other - self.o)
        return slack

    # -- whole draws --

    def draw_all(self) -> tuple[dict[str, list[_Cand]], int]:
        self._start(self.inp.reviewees, (), frozenset())
        for r in self.targets:
            self.check(r)
        self.capacity()
        rng = _rng(self.inp.seed, "reviewers")
        solution, attempts, failure = self.search(rng, GREEDY_ATTEMPTS, EXACT_WORK)
        if solution is None:
            self.diagnose(failure, attempts)
        return solution, attempts

    def draw_again(self, request: RedrawRequest) -> tuple[dict[str, list[_Cand]], int]:
        r = request.reviewee
        if r not in self.units:
            raise DrawInputError(
                str(_("{state} is not under review in this draw: it cannot be redrawn.")).format(state=r)
            )
        if request.redraws_done >= self.rules.redraws_allowed and not request.exceptional:
            raise DrawImpossible(
                "redraw_limit",
                _(
                    "{state} has already had {done} redraws and {allowed} are allowed: another one "
                    "can only be made in exceptional circumstances."
                ),
                phase="limit",
                state=r,
                done=request.redraws_done,
                allowed=self.rules.redraws_allowed,
            )
        kept = tuple(a for a in request.previous if a.reviewee != r)
        self._start((r,), kept, request.excluded())
        self.check(r)
        rng = _rng(self.inp.seed, "redraw")
        solution, attempts, failure = self.search(rng, 1, EXACT_WORK)
        if solution is None:
            if self.exclude:
                relaxed = _Problem(self.inp)
                relaxed._start((r,), kept, frozenset())
                relaxed.check(r)
                if relaxed.search(_rng(self.inp.seed, "diagnosis"), 1, EXACT_WORK)[0] is not None:
                    raise DrawImpossible(
                        "excluded",
                        _SEARCH_EXCLUDED,
                        phase="search",
                        state=r,
                        states=tuple(sorted(self.exclude)),
                    )
            self.diagnose(failure, attempts)
        return solution, attempts

    def levels(self) -> tuple[int, int]:
        """The lowest load level the reviews can fit under (a proven bound) and the highest one."""
        eligible: dict[str, int] = {}
        for r in self.targets:
            for code, _same, _mask in self.static[r]:
                eligible[code] = eligible.get(code, 0) + 1
        loads = self.base_loads
        top = self.cap if self.cap is not None else max(loads[c] for c in eligible) + len(self.targets)
        needed = sum(self.minimum[r] for r in self.targets)
        for level in range(1, top + 1):
            if sum(max(0, min(level - loads[c], n)) for c, n in sorted(eligible.items())) >= needed:
                return level, top
        return top, top

    def search(
        self, rng: random.Random, greedy_attempts: int, exact_work: int
    ) -> tuple[dict[str, list[_Cand]] | None, int, dict]:
        """Levels from the lower bound up: greedy attempts, then a bounded exhaustive search."""
        ties = {r: rng.random() for r in self.targets}
        order = sorted(self.targets, key=lambda r: (self.tightness(r), ties[r]))
        low, top = self.levels()
        attempts, best = 0, {"done": -1}
        for level in range(low, top + 1):
            blocked_any = False
            for _attempt in range(greedy_attempts):
                attempts += 1
                solution, failure = self.greedy(order, level, rng)
                if solution is not None:
                    return solution, attempts, best
                blocked_any |= failure["blocked"]
                if failure["done"] > best["done"]:
                    best = failure
                order.remove(failure["state"])
                order.insert(0, failure["state"])
            attempts += 1
            solution, _exhausted, blocked = self.exact(order, level, rng, exact_work)
            if solution is not None:
                return solution, attempts, best
            if not (blocked_any or blocked):
                break
        return None, attempts, best

    def greedy(self, order: list[str], level: int, rng: random.Random) -> tuple[dict | None, dict]:
        loads = dict(self.base_loads)
        reviews = {code: set(v) for code, v in self.base_reviews.items()}
        solution: dict[str, list[_Cand]] = {}
        for done, r in enumerate(order):
            chosen, blocked = self.choose(r, level, loads, reviews, rng)
            if chosen is None:
                return None, {
                    "done": done,
                    "state": r,
                    "blocked": blocked,
                    "level": level,
                    "loads": loads,
                    "reviews": reviews,
                }
            solution[r] = chosen
            for code, _same, _mask in chosen:
                loads[code] += 1
                reviews[code].add(r)
        return solution, {}

    def exact(
        self, order: list[str], level: int, rng: random.Random, work: int
    ) -> tuple[dict | None, bool, bool]:
        """Backtracking over the reviews, forward-checking the rest; (solution, exhausted, blocked)."""
        loads = dict(self.base_loads)
        reviews = {code: set(v) for code, v in self.base_reviews.items()}
        remaining = list(order)
        solution: dict[str, list[_Cand]] = {}
        state = {"work": work, "blocked": False}

        def spend(amount: int) -> None:
            state["work"] -= amount
            if state["work"] < 0:
                raise _OutOfWorkError

        def fillable(r: str) -> bool:
            cands, blocked = self.available(r, level, loads, reviews)
            spend(len(self.static[r]))
            state["blocked"] |= blocked
            return _Fill(self.need[r], ((s, m) for _c, s, m in cands)).minimum(self.limit[r]) is not None

        def options(r: str) -> Iterator[list[_Cand]]:
            cands, blocked = self.available(r, level, loads, reviews)
            state["blocked"] |= blocked
            ranked = [c for _l, _t, c in sorted((loads[c[0]], rng.random(), c) for c in cands)]
            need, limit, seen = self.need[r], self.limit[r], set()
            # The ranked candidates that can fill each (unit, kind) deficit, in rank order, filtered once per
            # review rather than once per node of the search (the same candidates, in the same order).
            fitting: dict[tuple[int, int], list[_Cand]] = {}

            def grow(counts: tuple[int, ...], chosen: list[_Cand], budget: int) -> Iterator[list[_Cand]]:
                spend(1)
                deficit = need.deficit(counts)
                if deficit is None:
                    codes = frozenset(c[0] for c in chosen)
                    minimal = all(need.deficit(need.add(counts, s, m, -1)) is not None for _c, s, m in chosen)
                    if minimal and codes not in seen:
                        seen.add(codes)
                        yield list(chosen)
                    return
                if need.bound(counts) > budget:
                    return
                matches = fitting.get(deficit)
                if matches is None:
                    unit, kind = deficit
                    matches = fitting[deficit] = [c for c in ranked if _fits(kind, c[1], c[2], unit)]
                for cand in matches:
                    if cand in chosen:
                        continue
                    chosen.append(cand)
                    yield from grow(need.add(counts, cand[1], cand[2]), chosen, budget - 1)
                    chosen.pop()

            yield from grow(need.zero(), [], limit)

        def solve() -> bool:
            if not remaining:
                return True
            sizes = {}
            for r in remaining:
                spend(len(self.static[r]))
                sizes[r] = len(self.available(r, level, loads, reviews)[0])
            r = min(remaining, key=lambda x: (sizes[x], remaining.index(x)))
            position = remaining.index(r)
            remaining.pop(position)
            for chosen in options(r):
                for code, _s, _m in chosen:
                    loads[code] += 1
                    reviews[code].add(r)
                if all(fillable(x) for x in remaining) and solve():
                    solution[r] = chosen
                    return True
                for code, _s, _m in chosen:
                    loads[code] -= 1
                    reviews[code].discard(r)
            remaining.insert(position, r)
            return False

        try:
            found = solve()
        except _OutOfWorkError:
            return None, False, True
        return (solution if found else None), True, state["blocked"]

    def diagnose(self, failure: dict, attempts: int) -> None:
        """Name the rule whose relaxation alone lets the draw succeed (else the one that blocked last)."""
        r = failure.get("state") or self.targets[0]
        relaxations = []
        if self.rules.no_mutual:
            relaxations.append(("mutual", {"no_mutual": False}))
        if self.cap is not None:
            relaxations.append(("load_cap", {"max_reviews_per_reviewer": None}))
        if self.rules.max_reviewers is not None:
            relaxations.append(("max_reviewers", {"max_reviewers": None}))
        for rule, change in relaxations:
            relaxed = _Problem(replace(self.inp, rules=replace(self.rules, **change)))
            relaxed._start(self.targets, self.fixed, self.exclude)
            for target in relaxed.targets:
                relaxed.check(target)
            if relaxed.search(_rng(self.inp.seed, "diagnosis"), 4, EXACT_WORK // 4)[0] is not None:
                self._fail_search(rule, r, attempts)
        if failure.get("loads") is not None:
            loads, reviews = failure["loads"], failure["reviews"]
            if self.choose(r, None, loads, reviews, random.Random(0))[0] is not None:
                self._fail_search("load_cap", r, attempts)
            if self.rules.no_mutual:
                empty = {code: set() for code in reviews}
                if self.choose(r, failure["level"], loads, empty, random.Random(0))[0] is not None:
                    self._fail_search("mutual", r, attempts)
        self._fail_search("load_cap" if self.cap is not None else "mutual", r, attempts)

    def _fail_search(self, rule: str, r: str, attempts: int) -> None:
        cap = {"load_cap": self.cap, "max_reviewers": self.rules.max_reviewers}.get(rule) or 0
        raise DrawImpossible(rule, SEARCH_MESSAGES[rule], phase="search", state=r, attempts=attempts, cap=cap)

    # -- the result --

    def assignments(self, chosen: dict[str, list[_Cand]]) -> tuple[Assignment, ...]:
        """Each review's units from its reviewers: the group minimums first, earliest drawn first."""
        out = list(self.fixed)
        for r in self.targets:
            members = chosen[r]
            for u, unit in enumerate(self.units[r]):
                fitting = [(rank, c) for rank, c in enumerate(members) if c[2] >> u & 1]
                picked = [rc for rc in fitting if rc[1][1]][: self.s]
                picked += [rc for rc in fitting if not rc[1][1]][: self.o]
                picked += [rc for rc in fitting if rc not in picked][: self.k - len(picked)]
                for _rank, (code, same, _mask) in picked:
                    out.append(Assignment(r, code, unit.instrument, same))
        position = {key: i for i, key in enumerate(self.inp.instruments)}
        return tuple(sorted(out, key=lambda a: (a.reviewee, position.get(a.instrument, -1), a.reviewer)))


# ---- messages ---------------------------------------------------------------

_PARTIES = _(
    "Only {available} states other than {state} are party to {instrument} and {needed} reviewers are "
    "needed: the rule that reviewers are parties cannot be met for {state}."
)
_POOL = _(
    "Only {available} states other than {state} can review it for {instrument} and {needed} reviewers "
    "are needed."
)
_SAME_NONE_PARTY = _(
    "No state of the {group} group other than {state} is party to {instrument}: the regional-group rule "
    "cannot be met for {state}."
)
_SAME_FEW_PARTY = _(
    "Only {available} states of the {group} group other than {state} are party to {instrument} and "
    "{needed} are needed: the regional-group rule cannot be met for {state}."
)
_SAME_NONE = _(
    "No state of the {group} group other than {state} can review it: the regional-group rule cannot be "
    "met for {state}."
)
_SAME_FEW = _(
    "Only {available} states of the {group} group other than {state} can review it and {needed} are "
    "needed: the regional-group rule cannot be met for {state}."
)
_OTHER_FEW_PARTY = _(
    "Only {available} states outside the {group} group are party to {instrument} and {needed} are "
    "needed: the rule of reviewers from another regional group cannot be met for {state}."
)
_OTHER_FEW = _(
    "Only {available} states outside the {group} group can review {state} and {needed} are needed: "
    "the rule of reviewers from another regional group cannot be met for {state}."
)
STAGE_MESSAGES = {
    "deferral": _(
        "{state} cannot get enough reviewers for {instrument} because {states} defer serving as "
        "reviewing states in this draw."
    ),
    "excluded": _(
        "{state} cannot get enough new reviewers for {instrument} once the states that reviewed it "
        "before ({states}) are excluded."
    ),
    "mutual": _(
        "{state} cannot get enough reviewers for {instrument}: {states} cannot review it because it "
        "reviews them (no mutual reviews)."
    ),
    "load_cap": _(
        "{state} cannot get enough reviewers for {instrument}: {states} already do {cap} reviews, the "
        "most allowed per reviewing state."
    ),
}
_CAPACITY_SAME = _(
    "The states of the {group} group under review ({states}) need {needed} reviews from their own "
    "group, but its states can do at most {capacity} of them within the cap of {cap} reviews per "
    "reviewing state."
)
_CAPACITY_OTHER = _(
    "The states of the {group} group under review ({states}) need {needed} reviews from other groups, "
    "but those states can do at most {capacity} of them within the cap of {cap} reviews per reviewing "
    "state."
)
_SEARCH_EXCLUDED = _(
    "No new reviewers can be drawn for {state} once the states that reviewed it before ({states}) are "
    "excluded."
)
SEARCH_MESSAGES = {
    "mutual": _(
        "No reviewers could be drawn for {state} without mutual reviews (two states reviewing each "
        "other), after {attempts} attempts."
    ),
    "load_cap": _(
        "No reviewers could be drawn for {state} within the cap of {cap} reviews per reviewing state, "
        "after {attempts} attempts."
    ),
    "max_reviewers": _(
        "No reviewers could be drawn for {state} within the cap of {cap} reviewing states per review, "
        "after {attempts} attempts."
    ),
}

__all__ = [
    "ALGORITHM",
    "FORMAT",
    "Assignment",
    "Candidate",
    "DrawImpossible",
    "DrawInput",
    "DrawInputError",
    "DrawResult",
    "RedrawRequest",
    "Rules",
    "draw_reviewers",
    "redraw",
    "rerun",
    "run",
    "select_years",
]
