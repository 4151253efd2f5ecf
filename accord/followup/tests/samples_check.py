"""`make demo`'s register: the OECD integrity review of Kazakhstan and the sample reviews' recommendations."""

import pytest

from accord.followup.models import Recommendation

pytestmark = pytest.mark.django_db


def check_samples(first, *, client, api_client, user) -> None:
    """Run by tests/test_samples.py once every app's samples are loaded (one load for all apps)."""
    assert first["recommendations"]["created"] >= 6
    assert first["status updates"] == {"created": 2} and first["assessments"] == {"created": 1}
    oecd = Recommendation.objects.filter(body__slug="oecd", state__iso3="KAZ")
    assert oecd.count() == 6 and oecd.filter(authority__slug="kaz-anticorruption-agency").count() == 2
    assert Recommendation.objects.filter(source_kind="country_review").exists()
    assert oecd.get(status="in_progress").is_status_assessed
    assert client.get("/followup/").status_code == 200
    assert client.get("/followup/dashboard/").status_code == 200
