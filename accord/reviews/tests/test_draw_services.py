"""The drawing of lots on the database: pools from the registry, selection, reviewer draws, redraws, verification."""

import datetime
from collections import Counter
from dataclasses import dataclass

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone, translation

from accord.core.roles import Role
from accord.instruments.choices import PartyStatus
from accord.instruments.models import Party
from accord.instruments.tests.factories import InstrumentFactory, PartyFactory
from accord.registry.tests.factories import RegionalGroupFactory, StateFactory
from accord.reviews import draws, services
from accord.reviews.choices import DrawKind, Phase, Side
from accord.reviews.models import (
    Cluster,
    CountryReview,
    Cycle,
    Draw,
    MechanismInstrument,
    PhaseRule,
    ReviewerAssignment,
    ReviewExpert,
    Transition,
)
from accord.reviews.tests.factories import ClusterFactory, CycleFactory, MechanismFactory
from conftest import make_user

pytestmark = pytest.mark.django_db


@dataclass
class World:
    """A small mechanism: states in regional groups, parties, a cycle with its clusters."""

    mechanism: object
    cycle: Cycle
    cluster: Cluster
    instruments: list
    groups: dict


def world(
    *, groups: dict[str, int] | None = None, protocol_every: int = 0, clusters: int = 1, **rules
) -> World:
    """States in groups (code → size), all party to the convention; every `protocol_every`-th to a protocol."""
    rules.setdefault("cohorts", 2)
    mechanism = MechanismFactory(**rules)
    convention = InstrumentFactory(abbreviation_en="CONV", abbreviation_ru="КОНВ")
    instruments = [convention]
    if protocol_every:
        instruments.append(InstrumentFactory(abbreviation_en="PROT", abbreviation_ru="ПРОТ"))
    for position, instrument in enumerate(instruments):
        MechanismInstrument.objects.create(mechanism=mechanism, instrument=instrument, position=position)
    PhaseRule.objects.create(mechanism=mechanism, phase=Phase.ASSIGNED, duration=3, unit="weeks")
    cycle = CycleFactory(mechanism=mechanism, first_year=2016)
    cluster = ClusterFactory(cycle=cycle, number=1)
    for number in range(2, clusters + 1):
        ClusterFactory(cycle=cycle, number=number, name_en=f"Cluster {number}")
    members = {}
    for code, size in (groups or {"AFR": 8, "EEG": 8}).items():
        group = RegionalGroupFactory(code=code)
        members[code] = [StateFactory(regional_group=group) for _ in range(size)]
        for index, state in enumerate(members[code]):
            PartyFactory(instrument=convention, state=state)
            if protocol_every and index % protocol_every == 0:
                PartyFactory(instrument=instruments[1], state=state)
    return World(mechanism, cycle, cluster, instruments, members)


@pytest.fixture
def secretariat(db):
    return make_user("draw-secretariat", Role.SECRETARIAT)


def assert_rules_hold(cycle: Cycle, year: int) -> None:
    """Every drawn review of the year meets its mechanism's rules, and so does the year as a whole."""
    mechanism = cycle.mechanism
    cluster = draws.first_cluster(cycle)
    per_instrument = mechanism.review_unit == "instrument"
    instruments = [i.pk for i in mechanism.ordered_instruments()]
    parties = set(
        Party.objects.filter(status=PartyStatus.PARTY, withdrawn_on__isnull=True).values_list(
            "state_id", "instrument_id"
        )
    )
    pairs = set()
    reviews = CountryReview.objects.filter(cycle=cycle, cluster=cluster, year=year).select_related("state")
    assert reviews.exists()
    for review in reviews:
        assert review.phase != Phase.SELECTED, review
        assert review.due_on is not None or review.phase == Phase.PUBLISHED
        rows = list(review.active_reviewers().select_related("state"))
        units: dict[int, list] = {}
        for row in rows:
            units.setdefault(row.instrument_id, []).append(row)
        if per_instrument:
            expected = [pk for pk in instruments if (review.state_id, pk) in parties]
            assert sorted(units) == sorted(expected), review
        else:
            assert len(units) == 1
        for instrument_id, unit in units.items():
            states = {row.state_id for row in unit}
            assert len(states) == len(unit) == mechanism.reviewers_per_unit
            assert review.state_id not in states
            for row in unit:
                assert row.same_group == (row.state.regional_group_id == review.state.regional_group_id)
                if mechanism.reviewers_must_be_parties:
                    assert (row.state_id, instrument_id) in parties
            assert sum(row.same_group for row in unit) >= mechanism.same_group_min
            assert sum(not row.same_group for row in unit) >= mechanism.other_group_min
        distinct = {row.state_id for row in rows}
        if mechanism.max_reviewers and not review.waives_reviewer_cap:
            assert len(distinct) <= mechanism.max_reviewers
        pairs |= {(state, review.state_id) for state in distinct}
    if mechanism.no_mutual:
        everything = set(
            ReviewerAssignment.objects.filter(review__cycle=cycle, replaced_by__isnull=True).values_list(
                "state_id", "review__state_id"
            )
        )
        assert not [(a, b) for a, b in everything if (b, a) in everything]
    if mechanism.max_reviews_per_reviewer:
        assert max(Counter(a for a, _b in pairs).values()) <= mechanism.max_reviews_per_reviewer


# ---- selection -------------------------------------------------------------------------


def test_selection_splits_each_group_evenly_over_the_years(secretariat):
    w = world(groups={"AFR": 9, "EEG": 6, "WEOG": 5}, cohorts=4, clusters=2)
    draw = services.run_selection(w.cycle, acting_user=secretariat, seed="s-1")
    reviews = CountryReview.objects.filter(cycle=w.cycle).select_related("state__regional_group")
    assert reviews.count() == 20
    assert {r.cluster_id for r in reviews} == {w.cluster.pk}
    assert {r.phase for r in reviews} == {Phase.SELECTED}
    for code, members in w.groups.items():
        per_year = Counter(r.year for r in reviews if r.state.regional_group.code == code)
        assert set(per_year) <= set(w.cycle.years)
        low = len(members) // 4
        assert all(low <= per_year.get(year, 0) <= low + 1 for year in w.cycle.years)
    assert (draw.kind, draw.seed, draw.year, draw.performed_by) == (
        DrawKind.SELECTION,
        "s-1",
        None,
        secretariat,
    )
    assert draw.result == {r.state.iso3: r.year for r in reviews}
    assert draw.input["seed"] == "s-1" and draw.input["years"] == w.cycle.years
    assert len(draw.input["states"]) == 20
    assert Transition.objects.filter(review__cycle=w.cycle, to_phase=Phase.SELECTED).count() == 20
    assert draws.verify(draw).ok

    with pytest.raises(ValidationError) as refused:
        services.run_selection(w.cycle, acting_user=secretariat)
    assert refused.value.code == "already_drawn"
    assert Draw.objects.filter(cycle=w.cycle).count() == 1


def test_selection_pool_leaves_out_non_parties_and_states_without_a_group(secretariat):
    w = world(groups={"AFR": 4, "EEG": 4})
    convention = w.instruments[0]
    outsider = StateFactory()  # party to nothing
    signatory = StateFactory()
    PartyFactory(instrument=convention, state=signatory, status=PartyStatus.SIGNATORY)
    gone = StateFactory()
    PartyFactory(
        instrument=convention,
        state=gone,
        status=PartyStatus.WITHDRAWN,
        withdrawn_on=datetime.date(2012, 1, 1),
    )
    groupless = StateFactory(regional_group=None, name_en="Nowhereland")
    PartyFactory(instrument=convention, state=groupless)
    draw = services.run_selection(w.cycle, acting_user=secretariat, seed=3)
    selected = set(CountryReview.objects.filter(cycle=w.cycle).values_list("state_id", flat=True))
    assert len(selected) == 8
    assert not selected & {outsider.pk, signatory.pk, gone.pk, groupless.pk}
    assert draw.seed == "3"
    assert draw.input["excluded"] == [
        {"code": groupless.iso3, "reason": "no_regional_group", "instruments": [convention.slug]}
    ]
    with translation.override("en"):
        assert draws.exclusion_notes(draw.input["excluded"]) == [
            "Nowhereland belongs to no regional group and was left out of the draw."
        ]


def test_selection_needs_a_cluster_and_a_random_seed_is_recorded(secretariat):
    w = world()
    bare = CycleFactory(mechanism=w.mechanism)
    with pytest.raises(ValidationError) as refused:
        services.run_selection(bare, acting_user=secretariat)
    assert refused.value.code == "no_cluster"
    assert not Draw.objects.exists()
    draw = services.run_selection(w.cycle, acting_user=secretariat)
    assert len(draw.seed) >= 16 and draw.input["seed"] == draw.seed
    assert draws.verify(draw).ok


def test_late_parties_go_to_the_year_after_the_last(secretariat):
    w = world(cohorts=4)
    with pytest.raises(ValidationError) as early:
        services.add_late_parties(w.cycle, acting_user=secretariat)
    assert early.value.code == "no_selection"
    services.run_selection(w.cycle, acting_user=secretariat, seed=1)
    newcomer = StateFactory(regional_group=w.groups["AFR"][0].regional_group)
    PartyFactory(instrument=w.instruments[0], state=newcomer)
    late = services.add_late_parties(w.cycle, acting_user=secretariat, seed=2)
    assert (late.kind, late.year, late.result) == (DrawKind.SELECTION, 2020, {newcomer.iso3: 2020})
    assert CountryReview.objects.get(state=newcomer).year == 2020
    assert draws.draw_years(w.cycle) == [2016, 2017, 2018, 2019, 2020]
    assert draws.verify(late).ok
    with pytest.raises(ValidationError) as nobody:
        services.add_late_parties(w.cycle, acting_user=secretariat)
    assert nobody.value.code == "nothing_to_select"


# ---- reviewer draws ----------------------------------------------------------------------


def selected(w: World, secretariat, seed="sel") -> Draw:
    return services.run_selection(w.cycle, acting_user=secretariat, seed=seed)


def test_reviewer_draw_meets_the_rules_and_moves_the_reviews_on(secretariat):
    w = world(max_reviews_per_reviewer=2)
    selected(w, secretariat)
    draw = services.run_reviewer_draw(w.cycle, 2016, acting_user=secretariat, seed="r-1")
    assert (draw.kind, draw.year, draw.seed) == (DrawKind.REVIEWERS, 2016, "r-1")
    assert draw.input["format"] == 1 and draw.input["rules"]["same_group_min"] == 1
    reviews = CountryReview.objects.filter(cycle=w.cycle, year=2016)
    assert set(draw.input["reviewees"]) == {r.state.iso3 for r in reviews}
    assert_rules_hold(w.cycle, 2016)
    deadline = timezone.localdate() + datetime.timedelta(weeks=3)
    assert {r.due_on for r in reviews} == {deadline}
    assert ReviewerAssignment.objects.filter(draw=draw).count() == 2 * reviews.count()
    assert set(CountryReview.objects.filter(cycle=w.cycle, year=2017).values_list("phase", flat=True)) == {
        Phase.SELECTED
    }
    assert draws.verify(draw).ok
    report = draws.describe(draw)
    assert report.reviewee_count == reviews.count() and report.pool_size == 16
    assert report.max_load <= 2 and len(report.rows) == reviews.count()

    with pytest.raises(ValidationError) as again:
        services.run_reviewer_draw(w.cycle, 2016, acting_user=secretariat)
    assert again.value.code == "no_reviews"


def test_later_draws_of_a_cycle_respect_the_earlier_ones(secretariat):
    w = world()
    selected(w, secretariat)
    first = services.run_reviewer_draw(w.cycle, 2016, acting_user=secretariat, seed=1)
    second = services.run_reviewer_draw(w.cycle, 2017, acting_user=secretariat, seed=1)
    earlier = {tuple(pair) for pair in second.input["prior_pairs"]}
    assert earlier == {(a["reviewer"], a["reviewee"]) for a in first.result["assignments"]}
    assert second.input["prior_load"] == {}  # another year: no load carried over
    assert_rules_hold(w.cycle, 2017)


def test_a_deferring_state_is_not_drawn_to_review(secretariat):
    w = world(groups={"AFR": 6, "EEG": 6})
    selected(w, secretariat)
    review = CountryReview.objects.filter(cycle=w.cycle, year=2016).first()
    review.defers_reviewing = True
    review.save()
    draw = services.run_reviewer_draw(w.cycle, 2016, acting_user=secretariat, seed=4)
    assert review.state_id not in set(
        ReviewerAssignment.objects.filter(draw=draw).values_list("state", flat=True)
    )


def test_an_impossible_draw_saves_nothing_and_names_the_rule(secretariat):
    w = world(groups={"AFR": 6, "GRULAC": 1}, cohorts=1)
    lonely = w.groups["GRULAC"][0]
    selected(w, secretariat)
    transitions = Transition.objects.count()
    for language, name in (("en", lonely.name_en), ("ru", lonely.name_ru)):
        with translation.override(language), pytest.raises(draws.DrawImpossibleError) as impossible:
            services.run_reviewer_draw(w.cycle, 2016, acting_user=secretariat, seed=1)
        assert impossible.value.rule == "same_group"
        assert impossible.value.code == "draw_impossible"
        assert name in impossible.value.messages[0]
    assert list(Draw.objects.values_list("kind", flat=True)) == [DrawKind.SELECTION]
    assert not ReviewerAssignment.objects.exists()
    assert Transition.objects.count() == transitions
    assert set(CountryReview.objects.values_list("phase", flat=True)) == {Phase.SELECTED}


def test_a_state_that_left_the_pool_is_noted_not_drawn(secretariat):
    w = world(cohorts=1)
    selected(w, secretariat)
    leaver = w.groups["AFR"][0]
    Party.objects.filter(state=leaver).update(
        status=PartyStatus.WITHDRAWN, withdrawn_on=datetime.date(2016, 1, 1)
    )
    draw = services.run_reviewer_draw(w.cycle, 2016, acting_user=secretariat, seed=2)
    assert leaver.iso3 not in draw.input["reviewees"]
    assert {"code": leaver.iso3, "reason": "not_in_pool"} in draw.input["excluded"]
    assert CountryReview.objects.get(state=leaver).phase == Phase.SELECTED
    assert len(draws.describe(draw).notes) == 1


def test_a_year_outside_the_cycle_is_refused(secretariat):
    w = world()
    selected(w, secretariat)
    with pytest.raises(ValidationError) as refused:
        services.run_reviewer_draw(w.cycle, 1999, acting_user=secretariat)
    assert refused.value.code == "year"


def test_per_instrument_draw_covers_each_instrument_once_for_all_clusters(secretariat):
    w = world(
        groups={"AFR": 8, "WEOG": 8},
        protocol_every=2,
        clusters=3,
        review_unit="instrument",
        other_group_min=1,
        max_reviewers=4,
        redraws_allowed=0,
        deferral_allowed=False,
    )
    selected(w, secretariat)
    draw = services.run_reviewer_draw(w.cycle, 2016, acting_user=secretariat, seed="untoc")
    assert_rules_hold(w.cycle, 2016)
    assert not CountryReview.objects.exclude(cluster=w.cluster).exists()
    protocol = w.instruments[1]
    assert ReviewerAssignment.objects.filter(draw=draw, instrument=protocol).exists()
    assert draws.verify(draw).ok


# ---- redraws -------------------------------------------------------------------------


def active_rows(cycle) -> set[tuple[int, int, int]]:
    return set(
        ReviewerAssignment.objects.filter(review__cycle=cycle, replaced_by__isnull=True).values_list(
            "review_id", "state_id", "instrument_id"
        )
    )


def test_redraw_replaces_only_that_reviews_reviewers_within_the_limit(secretariat):
    w = world(groups={"AFR": 10, "EEG": 10}, redraws_allowed=2)
    selected(w, secretariat)
    original = services.run_reviewer_draw(w.cycle, 2016, acting_user=secretariat, seed=5)
    review = CountryReview.objects.filter(cycle=w.cycle, year=2016).first()
    others_before = {row for row in active_rows(w.cycle) if row[0] != review.pk}
    ever = set(review.reviewers.values_list("state_id", flat=True))
    drawn_state = review.reviewing_states()[0]
    ReviewExpert.objects.create(review=review, user=secretariat, side=Side.REVIEWER, state=drawn_state)
    CountryReview.objects.filter(pk=review.pk).update(due_on=datetime.date(2000, 1, 1))

    for number in (1, 2):
        redraw = services.request_redraw(review, acting_user=secretariat, seed=f"again-{number}")
        assert (redraw.kind, redraw.review, redraw.year, redraw.exceptional) == (
            DrawKind.REDRAW,
            review,
            2016,
            False,
        )
        new = set(review.active_reviewers().values_list("state_id", flat=True))
        assert len(new) == 2 and not new & ever
        ever |= new
        assert {row for row in active_rows(w.cycle) if row[0] != review.pk} == others_before
        assert ReviewerAssignment.objects.filter(review=review, replaced_by=redraw).count() == 2
        assert draws.verify(redraw).ok
        assert_rules_hold(w.cycle, 2016)
        # The replaced state's expert leaves the review; the timetable starts again.
        assert not review.expert_links.filter(state=drawn_state).exists()
        review.refresh_from_db()
        assert review.due_on > datetime.date(2000, 1, 1)
    assert draws.redraws_used(review) == (2, 2)

    draws_before, rows_before = Draw.objects.count(), active_rows(w.cycle)
    with pytest.raises(draws.DrawImpossibleError) as limit:
        services.request_redraw(review, acting_user=secretariat)
    assert limit.value.rule == "redraw_limit"
    assert (Draw.objects.count(), active_rows(w.cycle)) == (draws_before, rows_before)
    with pytest.raises(ValidationError) as no_reason:
        services.request_redraw(review, acting_user=secretariat, exceptional=True)
    assert no_reason.value.code == "reason"

    exceptional = services.request_redraw(
        review, acting_user=secretariat, exceptional=True, reason="A conflict of interest", seed=9
    )
    assert exceptional.exceptional and exceptional.reason == "A conflict of interest"
    assert draws.redraws_used(review) == (3, 2)
    assert draws.verify(original).ok  # replaced rows still belong to the draw that made them
    assert (
        Transition.objects.filter(review=review, to_phase=Phase.ASSIGNED, from_phase=Phase.ASSIGNED).count()
        == 3
    )


def test_redraw_only_at_the_assigned_phase(secretariat):
    w = world()
    selected(w, secretariat)
    review = CountryReview.objects.filter(cycle=w.cycle, year=2016).first()
    with pytest.raises(ValidationError) as refused:
        services.request_redraw(review, acting_user=secretariat)
    assert refused.value.code == "phase"


# ---- verification ----------------------------------------------------------------------


def test_verify_reports_a_tampered_result_and_records(secretariat):
    w = world()
    selection = selected(w, secretariat)
    draw = services.run_reviewer_draw(w.cycle, 2016, acting_user=secretariat, seed=8)

    first = draw.result["assignments"][0]
    stranger = next(
        s for s in w.groups["EEG"] + w.groups["AFR"] if s.iso3 not in (first["reviewer"], first["reviewee"])
    )
    first["reviewer"] = stranger.iso3
    draw.save()
    verdict = draws.verify(draw)
    assert not verdict.same and verdict.differences and verdict.record_differences

    review = CountryReview.objects.filter(cycle=w.cycle, year=2017).first()
    review.year = 2018
    review.save()
    verdict = draws.verify(selection)
    assert verdict.same and not verdict.ok and len(verdict.record_differences) == 1

    draw.input["algorithm"] = 999
    draw.save()
    verdict = draws.verify(draw)
    assert verdict.error and not verdict.ok


def test_only_the_secretariat_draws(secretariat, reviewer_user, focal_point_user):
    w = world()
    for user in (reviewer_user, focal_point_user):
        with pytest.raises(PermissionDenied):
            services.run_selection(w.cycle, acting_user=user)
    selected(w, secretariat)
    services.run_reviewer_draw(w.cycle, 2016, acting_user=secretariat, seed=1)
    review = CountryReview.objects.filter(cycle=w.cycle, year=2016).first()
    for call in (
        lambda: services.add_late_parties(w.cycle, acting_user=reviewer_user),
        lambda: services.run_reviewer_draw(w.cycle, 2017, acting_user=reviewer_user),
        lambda: services.request_redraw(review, acting_user=reviewer_user),
    ):
        with pytest.raises(PermissionDenied):
            call()
    assert Draw.objects.count() == 2


# ---- the reference data -------------------------------------------------------------------
