"""An analyst explores the network graph and a trend in a real browser, and downloads the data."""

import csv
import io
from pathlib import Path

import pytest

from conftest import BROWSER_MARKS, serious_accessibility_violations

pytestmark = BROWSER_MARKS


@pytest.fixture
def browser_page(new_browser_page):
    page = new_browser_page("en-US", accept_downloads=True)
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    return page, errors


def _csv(path) -> list[list[str]]:
    return list(csv.reader(io.StringIO(Path(path).read_text(encoding="utf-8-sig"))))


@pytest.mark.django_db(transaction=True)
def test_an_analyst_explores_the_network_and_a_trend(live_server, browser_page):
    import datetime

    from accord.analytics.tests.worlds import network_world
    from accord.core.roles import Role
    from accord.documents.tests.factories import DocumentFactory
    from conftest import make_user

    secretariat = make_user("secretariat-e2e", Role.SECRETARIAT)
    world = network_world(secretariat)
    for month in (1, 2, 2):
        DocumentFactory(published_on=datetime.date(2024, month, 10), text="Борьба с коррупцией.")
    make_user("analyst-e2e", Role.ANALYST)
    page, errors = browser_page

    page.goto(f"{live_server.url}/language/en/?next=/login/")
    page.goto(f"{live_server.url}/login/?next=/analytics/")
    page.fill("input[name=username]", "analyst-e2e")
    page.fill("input[name=password]", "pass-12345")
    page.locator("main form button[type=submit]").click()
    page.wait_for_url("**/analytics/")
    page.get_by_test_id("analytics-network").click()
    page.wait_for_url("**/analytics/network/")

    # Cytoscape draws into the container; the controls appear only when it did.
    page.wait_for_selector("#network-graph canvas")
    assert page.locator("[data-network-controls]").is_visible()
    page.select_option("[data-network-node]", world.p.iso3)
    details = page.locator("[data-network-details]")
    assert "Q-land — Agreements: 2" in details.inner_text()
    assert "Cooperation requests" not in details.inner_text()  # four requests: the pair is not shown
    page.locator("#edge-agreement").uncheck()
    assert "Agreements" not in details.inner_text()
    assert "Q-land — Visits: 2" in details.inner_text()

    with page.expect_download() as download:
        page.get_by_test_id("csv-download").click()
    rows = _csv(download.value.path())
    assert rows[0] == ["State", "State", "Cooperation", "Count"]
    assert ["R-land", "S-land", "Cooperation requests", "6"] in rows
    assert not [row for row in rows if row[2] == "Cooperation requests" and "P-land" in row]

    page.goto(f"{live_server.url}/analytics/trends/")
    page.fill("#series-value-1", world.p.iso3)
    page.select_option("#series-kind-2", "query")
    page.fill("#series-value-2", "коррупция")
    page.select_option("#id_granularity", "month")
    page.get_by_role("button", name="Show").click()
    page.wait_for_selector("#trends-chart")
    drawn = page.evaluate("() => Boolean(window.Chart && window.Chart.getChart('trends-chart'))")
    assert drawn
    table = page.get_by_test_id("figure-table").inner_text()
    assert "2024-02" in table and "«коррупция»" in table
    with page.expect_download() as download:
        page.get_by_test_id("csv-download").click()
    rows = _csv(download.value.path())
    assert rows == [
        ["Period", "P-land", "«коррупция»"],
        ["2024-01", "0", "1"],
        ["2024-02", "0", "2"],
        ["Total", "0", "3"],
    ]
    assert errors == []

    # Every analytics page, as the analyst sees it, passes axe-core.
    problems = {}
    for url in (
        "/analytics/",
        "/analytics/meetings/",
        "/analytics/participation/",
        "/analytics/network/",
        f"/analytics/timeline/state/{world.p.iso3}/",
        page.url,
    ):
        page.goto(f"{live_server.url}{url}" if url.startswith("/") else url)
        page.wait_for_load_state()
        if found := serious_accessibility_violations(page):
            problems[url] = found
    assert problems == {}
