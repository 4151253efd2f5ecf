"""Writes of the cooperation app: each guarantees validation, its history row and all-or-nothing.

An initiative's status is never edited directly: `record_initiative_step`
appends a step and moves the status with it, in one transaction, so the
timeline and the status cannot disagree.
"""

import datetime
from collections.abc import Iterable

from auditlog.context import set_actor
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

from accord.cooperation.choices import InitiativeStatus
from accord.cooperation.models import Initiative, InitiativeStep, InitiativeSupport
from accord.core.roles import is_secretariat
from accord.core.services import service


def _check_secretariat(user) -> None:
    if not is_secretariat(user):
        raise PermissionDenied(_("Only the secretariat records initiatives and agreements."))


def _saved(instance):
    instance.full_clean()
    instance.save()
    return instance


@service
def create_initiative(
    initiative: Initiative, *, acting_user, documents: Iterable = (), note_ru: str = "", note_en: str = ""
) -> Initiative:
    """Save a new initiative with its first step («under discussion») dated as the proposal."""
    _check_secretariat(acting_user)
    if initiative.pk is not None:
        raise ValueError("create_initiative saves new initiatives only")
    documents = list(documents)
    with set_actor(acting_user):
        initiative.status = InitiativeStatus.UNDER_DISCUSSION
        _saved(initiative)
        if documents:
            initiative.documents.add(*documents)
        step = InitiativeStep(
            initiative=initiative,
            status=InitiativeStatus.UNDER_DISCUSSION,
            taken_on=initiative.proposed_on or timezone.localdate(),
            note_ru=note_ru,
            note_en=note_en,
            recorded_by=acting_user,
        )
        _saved(step)
        if documents:
            step.documents.add(*documents)
    return initiative


@service
def record_initiative_step(
    initiative: Initiative,
    *,
    acting_user,
    status: str,
    taken_on: datetime.date,
    note_ru: str = "",
    note_en: str = "",
    documents: Iterable = (),
    mandate=None,
) -> InitiativeStep:
    """Append a step to the initiative's history and make its status the step's, if it is the latest."""
    _check_secretariat(acting_user)
    initiative = Initiative.objects.select_for_update().get(pk=initiative.pk)
    if status not in InitiativeStatus.values:
        raise ValidationError({"status": _("Unknown status “%(status)s”.") % {"status": status}})
    step = InitiativeStep(
        initiative=initiative,
        status=status,
        taken_on=taken_on,
        note_ru=note_ru or "",
        note_en=note_en or "",
        mandate=mandate,
        recorded_by=acting_user,
    )
    with set_actor(acting_user):
        _saved(step)
        documents = list(documents)
        if documents:
            step.documents.add(*documents)
        latest = initiative.steps.order_by("-taken_on", "-pk").first()
        if latest is not None and latest.status != initiative.status:
            initiative.status = latest.status
            initiative.save(update_fields=["status", "updated_at"])
    return step


@service
def add_initiative_support(support: InitiativeSupport, *, acting_user) -> InitiativeSupport:
    """Record that a state, an organization or a person supports the initiative."""
    _check_secretariat(acting_user)
    with set_actor(acting_user):
        return _saved(support)
