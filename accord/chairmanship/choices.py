"""Fixed vocabularies of the chairmanship programme."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class ProgrammeItemKind(models.TextChoices):
    MEETING = "meeting", _("Meeting of a body")
    SUMMIT = "summit", _("Summit")
    CONFERENCE = "conference", _("Conference or forum")
    EVENT = "event", _("Cultural or public event")
    DOCUMENT = "document", _("Document to prepare")
    OTHER = "other", _("Other")


class ProgrammeItemStatus(models.TextChoices):
    PLANNED = "planned", _("Planned")
    HELD = "held", _("Held")
    CANCELLED = "cancelled", _("Cancelled")
    MOVED = "moved", _("Moved")
