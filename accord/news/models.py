"""News items the secretariat publishes, their files and their links to registry records."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accord.core.models import ExactlyOne, TimestampedModel, localized
from accord.news.choices import LinkStatus, NewsStatus
from accord.news.querysets import NewsItemQuerySet, NewsLinkQuerySet
from accord.news.validators import validate_attachment, validate_lead_image

#: The records a news item can be linked to, by NewsLink field name.
LINK_TARGETS = {
    "state": "registry.State",
    "organization": "registry.Organization",
    "person": "registry.Person",
    "meeting": "meetings.Meeting",
}


class NewsItem(TimestampedModel):
    """A news item (новость) in Russian and English; `body_*` holds sanitized HTML."""

    slug = models.SlugField(_("address"), max_length=120, unique=True, allow_unicode=False)
    title_ru = models.CharField(_("title (Russian)"), max_length=300, blank=True)
    title_en = models.CharField(_("title (English)"), max_length=300, blank=True)
    lead_ru = models.TextField(_("lead (Russian)"), blank=True)
    lead_en = models.TextField(_("lead (English)"), blank=True)
    body_ru = models.TextField(_("text (Russian)"), blank=True)
    body_en = models.TextField(_("text (English)"), blank=True)
    lead_image = models.ImageField(
        _("lead image"), upload_to="news/images/%Y/", blank=True, validators=[validate_lead_image]
    )
    lead_image_alt_ru = models.CharField(_("image description (Russian)"), max_length=300, blank=True)
    lead_image_alt_en = models.CharField(_("image description (English)"), max_length=300, blank=True)
    status = models.CharField(
        _("status"), max_length=16, choices=NewsStatus.choices, default=NewsStatus.DRAFT
    )
    published_at = models.DateTimeField(_("publication time"), null=True, blank=True, db_index=True)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("author"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="news_items",
    )

    objects = NewsItemQuerySet.as_manager()

    class Meta:
        ordering = ["-published_at", "-pk"]
        verbose_name = _("news item")
        verbose_name_plural = _("news items")
        indexes = [models.Index(fields=["status", "-published_at"], name="news_status_published")]

    title = localized("title")

    lead = localized("lead")

    body = localized("body")

    lead_image_alt = localized("lead_image_alt")

    @property
    def is_published(self) -> bool:
        return self.status == NewsStatus.PUBLISHED

    @property
    def is_public(self) -> bool:
        """Published and its time has come: what anonymous readers and feeds see."""
        return self.is_published and self.published_at is not None and self.published_at <= timezone.now()

    def __str__(self) -> str:
        return self.title or self.title_ru or self.title_en or self.slug

    def clean(self) -> None:
        if not (self.title_ru.strip() or self.title_en.strip()):
            raise ValidationError({"title_ru": _("Give the title in Russian or in English.")})
        if self.status == NewsStatus.PUBLISHED and self.published_at is None:
            raise ValidationError({"published_at": _("A published item needs its publication time.")})

    def get_absolute_url(self) -> str:
        return reverse("news:news_detail", kwargs={"slug": self.slug})

    def get_image_url(self) -> str:
        """The lead image through the view that checks the item is visible; empty without one."""
        if not self.lead_image:
            return ""
        return reverse("news:news_image", kwargs={"slug": self.slug})


class NewsAttachment(TimestampedModel):
    """A file published with a news item (вложение)."""

    news = models.ForeignKey(
        NewsItem, verbose_name=_("news item"), on_delete=models.CASCADE, related_name="attachments"
    )
    file = models.FileField(_("file"), upload_to="news/attachments/%Y/", validators=[validate_attachment])
    title_ru = models.CharField(_("title (Russian)"), max_length=300, blank=True)
    title_en = models.CharField(_("title (English)"), max_length=300, blank=True)

    class Meta:
        ordering = ["news_id", "pk"]
        verbose_name = _("news attachment")
        verbose_name_plural = _("news attachments")

    title = localized("title", fallback=lambda self: self.file.name.rsplit("/", 1)[-1])

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        """The file through the view that checks its item is visible (never a MEDIA_URL address)."""
        return reverse("news:news_file", kwargs={"slug": self.news.slug, "pk": self.pk})


LINK_TARGET = ExactlyOne(
    ("state", "organization", "person", "meeting"),
    name="newslink_exactly_one_target",
    message=_("Choose exactly one state, organization, person or meeting."),
)


class NewsLink(TimestampedModel):
    """What a news item speaks of: exactly one state, organization, person or meeting.

    Extraction proposes links (`status=proposed`, with the words it matched);
    the editor confirms them, and only confirmed links show in public.
    """

    news = models.ForeignKey(
        NewsItem, verbose_name=_("news item"), on_delete=models.CASCADE, related_name="links"
    )
    state = models.ForeignKey(
        "registry.State",
        verbose_name=_("state"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="news_links",
    )
    organization = models.ForeignKey(
        "registry.Organization",
        verbose_name=_("organization"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="news_links",
    )
    person = models.ForeignKey(
        "registry.Person",
        verbose_name=_("person"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="news_links",
    )
    meeting = models.ForeignKey(
        "meetings.Meeting",
        verbose_name=_("meeting"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="news_links",
    )
    status = models.CharField(
        _("status"), max_length=16, choices=LinkStatus.choices, default=LinkStatus.CONFIRMED
    )
    matched_text = models.CharField(_("matched words"), max_length=300, blank=True)

    objects = NewsLinkQuerySet.as_manager()

    class Meta:
        ordering = ["news_id", "pk"]
        verbose_name = _("news link")
        verbose_name_plural = _("news links")
        constraints = [
            LINK_TARGET.constraint(),
            models.UniqueConstraint(fields=["news", "state"], name="newslink_unique_state"),
            models.UniqueConstraint(fields=["news", "organization"], name="newslink_unique_organization"),
            models.UniqueConstraint(fields=["news", "person"], name="newslink_unique_person"),
            models.UniqueConstraint(fields=["news", "meeting"], name="newslink_unique_meeting"),
        ]

    @staticmethod
    def field_for(obj) -> str | None:
        """The link field that points at records like `obj`, or None."""
        label = f"{obj._meta.app_label}.{obj._meta.object_name}"
        for field, target in LINK_TARGETS.items():
            if target == label:
                return field
        return None

    @property
    def target(self):
        return self.state or self.organization or self.person or self.meeting

    @property
    def kind_label(self) -> str:
        """«state», «organization»…: what kind of record the link points at."""
        target = self.target
        return str(target._meta.verbose_name) if target is not None else ""

    @property
    def field(self) -> str:
        """Which of the four link fields is set."""
        return next((name for name in LINK_TARGETS if getattr(self, f"{name}_id")), "")

    def __str__(self) -> str:
        return str(self.target)


class NewsTerms(models.Model):
    """A news item's index terms, both languages together, as documents keep theirs (DocumentTerms).

    SQLite's FTS5 table `news_search_fts` reads it through triggers; on
    PostgreSQL it carries the GIN-indexed `vector` (migration 0003). Written
    by `accord.news.search.index_news` whenever an item is saved.
    """

    news = models.OneToOneField(NewsItem, on_delete=models.CASCADE, primary_key=True, related_name="terms")
    title_terms = models.TextField(blank=True)
    body_terms = models.TextField(blank=True)

    def __str__(self) -> str:
        return str(self.news_id)
