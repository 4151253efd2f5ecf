"""`make demo`'s data, loaded once for every app: each app checks its part, then a reload changes nothing.

Loading the reference data and all samples takes half a minute, so the
session loads them once (`sample_data`, the rows and counts of that real
load) and one test calls each app's `check_samples`.
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
    sample_data, client, api_client, secretariat_user
):
    first = sample_data  # the counts of the session's load
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


#: The CIS states whose UNCAC dates the reference data records (parties.toml).
CIS_STATES = ["ARM", "AZE", "BLR", "KAZ", "KGZ", "MDA", "RUS", "TJK", "TKM", "UZB"]


@pytest.mark.slow
@pytest.mark.django_db
def test_the_demo_shows_dates_officials_meetings_and_searchable_texts(sample_data, client):
    """A fresh load is not empty where a reader looks first (issue 19, item 5)."""
    from django.contrib.auth.models import AnonymousUser

    from accord.documents.samples import sample_documents
    from accord.documents.search.engine import search
    from accord.instruments.models import Party
    from accord.meetings.models import Meeting, Outcome
    from accord.portal.addresses import body_url
    from accord.registry.models import Organization, Post

    dated = Party.objects.filter(
        instrument__slug="uncac",
        state__iso3__in=CIS_STATES,
        consent_on__isnull=False,
        entry_into_force_on__isnull=False,
    )
    assert sorted(dated.values_list("state__iso3", flat=True)) == CIS_STATES
    assert (
        Party.objects.filter(
            instrument__slug="untoc", state__iso3__in=CIS_STATES, consent_on__isnull=False
        ).count()
        >= 5
    )

    councils = ["cis-prosecutors-council", "cis-anticorruption-council"]
    for slug in councils:
        assert Post.objects.filter(organization__slug=slug, role="head").exists(), slug
    cis = Organization.objects.get(slug="cis")
    summits = Meeting.objects.filter(body__slug="cis-heads-of-state", status="held")
    assert summits.count() >= 3
    assert Outcome.objects.filter(meeting__in=summits, kind="decision_adopted").exists()
    page = client.get(body_url(cis), follow=True).content.decode()
    assert "Бишкеке" in page, "the CIS page lists its councils' meetings"

    samples = sample_documents()
    assert len(samples) >= 16 and all(d.text.strip() for d in samples), [
        d for d in samples if not d.text.strip()
    ]
    for query in ("Генпрокурор", "UNODC"):
        assert search(AnonymousUser(), query).total > 0, query
