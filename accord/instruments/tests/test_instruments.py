"""Instruments: rules, reference data (conventions, articles, parties, mandates), pages and API."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation
from django.utils.formats import date_format

from accord.core.reference import load_all
from accord.instruments.models import Instrument, Mandate, Party, Provision
from accord.instruments.tests.factories import (
    InstrumentFactory,
    MandateFactory,
    PartyFactory,
    ProvisionFactory,
)
from accord.registry.models import Organization

pytestmark = pytest.mark.django_db


@translation.override("en")
def test_rules_have_clear_messages():
    with pytest.raises(ValidationError, match="supplements a convention"):
        InstrumentFactory.build(kind="protocol").full_clean()
    party = PartyFactory.build(
        instrument=InstrumentFactory(),
        state=PartyFactory().state,
        signed_on=datetime.date(2005, 1, 1),
        consent="ratification",
        consent_on=datetime.date(2004, 1, 1),
    )
    with pytest.raises(ValidationError, match="cannot precede the signature"):
        party.full_clean()
    with pytest.raises(ValidationError, match="looks like"):
        MandateFactory.build(body=MandateFactory().body, number="9 / 1").full_clean()
    with pytest.raises(ValidationError, match="says session 9"):
        MandateFactory.build(body=MandateFactory().body, number="9/1", session_number=8).full_clean()
    other = ProvisionFactory()
    with pytest.raises(ValidationError, match="same instrument"):
        ProvisionFactory.build(instrument=InstrumentFactory(), parent=other).full_clean()


def test_parties_bound_on_a_day():
    instrument = InstrumentFactory()
    early = PartyFactory(instrument=instrument, consent="ratification", consent_on=datetime.date(2004, 1, 1))
    PartyFactory(instrument=instrument, consent="accession", consent_on=datetime.date(2020, 1, 1))
    unknown = PartyFactory(instrument=instrument)
    PartyFactory(instrument=instrument, status="signatory")
    assert set(instrument.parties.bound_on(datetime.date(2010, 1, 1))) == {early, unknown}


@pytest.fixture
def reference(reference_data):
    """The reference data, from the session's one load."""


def test_reference_instruments_articles_parties_and_mandates(reference):
    uncac = Instrument.objects.get(slug="uncac")
    assert uncac.provisions.filter(kind="article").count() == 71
    assert uncac.provisions.filter(kind="chapter").count() == 8
    assert uncac.provisions.get(number="46").title_en == "Mutual legal assistance"
    assert uncac.provisions.get(number="46").parent.number == "IV"
    assert Instrument.objects.get(slug="untoc").provisions.filter(kind="article").count() == 41
    assert Provision.objects.filter(instrument__slug="oecd-public-integrity", kind="principle").count() == 13
    assert set(Instrument.objects.filter(parent__slug="untoc").values_list("slug", flat=True)) == {
        "untoc-tip",
        "untoc-som",
        "untoc-firearms",
    }
    assert Instrument.objects.get(slug="un-cybercrime").adopted_on == datetime.date(2024, 12, 24)
    cis_agreement = Instrument.objects.get(slug="cis-anticorruption-council-agreement")
    assert [o.slug for o in cis_agreement.establishes.all()] == ["cis-anticorruption-council"]
    assert Party.objects.get(instrument=uncac, state__iso3="RUS").status == "party"
    assert Party.objects.get(instrument=uncac, state__iso3="SYR").status == "signatory"
    assert not Party.objects.filter(instrument=uncac, state__iso3="PRK").exists()
    assert uncac.parties.filter(status="party").count() > 180
    resolution = Mandate.objects.get(number="9/1", body__slug="untoc-cop")
    assert [o.slug for o in resolution.establishes.all()] == ["untoc-review-expert-group"]
    assert {m.number for m in Mandate.objects.filter(body__slug="untoc-cop")} >= {
        "9/1",
        "7/1",
        "5/3",
        "5/4",
        "4/4",
        "3/2",
        "2/6",
    }
    assert Organization.objects.get(slug="untoc-wg-tip").founding_mandates.get().number == "4/4"
    again = load_all()
    assert all(set(c) == {"unchanged"} for c in again.values()), again


def test_reference_party_dates_and_entry_into_force_computed_from_the_deposit(reference, client):
    """The CIS states' dates come from parties.toml; the day of entry into force is the thirtieth after the
    deposit, or the convention's own if that is later (UNCAC art. 68(2), UNTOC art. 38(2))."""
    cis = ["ARM", "AZE", "BLR", "KAZ", "KGZ", "MDA", "RUS", "TJK", "TKM", "UZB"]
    uncac = {p.state.iso3: p for p in Party.objects.filter(instrument__slug="uncac", state__iso3__in=cis)}
    assert all(p.consent_on and p.entry_into_force_on for p in uncac.values()), uncac
    kazakhstan = uncac["KAZ"]
    assert (kazakhstan.consent, kazakhstan.consent_on) == ("accession", datetime.date(2008, 6, 18))
    assert kazakhstan.entry_into_force_on == datetime.date(2008, 7, 18)
    assert uncac["RUS"].signed_on == datetime.date(2003, 12, 9)
    # Kenya deposited on the day of signature, two years before the Convention entered into force.
    assert Party.objects.get(
        instrument__slug="uncac", state__iso3="KEN"
    ).entry_into_force_on == datetime.date(2005, 12, 14)
    assert Party.objects.get(instrument__slug="uncac", state__iso3="JPN").consent == "acceptance"
    russia = Party.objects.get(instrument__slug="untoc", state__iso3="RUS")
    assert (russia.consent_on, russia.entry_into_force_on) == (
        datetime.date(2004, 5, 26),
        datetime.date(2004, 6, 25),
    )
    # Not certain, so not dated.
    assert Party.objects.get(instrument__slug="untoc", state__iso3="ARM").consent_on is None
    with translation.override("ru"):
        page = client.get(reverse("instruments:instrument_detail", kwargs={"slug": "uncac"})).content.decode()
        # The table shows Kazakhstan's accession and the day it took effect, in whichever date style.
        for day in (datetime.date(2008, 6, 18), datetime.date(2008, 7, 18)):
            styles = {
                day.strftime("%d.%m.%Y"),
                date_format(day, "DATE_FORMAT"),
                date_format(day, "SHORT_DATE_FORMAT"),
            }
            assert any(style in page for style in styles), day


@translation.override("en")
def test_party_dates_for_a_state_the_file_does_not_list_are_refused(reference, tmp_path):
    import shutil

    from accord.core.reference import ReferenceDataError
    from accord.instruments.services import REFERENCE_DIR, load_reference

    for path in REFERENCE_DIR.glob("*.toml"):
        shutil.copy(path, tmp_path / path.name)
    # China is not among the parties listed for the Protocol against the Smuggling of Migrants.
    parties = tmp_path / "parties.toml"
    dated = '[untoc-som.dates]\nCHN = { consent = "ratification", consent_on = "2003-09-23" }\n\n'
    parties.write_text(
        parties.read_text(encoding="utf-8").replace("[untoc-firearms]", dated + "[untoc-firearms]", 1),
        encoding="utf-8",
    )
    with pytest.raises(ReferenceDataError, match="does not list: CHN"):
        load_reference(directory=tmp_path)


def test_entry_into_force_for_a_state():
    from accord.instruments.services import in_force_for_state

    convention = InstrumentFactory.build(entry_into_force_on=datetime.date(2005, 12, 14))
    assert in_force_for_state(convention, datetime.date(2008, 6, 18), 30) == datetime.date(2008, 7, 18)
    assert in_force_for_state(convention, datetime.date(2005, 12, 1), 30) == datetime.date(2005, 12, 31)
    assert in_force_for_state(convention, datetime.date(2003, 12, 9), 30) == datetime.date(2005, 12, 14)
    assert in_force_for_state(convention, None, 30) is None
    assert in_force_for_state(convention, datetime.date(2008, 6, 18), None) is None


def test_pages_and_api(reference, client, api_client):
    page = client.get(reverse("instruments:instrument_detail", kwargs={"slug": "uncac"})).content.decode()
    assert "Взаимная правовая помощь" in page and "Узбекистан" in page
    assert client.get(reverse("instruments:instrument_detail", kwargs={"slug": "nope"})).status_code == 404
    mandate = Mandate.objects.get(number="9/1")
    assert "Механизма обзора" in client.get(mandate.get_absolute_url()).content.decode()
    assert api_client.get("/api/instruments/?kind=protocol").json()["count"] == 3
    assert api_client.get("/api/provisions/?instrument=uncac&kind=article").json()["count"] == 71
    assert (
        api_client.get("/api/mandates/?number=9/1")
        .json()["results"][0]["title_en"]
        .startswith("Establishment")
    )
    parties = api_client.get("/api/parties/?instrument=uncac&state=uzb").json()
    assert parties["count"] == 1 and parties["results"][0]["status"] == "party"
    assert api_client.post("/api/instruments/", {"slug": "x", "kind": "plan"}).status_code in (401, 403)


def test_instrument_page_runs_a_bounded_number_of_queries(client):
    instrument = InstrumentFactory()
    chapter = ProvisionFactory(instrument=instrument, kind="chapter", number="I")

    def add(n):
        for _ in range(n):
            ProvisionFactory(instrument=instrument, parent=chapter)
            PartyFactory(instrument=instrument)
            MandateFactory().instruments.add(instrument)

    def count():
        with CaptureQueriesContext(connection) as queries:
            assert client.get(instrument.get_absolute_url()).status_code == 200
        return len(queries)

    add(2)
    small = count()
    add(18)
    assert count() == small
