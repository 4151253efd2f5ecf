from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DelegationsConfig(AppConfig):
    name = "accord.delegations"
    label = "delegations"
    verbose_name = _("Delegations")
    sample_loader = "accord.delegations.samples.load_samples"
    record_panel = "accord.delegations.panels.record_panel"
    deadline_source = "accord.delegations.deadlines.deadlines"

    def ready(self) -> None:
        from auditlog.registry import auditlog

        from accord.delegations import models

        for model in (models.Registration, models.Delegation, models.Delegate, models.Letter):
            auditlog.register(model)
