"""`make demo`'s data, loaded once for every app: each app checks its part, then a reload changes nothing.

Loading the reference data and all samples takes half a minute, so one test
loads them and calls each app's `check_samples`.
"""

import pytest

from accord.chairmanship.tests import samples_check as chairmanship
from accord.cooperation.tests import samples_check as cooperation
from accord.core.reference import load_all
from accord.delegations.tests import samples_check as delegations
from accord.extraction.tests import test_commands as extraction
from accord.followup.tests import samples_check as followup
from accord.legal_cooperation.tests import test_statistics_samples as legal_cooperation
from accord.meetings.tests import samples_check as meetings
from accord.news.tests import samples_check as news
from accord.reviews.tests import samples_check as reviews


@pytest.mark.slow
@pytest.mark.django_db
def test_the_demo_data_loads_once_and_every_app_finds_its_part(
    reference_data, client, api_client, secretariat_user
):
    first = load_all("sample_loader")
    again = load_all("sample_loader")
    assert all(set(c) == {"unchanged"} for c in again.values()), again
    for app in (
        meetings,
        reviews,
        followup,
        cooperation,
        legal_cooperation,
        chairmanship,
        extraction,
        news,
        delegations,
    ):
        app.check_samples(first, client=client, api_client=api_client, user=secretariat_user)

    # The samples are published on purpose (new documents are members-only): the portal shows them.
    from accord.documents.models import Document

    documents = Document.objects.all()
    assert documents.exists() and set(documents.values_list("confidentiality", flat=True)) == {"public"}
    assert api_client.get("/api/documents/", {"limit": 1}).json()["count"] == documents.count()
