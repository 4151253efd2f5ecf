"""Drawing of lots, by example: small hand-built pools under UNCAC-like and UNTOC-like rules."""

import json
import os
import random
import subprocess
import sys
from collections import Counter

import pytest
from django.utils import translation

from accord.reviews.lots import (
    Assignment,
    Candidate,
    DrawImpossible,
    DrawInputError,
    DrawResult,
    Rules,
    draw_reviewers,
    redraw,
    rerun,
    select_years,
)

UNTOC = ("untoc", "tip", "som", "fire")


def st(code: str, group: str, *instruments: str, **flags) -> Candidate:
    return Candidate(code, group, frozenset(instruments or ("uncac",)), **flags)


def uncac_pool() -> list[Candidate]:
    """Two groups of six, everyone party to the convention."""
    return [st(f"A{i}", "AFR") for i in range(6)] + [st(f"E{i}", "EEG") for i in range(6)]


def untoc_pool() -> list[Candidate]:
    """Two groups of six; protocols with narrower party lists."""
    pool = []
    for group in ("AFR", "WEOG"):
        for i in range(6):
            instruments = (
                {"untoc", "tip"} | ({"som"} if i % 2 else set()) | ({"fire"} if i % 3 != 1 else set())
            )
            pool.append(Candidate(f"{group[0]}{i}", group, frozenset(instruments)))
    return pool


def by_review(result: DrawResult) -> dict[tuple[str, str], list[Assignment]]:
    units: dict[tuple[str, str], list[Assignment]] = {}
    for a in result.assignments:
        units.setdefault((a.reviewee, a.instrument), []).append(a)
    return units


def assert_no_mutual(result: DrawResult) -> None:
    pairs = {(a.reviewer, a.reviewee) for a in result.assignments} | result.input.prior_pairs
    assert not any((b, a) in pairs for a, b in {(a.reviewer, a.reviewee) for a in result.assignments})


# ---- UNCAC-like ----------------------------------------------------------------


def test_uncac_two_reviewers_one_of_the_same_group_and_loads_balanced():
    reviewees = ["A0", "A1", "E0", "E1", "E2"]
    result = draw_reviewers(uncac_pool(), reviewees, ["uncac"], rules=Rules.uncac(), seed=7)
    units = by_review(result)
    assert sorted(units) == [(r, "uncac") for r in sorted(reviewees)]
    for (reviewee, _instrument), rows in units.items():
        reviewers = [a.reviewer for a in rows]
        assert len(set(reviewers)) == 2 and reviewee not in reviewers
        assert any(a.same_group for a in rows)
        assert all(a.same_group == (a.reviewer[0] == reviewee[0]) for a in rows)
    assert_no_mutual(result)
    # 10 reviews over 12 states: nobody needs to do two.
    assert max(result.loads().values()) == 1


def test_uncac_cap_counts_earlier_load():
    pool = uncac_pool()
    result = draw_reviewers(
        pool, ["A0", "A1", "A2"], ["uncac"], rules=Rules.uncac(), seed=1, prior_load={"A3": 2, "A4": 2}
    )
    assert {"A3", "A4"}.isdisjoint(a.reviewer for a in result.assignments)


def test_deferring_state_under_review_is_not_drawn():
    pool = [st("A0", "AFR", defers=True), st("A1", "AFR"), st("A2", "AFR"), st("E0", "EEG")]
    for seed in range(10):
        result = draw_reviewers(pool, ["A0", "A1"], ["uncac"], rules=Rules.uncac(), seed=seed)
        assert "A0" not in {a.reviewer for a in result.assignments}


# ---- UNTOC-like ----------------------------------------------------------------


def test_untoc_reviewers_reused_over_instruments():
    pool = [
        Candidate("X", "AFR", frozenset({"untoc", "tip", "som"})),
        Candidate("A1", "AFR", frozenset({"untoc", "tip", "som"})),
        Candidate("A2", "AFR", frozenset({"untoc"})),
        Candidate("B1", "WEOG", frozenset({"untoc", "tip", "som"})),
        Candidate("B2", "WEOG", frozenset({"untoc"})),
    ]
    for seed in range(8):
        result = draw_reviewers(pool, ["X"], UNTOC, rules=Rules.untoc(), seed=seed)
        # Two states cover the convention and both protocols: no extra reviewer is drawn.
        assert result.reviewers("X") == ("A1", "B1")
        assert [a.instrument for a in result.assignments] == ["untoc", "untoc", "tip", "tip", "som", "som"]


def test_untoc_extra_reviewer_only_for_the_instrument_that_needs_it():
    pool = [
        Candidate("X", "AFR", frozenset({"untoc", "fire"})),
        Candidate("A1", "AFR", frozenset({"untoc"})),
        Candidate("A2", "AFR", frozenset({"fire"})),
        Candidate("B1", "WEOG", frozenset({"untoc", "fire"})),
    ]
    result = draw_reviewers(pool, ["X"], UNTOC, rules=Rules.untoc(), seed=3)
    assert [(a.instrument, a.reviewer, a.same_group) for a in result.assignments] == [
        ("untoc", "A1", True),
        ("untoc", "B1", False),
        ("fire", "A2", True),
        ("fire", "B1", False),
    ]


def test_untoc_realistic_small_draw_meets_every_rule():
    pool = untoc_pool()
    reviewees = ["A0", "A1", "W1", "W3"]
    result = draw_reviewers(pool, reviewees, UNTOC, rules=Rules.untoc(), seed="2021")
    parties = {c.code: c.instruments for c in pool}
    for (reviewee, instrument), rows in by_review(result).items():
        assert instrument in parties[reviewee]
        assert len({a.reviewer for a in rows}) == 2
        assert all(instrument in parties[a.reviewer] for a in rows)
        assert sum(a.same_group for a in rows) == 1
    for reviewee in reviewees:
        assert len(result.reviewers(reviewee)) <= 4
        covered = {a.instrument for a in result.assignments if a.reviewee == reviewee}
        assert covered == parties[reviewee] & set(UNTOC)
    assert_no_mutual(result)
    assert max(result.loads().values()) <= 2


def test_max_reviewers_exceeded_unless_waived():
    rules = Rules(per_instrument=True, other_group_min=1, max_reviewers=2)
    pool = [
        Candidate("X", "AFR", frozenset({"untoc", "fire"})),
        Candidate("A1", "AFR", frozenset({"untoc"})),
        Candidate("A2", "AFR", frozenset({"fire"})),
        Candidate("B1", "WEOG", frozenset({"untoc", "fire"})),
    ]
    with pytest.raises(DrawImpossible) as caught:
        draw_reviewers(pool, ["X"], UNTOC, rules=rules, seed=1)
    assert (caught.value.rule, caught.value.phase, caught.value.states) == ("max_reviewers", "check", ("X",))
    assert "X" in caught.value.message
    pool[0] = Candidate("X", "AFR", frozenset({"untoc", "fire"}), waives_cap=True)
    assert draw_reviewers(pool, ["X"], UNTOC, rules=rules, seed=1).reviewers("X") == ("A1", "A2", "B1")


# ---- reproducibility and storage ---------------------------------------------------


def test_same_seed_same_result_whatever_the_input_order():
    pool, reviewees = untoc_pool(), ["A0", "A1", "A3", "W1", "W3"]
    first = draw_reviewers(pool, reviewees, UNTOC, rules=Rules.untoc(), seed=42)
    shuffler = random.Random(0)
    for _ in range(5):
        shuffler.shuffle(pool)
        shuffler.shuffle(reviewees)
        again = draw_reviewers(pool, reviewees, UNTOC, rules=Rules.untoc(), seed=42)
        assert again == first
        assert json.dumps(again.to_json()) == json.dumps(first.to_json())


def test_different_seeds_usually_differ():
    results = {
        draw_reviewers(uncac_pool(), ["A0", "E0", "E1"], ["uncac"], rules=Rules.uncac(), seed=s).assignments
        for s in range(10)
    }
    assert len(results) > 3


def test_stored_input_reruns_to_the_same_result():
    result = draw_reviewers(
        untoc_pool(),
        ["A0", "W3"],
        UNTOC,
        rules=Rules.untoc(),
        seed="IRG-2021-day1",
        prior_pairs={("A5", "W5")},
        prior_load={"W1": 1},
    )
    stored = json.dumps(result.input.to_json())
    assert json.dumps(json.loads(stored)) == json.dumps(json.loads(stored), sort_keys=True)
    assert rerun(stored) == result
    assert rerun(json.loads(stored)) == result
    assert DrawResult.from_json(json.loads(json.dumps(result.to_json()))) == result
    again = redraw(result, "A0", seed=5, redraws_done=0)
    assert rerun(json.dumps(again.input.to_json())) == again


def test_stored_input_of_another_algorithm_version_is_refused():
    result = draw_reviewers(uncac_pool(), ["A0"], ["uncac"], rules=Rules.uncac(), seed=1)
    data = result.input.to_json() | {"algorithm": 999}
    with pytest.raises(DrawInputError):
        rerun(data)


def test_result_does_not_depend_on_the_hash_seed():
    script = (
        "import json\n"
        "from accord.reviews.tests.test_draw import untoc_pool, UNTOC\n"
        "from accord.reviews.lots import draw_reviewers, Rules, select_years\n"
        "r = draw_reviewers(untoc_pool(), ['A0', 'A1', 'W1', 'W3'], UNTOC, rules=Rules.untoc(), seed=9)\n"
        "print(json.dumps([r.to_json(), select_years(untoc_pool(), [1, 2, 3], 4)]))\n"
    )
    outputs = set()
    for hash_seed in ("1", "2"):
        env = os.environ | {"PYTHONHASHSEED": hash_seed, "DJANGO_SETTINGS_MODULE": "accord.settings"}
        done = subprocess.run(
            [sys.executable, "-c", script], capture_output=True, text=True, env=env, check=True
        )
        outputs.add(done.stdout)
    assert len(outputs) == 1


# ---- redraws -------------------------------------------------------------------


def test_redraw_changes_only_that_state_and_excludes_its_reviewers():
    pool = uncac_pool()
    first = draw_reviewers(pool, ["A0", "A1", "E0", "E1"], ["uncac"], rules=Rules.uncac(), seed=11)
    again = redraw(first, "E0", seed=12, redraws_done=0)
    keep = [a for a in first.assignments if a.reviewee != "E0"]
    assert [a for a in again.assignments if a.reviewee != "E0"] == keep
    assert set(again.reviewers("E0")).isdisjoint(first.reviewers("E0"))
    assert len(again.reviewers("E0")) == 2
    assert_no_mutual(again)
    loads = Counter(a.reviewer for a in again.assignments)
    assert max(loads.values()) <= 2


def test_redraw_limit_and_exceptional_circumstances():
    first = draw_reviewers(uncac_pool(), ["A0"], ["uncac"], rules=Rules.uncac(), seed=1)
    with pytest.raises(DrawImpossible) as caught:
        redraw(first, "A0", seed=2, redraws_done=2)
    assert (caught.value.rule, caught.value.phase) == ("redraw_limit", "limit")
    assert "A0" in caught.value.message
    assert redraw(first, "A0", seed=2, redraws_done=1).reviewers("A0")
    assert redraw(first, "A0", seed=2, redraws_done=5, exceptional=True).reviewers("A0")


def test_redraw_impossible_once_the_previous_reviewers_are_excluded():
    pool = [st("A0", "AFR"), st("A1", "AFR"), st("E0", "EEG"), st("E1", "EEG")]
    first = draw_reviewers(pool, ["A0"], ["uncac"], rules=Rules.uncac(), seed=1)
    with pytest.raises(DrawImpossible) as caught:
        redraw(first, "A0", seed=2, redraws_done=0)
    assert caught.value.rule == "excluded" and caught.value.states[0] == "A0"
    # Excluding nobody it can be drawn again, to the only same-group state there is.
    assert "A1" in redraw(first, "A0", seed=2, redraws_done=0, exclude=frozenset()).reviewers("A0")


# ---- impossibility: each rule ------------------------------------------------------


def raises(pool, reviewees, instruments=("uncac",), rules=None, **kwargs) -> DrawImpossible:
    with pytest.raises(DrawImpossible) as caught:
        draw_reviewers(pool, reviewees, instruments, rules=rules or Rules.uncac(), seed=1, **kwargs)
    return caught.value


def test_no_same_group_candidate():
    pool = [
        Candidate("BLR", "EEG", frozenset({"untoc", "tip"})),
        Candidate("ARM", "EEG", frozenset({"untoc"})),
        Candidate("FRA", "WEOG", frozenset({"untoc", "tip"})),
        Candidate("DEU", "WEOG", frozenset({"untoc", "tip"})),
    ]
    error = raises(pool, ["BLR"], UNTOC, Rules.untoc())
    assert (error.rule, error.phase, error.states) == ("same_group", "check", ("BLR",))
    labels = {"BLR": "Belarus", "EEG": "Eastern European", "tip": "the Protocol"}
    with translation.override("en"):
        assert error.render(labels) == (
            "No state of the Eastern European group other than Belarus is party to the Protocol: "
            "the regional-group rule cannot be met for Belarus."
        )


def test_no_party():
    pool = [Candidate("X", "AFR", frozenset({"untoc", "fire"}))] + [
        Candidate(f"A{i}", "AFR" if i < 2 else "WEOG", frozenset({"untoc"})) for i in range(4)
    ]
    error = raises(pool, ["X"], UNTOC, Rules.untoc())
    assert (error.rule, error.params["instrument"], error.states) == ("parties", "fire", ("X",))


def test_no_other_group_candidate():
    pool = [Candidate(f"A{i}", "AFR", frozenset({"untoc"})) for i in range(4)]
    error = raises(pool, ["A0"], UNTOC, Rules.untoc())
    assert (error.rule, error.states) == ("other_group", ("A0",))


def test_deferral_takes_the_only_candidate():
    pool = [st("A0", "AFR"), st("A1", "AFR", defers=True), st("E0", "EEG"), st("E1", "EEG")]
    error = raises(pool, ["A0", "A1"])
    assert (error.rule, error.phase, error.states) == ("deferral", "check", ("A0", "A1"))


def test_earlier_reviews_forbid_the_mutual_pair():
    pool = [st("A0", "AFR"), st("A1", "AFR"), st("E0", "EEG")]
    error = raises(pool, ["A0"], prior_pairs={("A0", "A1")})
    assert (error.rule, error.phase, error.states) == ("mutual", "check", ("A0", "A1"))


def test_only_a_mutual_solution():
    pool = [st("A0", "AFR"), st("A1", "AFR"), st("E0", "EEG"), st("E1", "EEG")]
    error = raises(pool, ["A0", "A1"])
    assert (error.rule, error.phase) == ("mutual", "search")
    assert error.states[0] in {"A0", "A1"} and error.states[0] in error.message
    assert draw_reviewers(pool, ["A0", "A1"], ["uncac"], rules=Rules(no_mutual=False), seed=1)


def test_earlier_load_fills_the_cap():
    pool = [st("A0", "AFR"), st("A1", "AFR"), st("E0", "EEG")]
    error = raises(pool, ["A0"], prior_load={"A1": 2})
    assert (error.rule, error.phase, error.states) == ("load_cap", "check", ("A0", "A1"))


def test_caps_too_low_for_a_group():
    rules = Rules(same_group_min=2, max_reviews_per_reviewer=1)
    pool = [st(f"A{i}", "AFR") for i in range(4)] + [st(f"E{i}", "EEG") for i in range(4)]
    error = raises(pool, ["A0", "A1", "A2", "A3"], rules=rules)
    assert (error.rule, error.phase, error.params["group"]) == ("load_cap", "capacity", "AFR")
    assert set(error.states) == {"A0", "A1", "A2", "A3"} and "A0" in error.message


def test_caps_too_low_overall():
    rules = Rules(same_group_min=0, max_reviews_per_reviewer=1)
    pool = [st(f"A{i}", "AFR") for i in range(5)]
    error = raises(pool, ["A0", "A1", "A2"], rules=rules)
    assert (error.rule, error.phase) == ("load_cap", "capacity")


# ---- input errors ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("pool", "reviewees"),
    [
        ([st("A0", "AFR"), st("A1", "AFR")], ["ZZZ"]),
        ([st("A0", "AFR"), st("A0", "AFR")], ["A0"]),
        ([st("A0", "AFR", "untoc"), st("A1", "AFR")], ["A0"]),
        ([st("A0", "AFR"), st("A1", "AFR")], ["A0", "A0"]),
    ],
)
def test_input_errors_are_value_errors(pool, reviewees):
    with pytest.raises(ValueError):
        draw_reviewers(pool, reviewees, ["uncac"], rules=Rules.uncac(), seed=1)


def test_inconsistent_rules_are_refused():
    with pytest.raises(ValueError):
        Rules(reviewers_per_unit=1, same_group_min=1, other_group_min=1)
    with pytest.raises(ValueError):
        Rules(max_reviewers=1)


# ---- years ---------------------------------------------------------------------


def test_select_years_uncac_quarters_per_group():
    pool = [st(f"A{i:02d}", "AFR") for i in range(13)] + [st(f"E{i:02d}", "EEG") for i in range(6)]
    years = select_years(pool, [1, 2, 3, 4], seed=2010)
    assert sorted(years) == sorted(c.code for c in pool)
    per_year = Counter(years.values())
    assert sorted(per_year.values()) == [4, 5, 5, 5]
    for group in ("A", "E"):
        counts = Counter(y for code, y in years.items() if code[0] == group)
        assert max(counts.values()) - min(counts.get(y, 0) for y in (1, 2, 3, 4)) <= 1


def test_select_years_untoc_three_groups_reproducible():
    pool = untoc_pool()
    years = select_years(pool, [2020, 2021, 2022], seed="COP-10")
    assert sorted(Counter(years.values()).values()) == [4, 4, 4]
    assert select_years(list(reversed(pool)), [2022, 2020, 2021], seed="COP-10") == years
