"""Fixed vocabularies of the registry."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class UnStatus(models.TextChoices):
    MEMBER = "member", _("UN member state")
    OBSERVER = "observer", _("UN observer state")
    OTHER = "other", _("Other")


class OrganizationKind(models.TextChoices):
    IGO = "igo", _("Intergovernmental organization")
    BODY = "body", _("Body of an organization")
    NATIONAL_AUTHORITY = "national_authority", _("National authority")
    NGO = "ngo", _("Non-governmental organization")
    MEDIA = "media", _("Media outlet")
    ACADEMIC = "academic", _("Academic institution")
    OTHER = "other", _("Other")


class PostRole(models.TextChoices):
    HEAD = "head", _("Head")
    DEPUTY = "deputy", _("Deputy head")
    MEMBER = "member", _("Member")
    STAFF = "staff", _("Staff")
    REPRESENTATIVE = "representative", _("Representative")
    OTHER = "other", _("Other")


class MembershipRole(models.TextChoices):
    MEMBER = "member", _("Member")
    ASSOCIATE = "associate", _("Associate member")
    OBSERVER = "observer", _("Observer")
    PARTY = "party", _("Party")
    CHAIR = "chair", _("Chair")
    CO_CHAIR = "co_chair", _("Co-chair")


class AliasKind(models.TextChoices):
    ABBREVIATION = "abbreviation", _("Abbreviation")
    SHORT = "short", _("Short name")
    OFFICIAL = "official", _("Official name")
    FORMER = "former", _("Former name")
    ADJECTIVE = "adjective", _("Adjective")
    INFLECTED = "inflected", _("Inflected form")
    CAPITAL = "capital", _("Capital city")
    OTHER = "other", _("Other")


class Language(models.TextChoices):
    RU = "ru", _("Russian")
    EN = "en", _("English")
