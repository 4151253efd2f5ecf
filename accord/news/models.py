"""News items the secretariat publishes, their files and their links to registry records."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from accord.core.models import TimestampedModel, bilingual
from accord.news.choices import LinkStatus, NewsStatus
from accord.news.querysets import NewsItemQuerySet, NewsLinkQuerySet

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
    lead_image = models.ImageField(_("lead image"), upload_to="news/images/%Y/", blank=True)
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

    @property
    def title(self) -> str:
        return bilingual(self, "title")

    @property
    def lead(self) -> str:
        return bilingual(self, "lead")

    @property
    def body(self) -> str:
        return bilingual(self, "body")

    @property
    def lead_image_alt(self) -> str:
        return bilingual(self, "lead_image_alt")

    @property
    def is_published(self) -> bool:
        return self.status == NewsStatus.PUBLISHED

    def __str__(self) -> str:
        return self.title or self.slug

    def get_absolute_url(self) -> str:
        return reverse("news:news_detail", kwargs={"slug": self.slug})


class NewsAttachment(TimestampedModel):
    """A file published with a news item (вложение)."""

    news = models.ForeignKey(
        NewsItem, verbose_name=_("news item"), on_delete=models.CASCADE, related_name="attachments"
    )
    file = models.FileField(_("file"), upload_to="news/attachments/%Y/")
    title_ru = models.CharField(_("title (Russian)"), max_length=300, blank=True)
    title_en = models.CharField(_("title (English)"), max_length=300, blank=True)

    class Meta:
        ordering = ["news_id", "pk"]
        verbose_name = _("news attachment")
        verbose_name_plural = _("news attachments")

    @property
    def title(self) -> str:
        return bilingual(self, "title") or self.file.name.rsplit("/", 1)[-1]

    def __str__(self) -> str:
        return self.title


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
            models.CheckConstraint(
                name="newslink_exactly_one_target",
                condition=(
                    Q(
                        state__isnull=False,
                        organization__isnull=True,
                        person__isnull=True,
                        meeting__isnull=True,
                    )
                    | Q(
                        state__isnull=True,
                        organization__isnull=False,
                        person__isnull=True,
                        meeting__isnull=True,
                    )
                    | Q(
                        state__isnull=True,
                        organization__isnull=True,
                        person__isnull=False,
                        meeting__isnull=True,
                    )
                    | Q(
                        state__isnull=True,
                        organization__isnull=True,
                        person__isnull=True,
                        meeting__isnull=False,
                    )
                ),
            ),
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

    def __str__(self) -> str:
        return str(self.target)
