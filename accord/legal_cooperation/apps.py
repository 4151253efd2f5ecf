from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LegalCooperationConfig(AppConfig):
    name = "accord.legal_cooperation"
    label = "legal_cooperation"
    verbose_name = _("Cooperation requests")
    sample_loader = "accord.legal_cooperation.samples.load_samples"
    deadline_source = "accord.legal_cooperation.deadlines.deadlines"

    def ready(self) -> None:
        from auditlog.registry import auditlog

        from accord.legal_cooperation import models

        # Events and the access log are append-only already; the request and its amounts get the generic audit.
        auditlog.register(models.CooperationRequest)
        auditlog.register(models.AssetAmount)
