"""Registrations, delegations and delegates as the API reads and writes them; contacts only for those who may see them."""

from rest_framework import serializers

from accord.core.api.serializers import ValidatedModelSerializer
from accord.delegations.choices import Credentials
from accord.delegations.models import Delegate, Delegation, Registration
from accord.delegations.services import can_manage
from accord.registry.models import State


class RegistrationSerializer(ValidatedModelSerializer):
    url = serializers.HyperlinkedIdentityField(view_name="registration-detail")
    categories = serializers.ListField(child=serializers.CharField(), allow_empty=False)

    class Meta:
        model = Registration
        fields = [
            "id",
            "url",
            "meeting",
            "categories",
            "cap_in_person",
            "cap_online",
            "deadline_on",
            "requires_note_verbale",
            "requires_credentials",
            "is_open",
            "is_list_published",
            "is_list_final",
            "opened_at",
        ]
        read_only_fields = ["is_list_published", "is_list_final", "opened_at"]


class DelegationSerializer(ValidatedModelSerializer):
    url = serializers.HyperlinkedIdentityField(view_name="delegation-detail")
    state = serializers.SlugRelatedField(
        slug_field="iso3", queryset=State.objects.all(), allow_null=True, required=False
    )
    display = serializers.CharField(source="__str__", read_only=True)

    class Meta:
        model = Delegation
        fields = [
            "id",
            "url",
            "display",
            "registration",
            "state",
            "organization",
            "category",
            "credentials",
            "credentials_note",
            "credentials_recorded_at",
        ]
        read_only_fields = ["credentials", "credentials_note", "credentials_recorded_at"]


CONTACT_FIELDS = ("email", "phone")


class DelegateSerializer(ValidatedModelSerializer):
    url = serializers.HyperlinkedIdentityField(view_name="delegate-detail")
    name = serializers.CharField(read_only=True)

    class Meta:
        model = Delegate
        fields = [
            "id",
            "url",
            "name",
            "delegation",
            "person",
            "family_name_ru",
            "given_name_ru",
            "family_name_en",
            "given_name_en",
            "position_ru",
            "position_en",
            "function",
            "mode",
            "email",
            "phone",
            "status",
            "reason",
            "is_late",
            "is_withdrawal_requested",
        ]
        read_only_fields = ["status", "reason", "is_late", "is_withdrawal_requested"]

    def to_representation(self, instance: Delegate) -> dict:
        """Contacts go to the secretariat and the delegation's own focal point only."""
        data = super().to_representation(instance)
        request = self.context.get("request")
        if request is None or not can_manage(request.user, instance.delegation):
            for field in CONTACT_FIELDS:
                data.pop(field, None)
        return data


class ReasonSerializer(serializers.Serializer):
    reason = serializers.CharField(max_length=1000, required=False, allow_blank=True, default="")


class CredentialsSerializer(serializers.Serializer):
    credentials = serializers.ChoiceField(choices=Credentials.choices)
    note = serializers.CharField(max_length=500, required=False, allow_blank=True, default="")


class FlagSerializer(serializers.Serializer):
    value = serializers.BooleanField(default=True)
