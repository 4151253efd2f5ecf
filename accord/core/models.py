"""Abstract bases shared by every Accord app, and the records of the background processes."""

import datetime
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from accord.core.choices import Confidentiality, ProcessKind, RunStatus


def active_language() -> str:
    """The two-letter code of the request's language, Russian by default."""
    return (get_language() or "ru")[:2]


def language_order() -> tuple[str, str]:
    """The active language first, the other one as the fallback: ("ru", "en") or ("en", "ru")."""
    return ("en", "ru") if active_language() == "en" else ("ru", "en")


def bilingual(obj: object, field: str, *, other_language: bool = True) -> str:
    """`obj.<field>_<lang>` for the active language, falling back to the other one unless told not to."""
    first, second = language_order()
    text = getattr(obj, f"{field}_{first}", "") or ""
    if not text and other_language:
        text = getattr(obj, f"{field}_{second}", "") or ""
    return text


def localized(
    field: str, fallback: Callable[[Any], str] | None = None, *, other_language: bool = True
) -> property:
    """A read-only attribute giving `<field>_ru` or `<field>_en` in the reader's language.

    Data is not gettext: a record keeps both texts and this picks one, the
    other language when the first is empty, then `fallback(obj)` if given
    (a title made from the record's other fields), else "". A plain property,
    so the admin, templates and drf-spectacular (a `str`) read it as before.

    `other_language=False` is for texts that must never cross languages:
    an abbreviation (КСГП on an English page is noise to its reader), where
    "" lets the page fall back to the full name, which does fall back.
    """

    def read(obj: Any) -> str:
        text = bilingual(obj, field, other_language=other_language)
        if not text and fallback is not None:
            return fallback(obj)
        return text

    read.__name__ = field
    return property(read, doc=f"`{field}_ru` or `{field}_en`, in the active language.")


def confidentiality_field(default: str = Confidentiality.RESTRICTED, **options) -> models.CharField:
    """A record's `confidentiality` level: one column definition, so the level reads the same everywhere.

    `ConfidentialityQuerySet` filters on it and children inherit it through
    `InheritedVisibilityQuerySet`. Extra `options` (a help text) pass through.
    """
    return models.CharField(
        _("confidentiality"), max_length=16, choices=Confidentiality.choices, default=default, **options
    )


class TimestampedModel(models.Model):
    """A record that knows when it was created and last changed."""

    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        abstract = True


class BilingualNameModel(TimestampedModel):
    """A record with a Russian and an English name; `name` follows the UI language."""

    name_ru = models.CharField(_("name (Russian)"), max_length=500, blank=True)
    name_en = models.CharField(_("name (English)"), max_length=500, blank=True)

    class Meta:
        abstract = True

    name = localized("name")

    def __str__(self) -> str:
        return self.name


class DatePrecision(models.TextChoices):
    """How much of a stored date is known: «2025» is kept as 2025-01-01 with YEAR."""

    DAY = "day", _("Day")
    MONTH = "month", _("Month")
    YEAR = "year", _("Year")


class PeriodModel(models.Model):
    """Something that holds between two dates, either of which may be unknown.

    A partly known date is stored with its precision, so that «from 2025» is
    not mistaken for «from 1 January 2025»: a start as the first day of its
    month or year, an end as the last, so that range queries stay exact.
    """

    start_on = models.DateField(_("start date"), null=True, blank=True)
    start_precision = models.CharField(
        _("start date precision"),
        max_length=5,
        choices=DatePrecision.choices,
        default=DatePrecision.DAY,
    )
    end_on = models.DateField(_("end date"), null=True, blank=True)
    end_precision = models.CharField(
        _("end date precision"),
        max_length=5,
        choices=DatePrecision.choices,
        default=DatePrecision.DAY,
    )

    class Meta:
        abstract = True

    def clean(self) -> None:
        super().clean()
        if self.start_on and self.end_on and self.end_on < self.start_on:
            from django.core.exceptions import ValidationError

            raise ValidationError({"end_on": _("The end date cannot be earlier than the start date.")})

    def is_current(self, on=None) -> bool:
        """True when the period covers the day (today by default)."""
        from django.utils import timezone

        day = on or timezone.localdate()
        return (self.start_on is None or self.start_on <= day) and (self.end_on is None or self.end_on >= day)


def period_constraint(prefix: str) -> models.CheckConstraint:
    """The database-level twin of `PeriodModel.clean()`."""
    return models.CheckConstraint(
        condition=models.Q(start_on__isnull=True)
        | models.Q(end_on__isnull=True)
        | models.Q(end_on__gte=models.F("start_on")),
        name=f"{prefix}_end_after_start",
    )


@dataclass(frozen=True)
class ExactlyOne:
    """A row names exactly one of several records (a state, an organization or a person).

    One declaration gives both halves of the rule: `constraint()` is the named
    CHECK the database keeps, `validate(obj)` the `clean()` check with the
    message a person reads. `prefix` is for fields named like `proposer_state`.
    """

    fields: tuple[str, ...]
    name: str
    message: str
    prefix: str = ""

    def constraint(self) -> models.CheckConstraint:
        """One alternative per field: that one set, every other one empty."""
        condition = models.Q()
        for chosen in self.fields:
            condition |= models.Q(**{f"{self.prefix}{f}__isnull": f != chosen for f in self.fields})
        return models.CheckConstraint(condition=condition, name=self.name)

    def chosen(self, obj: models.Model) -> list[str]:
        """The fields `obj` has set, without the prefix, in the declared order."""
        return [f for f in self.fields if getattr(obj, f"{self.prefix}{f}_id")]

    def is_satisfied(self, obj: models.Model) -> bool:
        return len(self.chosen(obj)) == 1

    def validate(self, obj: models.Model) -> str:
        """The one field `obj` sets; a `ValidationError` with the message when it sets none or several."""
        chosen = self.chosen(obj)
        if len(chosen) != 1:
            raise ValidationError(self.message)
        return chosen[0]


def lease_cutoff() -> datetime.datetime:
    """The moment before which a silent process or job is taken for dead (ACCORD_LEASE_SECONDS)."""
    return timezone.now() - datetime.timedelta(seconds=settings.ACCORD_LEASE_SECONDS)


class ProcessHeartbeatQuerySet(models.QuerySet):
    def alive(self) -> "ProcessHeartbeatQuerySet":
        """Processes seen within the lease and not stopped."""
        return self.filter(stopped_at__isnull=True, last_seen_at__gte=lease_cutoff())

    def workers(self) -> "ProcessHeartbeatQuerySet":
        return self.filter(kind=ProcessKind.WORKER)


class ProcessHeartbeat(models.Model):
    """A worker or scheduler process and when it last said it was alive (пульс фонового процесса)."""

    Kind = ProcessKind

    name = models.CharField(_("name"), max_length=200, unique=True)
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices)
    backend = models.CharField(_("queue"), max_length=100, blank=True)
    started_at = models.DateTimeField(_("started at"))
    last_seen_at = models.DateTimeField(_("last heartbeat"))
    stopped_at = models.DateTimeField(_("stopped at"), null=True, blank=True)

    objects = ProcessHeartbeatQuerySet.as_manager()

    class Meta:
        ordering = ["-last_seen_at"]
        verbose_name = _("background process")
        verbose_name_plural = _("background processes")

    def __str__(self) -> str:
        return self.name

    @property
    def is_alive(self) -> bool:
        return self.stopped_at is None and self.last_seen_at >= lease_cutoff()


class ScheduledRun(models.Model):
    """One run of a periodic task started by `accord scheduler` (плановый запуск), and how it ended."""

    Status = RunStatus

    name = models.CharField(_("schedule entry"), max_length=100)
    task = models.CharField(_("task"), max_length=300)
    scheduled_for = models.DateTimeField(_("scheduled for"))
    status = models.CharField(_("status"), max_length=16, choices=Status.choices, default=Status.QUEUED)
    runner = models.CharField(_("run by"), max_length=200, blank=True)
    created_at = models.DateTimeField(_("queued at"), auto_now_add=True)
    started_at = models.DateTimeField(_("started at"), null=True, blank=True)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)
    result = models.JSONField(_("result"), default=dict, blank=True)
    message = models.TextField(_("message"), blank=True)

    class Meta:
        ordering = ["-scheduled_for", "name"]
        verbose_name = _("scheduled run")
        verbose_name_plural = _("scheduled runs")
        constraints = [
            # Two schedulers by mistake still start each run once.
            models.UniqueConstraint(fields=["name", "scheduled_for"], name="scheduled_run_once")
        ]

    def __str__(self) -> str:
        return f"{self.name} {self.scheduled_for:%Y-%m-%d %H:%M}"
