from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LegalCooperationConfig(AppConfig):
    name = "accord.legal_cooperation"
    label = "legal_cooperation"
    verbose_name = _("Cooperation requests")
