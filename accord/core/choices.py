"""Vocabularies shared by several apps."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Confidentiality(models.TextChoices):
    """Who may read a record; children inherit their parent's level when stricter."""

    PUBLIC = "public", _("Public")
    RESTRICTED = "restricted", _("Restricted to members")
    CONFIDENTIAL = "confidential", _("Confidential")
