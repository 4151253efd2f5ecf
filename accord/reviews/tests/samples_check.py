"""The demo's sample review cycles: real draws over the reference parties, CIS reviews in every phase."""

from accord.reviews import draws
from accord.reviews.choices import DrawKind, Phase
from accord.reviews.models import CountryReview, Draw, Summary
from accord.reviews.samples import load_samples
from accord.reviews.tests.test_draw_services import assert_rules_hold


def check_samples(first, *, client, api_client, user) -> None:
    """Run by tests/test_samples.py once every app's samples are loaded (one load for all apps)."""
    assert first["sample draws"] == {"created": 6} and first["sample reviews walked"]["created"] > 0
    uncac = CountryReview.objects.filter(cycle__mechanism__slug="uncac-irm", cycle__number=2)
    cis = ["ARM", "AZE", "BLR", "KAZ", "KGZ", "MDA", "RUS", "TKM", "UZB"]
    phases = set(uncac.filter(state__iso3__in=cis).values_list("phase", flat=True))
    assert phases >= {Phase.ASSIGNED, Phase.SELF_ASSESSMENT, Phase.DESK_REVIEW, Phase.DIALOGUE}
    assert phases >= {Phase.DRAFT_REPORT, Phase.AGREED, Phase.PUBLISHED}
    assert Summary.objects.filter(published_at__isnull=False, review__state__iso3="RUS").exists()
    # Every sample draw is a real draw over the reference parties: every rule holds on the
    # records, and re-running its stored input gives the same result.
    for draw in Draw.objects.select_related("cycle"):
        assert draws.verify(draw).ok, draw
        if draw.kind == DrawKind.REVIEWERS:
            assert_rules_hold(draw.cycle, draw.year)
    # UNTOC's third group is left for the secretariat to draw in the demo.
    assert CountryReview.objects.filter(
        cycle__mechanism__slug="untoc-rm", year=2022, phase=Phase.SELECTED
    ).exists()
    before = (Draw.objects.count(), CountryReview.objects.count())
    assert load_samples() == {"sample review cycles": {"unchanged": 2}}
    assert (Draw.objects.count(), CountryReview.objects.count()) == before
