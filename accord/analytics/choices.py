"""Fixed vocabularies of the analytics pages."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class EdgeType(models.TextChoices):
    """How two states cooperate, as the network draws it."""

    AGREEMENT = "agreement", _("Agreements")
    VISIT = "visit", _("Visits")
    REQUEST = "request", _("Cooperation requests")
    REVIEW = "review", _("Reviews")


class Granularity(models.TextChoices):
    YEAR = "year", _("Year")
    MONTH = "month", _("Month")


class SeriesKind(models.TextChoices):
    """What a mention trend follows: a registry record, or the words of a search."""

    STATE = "state", _("State")
    ORGANIZATION = "organization", _("Organization")
    PERSON = "person", _("Person")
    QUERY = "query", _("Search query")
