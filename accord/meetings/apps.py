from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MeetingsConfig(AppConfig):
    name = "accord.meetings"
    label = "meetings"
    verbose_name = _("Meetings")
    sample_loader = "accord.meetings.samples.load_samples"
    opendata_tables = "accord.meetings.opendata.tables"
    import_kinds = "accord.meetings.imports.KINDS"

    def ready(self) -> None:
        from auditlog.registry import auditlog

        from accord.meetings import models

        for model in (models.Meeting, models.AgendaItem, models.Participation, models.Outcome):
            auditlog.register(model)

        from accord.meetings.pickers import register_pickers

        register_pickers()
