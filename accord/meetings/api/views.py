"""Meetings API: confidentiality decides who reads, the secretariat writes through the meetings services."""

from accord.core.api.concurrency import versioned_schema
from accord.core.api.viewsets import ServiceModelViewSet
from accord.core.roles import Role
from accord.meetings import services
from accord.meetings.api import serializers
from accord.meetings.filtersets import MeetingFilterSet
from accord.meetings.models import AgendaItem, Meeting, Outcome, Participation


@versioned_schema(serializers.MeetingSerializer)
class MeetingViewSet(ServiceModelViewSet):
    """Meetings; PUT and PATCH with a `version` that is no longer current answer 409 `edit_conflict`."""

    queryset = Meeting.objects.select_related("body", "country")
    serializer_class = serializers.MeetingSerializer
    filterset_class = MeetingFilterSet
    ordering_fields = ["start_on", "end_on", "ordinal"]
    write_roles = (Role.SECRETARIAT,)
    create_service = services.create_meeting
    update_service = services.update_meeting
    delete_service = services.delete_meeting


class MeetingPartViewSet(ServiceModelViewSet):
    write_roles = (Role.SECRETARIAT,)
    update_service = services.update_meeting_part
    delete_service = services.remove_meeting_part


class AgendaItemViewSet(MeetingPartViewSet):
    """Agenda items; a new item goes last on its agenda whatever `position` is sent, an update may move it."""

    queryset = AgendaItem.objects.all()
    serializer_class = serializers.AgendaItemSerializer
    filterset_fields = ["meeting"]
    ordering_fields = ["position", "number"]
    create_service = services.add_agenda_item


class ParticipationViewSet(MeetingPartViewSet):
    queryset = Participation.objects.select_related("state")
    serializer_class = serializers.ParticipationSerializer
    filterset_fields = ["meeting", "organization", "person", "role", "mode"]
    create_service = services.add_participation


class OutcomeViewSet(MeetingPartViewSet):
    queryset = Outcome.objects.all()
    serializer_class = serializers.OutcomeSerializer
    filterset_fields = ["meeting", "kind", "mandate"]
    create_service = services.add_outcome
