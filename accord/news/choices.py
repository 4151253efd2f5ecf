from django.db import models
from django.utils.translation import gettext_lazy as _


class NewsStatus(models.TextChoices):
    """Where an item stands in the editorial workflow: draft → review → published."""

    DRAFT = "draft", _("Draft")
    REVIEW = "review", _("In review")
    PUBLISHED = "published", _("Published")


class LinkStatus(models.TextChoices):
    """A link proposed by extraction waits for the editor; one the editor made or confirmed shows.

    A rejected proposal is kept, so that the next save does not propose it again.
    """

    PROPOSED = "proposed", _("Proposed")
    CONFIRMED = "confirmed", _("Confirmed")
    REJECTED = "rejected", _("Rejected")
