"""`make demo`'s sample meetings and documents: the facts of the seed documents, browsable."""

import datetime

import pytest

from accord.documents.models import Document
from accord.meetings.models import Meeting

pytestmark = pytest.mark.django_db


def check_samples(first, *, client, api_client, user) -> None:
    """Run by tests/test_samples.py once every app's samples are loaded (one load for all apps)."""
    assert first["meetings"]["created"] >= 10
    cosp = Meeting.objects.get(body__slug="uncac-cosp", ordinal=9)
    assert (cosp.start_on, cosp.end_on, cosp.format) == (
        datetime.date(2021, 12, 13),
        datetime.date(2021, 12, 17),
        "hybrid",
    )
    assert cosp.participations.filter(mode="videoconference").count() == 3
    visit = Meeting.objects.get(kind="visit")
    assert (visit.start_on, visit.end_on, visit.city_en, visit.country.iso3) == (
        datetime.date(2024, 11, 20),
        datetime.date(2024, 11, 21),
        "Tashkent",
        "UZB",
    )
    report = Document.objects.get(symbol="CTOC/COP/WG.10/2019/5", language="ru")
    assert report.meeting.start_on == datetime.date(2019, 10, 9)
    assert Meeting.objects.get(body__slug="untoc-cop", ordinal=9).outcomes.get().mandate.number == "9/1"
    assert client.get(cosp.get_absolute_url()).status_code == 200
    assert api_client.get(f"/api/meetings/?year=2020&body={cosp.body.parent_id}").json()["count"] == 7
