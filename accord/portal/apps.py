from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PortalConfig(AppConfig):
    name = "accord.portal"
    label = "portal"
    verbose_name = _("Portal")
    public_menu = "accord.portal.menus.public_menu"
    periodic_tasks = {"open-data": ("accord.portal.tasks.regenerate_open_data", "30 2 * * *")}

    def ready(self) -> None:
        from accord.portal.tasks import connect_autorefresh

        connect_autorefresh()
