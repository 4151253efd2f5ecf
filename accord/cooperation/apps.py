from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CooperationConfig(AppConfig):
    name = "accord.cooperation"
    label = "cooperation"
    verbose_name = _("Initiatives and agreements")
    sample_loader = "accord.cooperation.samples.load_samples"
    record_panel = "accord.cooperation.panels.record_panel"
    deadline_source = "accord.cooperation.deadlines.deadlines"
    suggestion_acceptor = "accord.cooperation.acceptors.accept"
    opendata_tables = "accord.cooperation.opendata.tables"

    def ready(self) -> None:
        from auditlog.registry import auditlog

        from accord.cooperation import models

        for model in (
            models.Initiative,
            models.InitiativeSupport,
            models.Agreement,
            models.AgreementParty,
            models.PlannedActivity,
        ):
            auditlog.register(model)
