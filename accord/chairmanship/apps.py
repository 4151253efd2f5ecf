from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ChairmanshipConfig(AppConfig):
    name = "accord.chairmanship"
    label = "chairmanship"
    verbose_name = _("Chairmanship")
