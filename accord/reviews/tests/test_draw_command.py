"""`accord draw`: every mode through the services, and errors as messages, never tracebacks."""

import io
import json

import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command

from accord.reviews.choices import DrawKind, Phase
from accord.reviews.models import CountryReview, Draw
from accord.reviews.tests.test_draw_services import world

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin(db):
    return get_user_model().objects.create_superuser("root", password="pass-12345")


def run(*args: str) -> str:
    out = io.StringIO()
    call_command("draw", *args, stdout=out, stderr=io.StringIO())
    return out.getvalue()


def cycle_args(w) -> list[str]:
    return ["--mechanism", w.mechanism.slug, "--cycle", str(w.cycle.number)]


def test_select_draw_redraw_verify_and_list(admin):
    w = world(groups={"AFR": 8, "EEG": 8})
    out = run(*cycle_args(w), "--select", "--seed", "cli")
    selection = Draw.objects.get(kind=DrawKind.SELECTION)
    assert f"{selection.pk}" in out and "cli" in out and "2016 (8)" in out and "2017 (8)" in out
    assert selection.performed_by == admin

    out = run(*cycle_args(w), "--year", "2016", "--seed", "7")
    reviewers = Draw.objects.get(kind=DrawKind.REVIEWERS)
    review = CountryReview.objects.filter(year=2016).select_related("state").first()
    assert review.phase == Phase.ASSIGNED
    line = next(line for line in out.splitlines() if line.startswith(review.state.name))
    assert all(state.name in line for state in review.reviewing_states())

    out = run("--redraw", str(review.pk), "--reason", "asked by the state")
    redraw = Draw.objects.get(kind=DrawKind.REDRAW)
    assert redraw.review == review and redraw.reason == "asked by the state"
    assert len(out.strip().splitlines()) == 4  # heading, table header, the one review, the loads

    for draw in (selection, reviewers, redraw):
        assert str(draw.pk) in run("--verify", str(draw.pk))
    listing = run(*cycle_args(w), "--list")
    assert len(listing.strip().splitlines()) == 3

    data = json.loads(run("--verify", str(reviewers.pk), "--format", "json"))
    assert data["ok"] is True and data["differences"] == []
    rows = json.loads(run(*cycle_args(w), "--list", "--format", "json"))
    assert [row["kind"] for row in rows] == [DrawKind.SELECTION, DrawKind.REVIEWERS, DrawKind.REDRAW]


def test_dry_run_and_json_output_save_nothing(admin):
    w = world()
    data = json.loads(run(*cycle_args(w), "--select", "--seed", "x", "--dry-run", "--format", "json"))
    assert data["kind"] == DrawKind.SELECTION and len(data["result"]) == 16
    assert not Draw.objects.exists() and not CountryReview.objects.exists()


def test_errors_are_messages(admin, reviewer_user):
    w = world(groups={"AFR": 6, "GRULAC": 1}, cohorts=1)
    cases = [
        ([*cycle_args(w), "--year", "2016", "--as", "nobody"], "nobody"),
        (["--mechanism", "nope", "--cycle", "1", "--select"], "nope"),
        (["--select"], "--mechanism"),
        ([*cycle_args(w), "--select", "--as", reviewer_user.username], "секретариат"),
        (["--verify", "999999"], "999999"),
        (["--redraw", "999999"], "999999"),
    ]
    for args, needle in cases:
        with pytest.raises(CommandError, match=needle):
            run(*args, "--format", "json")
    run(*cycle_args(w), "--select")
    with pytest.raises(CommandError) as impossible:
        run(*cycle_args(w), "--year", "2016")
    assert "same_group" in str(impossible.value) and w.groups["GRULAC"][0].name in str(impossible.value)
    with pytest.raises(CommandError, match=str(Draw.objects.get().pk)):
        run(*cycle_args(w), "--select")
    assert Draw.objects.count() == 1
    with pytest.raises(CommandError):
        run(*cycle_args(w))  # no mode


def test_without_a_superuser_it_says_whom_to_act_as(db):
    w = world()
    with pytest.raises(CommandError, match="--as"):
        run(*cycle_args(w), "--select")
    assert not Draw.objects.exists()
