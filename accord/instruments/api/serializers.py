"""Instruments, provisions, parties and mandates as the API reads and writes them."""

from rest_framework import serializers

from accord.core.api.serializers import ValidatedModelSerializer
from accord.instruments.models import Instrument, Mandate, Party, Provision
from accord.registry.models import Organization, State


class InstrumentSerializer(ValidatedModelSerializer):
    url = serializers.HyperlinkedIdentityField(view_name="instrument-detail")
    parent = serializers.SlugRelatedField(
        slug_field="slug", queryset=Instrument.objects.all(), allow_null=True, required=False
    )

    class Meta:
        model = Instrument
        fields = [
            "id",
            "url",
            "slug",
            "kind",
            "name_ru",
            "name_en",
            "abbreviation_ru",
            "abbreviation_en",
            "parent",
            "organization",
            "adopted_on",
            "opened_for_signature_on",
            "entry_into_force_on",
            "depositary_ru",
            "depositary_en",
            "official_url",
            "description_ru",
            "description_en",
            "establishes",
        ]
        extra_kwargs = {"establishes": {"queryset": Organization.objects.all(), "required": False}}


class ProvisionSerializer(ValidatedModelSerializer):
    url = serializers.HyperlinkedIdentityField(view_name="provision-detail")
    instrument = serializers.SlugRelatedField(slug_field="slug", queryset=Instrument.objects.all())

    class Meta:
        model = Provision
        fields = [
            "id",
            "url",
            "instrument",
            "parent",
            "kind",
            "number",
            "title_ru",
            "title_en",
            "text_ru",
            "text_en",
            "position",
        ]


class PartySerializer(ValidatedModelSerializer):
    url = serializers.HyperlinkedIdentityField(view_name="party-detail")
    instrument = serializers.SlugRelatedField(slug_field="slug", queryset=Instrument.objects.all())
    state = serializers.SlugRelatedField(slug_field="iso3", queryset=State.objects.all())

    class Meta:
        model = Party
        fields = [
            "id",
            "url",
            "instrument",
            "state",
            "status",
            "signed_on",
            "consent",
            "consent_on",
            "entry_into_force_on",
            "withdrawn_on",
            "note",
        ]


class MandateSerializer(ValidatedModelSerializer):
    url = serializers.HyperlinkedIdentityField(view_name="mandate-detail")
    instruments = serializers.SlugRelatedField(
        slug_field="slug", queryset=Instrument.objects.all(), many=True, required=False
    )

    class Meta:
        model = Mandate
        fields = [
            "id",
            "url",
            "kind",
            "number",
            "body",
            "session_number",
            "adopted_on",
            "title_ru",
            "title_en",
            "summary_ru",
            "summary_en",
            "symbol",
            "establishes",
            "instruments",
        ]
        extra_kwargs = {"establishes": {"required": False}}
