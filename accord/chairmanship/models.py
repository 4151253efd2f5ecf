"""The chair's programme of a year and the log of reminders sent.

Who chairs is not stored here: the chair of a body for a year is the
`registry.Membership` with role chair or co-chair covering that year.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from accord.chairmanship.choices import ProgrammeItemKind, ProgrammeItemStatus
from accord.chairmanship.querysets import ProgrammeItemQuerySet, ProgrammeQuerySet
from accord.core.models import DatePrecision, TimestampedModel, localized


class Programme(TimestampedModel):
    """The chair's plan of events for a body and a year (план мероприятий председательства)."""

    body = models.ForeignKey(
        "registry.Organization",
        verbose_name=_("body"),
        on_delete=models.PROTECT,
        related_name="chairmanship_programmes",
    )
    year = models.PositiveSmallIntegerField(_("year"))
    title_ru = models.CharField(_("title (Russian)"), max_length=500, blank=True)
    title_en = models.CharField(_("title (English)"), max_length=500, blank=True)
    note_ru = models.TextField(_("note (Russian)"), blank=True)
    note_en = models.TextField(_("note (English)"), blank=True)

    objects = ProgrammeQuerySet.as_manager()

    class Meta:
        ordering = ["body_id", "-year"]
        verbose_name = _("chairmanship programme")
        verbose_name_plural = _("chairmanship programmes")
        constraints = [models.UniqueConstraint(fields=["body", "year"], name="programme_unique_year")]

    title = localized(
        "title", fallback=lambda self: _("Chairmanship programme %(year)s") % {"year": self.year}
    )

    note = localized("note")

    def clean(self) -> None:
        super().clean()
        if self.year is not None and not 1945 <= self.year <= 2100:
            raise ValidationError({"year": _("Give a year between 1945 and 2100.")})

    def __str__(self) -> str:
        return f"{self.body} — {self.year}"

    def get_absolute_url(self) -> str:
        return reverse("chairmanship:chairmanship_year", kwargs={"body": self.body_id, "year": self.year})


class ProgrammeItem(TimestampedModel):
    """A planned event of a chairmanship programme (мероприятие плана), linked to its meeting once held."""

    programme = models.ForeignKey(
        Programme, verbose_name=_("programme"), on_delete=models.CASCADE, related_name="items"
    )
    title_ru = models.CharField(_("title (Russian)"), max_length=500, blank=True)
    title_en = models.CharField(_("title (English)"), max_length=500, blank=True)
    kind = models.CharField(
        _("kind"), max_length=16, choices=ProgrammeItemKind.choices, default=ProgrammeItemKind.MEETING
    )
    planned_on = models.DateField(_("planned for"), null=True, blank=True)
    planned_precision = models.CharField(
        _("planned date precision"),
        max_length=5,
        choices=DatePrecision.choices,
        default=DatePrecision.MONTH,
        help_text=_("Programmes often give only the month."),
    )
    status = models.CharField(
        _("status"), max_length=16, choices=ProgrammeItemStatus.choices, default=ProgrammeItemStatus.PLANNED
    )
    meeting = models.ForeignKey(
        "meetings.Meeting",
        verbose_name=_("meeting"),
        on_delete=models.SET_NULL,
        related_name="programme_items",
        null=True,
        blank=True,
    )
    position = models.PositiveIntegerField(_("position"), default=0)
    note_ru = models.TextField(_("note (Russian)"), blank=True)
    note_en = models.TextField(_("note (English)"), blank=True)

    objects = ProgrammeItemQuerySet.as_manager()

    class Meta:
        ordering = ["programme_id", "position", "planned_on", "pk"]
        verbose_name = _("programme item")
        verbose_name_plural = _("programme items")

    title = localized("title")

    note = localized("note")

    def clean(self) -> None:
        super().clean()
        errors: dict[str, str] = {}
        if not (self.title_ru.strip() or self.title_en.strip()):
            errors["title_ru"] = _("Give the item's title in Russian or in English.")
        if self.planned_on and self.programme_id and self.planned_on.year != self.programme.year:
            errors["planned_on"] = _("The planned date must fall within the programme's year %(year)s.") % {
                "year": self.programme.year
            }
        if errors:
            raise ValidationError(errors)

    def __str__(self) -> str:
        return self.title


class ReminderSent(models.Model):
    """One reminder e-mailed to a user about one deadline (напоминание); a changed date is reminded again."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("user"), on_delete=models.CASCADE, related_name="+"
    )
    key = models.CharField(_("item"), max_length=200)
    due_on = models.DateField(_("due on"))
    sent_at = models.DateTimeField(_("sent at"), auto_now_add=True)

    class Meta:
        ordering = ["-sent_at"]
        verbose_name = _("reminder sent")
        verbose_name_plural = _("reminders sent")
        constraints = [models.UniqueConstraint(fields=["user", "key", "due_on"], name="reminder_sent_unique")]

    def __str__(self) -> str:
        return f"{self.user} — {self.key} ({self.due_on})"
