from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CooperationConfig(AppConfig):
    name = "accord.cooperation"
    label = "cooperation"
    verbose_name = _("Initiatives and agreements")
