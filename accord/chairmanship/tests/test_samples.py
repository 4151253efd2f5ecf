"""`make demo`'s chairmanship programmes: CIS 2022 and 2023, loaded once however often one loads them."""

import pytest

from accord.chairmanship.reports import year_report
from accord.chairmanship.samples import load_samples
from accord.core.reference import load_all
from accord.meetings.samples import load_samples as load_meetings
from accord.registry.models import Organization

pytestmark = pytest.mark.django_db


def test_samples_load_once(secretariat_user):
    load_all()
    load_meetings()
    first = load_samples()
    assert first["chairmanship programmes"] == {"created": 2}
    again = load_samples()
    assert all(set(c) == {"unchanged"} for c in again.values()), again
    cis = Organization.objects.get(slug="cis")
    report_2023 = year_report(cis, 2023, user=secretariat_user)
    assert [m.state.iso3 for m in report_2023.chairs] == ["KGZ"]
    assert sorted(m.state.iso3 for m in report_2023.co_chairs) == ["KAZ", "RUS"]
    report_2022 = year_report(cis, 2022, user=secretariat_user)
    assert [m.state.iso3 for m in report_2022.chairs] == ["KAZ"]
    assert report_2022.items_held == 5 and report_2022.items_planned == 6
