"""Cooperation's public tables in the open-data package (its AppConfig `opendata_tables`)."""

from django.utils.translation import gettext_lazy as _

from accord.core.opendata import Table, anonymous, col, model_table, semicolon_list, url_col, visible_fk


def tables() -> list[Table]:
    """Public initiatives, agreements and the parties to those agreements."""
    from accord.cooperation.models import Agreement, AgreementParty, Initiative
    from accord.meetings.models import Meeting
    from accord.registry.models import Person

    public = anonymous()
    people = Person.objects.visible_to(public)
    meetings = Meeting.objects.visible_to(public)
    return [
        model_table(
            "initiatives",
            _("Initiatives"),
            _("Public initiatives and proposals: who proposed them, where and when, their status."),
            [
                col(Initiative, "id"),
                col(Initiative, "title_ru"),
                col(Initiative, "title_en"),
                col(Initiative, "proposer_state_id"),
                col(Initiative, "proposer_organization_id"),
                col(Initiative, "proposer_person_id", source="public_proposer_person_id"),
                col(Initiative, "meeting_id", source="public_meeting_id"),
                col(Initiative, "proposed_on"),
                col(Initiative, "status"),
                col(
                    Initiative,
                    "topics",
                    _("Topics, their keys separated by semicolons."),
                    convert=semicolon_list,
                ),
                url_col("cooperation:initiative_detail"),
            ],
            lambda: Initiative.objects.visible_to(public).annotate(
                public_proposer_person_id=visible_fk("proposer_person", people),
                public_meeting_id=visible_fk("meeting", meetings),
            ),
            foreign_keys=(
                ("proposer_state_id", "states", "id"),
                ("proposer_organization_id", "organizations", "id"),
                ("proposer_person_id", "people", "id"),
                ("meeting_id", "meetings", "id"),
            ),
        ),
        model_table(
            "agreements",
            _("Agreements"),
            _("Public bilateral and multilateral cooperation agreements."),
            [
                col(Agreement, "id"),
                col(Agreement, "kind"),
                col(Agreement, "title_ru"),
                col(Agreement, "title_en"),
                col(Agreement, "signed_on"),
                col(Agreement, "signed_place"),
                col(Agreement, "signed_at_meeting_id", source="public_meeting_id"),
                col(Agreement, "entry_into_force_on"),
                col(Agreement, "term"),
                col(Agreement, "expires_on"),
                col(Agreement, "status"),
                url_col("cooperation:agreement_detail"),
            ],
            lambda: Agreement.objects.visible_to(public).annotate(
                public_meeting_id=visible_fk("signed_at_meeting", meetings)
            ),
            foreign_keys=(("signed_at_meeting_id", "meetings", "id"),),
        ),
        model_table(
            "agreement_parties",
            _("Parties to agreements"),
            _("The states and organizations party to a public agreement."),
            [
                col(AgreementParty, "id"),
                col(AgreementParty, "agreement_id"),
                col(AgreementParty, "state_id"),
                col(AgreementParty, "organization_id"),
                col(AgreementParty, "role"),
            ],
            lambda: AgreementParty.objects.visible_to(public),
            foreign_keys=(
                ("agreement_id", "agreements", "id"),
                ("state_id", "states", "id"),
                ("organization_id", "organizations", "id"),
            ),
        ),
    ]
