"""Fixed vocabularies of delegations."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class DelegationCategory(models.TextChoices):
    """Who may register: the secretariat opens registration to some of these."""

    MEMBER_STATE = "member_state", _("Member state")
    SIGNATORY_STATE = "signatory_state", _("Signatory state")
    OBSERVER_STATE = "observer_state", _("Observer state")
    IGO = "igo", _("Intergovernmental organization")
    NGO = "ngo", _("Non-governmental organization")
    MEDIA = "media", _("Media")


STATE_CATEGORIES = (
    DelegationCategory.MEMBER_STATE,
    DelegationCategory.SIGNATORY_STATE,
    DelegationCategory.OBSERVER_STATE,
)
#: The kind of organization (registry `OrganizationKind`) each organization category takes.
ORGANIZATION_KINDS = {
    DelegationCategory.IGO: ("igo", "body"),
    DelegationCategory.NGO: ("ngo", "academic", "other"),
    DelegationCategory.MEDIA: ("media",),
}


class DelegateFunction(models.TextChoices):
    """A delegate's function in the delegation, in the order of the list of participants."""

    HEAD = "head", _("Head of delegation")
    REPRESENTATIVE = "representative", _("Representative")
    ALTERNATE = "alternate", _("Alternate")
    ADVISER = "adviser", _("Adviser")
    EXPERT = "expert", _("Expert")


FUNCTION_ORDER = {value: position for position, value in enumerate(DelegateFunction.values)}


class DelegateStatus(models.TextChoices):
    PENDING = "pending", _("Pending")
    APPROVED = "approved", _("Approved")
    RETURNED = "returned", _("Returned")
    WITHDRAWN = "withdrawn", _("Withdrawn")


#: Statuses that hold a place under the caps.
HOLDS_PLACE = (DelegateStatus.PENDING, DelegateStatus.APPROVED)


class LetterKind(models.TextChoices):
    NOTE_VERBALE = "note_verbale", _("Note verbale")
    CREDENTIALS = "credentials", _("Credentials")
    OTHER = "other", _("Other letter")


class Credentials(models.TextChoices):
    """What the secretariat found among the delegation's papers (полномочия)."""

    FORMAL = "formal", _("Formal credentials")
    COPY = "copy", _("Copy or note verbale only")
    NONE = "none", _("None")
