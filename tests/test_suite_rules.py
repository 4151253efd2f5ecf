"""The suite's own rules: property tests that a busy machine cannot fail, one time zone, no unexpected skip."""

import time

import hypothesis
from hypothesis import HealthCheck, given
from hypothesis import strategies as st


def test_the_hypothesis_profile_measures_the_code_not_the_machine():
    current = hypothesis.settings()
    assert current.deadline is None
    assert HealthCheck.too_slow in current.suppress_health_check
    ci = hypothesis.settings.get_profile("ci")
    assert ci.derandomize and ci.database is None and ci.deadline is None


@hypothesis.settings(max_examples=3)  # a test's own settings keep the profile's deadline
@given(st.integers())
def test_a_slow_example_is_not_a_failure(number):
    time.sleep(0.25)  # over Hypothesis' default deadline of 200 ms


def test_the_application_takes_today_from_its_time_zone_not_the_machine():
    """`timezone.localdate()` (TIME_ZONE), never `date.today()`, which is the machine's date."""
    import re
    from pathlib import Path

    root = Path(__file__).resolve().parents[1] / "accord"
    offenders = [
        f"{path.relative_to(root)}:{number}"
        for path in root.rglob("*.py")
        if "tests" not in path.parts
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1)
        if re.search(r"\bdate\.today\(\)|datetime\.now\(\)", line)
    ]
    assert not offenders, offenders


def test_the_machine_far_from_utc_fixture_moves_only_the_machines_date(machine_far_from_utc):
    import datetime

    from django.utils import timezone

    assert datetime.date.today() != timezone.localdate()
    assert timezone.localdate() == datetime.datetime.now(datetime.UTC).date()
