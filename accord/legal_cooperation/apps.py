from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LegalCooperationConfig(AppConfig):
    name = "accord.legal_cooperation"
    label = "legal_cooperation"
    verbose_name = _("Cooperation requests")
    sample_loader = "accord.legal_cooperation.samples.load_samples"
    deadline_source = "accord.legal_cooperation.deadlines.deadlines"
    opendata_tables = "accord.legal_cooperation.opendata.tables"

    def ready(self) -> None:
        from accord.core.audit import register_confidential
        from accord.legal_cooperation import models

        # Events and the access log are append-only already; the request and its amounts get the
        # generic audit, which names who changed which field but keeps no value (superusers read it).
        register_confidential(models.CooperationRequest)
        register_confidential(models.AssetAmount, keep=("request", "recorded_by", "recorded_at"))
