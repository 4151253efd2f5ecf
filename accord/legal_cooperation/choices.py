"""Fixed vocabularies of cooperation requests."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class RequestKind(models.TextChoices):
    MUTUAL_LEGAL_ASSISTANCE = "mutual_legal_assistance", _("Mutual legal assistance")
    EXTRADITION = "extradition", _("Extradition")
    ASSET_RECOVERY = "asset_recovery", _("Asset recovery")
    TRANSFER_OF_PROCEEDINGS = "transfer_of_proceedings", _("Transfer of proceedings")


class RequestStatus(models.TextChoices):
    RECEIVED = "received", _("Received")
    UNDER_EXECUTION = "under_execution", _("Under execution")
    PARTIALLY_EXECUTED = "partially_executed", _("Partially executed")
    EXECUTED = "executed", _("Executed")
    REFUSED = "refused", _("Refused")
    WITHDRAWN = "withdrawn", _("Withdrawn")

    @classmethod
    def open_values(cls) -> tuple[str, ...]:
        """Statuses in which the requested state still owes an answer."""
        return (cls.RECEIVED, cls.UNDER_EXECUTION, cls.PARTIALLY_EXECUTED)

    @classmethod
    def closed_values(cls) -> tuple[str, ...]:
        return (cls.EXECUTED, cls.REFUSED, cls.WITHDRAWN)


class EventKind(models.TextChoices):
    CREATED = "created", _("Request registered")
    STATUS_CHANGE = "status_change", _("Status changed")
    NOTE = "note", _("Note")
    AMOUNT = "amount", _("Amount recorded")


class AmountStage(models.TextChoices):
    TRACED = "traced", _("Traced")
    FROZEN = "frozen", _("Frozen")
    CONFISCATED = "confiscated", _("Confiscated")
    RETURNED = "returned", _("Returned")


class AccessAction(models.TextChoices):
    VIEW = "view", _("Viewed")
    LIST = "list", _("Listed")
    EXPORT = "export", _("Exported")
    CREATE = "create", _("Created")
    CHANGE = "change", _("Changed")
