"""Fixed vocabularies of meetings."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class MeetingKind(models.TextChoices):
    SESSION = "session", _("Session")
    MEETING = "meeting", _("Meeting")
    VISIT = "visit", _("Visit")
    SEMINAR = "seminar", _("Seminar")
    CONFERENCE = "conference", _("Conference")
    SUMMIT = "summit", _("Summit")
    EXPERT_GROUP = "expert_group", _("Expert group meeting")


class MeetingFormat(models.TextChoices):
    IN_PERSON = "in_person", _("In person")
    HYBRID = "hybrid", _("Hybrid")
    ONLINE = "online", _("Online")


class MeetingStatus(models.TextChoices):
    PLANNED = "planned", _("Planned")
    HELD = "held", _("Held")
    CANCELLED = "cancelled", _("Cancelled")


class ParticipantRole(models.TextChoices):
    MEMBER = "member", _("Member")
    OBSERVER = "observer", _("Observer")
    CHAIR = "chair", _("Chair")
    HOST = "host", _("Host")
    GUEST = "guest", _("Guest")
    SPEAKER = "speaker", _("Speaker")


class ParticipationMode(models.TextChoices):
    IN_PERSON = "in_person", _("In person")
    VIDEOCONFERENCE = "videoconference", _("Videoconference")


class OutcomeKind(models.TextChoices):
    DECISION_ADOPTED = "decision_adopted", _("Decision adopted")
    REPORT_APPROVED = "report_approved", _("Report approved")
    AGENDA_APPROVED = "agenda_approved", _("Provisional agenda approved")
    ELECTION = "election", _("Election")
    OTHER = "other", _("Other")
