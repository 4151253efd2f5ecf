"""Drawing of lots, by property: every generated case gives a draw meeting every hard rule, or a
DrawImpossible whose claim is checked here independently of the module."""

import itertools
from collections import Counter
from dataclasses import replace

from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from accord.reviews.lots import (
    Candidate,
    DrawImpossible,
    DrawInput,
    DrawResult,
    Rules,
    draw_reviewers,
    redraw,
    select_years,
)

INSTRUMENTS = ("conv", "p1", "p2")
SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


# ---- strategies ----------------------------------------------------------------


@st.composite
def rules(draw) -> Rules:
    k = draw(st.integers(1, 3))
    same = draw(st.integers(0, k))
    other = draw(st.integers(0, k - same))
    return Rules(
        per_instrument=draw(st.booleans()),
        reviewers_per_unit=k,
        same_group_min=same,
        other_group_min=other,
        max_reviewers=draw(st.none() | st.integers(k, k + 3)),
        no_mutual=draw(st.booleans()),
        reviewers_must_be_parties=draw(st.booleans()),
        deferral_allowed=draw(st.booleans()),
        max_reviews_per_reviewer=draw(st.none() | st.integers(1, 3)),
        redraws_allowed=draw(st.integers(0, 2)),
    )


@st.composite
def cases(draw, max_states: int = 12, max_reviewees: int = 5) -> DrawInput:
    instruments = INSTRUMENTS[: draw(st.integers(1, 3))]
    count = draw(st.integers(2, max_states))
    groups = draw(st.lists(st.sampled_from(("G1", "G2", "G3")), min_size=count, max_size=count))
    pool = []
    for i, group in enumerate(groups):
        parties = {key for key in instruments if draw(st.floats(0, 1)) < (0.9 if key == "conv" else 0.6)}
        pool.append(
            Candidate(
                f"S{i:02d}",
                group,
                frozenset(parties),
                defers=draw(st.booleans()) and draw(st.booleans()),
                waives_cap=draw(st.booleans()) and draw(st.booleans()),
            )
        )
    reviewable = [c.code for c in pool if c.instruments & set(instruments)]
    if not reviewable:
        pool[0] = Candidate(pool[0].code, pool[0].group, frozenset({"conv"}))
        reviewable = [pool[0].code]
    reviewees = draw(st.lists(st.sampled_from(reviewable), min_size=1, max_size=max_reviewees, unique=True))
    codes = [c.code for c in pool]
    pairs = draw(st.lists(st.tuples(st.sampled_from(codes), st.sampled_from(codes)), max_size=3))
    load = draw(st.dictionaries(st.sampled_from(codes), st.integers(0, 2), max_size=3))
    return DrawInput(
        pool=tuple(draw(st.permutations(pool))),
        reviewees=tuple(reviewees),
        instruments=instruments,
        rules=draw(rules()),
        seed=draw(st.integers(0, 2**40) | st.text(max_size=5)),
        prior_pairs=frozenset((a, b) for a, b in pairs if a != b),
        prior_load=load,
    )


def run(case: DrawInput) -> DrawResult:
    return draw_reviewers(
        case.pool,
        case.reviewees,
        case.instruments,
        rules=case.rules,
        seed=case.seed,
        prior_pairs=case.prior_pairs,
        prior_load=dict(case.prior_load),
    )


# ---- an independent reading of the rules ---------------------------------------------


def units_of(case: DrawInput, code: str) -> list[tuple[str, tuple[str, ...]]]:
    """(instrument label of the assignments, instruments a reviewer must be party to)."""
    state = {c.code: c for c in case.pool}[code]
    keys = tuple(k for k in case.instruments if k in state.instruments)
    return [(k, (k,)) for k in keys] if case.rules.per_instrument else [(keys[0], keys)]


def eligible(case: DrawInput, r: str, keys: tuple[str, ...], *, fixed: bool = True) -> tuple[list, list]:
    """(same group, other groups) candidates for one unit of `r`: not itself, parties; with `fixed`,
    also not deferring, not in an earlier mutual pair, not at the cap by earlier load."""
    rules, states, load = case.rules, {c.code: c for c in case.pool}, dict(case.prior_load)
    out = []
    for c in case.pool:
        if c.code == r or (rules.reviewers_must_be_parties and not set(keys) <= c.instruments):
            continue
        if fixed:
            if rules.deferral_allowed and c.defers and c.code in case.reviewees:
                continue
            if rules.no_mutual and (r, c.code) in case.prior_pairs:
                continue
            cap = rules.max_reviews_per_reviewer
            if cap is not None and load.get(c.code, 0) >= cap:
                continue
        out.append(c)
    return [c for c in out if c.group == states[r].group], [c for c in out if c.group != states[r].group]


def validate(case: DrawInput, result: DrawResult, *, exclude=frozenset(), reviewee=None) -> None:
    """Every hard rule, checked from the assignments alone."""
    rules, states = case.rules, {c.code: c for c in case.pool}
    assert result.input == case
    expected = {(r, label) for r in case.reviewees for label, _keys in units_of(case, r)}
    rows: dict[tuple[str, str], list] = {}
    for a in result.assignments:
        rows.setdefault((a.reviewee, a.instrument), []).append(a)
    assert set(rows) == expected
    for r in case.reviewees:
        for label, keys in units_of(case, r):
            unit = rows[(r, label)]
            reviewers = [a.reviewer for a in unit]
            assert len(reviewers) == len(set(reviewers)) == rules.reviewers_per_unit
            assert r not in reviewers
            for a in unit:
                reviewer = states[a.reviewer]
                assert a.same_group == (reviewer.group == states[r].group)
                if rules.reviewers_must_be_parties:
                    assert set(keys) <= reviewer.instruments
                if rules.deferral_allowed and a.reviewer in case.reviewees:
                    assert not reviewer.defers
            assert sum(a.same_group for a in unit) >= rules.same_group_min
            assert sum(not a.same_group for a in unit) >= rules.other_group_min
        distinct = {a.reviewer for a in result.assignments if a.reviewee == r}
        if rules.max_reviewers is not None and not states[r].waives_cap:
            assert len(distinct) <= rules.max_reviewers
    pairs = {(a.reviewer, a.reviewee) for a in result.assignments}
    if rules.no_mutual:
        for a, b in pairs:
            assert (b, a) not in pairs and (b, a) not in case.prior_pairs
    if rules.max_reviews_per_reviewer is not None:
        load = Counter(a for a, _b in pairs)
        for code, n in load.items():
            assert n + dict(case.prior_load).get(code, 0) <= rules.max_reviews_per_reviewer
    if reviewee is not None:
        assert {a.reviewer for a in result.assignments if a.reviewee == reviewee}.isdisjoint(exclude)


def review_options(case: DrawInput, r: str) -> list[frozenset[str]]:
    """Every inclusion-minimal set of reviewing states that can fill review `r` on its own.

    A set fills a unit when, among its members who may review that unit, there are at least
    `same_group_min` of r's group, `other_group_min` of others and `reviewers_per_unit` in all
    (then that many can be picked meeting both minimums).
    """
    rules, states = case.rules, {c.code: c for c in case.pool}
    units = []
    for _label, keys in units_of(case, r):
        same, other = eligible(case, r, keys)
        units.append(({c.code for c in same}, {c.code for c in other}))
    union = sorted(set().union(*(a | b for a, b in units)))
    limit = len(units) * rules.reviewers_per_unit
    if rules.max_reviewers is not None and not states[r].waives_cap:
        limit = min(limit, rules.max_reviewers)
    found: list[frozenset[str]] = []
    for size in range(1, limit + 1):
        for combo in itertools.combinations(union, size):
            chosen = frozenset(combo)
            if any(f <= chosen for f in found):
                continue
            if all(
                len(chosen & same) >= rules.same_group_min
                and len(chosen & other) >= rules.other_group_min
                and len(chosen & (same | other)) >= rules.reviewers_per_unit
                for same, other in units
            ):
                found.append(chosen)
    return found


def best_max_load(case: DrawInput) -> int | None:
    """Brute force: the smallest possible maximum load of a reviewing state (None: no valid draw)."""
    rules, prior = case.rules, dict(case.prior_load)
    options = {r: review_options(case, r) for r in case.reviewees}
    best = None

    def go(i: int, loads: Counter, pairs: set) -> None:
        nonlocal best
        if i == len(case.reviewees):
            top = max((prior.get(c, 0) + n for c, n in loads.items()), default=0)
            best = top if best is None else min(best, top)
            return
        r = case.reviewees[i]
        for option in options[r]:
            if rules.no_mutual and any((r, c) in pairs for c in option):
                continue
            new = loads + Counter(option)
            cap = rules.max_reviews_per_reviewer
            if cap is not None and any(prior.get(c, 0) + new[c] > cap for c in option):
                continue
            if best is not None and max(prior.get(c, 0) + new[c] for c in option) >= best:
                continue
            go(i + 1, new, pairs | {(c, r) for c in option})

    go(0, Counter(), set())
    return best


def assert_claim_holds(case: DrawInput, error: DrawImpossible) -> None:
    """A necessary condition the module reports as failing really fails."""
    rules, states = case.rules, {c.code: c for c in case.pool}
    assert error.message and error.rule
    if error.phase == "check":
        r = error.params["state"]
        assert r in error.message
        if error.rule == "max_reviewers":
            assert rules.max_reviewers is not None and not states[r].waives_cap
            assert review_options(case, r) == []
            return
        k, s, o = rules.reviewers_per_unit, rules.same_group_min, rules.other_group_min
        keys = tuple(error.params["instrument"].split(" + "))
        same, other = eligible(case, r, keys)
        assert len(same) + len(other) < k or len(same) < s or len(other) < o
        if error.rule in {"parties", "pool", "same_group", "other_group"}:
            base_same, base_other = eligible(case, r, keys, fixed=False)
            shortage = {
                "parties": len(base_same) + len(base_other) < k,
                "pool": len(base_same) + len(base_other) < k,
                "same_group": len(base_same) < s,
                "other_group": len(base_other) < o,
            }
            assert shortage[error.rule]
    elif error.phase == "capacity":
        assert error.rule == "load_cap" and rules.max_reviews_per_reviewer is not None
        cap, prior = rules.max_reviews_per_reviewer, dict(case.prior_load)
        can_review: dict[str, set[str]] = {}
        for r in case.reviewees:
            for _label, keys in units_of(case, r):
                for c in itertools.chain(*eligible(case, r, keys)):
                    can_review.setdefault(c.code, set()).add(r)

        def supply(codes, among) -> int:
            return sum(max(0, min(cap - prior.get(c, 0), len(can_review[c] & among))) for c in codes)

        needed = sum(min(map(len, review_options(case, r)), default=99) for r in case.reviewees)
        claims = [needed > supply(can_review, set(case.reviewees))]
        group = error.params.get("group")
        if group is not None:
            members = {r for r in case.reviewees if states[r].group == group}
            inside = [c for c in can_review if states[c].group == group]
            outside = [c for c in can_review if states[c].group != group]
            claims.append(rules.same_group_min * len(members) > supply(inside, members))
            claims.append(rules.other_group_min * len(members) > supply(outside, members))
        assert any(claims)
    else:
        assert error.phase == "search"
        assert error.rule in {"mutual", "load_cap", "max_reviewers"}
        assert error.params["state"] in case.reviewees


# ---- properties ----------------------------------------------------------------


@SETTINGS
@given(cases())
def test_every_draw_meets_every_rule_or_is_impossible(case):
    try:
        result = run(case)
    except DrawImpossible as error:
        event(f"impossible: {error.rule} ({error.phase})")
        assert_claim_holds(case, error)
        return
    event("drawn")
    validate(case, result)
    assert run(case) == result


@SETTINGS
@given(cases(max_states=7, max_reviewees=3))
def test_small_draws_are_exact(case):
    """On small inputs the search is complete and its maximum load is the smallest possible."""
    best = best_max_load(case)
    try:
        result = run(case)
    except DrawImpossible as error:
        event(f"impossible: {error.rule} ({error.phase})")
        assert best is None, (error.rule, error.phase, error.message)
        assert_claim_holds(case, error)
        return
    event("drawn")
    validate(case, result)
    assert best is not None
    prior = dict(case.prior_load)
    assert max(prior.get(c, 0) + n for c, n in result.loads().items()) == best


@settings(max_examples=60, deadline=None)
@given(cases(max_states=10, max_reviewees=4), st.data())
def test_redraw_keeps_the_others_and_meets_every_rule(case, data):
    try:
        first = run(case)
    except DrawImpossible:
        return
    reviewee = data.draw(st.sampled_from(case.reviewees))
    done = data.draw(st.integers(0, 3))
    exceptional = data.draw(st.booleans())
    try:
        again = redraw(
            first, reviewee, seed=data.draw(st.integers(0, 99)), redraws_done=done, exceptional=exceptional
        )
    except DrawImpossible as error:
        if error.rule == "redraw_limit":
            assert done >= case.rules.redraws_allowed and not exceptional
        else:
            assert done < case.rules.redraws_allowed or exceptional
            assert reviewee in error.states
        return
    assert done < case.rules.redraws_allowed or exceptional
    excluded = frozenset(first.reviewers(reviewee))
    base = replace(again.input, redraw=None)
    validate(base, DrawResult(again.assignments, base), exclude=excluded, reviewee=reviewee)
    assert [a for a in again.assignments if a.reviewee != reviewee] == [
        a for a in first.assignments if a.reviewee != reviewee
    ]


@settings(max_examples=150, deadline=None)
@given(
    st.lists(st.tuples(st.sampled_from(("AFR", "APG", "EEG", "GRULAC", "WEOG")), st.booleans()), max_size=60),
    st.lists(st.integers(2000, 2040), min_size=1, max_size=6, unique=True),
    st.integers(0, 2**32) | st.text(max_size=4),
    st.randoms(use_true_random=False),
)
def test_select_years_balances_groups_and_totals(members, years, seed, shuffler):
    pool = [Candidate(f"S{i:03d}", group, frozenset({"conv"})) for i, (group, _flag) in enumerate(members)]
    chosen = select_years(pool, years, seed)
    assert sorted(chosen) == sorted(c.code for c in pool)
    assert set(chosen.values()) <= set(years)
    count = len(years)
    totals = Counter(chosen.values())
    for year in years:
        assert totals[year] in {len(pool) // count, -(-len(pool) // count)}
    for group in {c.group for c in pool}:
        size = sum(c.group == group for c in pool)
        counts = Counter(chosen[c.code] for c in pool if c.group == group)
        for year in years:
            assert counts[year] in {size // count, -(-size // count)}
    shuffled = list(pool)
    shuffler.shuffle(shuffled)
    assert select_years(shuffled, list(reversed(years)), seed) == chosen
