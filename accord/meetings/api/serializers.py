"""Meetings and their parts as the API reads and writes them."""

from rest_framework import serializers

from accord.core.api.concurrency import VersionedSerializerMixin
from accord.core.api.serializers import ValidatedModelSerializer
from accord.meetings.models import AgendaItem, Meeting, Outcome, Participation
from accord.registry.models import State


class MeetingSerializer(VersionedSerializerMixin, ValidatedModelSerializer):
    url = serializers.HyperlinkedIdentityField(view_name="meeting-detail")
    country = serializers.SlugRelatedField(
        slug_field="iso3", queryset=State.objects.all(), allow_null=True, required=False
    )
    title = serializers.CharField(read_only=True)

    class Meta:
        model = Meeting
        fields = [
            "id",
            "url",
            "title",
            "kind",
            "body",
            "ordinal",
            "title_ru",
            "title_en",
            "start_on",
            "end_on",
            "city_ru",
            "city_en",
            "country",
            "format",
            "status",
            "parent",
            "confidentiality",
            "description_ru",
            "description_en",
            "version",
        ]


class AgendaItemSerializer(ValidatedModelSerializer):
    class Meta:
        model = AgendaItem
        fields = ["id", "meeting", "number", "title_ru", "title_en", "starts_at", "ends_at", "position"]
        extra_kwargs = {
            "position": {
                "required": False,
                "help_text": (
                    "A new item goes last on its agenda whatever position is sent (the rule of the "
                    "meetings service, as on the meeting page); send it on update to move the item to "
                    "that place (1 = first): the service renumbers the agenda 1…n."
                ),
            }
        }


class ParticipationSerializer(ValidatedModelSerializer):
    state = serializers.SlugRelatedField(
        slug_field="iso3", queryset=State.objects.all(), allow_null=True, required=False
    )

    class Meta:
        model = Participation
        fields = ["id", "meeting", "state", "organization", "person", "role", "mode", "note"]


class OutcomeSerializer(ValidatedModelSerializer):
    class Meta:
        model = Outcome
        fields = [
            "id",
            "meeting",
            "agenda_item",
            "kind",
            "mandate",
            "elected",
            "description_ru",
            "description_en",
        ]
