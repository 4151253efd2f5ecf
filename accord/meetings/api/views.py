"""Meetings API: confidentiality decides who reads, the secretariat writes."""

from accord.core.api.concurrency import versioned_schema
from accord.core.api.viewsets import AccordModelViewSet
from accord.core.roles import Role
from accord.meetings.api import serializers
from accord.meetings.filtersets import MeetingFilterSet
from accord.meetings.models import AgendaItem, Meeting, Outcome, Participation


@versioned_schema(serializers.MeetingSerializer)
class MeetingViewSet(AccordModelViewSet):
    """Meetings; PUT and PATCH with a `version` that is no longer current answer 409 `edit_conflict`."""

    queryset = Meeting.objects.select_related("body", "country")
    serializer_class = serializers.MeetingSerializer
    filterset_class = MeetingFilterSet
    ordering_fields = ["start_on", "end_on", "ordinal"]
    write_roles = (Role.SECRETARIAT,)


class AgendaItemViewSet(AccordModelViewSet):
    queryset = AgendaItem.objects.all()
    serializer_class = serializers.AgendaItemSerializer
    filterset_fields = ["meeting"]
    ordering_fields = ["position", "number"]
    write_roles = (Role.SECRETARIAT,)


class ParticipationViewSet(AccordModelViewSet):
    queryset = Participation.objects.select_related("state")
    serializer_class = serializers.ParticipationSerializer
    filterset_fields = ["meeting", "organization", "person", "role", "mode"]
    write_roles = (Role.SECRETARIAT,)


class OutcomeViewSet(AccordModelViewSet):
    queryset = Outcome.objects.all()
    serializer_class = serializers.OutcomeSerializer
    filterset_fields = ["meeting", "kind", "mandate"]
    write_roles = (Role.SECRETARIAT,)
