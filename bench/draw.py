"""Drawing-of-lots benchmark (`make bench`): wall time of the review mechanisms' draws at full size.

    python bench/draw.py                 # 20 seeds per operation
    python bench/draw.py --repeat 50

190 synthetic states in the five regional groups (African 54, Asia-Pacific 53,
Eastern European 23, GRULAC 33, WEOG 27). UNCAC: 187 parties, a quarter
reviewed in year 1, two reviewers each. UNTOC: every state party to the
Convention, the three Protocols with partial party lists (about 90%, 75% and
60%), the states split into three groups by lot; the 2021 group drawn per
instrument with the 2020 group's pairs as earlier draws. Each operation
(select_years, draw_reviewers, redraw, rerun from the stored JSON) runs once
per seed; the median and the maximum are printed, with the check of the < 1 s
target. Nothing is asserted.

The draw is pure: Django is set up (settings only, for the translatable
messages) without a database, so bench/search.py's setup, which migrates one,
is not used.
"""

import argparse
import os
import random
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
GROUPS = {"AFR": 54, "APG": 53, "EEG": 23, "GRULAC": 33, "WEOG": 27}
PROTOCOLS = {"tip": 0.9, "som": 0.75, "fire": 0.6}
TARGET_SECONDS = 1.0


def setup() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "accord.settings")
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()


def states(kind: str):
    from accord.reviews.lots import Candidate

    rng = random.Random(f"bench-{kind}")
    pool = []
    for group, size in GROUPS.items():
        for i in range(size):
            code = f"{group[:2]}{i:02d}"
            if kind == "uncac":
                instruments = {"uncac"}
            else:
                instruments = {"untoc"} | {key for key, share in PROTOCOLS.items() if rng.random() < share}
            pool.append(Candidate(code, group, frozenset(instruments), defers=rng.random() < 0.05))
    if kind == "uncac":
        pool = pool[:187]  # a few states not yet parties
    return pool


def timed(samples: dict[str, list[float]], label: str, func, *args, **kwargs):
    start = time.perf_counter()
    result = func(*args, **kwargs)
    samples.setdefault(label, []).append(time.perf_counter() - start)
    return result


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--repeat", type=int, default=20, help="seeds per operation")
    args = parser.parse_args()
    setup()
    from accord.reviews.lots import Rules, draw_reviewers, redraw, rerun, select_years

    samples: dict[str, list[float]] = {}
    facts: dict[str, list[float]] = {}
    uncac, untoc = states("uncac"), states("untoc")
    instruments = ("untoc", *PROTOCOLS)
    for seed in range(args.repeat):
        years = timed(
            samples, "UNCAC select_years (187 parties, 4 years)", select_years, uncac, [1, 2, 3, 4], seed
        )
        year_one = [code for code, year in years.items() if year == 1]
        result = timed(
            samples,
            "UNCAC draw_reviewers (year 1, ~47 reviewed)",
            draw_reviewers,
            uncac,
            year_one,
            ["uncac"],
            rules=Rules.uncac(),
            seed=seed,
        )
        facts.setdefault("UNCAC states reviewed in year 1", []).append(len(year_one))
        facts.setdefault("UNCAC max load", []).append(max(result.loads().values()))
        timed(
            samples, "UNCAC redraw of one state", redraw, result, year_one[0], seed=seed + 1, redraws_done=0
        )
        timed(samples, "UNCAC rerun from stored JSON", rerun, result.input.to_json())

        groups = timed(
            samples,
            "UNTOC select_years (190 states, 3 groups)",
            select_years,
            untoc,
            [2020, 2021, 2022],
            seed,
        )
        first = [code for code, year in groups.items() if year == 2020]
        second = [code for code, year in groups.items() if year == 2021]
        earlier = draw_reviewers(untoc, first, instruments, rules=Rules.untoc(), seed=seed)
        pairs = frozenset((a.reviewer, a.reviewee) for a in earlier.assignments)
        result = timed(
            samples,
            "UNTOC draw_reviewers (2021, ~63 reviewed, 4 instr.)",
            draw_reviewers,
            untoc,
            second,
            instruments,
            rules=Rules.untoc(),
            seed=seed,
            prior_pairs=pairs,
        )
        facts.setdefault("UNTOC states reviewed from 2021", []).append(len(second))
        facts.setdefault("UNTOC max load", []).append(max(result.loads().values()))
        facts.setdefault("UNTOC reviewing states per review", []).extend(
            len(result.reviewers(r)) for r in second
        )
        timed(samples, "UNTOC redraw of one state", redraw, result, second[0], seed=seed + 1, redraws_done=0)
        timed(samples, "UNTOC rerun from stored JSON", rerun, result.input.to_json())

    print(f"drawing of lots, {args.repeat} seeds per operation")
    worst = 0.0
    for label, values in samples.items():
        worst = max(worst, max(values))
        print(
            f"{label:<52} median {statistics.median(values) * 1000:7.1f} ms  max {max(values) * 1000:7.1f} ms"
        )
    for label, values in facts.items():
        print(f"{label:<52} mean {statistics.mean(values):5.2f}  max {max(values):g}")
    verdict = "yes" if worst < TARGET_SECONDS else "NO"
    print(f"target < {TARGET_SECONDS:g} s per operation: {verdict} (slowest {worst * 1000:.1f} ms)")


if __name__ == "__main__":
    main()
