from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from accord.core.models import (
    PeriodModel,
    TimestampedModel,
    language_order,
    localized,
    period_constraint,
)
from accord.registry.choices import PostRole
from accord.registry.querysets import PersonQuerySet, PostQuerySet


class Person(TimestampedModel):
    """A named person: an official, a delegate, an expert (персона, должностное лицо)."""

    slug = models.SlugField(
        _("reference key"),
        max_length=100,
        unique=True,
        null=True,
        blank=True,
        help_text=_("Stable key of reference data; reloading updates the same record."),
    )
    family_name_ru = models.CharField(_("family name (Russian)"), max_length=200, blank=True)
    given_name_ru = models.CharField(_("given name (Russian)"), max_length=200, blank=True)
    patronymic_ru = models.CharField(_("patronymic (Russian)"), max_length=200, blank=True)
    family_name_en = models.CharField(_("family name (English)"), max_length=200, blank=True)
    given_name_en = models.CharField(_("given name (English)"), max_length=200, blank=True)
    birth_on = models.DateField(_("date of birth"), null=True, blank=True)
    is_public = models.BooleanField(
        _("public"), default=True, help_text=_("Shown to anonymous visitors of the portal.")
    )
    note = models.TextField(_("note"), blank=True)
    added_by_state = models.ForeignKey(
        "registry.State",
        verbose_name=_("added by the focal point of"),
        on_delete=models.SET_NULL,
        related_name="+",
        null=True,
        blank=True,
        help_text=_(
            "Set when a national focal point adds the person: while the person holds no post, "
            "that state's focal points and the secretariat may edit them."
        ),
    )

    objects = PersonQuerySet.as_manager()

    class Meta:
        ordering = ["family_name_ru", "given_name_ru", "family_name_en"]
        verbose_name = _("person")
        verbose_name_plural = _("persons")
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(family_name_ru="") | ~models.Q(family_name_en=""),
                name="person_has_family_name",
            ),
        ]

    family_name = localized("family_name")

    @property
    def name(self) -> str:
        """«Игорь Краснов» in Russian, "Igor Krasnov" in English, whichever exists."""
        first, second = language_order()
        for lang in (first, second):
            family = getattr(self, f"family_name_{lang}")
            if family:
                return " ".join(p for p in (getattr(self, f"given_name_{lang}"), family) if p)
        return ""

    @property
    def full_name_ru(self) -> str:
        return " ".join(p for p in (self.family_name_ru, self.given_name_ru, self.patronymic_ru) if p)

    def clean(self) -> None:
        super().clean()
        if not (self.family_name_ru.strip() or self.family_name_en.strip()):
            raise ValidationError({"family_name_ru": _("Give the family name in Russian or in English.")})

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("registry:person_detail", kwargs={"pk": self.pk})


class Post(PeriodModel, TimestampedModel):
    """A person's position in an organization for a period (должность).

    «Генеральный прокурор Российской Федерации»: Igor Krasnov from 2020,
    Alexander Gutsan from 2025, each a row with its own dates.
    """

    person = models.ForeignKey(
        Person, verbose_name=_("person"), on_delete=models.CASCADE, related_name="posts"
    )
    organization = models.ForeignKey(
        "registry.Organization",
        verbose_name=_("organization"),
        on_delete=models.PROTECT,
        related_name="posts",
    )
    title_ru = models.CharField(pgettext_lazy("post", "title (Russian)"), max_length=500, blank=True)
    title_en = models.CharField(pgettext_lazy("post", "title (English)"), max_length=500, blank=True)
    role = models.CharField(_("role"), max_length=16, choices=PostRole.choices, default=PostRole.OTHER)
    note = models.CharField(_("note"), max_length=500, blank=True)

    objects = PostQuerySet.as_manager()

    class Meta:
        ordering = ["-start_on", "title_ru"]
        verbose_name = _("post")
        verbose_name_plural = _("posts")
        constraints = [
            period_constraint("post"),
            models.CheckConstraint(
                condition=~models.Q(title_ru="") | ~models.Q(title_en=""), name="post_has_title"
            ),
        ]

    title = localized("title")

    def clean(self) -> None:
        super().clean()
        if not (self.title_ru.strip() or self.title_en.strip()):
            raise ValidationError({"title_ru": _("Give the title in Russian or in English.")})

    def __str__(self) -> str:
        return _("{title}: {person}").format(title=self.title, person=self.person)


class FocalPoint(TimestampedModel):
    """Binds a user with the focal-point role to one state (национальный координатор)."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        on_delete=models.CASCADE,
        related_name="focal_point",
    )
    state = models.ForeignKey(
        "registry.State",
        verbose_name=_("state"),
        on_delete=models.PROTECT,
        related_name="focal_points",
    )

    class Meta:
        verbose_name = _("focal point")
        verbose_name_plural = _("focal points")

    def __str__(self) -> str:
        return f"{self.user} — {self.state}"


class OrganizationContact(TimestampedModel):
    """Binds a user with the organization-contact role to one organization (контактное лицо организации).

    The contact registers the organization's delegation to a meeting, as a
    national focal point registers its state's.
    """

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        on_delete=models.CASCADE,
        related_name="organization_contact",
    )
    organization = models.ForeignKey(
        "registry.Organization",
        verbose_name=_("organization"),
        on_delete=models.PROTECT,
        related_name="contacts",
    )

    class Meta:
        verbose_name = _("organization contact")
        verbose_name_plural = _("organization contacts")

    def __str__(self) -> str:
        return f"{self.user} — {self.organization}"
