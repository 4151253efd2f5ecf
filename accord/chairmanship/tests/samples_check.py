"""`make demo`'s chairmanship programmes: CIS 2022 and 2023 (checked by tests/test_samples.py)."""

from accord.chairmanship.reports import year_report
from accord.registry.models import Organization


def check_samples(first, *, client, api_client, user) -> None:
    """Run by tests/test_samples.py once every app's samples are loaded (one load for all apps)."""
    assert first["chairmanship programmes"] == {"created": 2}
    cis = Organization.objects.get(slug="cis")
    report_2023 = year_report(cis, 2023, user=user)
    assert [m.state.iso3 for m in report_2023.chairs] == ["KGZ"]
    assert sorted(m.state.iso3 for m in report_2023.co_chairs) == ["KAZ", "RUS"]
    report_2022 = year_report(cis, 2022, user=user)
    assert [m.state.iso3 for m in report_2022.chairs] == ["KAZ"]
    assert report_2022.items_held == 5 and report_2022.items_planned == 6
