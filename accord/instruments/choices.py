"""Fixed vocabularies of instruments and mandates."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class InstrumentKind(models.TextChoices):
    CONVENTION = "convention", _("Convention")
    PROTOCOL = "protocol", _("Protocol")
    AGREEMENT = "agreement", _("Agreement")
    RECOMMENDATION = "recommendation", _("Recommendation")
    STRATEGY = "strategy", _("Strategy")
    CONCEPT = "concept", _("Concept")
    PROGRAMME = "programme", _("Programme")
    PLAN = "plan", _("Plan")
    OTHER = "other", _("Other")


class ProvisionKind(models.TextChoices):
    PART = "part", _("Part")
    CHAPTER = "chapter", _("Chapter")
    SECTION = "section", _("Section")
    ARTICLE = "article", _("Article")
    PARAGRAPH = "paragraph", _("Paragraph")
    PRINCIPLE = "principle", _("Principle")
    PILLAR = "pillar", _("Pillar")


class PartyStatus(models.TextChoices):
    SIGNATORY = "signatory", _("Signatory")
    PARTY = "party", _("Party")
    WITHDRAWN = "withdrawn", _("Withdrawn")


class MandateKind(models.TextChoices):
    RESOLUTION = "resolution", _("Resolution")
    DECISION = "decision", _("Decision")
