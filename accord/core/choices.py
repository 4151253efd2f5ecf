"""Vocabularies shared by several apps."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Confidentiality(models.TextChoices):
    """Who may read a record; children inherit their parent's level when stricter."""

    PUBLIC = "public", _("Public")
    RESTRICTED = "restricted", _("Restricted to members")
    CONFIDENTIAL = "confidential", _("Confidential")


class Topic(models.TextChoices):
    """The topics of DESIGN.md §4: the keys the extraction pipeline finds in texts, and the
    themes of recommendations and initiatives."""

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


class ProcessKind(models.TextChoices):
    """The long-running processes besides the web server (README "Background work")."""

    WORKER = "worker", _("Worker")
    SCHEDULER = "scheduler", _("Scheduler")


class RunStatus(models.TextChoices):
    """Where a scheduled run stands."""

    QUEUED = "queued", _("Queued")
    RUNNING = "running", _("Running")
    DONE = "done", _("Done")
    FAILED = "failed", _("Failed")
    INTERRUPTED = "interrupted", _("Interrupted")
