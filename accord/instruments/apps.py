from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class InstrumentsConfig(AppConfig):
    name = "accord.instruments"
    label = "instruments"
    verbose_name = _("Instruments and mandates")
    reference_loader = "accord.instruments.services.load_reference"
    opendata_tables = "accord.instruments.opendata.tables"

    def ready(self) -> None:
        from auditlog.registry import auditlog

        from accord.instruments import models

        for model in (models.Instrument, models.Provision, models.Party):
            auditlog.register(model)
        auditlog.register(models.Mandate, m2m_fields={"establishes", "instruments"})

        from accord.instruments.pickers import register_pickers

        register_pickers()
