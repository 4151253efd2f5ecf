"""The review mechanism: mechanisms and their rules, cycles, draws, country reviews and their outputs.

Rules are data the secretariat edits (`Mechanism`, `PhaseRule`); the drawing
of lots (`draw.py`) and the workflow read them, never hard-code them.
"""

import datetime

from dateutil.relativedelta import relativedelta
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accord.core.models import BilingualNameModel, TimestampedModel, bilingual
from accord.core.querysets import RestrictedQuerySet
from accord.reviews.choices import (
    DialogueFormat,
    DrawKind,
    DurationUnit,
    Implementation,
    ObservationKind,
    Phase,
    QuestionKind,
    ReviewUnit,
    Side,
    VersionStatus,
)
from accord.reviews.querysets import (
    CountryReviewQuerySet,
    DrawQuerySet,
    MechanismQuerySet,
    ReviewChildQuerySet,
    SummaryQuerySet,
)


class Mechanism(BilingualNameModel):
    """A review mechanism (механизм обзора): what it reviews, who governs it, and its rules."""

    slug = models.SlugField(_("reference key"), max_length=64, unique=True)
    abbreviation_ru = models.CharField(_("abbreviation (Russian)"), max_length=64, blank=True)
    abbreviation_en = models.CharField(_("abbreviation (English)"), max_length=64, blank=True)
    instruments = models.ManyToManyField(
        "instruments.Instrument",
        verbose_name=_("instruments under review"),
        related_name="review_mechanisms",
        through="MechanismInstrument",
    )
    governing_body = models.ForeignKey(
        "registry.Organization",
        verbose_name=_("governing body"),
        on_delete=models.PROTECT,
        related_name="governed_mechanisms",
    )
    mandate = models.ForeignKey(
        "instruments.Mandate",
        verbose_name=_("established by"),
        on_delete=models.PROTECT,
        related_name="review_mechanisms",
        null=True,
        blank=True,
    )
    # The rules of the drawing of lots.
    review_unit = models.CharField(
        _("reviewers are drawn for"), max_length=16, choices=ReviewUnit.choices, default=ReviewUnit.REVIEW
    )
    reviewers_per_unit = models.PositiveSmallIntegerField(_("reviewers per review or instrument"), default=2)
    same_group_min = models.PositiveSmallIntegerField(
        _("at least this many from the state's own regional group"), default=1
    )
    other_group_min = models.PositiveSmallIntegerField(
        _("at least this many from another regional group"), default=0
    )
    max_reviewers = models.PositiveSmallIntegerField(
        _("most reviewing states per review"),
        null=True,
        blank=True,
        help_text=_("Empty: no cap. The state under review may agree to more."),
    )
    no_mutual = models.BooleanField(_("no mutual reviews"), default=True)
    reviewers_must_be_parties = models.BooleanField(
        _("reviewers must be parties to the instrument"), default=True
    )
    redraws_allowed = models.PositiveSmallIntegerField(
        _("redraws a state under review may request"),
        default=2,
        help_text=_("More only when the request is flagged exceptional."),
    )
    deferral_allowed = models.BooleanField(
        _("a state may defer reviewing in the year it is reviewed"), default=True
    )
    max_reviews_per_reviewer = models.PositiveSmallIntegerField(
        _("most reviews per reviewing state in one draw"), null=True, blank=True
    )
    cohorts = models.PositiveSmallIntegerField(
        _("years or groups the states under review are split into"),
        default=4,
        help_text=_("UNCAC: a quarter of the parties in each of years 1–4; UNTOC: three groups."),
    )
    unverified_rules = models.JSONField(
        _("rules not yet confirmed in a source"),
        default=list,
        blank=True,
        help_text=_("Field names of the rules above that remain settings to check, not facts."),
    )
    note_ru = models.TextField(_("note (Russian)"), blank=True)
    note_en = models.TextField(_("note (English)"), blank=True)

    objects = MechanismQuerySet.as_manager()

    RULE_FIELDS = (
        "review_unit",
        "reviewers_per_unit",
        "same_group_min",
        "other_group_min",
        "max_reviewers",
        "no_mutual",
        "reviewers_must_be_parties",
        "redraws_allowed",
        "deferral_allowed",
        "max_reviews_per_reviewer",
        "cohorts",
    )
    """The rules of the drawing of lots, as reference data and the API name them."""

    class Meta:
        ordering = ["slug"]
        verbose_name = _("review mechanism")
        verbose_name_plural = _("review mechanisms")

    @property
    def abbreviation(self) -> str:
        return bilingual(self, "abbreviation")

    @property
    def note(self) -> str:
        return bilingual(self, "note")

    def clean(self) -> None:
        super().clean()
        if self.same_group_min + self.other_group_min > self.reviewers_per_unit:
            raise ValidationError(
                {"same_group_min": _("The regional-group minimums exceed the number of reviewers.")}
            )
        if self.max_reviewers is not None and self.max_reviewers < self.reviewers_per_unit:
            raise ValidationError(
                {"max_reviewers": _("The cap cannot be lower than the reviewers drawn for one instrument.")}
            )
        if self.cohorts < 1:
            raise ValidationError({"cohorts": _("Split the states into at least one year or group.")})

    def ordered_instruments(self) -> list:
        """The instruments under review, the main convention first."""
        return [link.instrument for link in self.instrument_links.select_related("instrument")]

    def phase_rule(self, phase: str) -> "PhaseRule | None":
        return next((rule for rule in self.phase_rules.all() if rule.phase == phase), None)

    def __str__(self) -> str:
        return self.abbreviation or self.name

    def get_absolute_url(self) -> str:
        return reverse("reviews:mechanism_detail", kwargs={"slug": self.slug})


class MechanismInstrument(models.Model):
    """An instrument a mechanism reviews, in order: the convention before its protocols."""

    mechanism = models.ForeignKey(Mechanism, on_delete=models.CASCADE, related_name="instrument_links")
    instrument = models.ForeignKey("instruments.Instrument", on_delete=models.PROTECT, related_name="+")
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        ordering = ["position", "pk"]
        verbose_name = _("instrument under review")
        verbose_name_plural = _("instruments under review")
        constraints = [
            models.UniqueConstraint(fields=["mechanism", "instrument"], name="mechanism_instrument_unique")
        ]

    def __str__(self) -> str:
        return str(self.instrument)


class PhaseRule(models.Model):
    """How long a phase of a country review lasts by default; the secretariat may adjust a review."""

    mechanism = models.ForeignKey(Mechanism, on_delete=models.CASCADE, related_name="phase_rules")
    phase = models.CharField(_("phase"), max_length=20, choices=Phase.choices)
    duration = models.PositiveSmallIntegerField(_("duration"))
    unit = models.CharField(_("unit"), max_length=8, choices=DurationUnit.choices, default=DurationUnit.DAYS)
    description_ru = models.CharField(_("what is due (Russian)"), max_length=500, blank=True)
    description_en = models.CharField(_("what is due (English)"), max_length=500, blank=True)
    verified = models.BooleanField(_("confirmed in a source"), default=False)
    source = models.CharField(_("source"), max_length=500, blank=True)

    objects = RestrictedQuerySet.as_manager()

    class Meta:
        ordering = ["mechanism_id", "pk"]
        verbose_name = _("phase duration")
        verbose_name_plural = _("phase durations")
        constraints = [models.UniqueConstraint(fields=["mechanism", "phase"], name="phase_rule_unique")]

    @property
    def description(self) -> str:
        return bilingual(self, "description")

    def due_from(self, start: datetime.date) -> datetime.date:
        """The deadline of a phase that starts on `start`."""
        if self.unit == DurationUnit.MONTHS:
            return start + relativedelta(months=self.duration)
        days = self.duration * 7 if self.unit == DurationUnit.WEEKS else self.duration
        return start + datetime.timedelta(days=days)

    def __str__(self) -> str:
        return f"{self.get_phase_display()}: {self.duration} {self.get_unit_display()}"


class Cycle(BilingualNameModel):
    """A review cycle (UNCAC) or the whole review process (UNTOC), split into clusters."""

    mechanism = models.ForeignKey(
        Mechanism, verbose_name=_("mechanism"), on_delete=models.PROTECT, related_name="cycles"
    )
    number = models.PositiveSmallIntegerField(_("number"))
    starts_on = models.DateField(_("starts on"))
    ends_on = models.DateField(_("ends on"), null=True, blank=True)
    first_year = models.PositiveSmallIntegerField(
        _("first review year"), help_text=_("States are drawn into this year and the following ones.")
    )

    objects = RestrictedQuerySet.as_manager()

    class Meta:
        ordering = ["mechanism_id", "number"]
        verbose_name = _("review cycle")
        verbose_name_plural = _("review cycles")
        constraints = [models.UniqueConstraint(fields=["mechanism", "number"], name="cycle_unique_number")]

    def clean(self) -> None:
        super().clean()
        if self.ends_on and self.ends_on < self.starts_on:
            raise ValidationError({"ends_on": _("The cycle cannot end before it starts.")})

    @property
    def years(self) -> list[int]:
        """The years the states under review are drawn into, one per cohort."""
        return [self.first_year + offset for offset in range(self.mechanism.cohorts)]

    def __str__(self) -> str:
        return f"{self.mechanism} — {self.name}"

    def get_absolute_url(self) -> str:
        return reverse("reviews:cycle_board", kwargs={"pk": self.pk})


class Cluster(BilingualNameModel):
    """A thematic block of provisions reviewed together: UNCAC chapters III–IV, a UNTOC cluster."""

    cycle = models.ForeignKey(
        Cycle, verbose_name=_("cycle"), on_delete=models.CASCADE, related_name="clusters"
    )
    number = models.PositiveSmallIntegerField(_("number"), default=1)
    starts_on = models.DateField(_("starts on"), null=True, blank=True)
    ends_on = models.DateField(_("ends on"), null=True, blank=True)
    provisions = models.ManyToManyField(
        "instruments.Provision",
        verbose_name=_("provisions reviewed"),
        related_name="review_clusters",
        blank=True,
    )

    objects = RestrictedQuerySet.as_manager()

    class Meta:
        ordering = ["cycle_id", "number"]
        verbose_name = _("cluster of provisions")
        verbose_name_plural = _("clusters of provisions")
        constraints = [models.UniqueConstraint(fields=["cycle", "number"], name="cluster_unique_number")]

    def __str__(self) -> str:
        return self.name or _("Cluster {number}").format(number=self.number)


class Draw(TimestampedModel):
    """A recorded drawing of lots: seed, input, rules and result, so anyone can re-run it."""

    cycle = models.ForeignKey(Cycle, verbose_name=_("cycle"), on_delete=models.PROTECT, related_name="draws")
    kind = models.CharField(_("kind"), max_length=16, choices=DrawKind.choices)
    year = models.PositiveSmallIntegerField(_("year"), null=True, blank=True)
    seed = models.CharField(_("seed"), max_length=100)
    input = models.JSONField(_("input"), help_text=_("Everything the result depends on, rules included."))
    result = models.JSONField(_("result"))
    review = models.ForeignKey(
        "CountryReview",
        verbose_name=_("redrawn review"),
        on_delete=models.PROTECT,
        related_name="redraws",
        null=True,
        blank=True,
    )
    exceptional = models.BooleanField(_("exceptional request"), default=False)
    reason = models.TextField(_("reason"), blank=True)
    performed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("performed by"), on_delete=models.PROTECT, related_name="+"
    )

    objects = DrawQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("drawing of lots")
        verbose_name_plural = _("drawings of lots")

    def __str__(self) -> str:
        year = f" {self.year}" if self.year else ""
        return f"{self.get_kind_display()}{year} — {self.cycle}"

    def get_absolute_url(self) -> str:
        return reverse("reviews:draw_detail", kwargs={"pk": self.pk})


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
        """The distinct reviewing states, in the order they were drawn."""
        seen: dict[int, object] = {}
        for assignment in self.active_reviewers().select_related("state"):
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


class Question(models.Model):
    """One question of a cluster's self-assessment questionnaire, about one provision."""

    cluster = models.ForeignKey(Cluster, on_delete=models.CASCADE, related_name="questions")
    provision = models.ForeignKey("instruments.Provision", on_delete=models.PROTECT, related_name="questions")
    kind = models.CharField(_("kind"), max_length=16, choices=QuestionKind.choices)
    position = models.PositiveIntegerField(_("position"), default=0)
    text_ru = models.TextField(_("question (Russian)"), blank=True)
    text_en = models.TextField(_("question (English)"), blank=True)
    required = models.BooleanField(_("required for submission"), default=False)

    class Meta:
        ordering = ["cluster_id", "position", "pk"]
        verbose_name = _("question")
        verbose_name_plural = _("questions")
        constraints = [
            models.UniqueConstraint(fields=["cluster", "provision", "kind"], name="question_unique_kind")
        ]

    @property
    def text(self) -> str:
        return bilingual(self, "text") or self.get_kind_display()

    def __str__(self) -> str:
        return f"{self.provision.label}: {self.get_kind_display()}"


class Response(TimestampedModel):
    """A state's answer to a question; its text lives in versions, the newest accepted one is current."""

    review = models.ForeignKey(CountryReview, on_delete=models.CASCADE, related_name="responses")
    question = models.ForeignKey(Question, on_delete=models.PROTECT, related_name="responses")
    version = models.PositiveIntegerField(_("current version"), default=0)

    objects = ReviewChildQuerySet.as_manager()

    class Meta:
        ordering = ["review_id", "question__position"]
        verbose_name = _("answer")
        verbose_name_plural = _("answers")
        constraints = [
            models.UniqueConstraint(fields=["review", "question"], name="response_unique_question")
        ]

    def current(self) -> "ResponseVersion | None":
        return self.versions.filter(status=VersionStatus.CURRENT).first()

    def __str__(self) -> str:
        return f"{self.review.state}: {self.question}"


class ResponseVersion(models.Model):
    """One saved draft of an answer; refused concurrent saves stay here as `conflict`."""

    response = models.ForeignKey(Response, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField(_("version"))
    based_on = models.PositiveIntegerField(_("based on version"), default=0)
    status = models.CharField(_("status"), max_length=16, choices=VersionStatus.choices)
    implementation = models.CharField(
        _("implemented"), max_length=8, choices=Implementation.choices, blank=True
    )
    text = models.TextField(_("text"), blank=True)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("author"), on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(_("saved at"), default=timezone.now)
    source = models.CharField(_("source"), max_length=16, default="web", help_text=_("web, api or docx"))

    class Meta:
        ordering = ["response_id", "number"]
        verbose_name = _("answer version")
        verbose_name_plural = _("answer versions")
        constraints = [
            models.UniqueConstraint(fields=["response", "number"], name="response_version_unique_number")
        ]

    @property
    def is_empty(self) -> bool:
        return not (self.implementation or self.text.strip())

    def __str__(self) -> str:
        return f"{self.response} v{self.number}"


def attachment_path(instance: "Attachment", filename: str) -> str:
    return f"reviews/{instance.review_id}/{filename}"


class Attachment(TimestampedModel):
    """A file the state under review attaches to an answer: a law, statistics, a judgment."""

    review = models.ForeignKey(CountryReview, on_delete=models.CASCADE, related_name="attachments")
    question = models.ForeignKey(
        Question, on_delete=models.PROTECT, related_name="attachments", null=True, blank=True
    )
    file = models.FileField(_("file"), upload_to=attachment_path)
    name = models.CharField(_("name"), max_length=300)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("uploaded by"), on_delete=models.PROTECT, related_name="+"
    )

    objects = ReviewChildQuerySet.as_manager()

    class Meta:
        ordering = ["review_id", "pk"]
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")

    def __str__(self) -> str:
        return self.name


class Comment(TimestampedModel):
    """A message in a review's thread about one provision (or the review as a whole)."""

    review = models.ForeignKey(CountryReview, on_delete=models.CASCADE, related_name="comments")
    provision = models.ForeignKey(
        "instruments.Provision", on_delete=models.PROTECT, related_name="+", null=True, blank=True
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("author"), on_delete=models.PROTECT, related_name="+"
    )
    side = models.CharField(_("side"), max_length=16, choices=Side.choices)
    text = models.TextField(_("text"))

    objects = ReviewChildQuerySet.as_manager()

    class Meta:
        ordering = ["review_id", "created_at", "pk"]
        verbose_name = _("comment")
        verbose_name_plural = _("comments")

    def __str__(self) -> str:
        return f"{self.author}: {self.text[:60]}"


class Observation(TimestampedModel):
    """What the reviewers observe on a provision: good practice, challenge, recommendation, assistance need."""

    review = models.ForeignKey(CountryReview, on_delete=models.CASCADE, related_name="observations")
    provision = models.ForeignKey(
        "instruments.Provision", on_delete=models.PROTECT, related_name="observations"
    )
    kind = models.CharField(_("kind"), max_length=16, choices=ObservationKind.choices)
    text_ru = models.TextField(_("text (Russian)"), blank=True)
    text_en = models.TextField(_("text (English)"), blank=True)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("author"), on_delete=models.PROTECT, related_name="+"
    )

    objects = ReviewChildQuerySet.as_manager()

    class Meta:
        ordering = ["review_id", "provision__position", "kind", "pk"]
        verbose_name = _("observation")
        verbose_name_plural = _("observations")

    @property
    def text(self) -> str:
        return bilingual(self, "text")

    def clean(self) -> None:
        super().clean()
        if not (self.text_ru.strip() or self.text_en.strip()):
            raise ValidationError({"text_ru": _("Write the observation in Russian or in English.")})

    def __str__(self) -> str:
        return f"{self.provision.label}: {self.get_kind_display()}"


class Summary(TimestampedModel):
    """The executive summary of a review; the public reads it once it is published."""

    review = models.OneToOneField(CountryReview, on_delete=models.CASCADE, related_name="summary")
    text_ru = models.TextField(_("summary (Russian)"), blank=True)
    text_en = models.TextField(_("summary (English)"), blank=True)
    published_at = models.DateTimeField(_("published at"), null=True, blank=True)

    objects = SummaryQuerySet.as_manager()

    class Meta:
        verbose_name = _("summary")
        verbose_name_plural = _("summaries")

    @property
    def text(self) -> str:
        return bilingual(self, "text")

    @property
    def is_published(self) -> bool:
        return self.published_at is not None

    def __str__(self) -> str:
        return _("Summary: {review}").format(review=self.review)
