"""Analytics pages: who may open them, their CSV against their table, bad input, bounded queries."""

import csv
import datetime
import io

import pytest
from django.urls import reverse

from accord.analytics import figures
from accord.analytics.tests.worlds import matrix_world, meetings_world, network_world
from accord.core.roles import Role
from accord.meetings.tests.factories import MeetingFactory, ParticipationFactory
from accord.registry.tests.factories import OrganizationFactory, PersonFactory, StateFactory
from conftest import make_user

pytestmark = pytest.mark.django_db
D = datetime.date

PAGES = ["analytics:index", "analytics:meetings", "analytics:participation", "analytics:network"]
PAGES += ["analytics:timeline", "analytics:trends"]


def _parse(response) -> list[list[str]]:
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"].startswith("attachment; filename=")
    return list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))


def _as_text(figure) -> list[list[str]]:
    return [figure.header, *[["" if c is None else str(c) for c in row] for row in figure.csv_rows()]]


@pytest.fixture
def state(db):
    return StateFactory(name_en="Kazakhstan-test")


def _detail_urls(state) -> list[str]:
    return [
        reverse("analytics:timeline_state", kwargs={"iso3": state.iso3}),
        reverse("analytics:timeline_organization", kwargs={"pk": OrganizationFactory().pk}),
        reverse("analytics:timeline_person", kwargs={"pk": PersonFactory().pk}),
    ]


def test_anonymous_readers_are_sent_to_log_in(client, state):
    for url in [reverse(name) for name in PAGES] + _detail_urls(state):
        response = client.get(url + "?format=csv")
        assert response.status_code == 302, url
        assert response["Location"].startswith("/login/?next=")


def test_users_without_a_role_are_refused(client, no_role_user, state):
    client.force_login(no_role_user)
    for url in [reverse(name) for name in PAGES] + _detail_urls(state):
        assert client.get(url).status_code == 403, url


@pytest.mark.parametrize("role", [Role.ANALYST, Role.SECRETARIAT, Role.FOCAL_POINT, Role.REVIEWER])
def test_every_role_reads_every_page_even_empty(client, role, state):
    user = make_user(f"user-{role}", role, state=state if role == Role.FOCAL_POINT else None)
    client.force_login(user)
    for url in [reverse(name) for name in PAGES] + _detail_urls(state):
        response = client.get(url)
        assert response.status_code == 200, url


@pytest.mark.usefixtures("english")
def test_the_index_links_to_each_view(client, analyst_user):
    client.force_login(analyst_user)
    html = client.get(reverse("analytics:index")).content.decode()
    for name in PAGES[1:]:
        assert f'href="{reverse(name)}"' in html


@pytest.mark.usefixtures("english")
def test_meetings_page_table_chart_and_csv(client, analyst_user):
    meetings_world()
    client.force_login(analyst_user)
    url = reverse("analytics:meetings")
    html = client.get(url).content.decode()
    assert '<canvas id="meetings-chart" role="img"' in html
    assert '<script id="meetings-data" type="application/json">' in html
    assert '<th scope="row"><a href=' in html and "Council A" in html
    assert "?format=csv" in html
    rows = _parse(client.get(url, {"format": "csv"}))
    assert rows == [
        ["Body", "2020", "2021", "2022", "Total"],
        ["Council A", "2", "1", "0", "3"],
        ["Council B", "0", "1", "1", "2"],
        ["No organizing body", "0", "0", "1", "1"],
        ["Total", "2", "2", "2", "6"],
    ]
    assert rows == _as_text(figures.meetings_per_body_year(analyst_user))
    filtered = _parse(client.get(url, {"kind": "session", "format": "csv"}))
    assert filtered[1:] == [
        ["Council A", "2", "0", "2"],
        ["Council B", "0", "1", "1"],
        ["Total", "2", "1", "3"],
    ]


@pytest.mark.usefixtures("english")
def test_bad_filters_say_why_and_never_fail(client, analyst_user):
    client.force_login(analyst_user)
    url = reverse("analytics:meetings")
    page = client.get(url, {"year_from": "abc"})
    assert page.status_code == 200
    assert "Enter a whole number." in page.content.decode()
    reversed_years = client.get(url, {"year_from": "2030", "year_to": "2020"})
    assert "The first year comes after the last one." in reversed_years.content.decode()
    download = client.get(url, {"year_from": "abc", "format": "csv"})
    assert download.status_code == 400
    assert download.content.decode() == "Enter a whole number."
    matrix = client.get(reverse("analytics:participation"), {"body": "999999", "page": "x"})
    assert "Select a valid choice." in matrix.content.decode()
    assert client.get(reverse("analytics:participation"), {"page": "x"}).context["figure"].page == 1
    network = client.get(reverse("analytics:network"), {"state": "ZZZ", "types": "bogus"})
    assert "No state has the code ZZZ." in network.content.decode()


@pytest.mark.usefixtures("english")
def test_participation_page_and_csv(client, analyst_user, monkeypatch):
    monkeypatch.setattr(figures, "MATRIX_MEETINGS", 2)
    world = matrix_world()
    client.force_login(analyst_user)
    url = reverse("analytics:participation")
    html = client.get(url).content.decode()
    assert "Observer, videoconference" in html
    assert "Meetings 1–2 of 3" in html
    assert 'rel="next"' in html and "page=2" in html
    rows = _parse(client.get(url, {"format": "csv", "page": "2"}))
    assert rows == [
        ["State", "2021-01-10 Third", "Meetings attended"],
        ["Alpha", "Member", "1"],
        ["Gamma", "Guest", "1"],
    ]
    of_a = _parse(client.get(url, {"format": "csv", "body": world.a.pk}))
    assert of_a[1:] == [["Alpha", "Member", "Chair", "2"], ["Beta", "Observer, videoconference", "", "1"]]


@pytest.mark.usefixtures("english")
def test_network_page_shows_counts_never_request_particulars(client, analyst_user, secretariat_user):
    from accord.legal_cooperation.models import CooperationRequest

    network_world(secretariat_user)
    client.force_login(analyst_user)
    url = reverse("analytics:network")
    html = client.get(url).content.decode()
    assert 'data-network="network-data"' in html
    # P-land and Q-land exchanged four requests: neither the pair nor a "<5" shows.
    assert "&lt;5" not in html and "\\u003C5" not in html and '"display": "<5"' not in html
    assert "Pairs of states with fewer than 5 cooperation requests are not shown." in html
    for request in CooperationRequest.objects.all():
        assert request.reference_number not in html
    assert "Confidential particulars" not in html
    rows = _parse(client.get(url, {"format": "csv"}))
    assert not [row for row in rows if row[2] == "Cooperation requests" and "P-land" in row]
    assert rows == _as_text(figures.cooperation_network(analyst_user))
    assert "Confidential particulars" not in str(rows)
    only_requests = _parse(client.get(url, {"format": "csv", "types": "request"}))
    assert only_requests[1:] == [["R-land", "S-land", "Cooperation requests", "6"]]
    client.force_login(secretariat_user)
    exact = _parse(client.get(url, {"format": "csv", "types": "request"}))
    assert exact[1:] == [
        ["R-land", "S-land", "Cooperation requests", "6"],
        ["P-land", "Q-land", "Cooperation requests", "4"],
    ]


@pytest.mark.usefixtures("english")
def test_timeline_pages_and_csv(client, analyst_user):
    state = StateFactory(name_en="Hostland")
    MeetingFactory(country=state, start_on=D(2021, 5, 5), end_on=None, title_en="Visit")
    client.force_login(analyst_user)
    url = reverse("analytics:timeline_state", kwargs={"iso3": state.iso3.lower()})
    html = client.get(url).content.decode()
    assert "Timeline: Hostland" in html
    assert f"kind=state&amp;value={state.iso3}" in html
    rows = _parse(client.get(url, {"format": "csv"}))
    assert rows == [["Date", "Kind", "Event"], ["2021-05-05", "Meetings held", "Hosts: Visit"]]
    assert client.get(reverse("analytics:timeline_state", kwargs={"iso3": "ZZZ"})).status_code == 404
    assert client.get(reverse("analytics:timeline_person", kwargs={"pk": 999999})).status_code == 404


@pytest.mark.usefixtures("english")
def test_the_timeline_finder(client, analyst_user):
    state = StateFactory(name_en="Findland")
    client.force_login(analyst_user)
    url = reverse("analytics:timeline")
    found = client.get(url, {"kind": "state", "value": "findland"})
    assert found.status_code == 302
    assert found["Location"] == reverse("analytics:timeline_state", kwargs={"iso3": state.iso3})
    missing = client.get(url, {"kind": "person", "value": "Nobody"})
    assert "No person matches “Nobody”." in missing.content.decode()


@pytest.mark.usefixtures("english")
def test_trends_page_and_csv(client, analyst_user):
    from accord.core.choices import Confidentiality
    from accord.documents.tests.factories import DocumentFactory
    from accord.extraction.tests.factories import MentionFactory

    state = StateFactory(name_en="Trendland")
    text = "Визит в Ташкент."
    MentionFactory(document=DocumentFactory(published_on=D(2024, 1, 1), text=text), type="state", state=state)
    hidden = DocumentFactory(
        published_on=D(2025, 1, 1), text=text, confidentiality=Confidentiality.CONFIDENTIAL
    )
    MentionFactory(document=hidden, type="state", state=state)
    client.force_login(analyst_user)
    url = reverse("analytics:trends")
    query = {"kind": ["state", "query"], "value": [state.iso3, "визит"]}
    html = client.get(url, query).content.decode()
    assert '<canvas id="trends-chart"' in html
    rows = _parse(client.get(url, {**query, "format": "csv"}))
    # The confidential document counts for neither series.
    assert rows == [["Period", "Trendland", "«визит»"], ["2024", "1", "1"], ["Total", "1", "1"]]
    bad = client.get(url, {"kind": ["state", "query"], "value": ["Nowhere", '"unclosed']}).content.decode()
    assert "No state matches “Nowhere”." in bad
    six = {"kind": ["state"] * 6, "value": [state.iso3] * 6}
    assert "At most 5 series are compared" in client.get(url, six).content.decode()
    assert client.get(url, {"format": "csv"}).status_code == 400


@pytest.mark.parametrize("n", [2, 20])
def test_queries_do_not_grow_with_rows(client, analyst_user, django_assert_max_num_queries, n):
    body = OrganizationFactory()
    states = [StateFactory() for _ in range(n)]
    for index in range(n):
        meeting = MeetingFactory(
            body=body, country=states[index], start_on=D(2000 + index, 1, 1), end_on=None
        )
        for state in states[: index + 1][-3:]:
            ParticipationFactory(meeting=meeting, state=state)
    client.force_login(analyst_user)
    urls = {
        # Session and user, then one query per figure part; a query's series builds the gazetteer
        # (5 more), and on PostgreSQL sets and restores the index-only setting (up to 5 more).
        reverse("analytics:meetings"): 6,
        reverse("analytics:participation"): 9,
        reverse("analytics:network"): 8,
        reverse("analytics:timeline_state", kwargs={"iso3": states[0].iso3}): 14,
        reverse("analytics:timeline_organization", kwargs={"pk": body.pk}): 13,
        f"{reverse('analytics:trends')}?kind=state&value={states[0].iso3}&kind=query&value=сессия": 21,
    }
    for url, limit in urls.items():
        for suffix in ("", "&format=csv" if "?" in url else "?format=csv"):
            with django_assert_max_num_queries(limit):
                assert client.get(url + suffix).status_code == 200
