"""Meetings per body and year, the participation matrix and the network against hand-counted worlds."""

import pytest

from accord.analytics import figures
from accord.analytics.tests.worlds import matrix_world, meetings_world, network_world
from accord.meetings.choices import MeetingKind
from accord.meetings.tests.factories import MeetingFactory, ParticipationFactory
from accord.registry.tests.factories import OrganizationFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]


# --- meetings per body and year ---------------------------------------------------------------


def test_meetings_per_body_and_year_for_an_analyst(analyst_user):
    meetings_world()
    figure = figures.meetings_per_body_year(analyst_user)
    assert figure.header == ["Body", "2020", "2021", "2022", "Total"]
    # The sitting counts with its session; the confidential session is not the analyst's; the restricted one is.
    assert figure.rows == [
        ["Council A", 2, 1, 0, 3],
        ["Council B", 0, 1, 1, 2],
        ["No organizing body", 0, 0, 1, 1],
    ]
    assert figure.footer == ["Total", 2, 2, 2, 6]
    assert figure.total == 6
    assert figure.chart["labels"] == ["2020", "2021", "2022"]
    assert [d["data"] for d in figure.chart["datasets"]] == [[2, 1, 0], [0, 1, 1], [0, 0, 1]]


def test_the_secretariat_counts_the_confidential_session(secretariat_user):
    meetings_world()
    figure = figures.meetings_per_body_year(secretariat_user)
    assert figure.rows[0] == ["Council A", 3, 1, 0, 4]
    assert figure.footer == ["Total", 3, 2, 2, 7]


def test_meetings_filtered_by_kind_and_years(analyst_user):
    meetings_world()
    sessions = figures.meetings_per_body_year(analyst_user, kind=MeetingKind.SESSION)
    assert sessions.header == ["Body", "2020", "2021", "Total"]
    assert sessions.rows == [["Council A", 2, 0, 2], ["Council B", 0, 1, 1]]
    later = figures.meetings_per_body_year(analyst_user, year_from=2021, year_to=2022)
    assert later.rows == [
        ["Council B", 1, 1, 2],
        ["Council A", 1, 0, 1],
        ["No organizing body", 0, 1, 1],
    ]


def test_meetings_figure_with_nothing_to_count(analyst_user):
    figure = figures.meetings_per_body_year(analyst_user)
    assert figure.rows == []
    assert figure.footer is None
    assert figure.chart == {}


def test_the_chart_sums_bodies_beyond_the_tenth(analyst_user, monkeypatch):
    monkeypatch.setattr(figures, "CHART_SERIES", 1)
    meetings_world()
    datasets = figures.meetings_per_body_year(analyst_user).chart["datasets"]
    assert [(d["label"], d["data"]) for d in datasets] == [
        ("Council A", [2, 1, 0]),
        ("Other bodies", [0, 1, 2]),
    ]


# --- participation matrix ---------------------------------------------------------------------


def test_participation_matrix_for_an_analyst(analyst_user):
    world = matrix_world()
    figure = figures.participation_matrix(analyst_user)
    assert figure.header == [
        "State",
        "2020-03-01 First",
        "2020-06-01 Second",
        "2021-01-10 Third",
        "Meetings attended",
    ]
    assert figure.rows == [
        ["Alpha", "Member", "Chair", "Member", 3],
        ["Beta", "Observer, videoconference", None, None, 1],
        ["Gamma", None, None, "Guest", 1],
    ]
    assert figure.total == 3
    assert figure.links[0] == f"/analytics/timeline/state/{world.alpha.iso3}/"
    assert figure.chart["labels"] == ["Alpha", "Beta", "Gamma"]
    assert figure.chart["datasets"][0]["data"] == [3, 1, 1]


def test_participation_matrix_filtered_by_body_and_year(analyst_user, secretariat_user):
    world = matrix_world()
    of_a = figures.participation_matrix(analyst_user, body=world.a)
    assert of_a.rows == [
        ["Alpha", "Member", "Chair", 2],
        ["Beta", "Observer, videoconference", None, 1],
    ]
    secret = figures.participation_matrix(secretariat_user, body=world.a, year=2020)
    assert secret.header[1:-1] == ["2020-03-01 First", "2020-06-01 Second", "2020-09-01 Secret"]
    assert secret.rows[1] == ["Beta", "Observer, videoconference", None, "Member", 2]
    assert figures.participation_matrix(analyst_user, year=2021).rows == [
        ["Alpha", "Member", 1],
        ["Gamma", "Guest", 1],
    ]
    assert figures.participation_matrix(analyst_user, kind=MeetingKind.VISIT).rows == []


def test_participation_matrix_includes_sub_bodies(analyst_user):
    world = matrix_world()
    working_group = OrganizationFactory(name_en="Working group", parent=world.a)
    sitting = MeetingFactory(
        body=working_group, start_on=world.meetings[1].start_on, end_on=None, title_en="WG"
    )
    ParticipationFactory(meeting=sitting, state=world.gamma)
    figure = figures.participation_matrix(analyst_user, body=world.a)
    assert figure.header[1:-1] == ["2020-03-01 First", "2020-06-01 Second", "2020-06-01 WG"]
    assert figure.rows[-1] == ["Gamma", None, None, "Member", 1]


def test_participation_matrix_pages_its_meetings(analyst_user, monkeypatch):
    monkeypatch.setattr(figures, "MATRIX_MEETINGS", 2)
    matrix_world()
    first = figures.participation_matrix(analyst_user)
    assert (first.page, first.pages) == (1, 2)
    assert first.header[1:-1] == ["2020-03-01 First", "2020-06-01 Second"]
    assert first.notes == ["Meetings 1–2 of 3, oldest first; narrow the filters or turn the page."]
    second = figures.participation_matrix(analyst_user, page=2)
    assert second.header[1:-1] == ["2021-01-10 Third"]
    assert second.rows == [["Alpha", "Member", 1], ["Gamma", "Guest", 1]]
    # A page past the end shows the last one.
    assert figures.participation_matrix(analyst_user, page=9).page == 2


def test_participation_matrix_empty(analyst_user):
    figure = figures.participation_matrix(analyst_user)
    assert figure.rows == []
    assert figure.header == ["State", "Meetings attended"]
    assert figure.chart == {}


# --- network ----------------------------------------------------------------------------------


def _edges(figure) -> set[tuple]:
    return {tuple(row) for row in figure.rows}


def test_network_for_an_analyst(analyst_user, secretariat_user):
    network_world(secretariat_user)
    figure = figures.cooperation_network(analyst_user)
    assert figure.rows == [
        ["P-land", "Q-land", "Agreements", "2"],
        ["P-land", "R-land", "Agreements", "1"],
        ["Q-land", "R-land", "Agreements", "1"],
        ["P-land", "Q-land", "Visits", "2"],
        ["R-land", "S-land", "Cooperation requests", "6"],
        ["P-land", "S-land", "Reviews", "1"],
        ["Q-land", "S-land", "Reviews", "1"],
    ]
    # P and Q exchanged four requests: below the threshold the pair itself is left out, not only its count.
    requests = [e for e in figure.chart["edges"] if e["type"] == "request"]
    assert [(e["weight"], e["display"]) for e in requests] == [(6, "6")]
    assert {n["label"]: n["degree"] for n in figure.chart["nodes"]} == {
        "P-land": 4,
        "Q-land": 4,
        "R-land": 3,
        "S-land": 3,
    }
    assert "Pairs of states with fewer than 5 cooperation requests are not shown." in figure.notes


def test_network_for_the_secretariat_is_exact_and_complete(secretariat_user):
    network_world(secretariat_user)
    figure = figures.cooperation_network(secretariat_user)
    assert _edges(figure) == {
        ("P-land", "Q-land", "Agreements", "2"),
        ("P-land", "R-land", "Agreements", "1"),
        ("Q-land", "R-land", "Agreements", "1"),
        ("P-land", "S-land", "Agreements", "1"),
        ("P-land", "Q-land", "Visits", "2"),
        ("P-land", "Q-land", "Cooperation requests", "4"),
        ("R-land", "S-land", "Cooperation requests", "6"),
        ("P-land", "S-land", "Reviews", "1"),
        ("Q-land", "S-land", "Reviews", "1"),
        ("P-land", "R-land", "Reviews", "1"),
    }


def test_network_suppression_follows_the_setting(analyst_user, secretariat_user, settings):
    network_world(secretariat_user)
    settings.ACCORD_SMALL_COUNT = 7
    assert figures.cooperation_network(analyst_user, types=["request"]).rows == []
    settings.ACCORD_SMALL_COUNT = 4
    rows = figures.cooperation_network(analyst_user, types=["request"]).rows
    assert [r[3] for r in rows] == ["6", "4"]


def test_a_focal_point_does_not_see_small_pairs_either(focal_point_user, secretariat_user):
    network_world(secretariat_user)
    rows = figures.cooperation_network(focal_point_user, types=["request"]).rows
    assert rows == [["R-land", "S-land", "Cooperation requests", "6"]]


def test_network_filters_by_type_state_and_year(analyst_user, secretariat_user):
    world = network_world(secretariat_user)
    assert _edges(figures.cooperation_network(analyst_user, types=["visit", "review"])) == {
        ("P-land", "Q-land", "Visits", "2"),
        ("P-land", "S-land", "Reviews", "1"),
        ("Q-land", "S-land", "Reviews", "1"),
    }
    assert _edges(figures.cooperation_network(analyst_user, state=world.s)) == {
        ("R-land", "S-land", "Cooperation requests", "6"),
        ("P-land", "S-land", "Reviews", "1"),
        ("Q-land", "S-land", "Reviews", "1"),
    }
    # Visits in 2022 and 2023, agreements signed in 2024, requests received in 2025, reviews of 2016.
    assert _edges(figures.cooperation_network(analyst_user, year_from=2023, year_to=2023)) == {
        ("P-land", "Q-land", "Visits", "1"),
    }


def test_network_leaves_out_light_edges(analyst_user, secretariat_user):
    network_world(secretariat_user)
    assert figures.cooperation_network(analyst_user, min_weight=2).rows == [
        ["P-land", "Q-land", "Agreements", "2"],
        ["P-land", "Q-land", "Visits", "2"],
        ["R-land", "S-land", "Cooperation requests", "6"],
    ]
    assert figures.cooperation_network(analyst_user, min_weight=5).rows == [
        ["R-land", "S-land", "Cooperation requests", "6"],
    ]
    assert _edges(figures.cooperation_network(secretariat_user, min_weight=4, types=["request"])) == {
        ("P-land", "Q-land", "Cooperation requests", "4"),
        ("R-land", "S-land", "Cooperation requests", "6"),
    }


def test_network_empty(analyst_user):
    figure = figures.cooperation_network(analyst_user)
    assert figure.rows == []
    assert figure.chart == {}
