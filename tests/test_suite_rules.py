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
