from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from accord.core.models import (
    BilingualNameModel,
    ExactlyOne,
    PeriodModel,
    TimestampedModel,
    localized,
    period_constraint,
)
from accord.registry.choices import MembershipRole, OrganizationKind
from accord.registry.querysets import MembershipQuerySet, OrganizationQuerySet


class Organization(BilingualNameModel):
    """An organization, one of its bodies, a national authority or an outlet (организация, орган).

    The tree runs through `parent`: CIS → Executive Committee → department.
    A national authority names its `state`.
    """

    slug = models.SlugField(
        _("reference key"),
        max_length=100,
        unique=True,
        null=True,
        blank=True,
        help_text=_("Stable key of reference data (“cis”, “unodc”); reloading updates the same record."),
    )
    kind = models.CharField(_("kind"), max_length=32, choices=OrganizationKind.choices)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("parent organization"),
        on_delete=models.PROTECT,
        related_name="children",
        null=True,
        blank=True,
    )
    state = models.ForeignKey(
        "registry.State",
        verbose_name=_("state"),
        on_delete=models.PROTECT,
        related_name="organizations",
        null=True,
        blank=True,
    )
    abbreviation_ru = models.CharField(_("abbreviation (Russian)"), max_length=64, blank=True)
    abbreviation_en = models.CharField(_("abbreviation (English)"), max_length=64, blank=True)
    founded_on = models.DateField(_("founded on"), null=True, blank=True)
    dissolved_on = models.DateField(_("dissolved on"), null=True, blank=True)
    website = models.URLField(_("website"), blank=True)
    description_ru = models.TextField(_("description (Russian)"), blank=True)
    description_en = models.TextField(_("description (English)"), blank=True)

    objects = OrganizationQuerySet.as_manager()

    class Meta:
        ordering = ["name_ru"]
        verbose_name = _("organization")
        verbose_name_plural = _("organizations")
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(kind=OrganizationKind.NATIONAL_AUTHORITY) | models.Q(state__isnull=False),
                name="organization_national_authority_has_state",
            ),
        ]

    abbreviation = localized("abbreviation", other_language=False)

    description = localized("description")

    def clean(self) -> None:
        super().clean()
        if self.kind == OrganizationKind.NATIONAL_AUTHORITY and not self.state_id:
            raise ValidationError({"state": _("A national authority belongs to a state.")})
        if self.founded_on and self.dissolved_on and self.dissolved_on < self.founded_on:
            raise ValidationError(
                {"dissolved_on": _("An organization cannot be dissolved before it was founded.")}
            )
        if self.pk and self.parent_id and any(a.pk == self.pk for a in self._walk_up()):
            raise ValidationError({"parent": _("An organization cannot be its own ancestor.")})

    def _walk_up(self):
        """Parents from the nearest up, stopping at a loop so bad data cannot hang us."""
        seen: set[int] = set()
        node = self.parent
        while node is not None and node.pk not in seen:
            seen.add(node.pk)
            yield node
            node = node.parent

    def ancestors(self) -> list["Organization"]:
        """From the root down to the parent, for breadcrumbs."""
        return list(reversed([a for a in self._walk_up() if a.pk != self.pk]))

    def get_absolute_url(self) -> str:
        return reverse("registry:organization_detail", kwargs={"pk": self.pk})


MEMBER = ExactlyOne(
    ("state", "organization"),
    name="membership_exactly_one_member",
    message=_("A membership names either a state or an organization, not both."),
)


class Membership(PeriodModel, TimestampedModel):
    """A state or an organization in a body for a period (членство, председательство).

    The role says how: member, observer, party, chair or co-chair; the CIS
    chairmanship of a year is a `chair` membership of that year.
    """

    body = models.ForeignKey(
        Organization, verbose_name=_("body"), on_delete=models.CASCADE, related_name="memberships"
    )
    state = models.ForeignKey(
        "registry.State",
        verbose_name=_("member state"),
        on_delete=models.CASCADE,
        related_name="memberships",
        null=True,
        blank=True,
    )
    organization = models.ForeignKey(
        Organization,
        verbose_name=_("member organization"),
        on_delete=models.CASCADE,
        related_name="member_of",
        null=True,
        blank=True,
    )
    role = models.CharField(
        _("role"), max_length=16, choices=MembershipRole.choices, default=MembershipRole.MEMBER
    )
    note = models.CharField(_("note"), max_length=500, blank=True)

    objects = MembershipQuerySet.as_manager()

    class Meta:
        ordering = ["body_id", "role", "-start_on"]
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        constraints = [
            MEMBER.constraint(),
            period_constraint("membership"),
            models.UniqueConstraint(
                fields=["body", "state", "organization", "role", "start_on"],
                name="membership_unique_period",
            ),
        ]

    @property
    def member(self):
        return self.state or self.organization

    def clean(self) -> None:
        super().clean()
        MEMBER.validate(self)
        if self.organization_id and self.organization_id == self.body_id:
            raise ValidationError({"organization": _("A body cannot be a member of itself.")})

    def __str__(self) -> str:
        return f"{self.member} — {self.body} ({self.get_role_display()})"
