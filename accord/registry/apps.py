from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RegistryConfig(AppConfig):
    name = "accord.registry"
    label = "registry"
    verbose_name = _("Registry")
    reference_loader = "accord.registry.services.load_reference"
    opendata_tables = "accord.registry.opendata.tables"
    import_kinds = "accord.registry.imports.KINDS"

    def ready(self) -> None:
        from auditlog.registry import auditlog

        from accord.registry import models

        for model in (
            models.RegionalGroup,
            models.State,
            models.Organization,
            models.Person,
            models.Post,
            models.Membership,
            models.Alias,
            models.FocalPoint,
            models.OrganizationContact,
        ):
            auditlog.register(model)

        from accord.registry.names import connect_signals

        connect_signals()

        from accord.registry.pickers import register_pickers

        register_pickers()
