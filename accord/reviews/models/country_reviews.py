"""Country reviews, their reviewing states, experts and workflow steps (страновой обзор)."""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accord.core.models import TimestampedModel
from accord.reviews.choices import (
    DialogueFormat,
    Phase,
    Side,
)
from accord.reviews.models.cycles import Cluster, Cycle
from accord.reviews.models.draws import Draw
from accord.reviews.models.mechanisms import Mechanism
from accord.reviews.querysets import (
    CountryReviewQuerySet,
    ReviewChildQuerySet,
)


class CountryReview(TimestampedModel):
    """The review of one state for one cluster of a cycle, from selection to published summary."""

    cycle = models.ForeignKey(
        Cycle, verbose_name=_("cycle"), on_delete=models.PROTECT, related_name="reviews"
    )
    cluster = models.ForeignKey(
        Cluster, verbose_name=_("cluster"), on_delete=models.PROTECT, related_name="reviews"
    )
    state = models.ForeignKey(
        "registry.State",
        verbose_name=_("state under review"),
        on_delete=models.PROTECT,
        related_name="reviews",
    )
    year = models.PositiveSmallIntegerField(_("review year"))
    phase = models.CharField(_("phase"), max_length=20, choices=Phase.choices, default=Phase.SELECTED)
    phase_started_on = models.DateField(_("phase started on"), default=timezone.localdate)
    due_on = models.DateField(_("phase due on"), null=True, blank=True)
    defers_reviewing = models.BooleanField(_("defers its own reviewing duty this year"), default=False)
    waives_reviewer_cap = models.BooleanField(_("agrees to more reviewers than the cap"), default=False)
    dialogue_format = models.CharField(
        _("visit or joint meeting"), max_length=16, choices=DialogueFormat.choices, blank=True, default=""
    )
    dialogue_meeting = models.ForeignKey(
        "meetings.Meeting",
        verbose_name=_("meeting of the dialogue"),
        on_delete=models.SET_NULL,
        related_name="country_reviews",
        null=True,
        blank=True,
    )
    language = models.CharField(_("review language"), max_length=2, choices=settings.LANGUAGES, default="ru")
    questionnaire_submitted_at = models.DateTimeField(_("questionnaire submitted at"), null=True, blank=True)
    questionnaire_submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("questionnaire submitted by"),
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        blank=True,
    )
    experts = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("experts"),
        through="ReviewExpert",
        related_name="country_reviews",
    )

    objects = CountryReviewQuerySet.as_manager()

    class Meta:
        ordering = ["cycle_id", "year", "state__name_en"]
        verbose_name = _("country review")
        verbose_name_plural = _("country reviews")
        constraints = [
            models.UniqueConstraint(fields=["cluster", "state"], name="review_unique_state_per_cluster")
        ]

    @property
    def mechanism(self) -> Mechanism:
        return self.cycle.mechanism

    @property
    def is_overdue(self) -> bool:
        return bool(self.due_on) and self.phase != Phase.PUBLISHED and self.due_on < timezone.localdate()

    @property
    def days_to_deadline(self) -> int | None:
        if not self.due_on or self.phase == Phase.PUBLISHED:
            return None
        return (self.due_on - timezone.localdate()).days

    @property
    def days_overdue(self) -> int:
        days = self.days_to_deadline
        return -days if days is not None and days < 0 else 0

    def active_reviewers(self) -> models.QuerySet:
        return self.reviewers.filter(replaced_by__isnull=True)

    def reviewing_states(self) -> list:
        """The distinct reviewing states, in the order they were drawn.

        A state drawn for each instrument has one assignment per instrument; it
        is still one reviewing state. Lists prefetch `active_assignments`.
        """
        assignments = getattr(self, "active_assignments", None)
        if assignments is None:
            assignments = self.active_reviewers().select_related("state")
        seen: dict[int, object] = {}
        for assignment in assignments:
            seen.setdefault(assignment.state_id, assignment.state)
        return list(seen.values())

    def __str__(self) -> str:
        return _("Review of {state} ({year}, {cycle})").format(
            state=self.state, year=self.year, cycle=self.cycle
        )

    def get_absolute_url(self) -> str:
        return reverse("reviews:review_detail", kwargs={"pk": self.pk})


class ReviewerAssignment(TimestampedModel):
    """A reviewing state drawn for a review (and for one instrument, where the mechanism draws per instrument)."""

    review = models.ForeignKey(
        CountryReview, verbose_name=_("review"), on_delete=models.CASCADE, related_name="reviewers"
    )
    state = models.ForeignKey(
        "registry.State",
        verbose_name=_("reviewing state"),
        on_delete=models.PROTECT,
        related_name="reviewing",
    )
    instrument = models.ForeignKey(
        "instruments.Instrument", verbose_name=_("instrument"), on_delete=models.PROTECT, related_name="+"
    )
    same_group = models.BooleanField(_("from the same regional group"))
    draw = models.ForeignKey(
        Draw, verbose_name=_("drawn in"), on_delete=models.PROTECT, related_name="assignments"
    )
    replaced_by = models.ForeignKey(
        Draw,
        verbose_name=_("replaced by redraw"),
        on_delete=models.PROTECT,
        related_name="replaced_assignments",
        null=True,
        blank=True,
    )

    objects = ReviewChildQuerySet.as_manager()

    class Meta:
        ordering = ["review_id", "pk"]
        verbose_name = _("reviewing state")
        verbose_name_plural = _("reviewing states")

    def __str__(self) -> str:
        return f"{self.state} → {self.review.state} ({self.instrument})"


class ReviewExpert(TimestampedModel):
    """A user working on a review: a governmental expert of a reviewing state or of the state under review."""

    review = models.ForeignKey(CountryReview, on_delete=models.CASCADE, related_name="expert_links")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("user"), on_delete=models.CASCADE, related_name="+"
    )
    side = models.CharField(_("side"), max_length=16, choices=Side.choices, default=Side.REVIEWER)
    state = models.ForeignKey(
        "registry.State",
        verbose_name=_("state"),
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        blank=True,
    )

    class Meta:
        verbose_name = _("review expert")
        verbose_name_plural = _("review experts")
        constraints = [models.UniqueConstraint(fields=["review", "user"], name="review_expert_unique")]

    def __str__(self) -> str:
        return f"{self.user} — {self.review}"


class Transition(models.Model):
    """A step of a review's workflow: who moved it, when, and the deadline it got."""

    review = models.ForeignKey(CountryReview, on_delete=models.CASCADE, related_name="transitions")
    from_phase = models.CharField(_("from"), max_length=20, choices=Phase.choices, blank=True)
    to_phase = models.CharField(_("to"), max_length=20, choices=Phase.choices)
    at = models.DateTimeField(_("at"), default=timezone.now)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("by"), on_delete=models.PROTECT, related_name="+"
    )
    due_on = models.DateField(_("due on"), null=True, blank=True)
    note = models.TextField(_("note"), blank=True)

    objects = ReviewChildQuerySet.as_manager()

    class Meta:
        ordering = ["review_id", "at", "pk"]
        verbose_name = _("phase change")
        verbose_name_plural = _("phase changes")

    def __str__(self) -> str:
        return f"{self.review}: {self.get_from_phase_display()} → {self.get_to_phase_display()}"
