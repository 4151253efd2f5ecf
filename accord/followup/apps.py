from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FollowupConfig(AppConfig):
    name = "accord.followup"
    label = "followup"
    verbose_name = _("Follow-up of recommendations")
    sample_loader = "accord.followup.samples.load_samples"
    record_panel = "accord.followup.panels.record_panel"
    deadline_source = "accord.followup.deadlines.deadlines"
    opendata_tables = "accord.followup.opendata.tables"
    import_kinds = "accord.followup.imports.KINDS"

    def ready(self) -> None:
        from auditlog.registry import auditlog

        from accord.followup import models, receivers

        receivers.connect()
        for model in (models.Recommendation, models.StatusUpdate, models.Evidence, models.Assessment):
            auditlog.register(model)
