"""Fixed vocabularies of initiatives and agreements."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class InitiativeStatus(models.TextChoices):
    UNDER_DISCUSSION = "under_discussion", _("Under discussion")
    INCLUDED_IN_DECISION = "in_decision", _("Included in a decision")
    IMPLEMENTED = "implemented", _("Implemented")
    DROPPED = "dropped", _("Dropped")


class Topic(models.TextChoices):
    """The topics extraction recognizes (DESIGN.md §4); keys equal `extraction.pipeline.topics.TOPIC_TERMS`."""

    CORRUPTION = "corruption", _("Corruption")
    ASSET_RECOVERY = "asset_recovery", _("Asset recovery")
    MUTUAL_LEGAL_ASSISTANCE = "mutual_legal_assistance", _("Mutual legal assistance")
    EXTRADITION = "extradition", _("Extradition")
    TERRORISM = "terrorism", _("Terrorism")
    EXTREMISM = "extremism", _("Extremism")
    CYBERCRIME = "cybercrime", _("Cybercrime")
    ILLEGAL_MIGRATION = "illegal_migration", _("Illegal migration")
    TRAFFICKING_IN_PERSONS = "trafficking_in_persons", _("Trafficking in persons")
    SMUGGLING_OF_MIGRANTS = "smuggling_of_migrants", _("Smuggling of migrants")
    FIREARMS = "firearms", _("Firearms")
    DRUGS = "drugs", _("Drugs")
    MONEY_LAUNDERING = "money_laundering", _("Money laundering")
    INTEGRITY = "integrity", _("Integrity and ethics")
    TECHNICAL_ASSISTANCE = "technical_assistance", _("Technical assistance")
    DIGITALIZATION = "digitalization", _("Digitalization")


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
