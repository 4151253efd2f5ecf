"""Meetings — sessions, visits, seminars — with agenda, participants and outcomes."""

from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from accord.core.choices import Confidentiality
from accord.core.concurrency import VersionedModel
from accord.core.models import ExactlyOne, TimestampedModel, confidentiality_field, localized
from accord.meetings.choices import (
    MeetingFormat,
    MeetingKind,
    MeetingStatus,
    OutcomeKind,
    ParticipantRole,
    ParticipationMode,
)
from accord.meetings.querysets import MeetingChildQuerySet, MeetingQuerySet


class Meeting(VersionedModel, TimestampedModel):
    """A session, meeting, visit, seminar… (мероприятие); sittings name their session as `parent`.

    Versioned: a save based on an older version is refused (`accord.core.concurrency`).
    """

    kind = models.CharField(_("kind"), max_length=16, choices=MeetingKind.choices)
    body = models.ForeignKey(
        "registry.Organization",
        verbose_name=_("organizing body"),
        on_delete=models.PROTECT,
        related_name="meetings",
        null=True,
        blank=True,
    )
    ordinal = models.PositiveSmallIntegerField(
        _("ordinal"), null=True, blank=True, help_text=_("The 9 of “9th session”.")
    )
    title_ru = models.CharField(_("title (Russian)"), max_length=500, blank=True)
    title_en = models.CharField(_("title (English)"), max_length=500, blank=True)
    start_on = models.DateField(_("start date"))
    end_on = models.DateField(
        _("end date"), null=True, blank=True, help_text=_("Empty for a one-day meeting.")
    )
    city_ru = models.CharField(_("city (Russian)"), max_length=200, blank=True)
    city_en = models.CharField(_("city (English)"), max_length=200, blank=True)
    country = models.ForeignKey(
        "registry.State",
        verbose_name=_("country"),
        on_delete=models.PROTECT,
        related_name="hosted_meetings",
        null=True,
        blank=True,
    )
    format = models.CharField(
        _("format"), max_length=16, choices=MeetingFormat.choices, default=MeetingFormat.IN_PERSON
    )
    status = models.CharField(
        _("status"), max_length=16, choices=MeetingStatus.choices, default=MeetingStatus.PLANNED
    )
    parent = models.ForeignKey(
        "self",
        verbose_name=_("part of"),
        on_delete=models.CASCADE,
        related_name="children",
        null=True,
        blank=True,
    )
    description_ru = models.TextField(_("description (Russian)"), blank=True)
    description_en = models.TextField(_("description (English)"), blank=True)
    web_page = models.URLField(_("web page"), blank=True)
    confidentiality = confidentiality_field(default=Confidentiality.PUBLIC)

    objects = MeetingQuerySet.as_manager()

    class Meta:
        ordering = ["-start_on", "title_ru"]
        verbose_name = _("meeting")
        verbose_name_plural = _("meetings")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(end_on__isnull=True) | models.Q(end_on__gte=models.F("start_on")),
                name="meeting_end_after_start",
            ),
            models.CheckConstraint(
                condition=(models.Q(city_ru="") & models.Q(city_en="")) | models.Q(country__isnull=False),
                name="meeting_city_has_country",
            ),
        ]
        indexes = [
            models.Index(fields=["start_on", "end_on"], name="meeting_dates"),
            # Visibility as a subquery (`meeting_id IN (public meetings)`, every child
            # row's visible_to) and the calendar's years: read from the index alone.
            models.Index(fields=["confidentiality", "id"], name="meeting_visibility"),
            models.Index(fields=["confidentiality", "start_on"], name="meeting_visible_dates"),
        ]

    title = localized("title", fallback=lambda self: self.default_title)

    @property
    def default_title(self) -> str:
        """«9th session of the …» when nobody wrote a title."""
        body = self.body.name if self.body_id else ""
        kind = self.get_kind_display()
        if self.ordinal:
            return _("%(kind)s no. %(ordinal)s, %(body)s") % {
                "kind": kind,
                "ordinal": self.ordinal,
                "body": body,
            }
        return f"{kind}, {body}" if body else kind

    city = localized("city")

    description = localized("description")

    @property
    def last_day(self):
        return self.end_on or self.start_on

    def clean(self) -> None:
        super().clean()
        errors: dict[str, str] = {}
        if self.start_on and self.end_on and self.end_on < self.start_on:
            errors["end_on"] = _("The meeting cannot end before it starts.")
        if (self.city_ru.strip() or self.city_en.strip()) and not self.country_id:
            errors["country"] = _("A city needs its country.")
        if self.parent_id:
            if self.pk and self.parent_id == self.pk:
                errors["parent"] = _("A meeting cannot be part of itself.")
            elif self.start_on and self.parent.start_on and self.start_on < self.parent.start_on:
                errors["start_on"] = _("A sitting cannot start before the session it belongs to.")
        if self.ordinal == 0:
            errors["ordinal"] = _("Ordinals start at 1.")
        if errors:
            raise ValidationError(errors)

    def __str__(self) -> str:
        return f"{self.title} ({self.start_on:%Y-%m-%d})" if self.start_on else self.title

    def get_absolute_url(self) -> str:
        return reverse("meetings:meeting_detail", kwargs={"pk": self.pk})


class AgendaItem(TimestampedModel):
    """An item of a meeting's agenda («Пункт 2 повестки дня»)."""

    meeting = models.ForeignKey(
        Meeting, verbose_name=_("meeting"), on_delete=models.CASCADE, related_name="agenda_items"
    )
    number = models.CharField(_("number"), max_length=16)
    title_ru = models.CharField(_("title (Russian)"), max_length=1000, blank=True)
    title_en = models.CharField(_("title (English)"), max_length=1000, blank=True)
    starts_at = models.TimeField(_("starts at"), null=True, blank=True)
    ends_at = models.TimeField(_("ends at"), null=True, blank=True)
    # Set by the meetings service only: last for a new item, renumbered 1…n when one moves.
    position = models.PositiveIntegerField(_("position"), default=0)

    objects = MeetingChildQuerySet.as_manager()

    class Meta:
        ordering = ["meeting_id", "position", "pk"]
        verbose_name = _("agenda item")
        verbose_name_plural = _("agenda items")
        constraints = [
            models.UniqueConstraint(fields=["meeting", "number"], name="agenda_item_unique_number")
        ]

    title = localized("title")

    def clean(self) -> None:
        super().clean()
        if not (self.title_ru.strip() or self.title_en.strip()):
            raise ValidationError({"title_ru": _("Give the item's title in Russian or in English.")})
        if self.ends_at and not self.starts_at:
            raise ValidationError({"starts_at": _("Give the start time too.")})
        if self.starts_at and self.ends_at and self.ends_at < self.starts_at:
            raise ValidationError({"ends_at": _("The item cannot end before it starts.")})
        if (
            self.meeting_id
            and self.number
            and (
                AgendaItem.objects.filter(meeting_id=self.meeting_id, number=self.number)
                .exclude(pk=self.pk)
                .exists()
            )
        ):
            raise ValidationError(
                {"number": _("The agenda already has an item %(number)s.") % {"number": self.number}}
            )

    @property
    def times(self) -> str:
        """«10:00–11:30», «10:00», or "" when no time is set."""
        if not self.starts_at:
            return ""
        start = self.starts_at.strftime("%H:%M")
        return f"{start}–{self.ends_at:%H:%M}" if self.ends_at else start

    def __str__(self) -> str:
        return f"{self.number}. {self.title}"


PARTICIPANT = ExactlyOne(
    ("state", "organization", "person"),
    name="participation_exactly_one_participant",
    message=_("Choose exactly one participant: a state, an organization or a person."),
)


class Participation(TimestampedModel):
    """A state, an organization or a person at a meeting, with role and mode (участие)."""

    meeting = models.ForeignKey(
        Meeting, verbose_name=_("meeting"), on_delete=models.CASCADE, related_name="participations"
    )
    state = models.ForeignKey(
        "registry.State",
        verbose_name=_("state"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="participations",
    )
    organization = models.ForeignKey(
        "registry.Organization",
        verbose_name=_("organization"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="participations",
    )
    person = models.ForeignKey(
        "registry.Person",
        verbose_name=_("person"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="participations",
    )
    role = models.CharField(
        _("role"), max_length=16, choices=ParticipantRole.choices, default=ParticipantRole.MEMBER
    )
    mode = models.CharField(
        _("mode"), max_length=16, choices=ParticipationMode.choices, default=ParticipationMode.IN_PERSON
    )
    note = models.CharField(_("note"), max_length=500, blank=True)

    objects = MeetingChildQuerySet.as_manager()

    class Meta:
        ordering = ["meeting_id", "role", "pk"]
        verbose_name = _("participation")
        verbose_name_plural = _("participations")
        constraints = [
            PARTICIPANT.constraint(),
            models.UniqueConstraint(fields=["meeting", "state"], name="participation_unique_state"),
            models.UniqueConstraint(
                fields=["meeting", "organization"], name="participation_unique_organization"
            ),
            models.UniqueConstraint(fields=["meeting", "person"], name="participation_unique_person"),
        ]

    @property
    def participant(self):
        return self.state or self.organization or self.person

    def clean(self) -> None:
        super().clean()
        field = PARTICIPANT.validate(self)
        if self.meeting_id and (
            Participation.objects.filter(
                meeting_id=self.meeting_id, **{f"{field}_id": getattr(self, f"{field}_id")}
            )
            .exclude(pk=self.pk)
            .exists()
        ):
            raise ValidationError(
                {
                    field: _("%(participant)s already takes part in this meeting.")
                    % {"participant": self.participant}
                }
            )

    def __str__(self) -> str:
        return f"{self.participant} — {self.get_role_display()}"


class Outcome(TimestampedModel):
    """What a meeting produced: a decision adopted, a report approved, an election (итог)."""

    meeting = models.ForeignKey(
        Meeting, verbose_name=_("meeting"), on_delete=models.CASCADE, related_name="outcomes"
    )
    agenda_item = models.ForeignKey(
        AgendaItem,
        verbose_name=_("agenda item"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="outcomes",
    )
    kind = models.CharField(_("kind"), max_length=24, choices=OutcomeKind.choices)
    mandate = models.ForeignKey(
        "instruments.Mandate",
        verbose_name=_("mandate"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="outcomes",
    )
    elected = models.ForeignKey(
        "registry.Person",
        verbose_name=_("elected person"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="elections",
    )
    description_ru = models.TextField(_("description (Russian)"), blank=True)
    description_en = models.TextField(_("description (English)"), blank=True)

    objects = MeetingChildQuerySet.as_manager()

    class Meta:
        ordering = ["meeting_id", "pk"]
        verbose_name = _("outcome")
        verbose_name_plural = _("outcomes")

    description = localized("description")

    def clean(self) -> None:
        super().clean()
        if self.agenda_item_id and self.meeting_id and self.agenda_item.meeting_id != self.meeting_id:
            raise ValidationError({"agenda_item": _("The agenda item belongs to another meeting.")})
        if self.kind == OutcomeKind.DECISION_ADOPTED and not (
            self.mandate_id or self.description_ru or self.description_en
        ):
            raise ValidationError({"mandate": _("Name the decision adopted, or describe it.")})
        if self.kind == OutcomeKind.ELECTION and not (
            self.elected_id or self.description_ru or self.description_en
        ):
            raise ValidationError({"elected": _("Name who was elected, or describe the election.")})

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.mandate or self.description}"
