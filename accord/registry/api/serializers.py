"""Registry resources as the API reads and writes them."""

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from accord.core.api.serializers import ValidatedModelSerializer
from accord.registry.models import Alias, Membership, Organization, Person, Post, RegionalGroup, State


class DisplayMixin(serializers.Serializer):
    """Every resource carries `display`: its name in the request's language."""

    display = serializers.SerializerMethodField()

    @extend_schema_field(serializers.CharField())
    def get_display(self, obj) -> str:
        return str(obj)


class RegionalGroupSerializer(DisplayMixin, serializers.ModelSerializer):
    class Meta:
        model = RegionalGroup
        fields = ["id", "code", "abbreviation_ru", "abbreviation_en", "name_ru", "name_en", "display"]


class StateSerializer(DisplayMixin, ValidatedModelSerializer):
    url = serializers.HyperlinkedIdentityField(view_name="state-detail")
    regional_group = serializers.SlugRelatedField(
        slug_field="code", queryset=RegionalGroup.objects.all(), allow_null=True, required=False
    )

    class Meta:
        model = State
        fields = [
            "id",
            "url",
            "display",
            "iso2",
            "iso3",
            "m49",
            "name_ru",
            "name_en",
            "official_name_ru",
            "official_name_en",
            "regional_group",
            "un_status",
        ]


class OrganizationSerializer(DisplayMixin, ValidatedModelSerializer):
    url = serializers.HyperlinkedIdentityField(view_name="organization-detail")
    state = serializers.SlugRelatedField(
        slug_field="iso3", queryset=State.objects.all(), allow_null=True, required=False
    )

    class Meta:
        model = Organization
        fields = [
            "id",
            "url",
            "display",
            "slug",
            "kind",
            "parent",
            "state",
            "name_ru",
            "name_en",
            "abbreviation_ru",
            "abbreviation_en",
            "founded_on",
            "dissolved_on",
            "website",
            "description_ru",
            "description_en",
        ]


class PersonSerializer(DisplayMixin, ValidatedModelSerializer):
    """Birth dates are personal data: not part of the public API."""

    url = serializers.HyperlinkedIdentityField(view_name="person-detail")
    added_by_state = serializers.SlugRelatedField(slug_field="iso3", read_only=True)

    class Meta:
        model = Person
        fields = [
            "id",
            "url",
            "display",
            "slug",
            "family_name_ru",
            "given_name_ru",
            "patronymic_ru",
            "family_name_en",
            "given_name_en",
            "is_public",
            "note",
            "added_by_state",
        ]


PERIOD_FIELDS = ["start_on", "start_precision", "end_on", "end_precision"]


class PostSerializer(DisplayMixin, ValidatedModelSerializer):
    url = serializers.HyperlinkedIdentityField(view_name="post-detail")

    class Meta:
        model = Post
        fields = ["id", "url", "display", "person", "organization", "title_ru", "title_en", "role", "note"]
        fields += PERIOD_FIELDS


class MembershipSerializer(DisplayMixin, ValidatedModelSerializer):
    url = serializers.HyperlinkedIdentityField(view_name="membership-detail")
    state = serializers.SlugRelatedField(
        slug_field="iso3", queryset=State.objects.all(), allow_null=True, required=False
    )

    class Meta:
        model = Membership
        fields = ["id", "url", "display", "body", "state", "organization", "role", "note", *PERIOD_FIELDS]


class AliasSerializer(DisplayMixin, ValidatedModelSerializer):
    url = serializers.HyperlinkedIdentityField(view_name="alias-detail")

    class Meta:
        model = Alias
        fields = ["id", "url", "display", "text", "language", "kind", "state", "organization", "person"]
