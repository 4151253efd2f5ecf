"""Registrations, delegations and delegates as the API reads and writes them; contacts only for those who may see them."""

from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers
from rest_framework.reverse import reverse

from accord.core.api.serializers import ValidatedModelSerializer
from accord.delegations.choices import Credentials
from accord.delegations.models import Delegate, Delegation, Letter, Registration
from accord.delegations.services import can_manage, check_manage
from accord.registry.models import Person, State


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


def _restrict(serializer: serializers.Serializer, field: str, queryset_of) -> None:
    """Narrow a writable relation to the rows the requesting user may choose: a row outside reads as unknown,
    so an id sent by hand neither attaches a hidden record nor confirms that it exists."""
    request = serializer.context.get("request")
    if request is not None and field in serializer.fields:
        serializer.fields[field].queryset = queryset_of(request.user)


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
        # DRF's validators for the unique constraints would require `state` and `organization` both, though
        # a delegation has one; `full_clean()` (the model's rules) judges uniqueness instead.
        validators: list = []

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _restrict(self, "registration", Registration.objects.visible_to)

    def validate(self, attrs: dict) -> dict:
        request = self.context.get("request")
        if request is not None and self.instance is None:
            # Whose delegation it is, before the model's rules: "… is already registered" must not tell a
            # focal point or contact whether another state or organization has registered.
            sender = {key: attrs.get(key) for key in ("registration", "state", "organization")}
            check_manage(request.user, Delegation(**sender))
        return super().validate(attrs)


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

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _restrict(self, "person", Person.objects.nominable_by)
        _restrict(self, "delegation", Delegation.objects.editable_by)

    def to_representation(self, instance: Delegate) -> dict:
        """Contacts go to the secretariat and the delegation's own focal point or contact only."""
        data = super().to_representation(instance)
        request = self.context.get("request")
        if request is None or not can_manage(request.user, instance.delegation):
            for field in CONTACT_FIELDS:
                data.pop(field, None)
        return data


class LetterSerializer(serializers.ModelSerializer):
    """A delegation's letter: uploaded as a multipart `file`, read as its metadata and a `download` address.

    Only the secretariat and the delegation's own focal point or contact see it
    (`Letter.objects.visible_to`); the upload service checks the type and size.
    """

    url = serializers.HyperlinkedIdentityField(view_name="letter-detail")
    file = serializers.FileField(
        write_only=True, help_text=_("PDF, Word, OpenDocument or a scan (JPEG, PNG).")
    )
    download = serializers.SerializerMethodField()

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _restrict(self, "delegation", Delegation.objects.editable_by)

    class Meta:
        model = Letter
        fields = ["id", "url", "delegation", "kind", "file", "name", "download", "uploaded_by", "created_at"]
        read_only_fields = ["name", "uploaded_by", "created_at"]

    @extend_schema_field(OpenApiTypes.URI)
    def get_download(self, letter: Letter) -> str:
        return reverse("letter-download", args=[letter.pk], request=self.context.get("request"))


class ReasonSerializer(serializers.Serializer):
    reason = serializers.CharField(max_length=1000, required=False, allow_blank=True, default="")


class CredentialsSerializer(serializers.Serializer):
    credentials = serializers.ChoiceField(choices=Credentials.choices)
    note = serializers.CharField(max_length=500, required=False, allow_blank=True, default="")


class FlagSerializer(serializers.Serializer):
    value = serializers.BooleanField(default=True)
