from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from accord.core.models import ExactlyOne, TimestampedModel
from accord.registry.choices import AliasKind, Language
from accord.registry.querysets import AliasQuerySet

TARGET = ExactlyOne(
    ("state", "organization", "person"),
    name="alias_exactly_one_target",
    message=_("An alias names exactly one state, organization or person."),
)


class Alias(TimestampedModel):
    """Another name by which texts refer to a record (псевдоним, сокращение).

    «КСГП», «Генпрокуратура России», «российский», «Москва» as a metonym of
    Russia: what the extraction gazetteer matches, each pointing to exactly
    one state, organization or person.
    """

    text = models.CharField(_("text"), max_length=500)
    language = models.CharField(_("language"), max_length=2, choices=Language.choices)
    kind = models.CharField(_("kind"), max_length=16, choices=AliasKind.choices, default=AliasKind.OTHER)
    state = models.ForeignKey(
        "registry.State", on_delete=models.CASCADE, related_name="aliases", null=True, blank=True
    )
    organization = models.ForeignKey(
        "registry.Organization",
        on_delete=models.CASCADE,
        related_name="aliases",
        null=True,
        blank=True,
    )
    person = models.ForeignKey(
        "registry.Person", on_delete=models.CASCADE, related_name="aliases", null=True, blank=True
    )

    objects = AliasQuerySet.as_manager()

    class Meta:
        ordering = ["text"]
        verbose_name = _("alias")
        verbose_name_plural = _("aliases")
        constraints = [
            TARGET.constraint(),
            models.UniqueConstraint(
                fields=["text", "language", "kind", "state", "organization", "person"],
                name="alias_unique_per_target",
            ),
        ]

    @property
    def target(self):
        return self.state or self.organization or self.person

    def clean(self) -> None:
        super().clean()
        TARGET.validate(self)
        if not self.text.strip():
            raise ValidationError({"text": _("An alias cannot be empty.")})

    def __str__(self) -> str:
        return self.text
