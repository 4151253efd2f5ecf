"""Fixed vocabularies of documents."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class DocumentKind(models.TextChoices):
    REPORT = "report", _("Report")
    NOTE = "note", _("Note by the Secretariat")
    PROVISIONAL_AGENDA = "provisional_agenda", _("Provisional agenda")
    RESOLUTION = "resolution", _("Resolution or decision")
    WORKING_PAPER = "working_paper", _("Working paper")
    CONFERENCE_ROOM_PAPER = "conference_room_paper", _("Conference room paper")
    INFORMATION = "information", _("Information document")
    QUESTIONNAIRE = "questionnaire", _("Questionnaire")
    NEWS = "news", pgettext_lazy("document kind", "News")
    STATEMENT = "statement", _("Statement")
    LETTER = "letter", _("Letter")
    OTHER = "other", _("Other")


class DocumentLanguage(models.TextChoices):
    RU = "ru", _("Russian")
    EN = "en", _("English")
    FR = "fr", _("French")
    ES = "es", _("Spanish")
    AR = "ar", _("Arabic")
    ZH = "zh", _("Chinese")
    OTHER = "other", _("Other")
