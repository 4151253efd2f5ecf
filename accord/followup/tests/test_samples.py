"""`make demo`'s register: the OECD integrity review of Kazakhstan and the sample reviews' recommendations."""

import pytest
from django.core.management import call_command

from accord.core.reference import load_all
from accord.followup.models import Recommendation

pytestmark = pytest.mark.django_db


def test_samples_load_once(client):
    load_all()
    first = load_all("sample_loader")
    assert first["recommendations"]["created"] >= 6
    assert first["status updates"] == {"created": 2} and first["assessments"] == {"created": 1}
    oecd = Recommendation.objects.filter(body__slug="oecd", state__iso3="KAZ")
    assert oecd.count() == 6 and oecd.filter(authority__slug="kaz-anticorruption-agency").count() == 2
    assert Recommendation.objects.filter(source_kind="country_review").exists()
    assert oecd.get(status="in_progress").is_status_assessed
    again = load_all("sample_loader")
    assert all(set(c) == {"unchanged"} for c in again.values()), again
    assert client.get("/followup/").status_code == 200
    assert client.get("/followup/dashboard/").status_code == 200


def test_schema_stays_warning_free(tmp_path):
    call_command("spectacular", "--validate", "--fail-on-warn", "--file", str(tmp_path / "schema.yml"))
