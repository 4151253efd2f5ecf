from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ChairmanshipConfig(AppConfig):
    name = "accord.chairmanship"
    label = "chairmanship"
    verbose_name = _("Chairmanship")
    sample_loader = "accord.chairmanship.samples.load_samples"
    workspace_panel = "accord.chairmanship.panels.workspace_panel"
    periodic_tasks = {"send-reminders": ("accord.chairmanship.tasks.send_daily_reminders", "0 7 * * *")}

    def ready(self) -> None:
        from auditlog.registry import auditlog

        from accord.chairmanship import models

        for model in (models.Programme, models.ProgrammeItem):
            auditlog.register(model)
