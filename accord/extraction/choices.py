"""Fixed vocabularies of extraction: what a span names, how it was found, what is proposed."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class MentionType(models.TextChoices):
    STATE = "state", _("State")
    ORGANIZATION = "organization", _("Organization")
    PERSON = "person", _("Person")
    PLACE = "place", _("Place")
    DATE = "date", _("Date")
    SYMBOL = "symbol", _("Document symbol")
    MANDATE = "mandate", _("Resolution or decision")
    EVENT = "event", _("Event")


class MentionMethod(models.TextChoices):
    GAZETTEER = "gazetteer", _("Registry gazetteer")
    NER = "ner", _("Named-entity recognition")
    RULE = "rule", _("Rule")


class SuggestionKind(models.TextChoices):
    MEETING = "meeting", _("Meeting")
    PARTICIPATION = "participation", _("Participation")
    POST = "post", _("Post")
    PERSON = "person", _("Person")
    ORGANIZATION = "organization", _("Organization")
    INITIATIVE = "initiative", _("Initiative")
    REFERENCE = "reference", _("Reference")


class SuggestionStatus(models.TextChoices):
    PENDING = "pending", _("Pending")
    ACCEPTED = "accepted", _("Accepted")
    REJECTED = "rejected", _("Rejected")


class Standing(models.TextChoices):
    """Where a suggestion stands against the registry as it is now (computed, not stored)."""

    NEW = "new", _("New")
    DUPLICATE = "duplicate", _("Already recorded")
    CONFLICT = "conflict", _("Contradicts the registry")
    INCOMPLETE = "incomplete", _("Needs more data")
    NO_RECORD = "no_record", _("Noted only")
    ACCEPTED = "accepted", _("Accepted")
    REJECTED = "rejected", _("Rejected")
