"""Refusing a stale save: the second of two people editing one record never silently overwrites the first.

A record carries a version number; an edit carries the number it started
from; a save that started from an older number is refused. The
questionnaire's answers (`accord.reviews.services.save_answer`) were
first: there a refused save is kept as a version of its own. Other records
(`VersionedModel`: meetings) refuse it with `StaleEditError` at `save()`, so the
form, the API and any other writer get the same rule, and the page shows the
user's input again with the message (`accord.core.views.EditPageMixin`);
the API answers 409 `edit_conflict` (`accord.core.api.viewsets`).
"""

import datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.db import models, router, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

EDIT_CONFLICT = "edit_conflict"


def parse_version(value: Any, *, field: str = "version") -> int:
    """The version an edit started from, as sent by a form or a client; a clear error when it is missing."""
    try:
        number = int(value)
    except (TypeError, ValueError):
        raise ValidationError(
            {field: ValidationError(_("The version the edit is based on is missing."), code="invalid")}
        ) from None
    if number < 0:
        raise ValidationError({field: ValidationError(_("A version is a number from 0."), code="invalid")})
    return number


def editor_name(user) -> str:
    """How a message names the person who saved first."""
    if user is None:
        return gettext("someone")
    return user.get_full_name() or user.get_username()


def saved_at(moment: datetime.datetime | None) -> str:
    return date_format(timezone.localtime(moment), "DATETIME_FORMAT") if moment else ""


class StaleEditError(ValidationError):
    """A save based on a version someone else has replaced meanwhile; nothing was written.

    A `ValidationError`, so that a caller that does not know it still shows
    it as an error and never as a server error.
    """

    def __init__(self, message: str, *, current: "VersionedModel | None"):
        super().__init__(message, code=EDIT_CONFLICT)
        self.current = current

    @classmethod
    def for_record(cls, record: "VersionedModel") -> "StaleEditError":
        current = type(record)._base_manager.filter(pk=record.pk).first()
        if current is None:
            return cls(gettext("Not saved: this record was deleted while you were editing it."), current=None)
        return cls(
            gettext(
                "Not saved: {user} saved this record at {time} (version {version}) "
                "after you had opened it (version {yours})."
            ).format(
                user=editor_name(last_editor(current)),
                time=saved_at(getattr(current, "updated_at", None)),
                version=current.version,
                yours=record.version,
            ),
            current=current,
        )


def last_editor(record: models.Model):
    """Who saved the record last, from the audit log (None when it does not say)."""
    from auditlog.models import LogEntry

    entry = LogEntry.objects.get_for_object(record).select_related("actor").order_by("-timestamp").first()
    return entry.actor if entry is not None else None


class VersionedModel(models.Model):
    """A record two people may edit at once: each save names the version it was based on.

    `version` is the number the instance was read with (or, from a form or
    the API, the number the editor started from). `save()` claims the row
    only if it still has that number — one conditional UPDATE, so of two
    concurrent saves exactly one wins on every database — and counts one up.
    """

    version = models.PositiveIntegerField(
        _("version"),
        default=0,
        editable=False,
        help_text=_("Counts the saves; a save based on an older version is refused."),
    )

    class Meta:
        abstract = True

    def save(self, *args, **kwargs) -> None:
        if self._state.adding or self.pk is None:
            super().save(*args, **kwargs)
            return
        using = kwargs.get("using") or router.db_for_write(type(self), instance=self)
        with transaction.atomic(using=using):
            claimed = (
                type(self)
                ._base_manager.using(using)
                .filter(pk=self.pk, version=self.version)
                .update(version=F("version") + 1)
            )
            if not claimed:
                raise StaleEditError.for_record(self)
            if kwargs.get("update_fields") is not None:
                kwargs["update_fields"] = {*kwargs["update_fields"], "version"}
            self.version += 1
            try:
                super().save(*args, **kwargs)
            except BaseException:
                self.version -= 1  # the transaction undid the claim; the instance says so too
                raise
