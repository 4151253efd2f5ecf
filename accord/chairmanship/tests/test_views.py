"""Chairmanship pages, the DOCX download, the secretariat's status form and the API."""

import pytest

from accord.chairmanship.models import ProgrammeItem
from accord.chairmanship.tests.factories import chair_year

pytestmark = pytest.mark.django_db


@pytest.fixture
def setting():
    return chair_year()


def test_list_and_year_pages(client, setting):
    page = client.get("/chairmanship/")
    assert page.status_code == 200 and f"/chairmanship/{setting.body.pk}/2022/" in page.content.decode()
    htmx = client.get(f"/chairmanship/?body={setting.body.pk}", headers={"HX-Request": "true"})
    assert "<html" not in htmx.content.decode()
    year = client.get(f"/chairmanship/{setting.body.pk}/2022/").content.decode()
    assert 'data-testid="meeting-count">3<' in year
    assert 'data-testid="decision-count">4<' in year
    assert setting.chair.name_ru in year


def test_docx_download_and_bad_input(client, setting):
    response = client.get(f"/chairmanship/{setting.body.pk}/2022/report.docx?language=en")
    assert response.status_code == 200
    assert response["Content-Disposition"].endswith('.docx"')
    assert client.get(f"/chairmanship/{setting.body.pk}/2022/report.docx?language=fr").status_code == 404
    assert client.get(f"/chairmanship/{setting.body.pk}/1800/").status_code == 404
    assert client.get("/chairmanship/999999/2022/").status_code == 404


def test_status_form(client, setting, secretariat_user, analyst_user):
    item = ProgrammeItem.objects.get(programme=setting.programme, status="planned")
    url = f"/chairmanship/items/{item.pk}/status/"
    client.force_login(analyst_user)
    assert client.post(url, {"status": "held"}).status_code == 403
    client.force_login(secretariat_user)
    response = client.post(url, {"status": "held"}, headers={"HX-Request": "true"})
    assert response.status_code == 200 and "<html" not in response.content.decode()
    item.refresh_from_db()
    assert item.status == "held"
    assert client.post(url, {"status": "nonsense"}).status_code == 400


def test_report_api(api_client, setting):
    data = api_client.get("/api/chairmanship-reports/?body=union&year=2022").json()
    assert (data["meetings"], data["decisions"], data["programme_items_held"]) == (3, 4, 2)
    assert len(data["co_chairs"]) == 2
    bad = api_client.get("/api/chairmanship-reports/?body=nowhere&year=20x2")
    assert bad.status_code == 400
    assert set(bad.json()["fields"]) == {"body", "year"}


def test_programme_api_writes(api_client, setting, secretariat_user, analyst_user):
    payload = {"programme": setting.programme.pk, "title_en": "Forum", "kind": "conference"}
    api_client.force_authenticate(analyst_user)
    assert api_client.post("/api/programme-items/", payload).status_code == 403
    api_client.force_authenticate(secretariat_user)
    assert api_client.post("/api/programme-items/", payload).status_code == 201
    wrong_year = api_client.post("/api/programme-items/", {**payload, "planned_on": "2023-05-01"})
    assert wrong_year.status_code == 400 and "planned_on" in wrong_year.json()["fields"]
    assert api_client.get("/api/programmes/?year=2022").json()["count"] == 1
    duplicate = api_client.post("/api/programmes/", {"body": setting.body.pk, "year": 2022})
    assert duplicate.status_code == 400


def test_the_year_page_asks_as_much_for_twenty_items_with_meetings_as_for_two(client, secretariat_user):
    """Issue 20: each item's meeting picker names its meeting from the programme already loaded."""
    from datetime import date

    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from accord.chairmanship.tests.factories import ProgrammeFactory, ProgrammeItemFactory
    from accord.meetings.tests.factories import MeetingFactory

    client.force_login(secretariat_user)
    counts = []
    for size in (2, 20):
        programme = ProgrammeFactory(year=2022)
        for n in range(size):
            meeting = MeetingFactory(start_on=date(2022, 3, n + 1), end_on=date(2022, 3, n + 1))
            ProgrammeItemFactory(programme=programme, meeting=meeting)
        url = f"/chairmanship/{programme.body_id}/2022/"
        with CaptureQueriesContext(connection) as queries:
            page = client.get(url).content.decode()
        assert page.count('data-testid="item-status-form"') == size
        assert page.count(f"selected>{meeting}</option>") == 1
        counts.append(len(queries))
    assert counts[0] == counts[1], counts
