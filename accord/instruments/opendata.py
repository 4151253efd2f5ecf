"""The instruments' public tables in the open-data package (its AppConfig `opendata_tables`)."""

from django.utils.translation import gettext_lazy as _

from accord.core.opendata import Table, anonymous, col, model_table, url_col


def tables() -> list[Table]:
    """Instruments and the states party to them."""
    from accord.instruments.models import Instrument, Party

    public = anonymous()
    return [
        model_table(
            "instruments",
            _("Instruments"),
            _("Conventions, protocols, agreements, strategies and other international instruments."),
            [
                col(Instrument, "id"),
                col(Instrument, "slug"),
                col(Instrument, "kind"),
                col(Instrument, "parent_id"),
                col(Instrument, "organization_id"),
                col(Instrument, "name_ru"),
                col(Instrument, "name_en"),
                col(Instrument, "abbreviation_ru"),
                col(Instrument, "abbreviation_en"),
                col(Instrument, "adopted_on"),
                col(Instrument, "opened_for_signature_on"),
                col(Instrument, "entry_into_force_on"),
                col(Instrument, "depositary_ru"),
                col(Instrument, "depositary_en"),
                col(Instrument, "official_url"),
                url_col("instruments:instrument_detail", "slug", "slug", "zz-sample-zz"),
            ],
            lambda: Instrument.objects.visible_to(public),
            foreign_keys=(("parent_id", "", "id"), ("organization_id", "organizations", "id")),
        ),
        model_table(
            "instrument_parties",
            _("Parties to instruments"),
            _("Each state's signature, ratification or accession, entry into force and withdrawal."),
            [
                col(Party, "id"),
                col(Party, "instrument_id"),
                col(Party, "state_id"),
                col(Party, "status"),
                col(Party, "signed_on"),
                col(Party, "consent"),
                col(Party, "consent_on"),
                col(Party, "entry_into_force_on"),
                col(Party, "withdrawn_on"),
                col(Party, "note"),
            ],
            lambda: Party.objects.visible_to(public),
            foreign_keys=(("instrument_id", "instruments", "id"), ("state_id", "states", "id")),
        ),
    ]
