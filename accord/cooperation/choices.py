"""Fixed vocabularies of initiatives and agreements."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class InitiativeStatus(models.TextChoices):
    UNDER_DISCUSSION = "under_discussion", _("Under discussion")
    INCLUDED_IN_DECISION = "in_decision", _("Included in a decision")
    IMPLEMENTED = "implemented", _("Implemented")
    DROPPED = "dropped", _("Dropped")


class AgreementKind(models.TextChoices):
    BILATERAL = "bilateral", _("Bilateral agreement")
    MULTILATERAL = "multilateral", _("Multilateral agreement")
    MEMORANDUM = "memorandum", _("Memorandum of understanding")
    PROGRAMME = "programme", _("Programme of cooperation")
    PLAN = "plan", _("Plan of cooperation")


class AgreementStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SIGNED = "signed", _("Signed")
    IN_FORCE = "in_force", _("In force")
    EXPIRED = "expired", _("Expired")
    TERMINATED = "terminated", _("Terminated")


class AgreementPartyRole(models.TextChoices):
    PARTY = "party", _("Party")
    COORDINATOR = "coordinator", _("Coordinator")
    DEPOSITARY = "depositary", _("Depositary")
    OBSERVER = "observer", _("Observer")


class ActivityKind(models.TextChoices):
    EXCHANGE = "exchange", _("Exchange programme")
    TRAINING = "training", _("Joint training")
    CONSULTATION = "consultation", _("Expert consultation")
    JOINT_EVENT = "joint_event", _("Joint event")
    OTHER = "other", _("Other")


class ActivityStatus(models.TextChoices):
    PLANNED = "planned", _("Planned")
    HELD = "held", _("Held")
    CANCELLED = "cancelled", _("Cancelled")
    POSTPONED = "postponed", _("Postponed")
