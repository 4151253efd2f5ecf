"""Initiatives and agreements as the API reads and writes them."""

from rest_framework import serializers

from accord.cooperation.models import (
    Agreement,
    AgreementParty,
    Initiative,
    InitiativeStep,
    InitiativeSupport,
    PlannedActivity,
)
from accord.core.api.serializers import MembersOnlyFieldsMixin, ValidatedModelSerializer
from accord.core.choices import Topic
from accord.registry.models import State


def _state_field() -> serializers.SlugRelatedField:
    return serializers.SlugRelatedField(
        slug_field="iso3", queryset=State.objects.all(), allow_null=True, required=False
    )


class InitiativeSerializer(ValidatedModelSerializer):
    url = serializers.HyperlinkedIdentityField(view_name="initiative-detail")
    title = serializers.CharField(read_only=True)
    proposer_state = _state_field()
    topics = serializers.ListField(child=serializers.ChoiceField(choices=Topic.choices), required=False)

    class Meta:
        model = Initiative
        fields = [
            "id",
            "url",
            "title",
            "title_ru",
            "title_en",
            "description_ru",
            "description_en",
            "proposer_state",
            "proposer_organization",
            "proposer_person",
            "meeting",
            "proposed_on",
            "status",
            "topics",
            "documents",
            "confidentiality",
        ]
        read_only_fields = ["status"]


class InitiativeStepSerializer(MembersOnlyFieldsMixin, ValidatedModelSerializer):
    members_only_fields = ("recorded_by",)

    class Meta:
        model = InitiativeStep
        fields = [
            "id",
            "initiative",
            "status",
            "taken_on",
            "note_ru",
            "note_en",
            "documents",
            "mandate",
            "recorded_by",
            "recorded_at",
        ]
        read_only_fields = ["recorded_by", "recorded_at"]


class InitiativeSupportSerializer(ValidatedModelSerializer):
    state = _state_field()

    class Meta:
        model = InitiativeSupport
        fields = ["id", "initiative", "state", "organization", "person", "supported_on", "meeting", "note"]


class AgreementSerializer(ValidatedModelSerializer):
    url = serializers.HyperlinkedIdentityField(view_name="agreement-detail")
    title = serializers.CharField(read_only=True)

    class Meta:
        model = Agreement
        fields = [
            "id",
            "url",
            "title",
            "kind",
            "title_ru",
            "title_en",
            "description_ru",
            "description_en",
            "status",
            "signed_on",
            "signed_place",
            "signed_at_meeting",
            "entry_into_force_on",
            "term",
            "expires_on",
            "documents",
            "confidentiality",
        ]


class AgreementPartySerializer(ValidatedModelSerializer):
    state = _state_field()

    class Meta:
        model = AgreementParty
        fields = ["id", "agreement", "state", "organization", "role"]


class PlannedActivitySerializer(ValidatedModelSerializer):
    class Meta:
        model = PlannedActivity
        fields = [
            "id",
            "agreement",
            "title_ru",
            "title_en",
            "kind",
            "start_on",
            "end_on",
            "status",
            "meeting",
            "note",
        ]
