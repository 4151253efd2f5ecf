"""Cooperation requests, their events, amounts, statistics and access log as the API shows them."""

from drf_spectacular.utils import extend_schema_field, extend_schema_serializer
from rest_framework import serializers

from accord.core.api.serializers import ValidatedModelSerializer
from accord.legal_cooperation.choices import AmountStage, RequestStatus
from accord.legal_cooperation.models import AccessLog, AssetAmount, CooperationRequest, RequestEvent
from accord.legal_cooperation.services import EDITABLE_FIELDS


class RequestEventSerializer(serializers.ModelSerializer):
    user = serializers.CharField(source="user.get_username", read_only=True)

    class Meta:
        model = RequestEvent
        fields = ["id", "kind", "from_status", "to_status", "note", "user", "at"]
        read_only_fields = fields


class AssetAmountSerializer(serializers.ModelSerializer):
    """Amounts travel as decimal strings ("1250000.50"), never as floats."""

    amount = serializers.DecimalField(max_digits=20, decimal_places=2, coerce_to_string=True, read_only=True)

    class Meta:
        model = AssetAmount
        fields = ["id", "stage", "amount", "currency", "on", "note", "recorded_at"]
        read_only_fields = fields


class CooperationRequestSerializer(ValidatedModelSerializer):
    url = serializers.HyperlinkedIdentityField(view_name="cooperation-request-detail")
    requesting_state = serializers.SlugRelatedField(slug_field="iso3", read_only=True)
    requested_state = serializers.SlugRelatedField(slug_field="iso3", read_only=True)
    status = serializers.ChoiceField(choices=RequestStatus.choices, read_only=True)

    class Meta:
        model = CooperationRequest
        fields = ["id", "url", *EDITABLE_FIELDS, "requesting_state", "requested_state", "status"]


class CooperationRequestDetailSerializer(CooperationRequestSerializer):
    events = RequestEventSerializer(many=True, read_only=True)
    amounts = AssetAmountSerializer(many=True, read_only=True)
    totals = serializers.SerializerMethodField()

    class Meta(CooperationRequestSerializer.Meta):
        fields = [*CooperationRequestSerializer.Meta.fields, "events", "amounts", "totals"]

    @extend_schema_field(serializers.DictField(child=serializers.DictField(child=serializers.CharField())))
    def get_totals(self, obj: CooperationRequest) -> dict[str, dict[str, str]]:
        """`{stage: {currency: "decimal string"}}`: one total per currency, never a sum across currencies."""
        return {
            stage: {currency: f"{total:.2f}" for currency, total in by_currency.items()}
            for stage, by_currency in obj.amount_totals().items()
        }


class StatusChangeSerializer(serializers.Serializer):
    status = serializers.ChoiceField(choices=RequestStatus.choices)
    note = serializers.CharField(required=False, allow_blank=True, default="")
    on = serializers.DateField(required=False, allow_null=True, default=None)


class NoteSerializer(serializers.Serializer):
    note = serializers.CharField()


class AmountInputSerializer(serializers.Serializer):
    stage = serializers.ChoiceField(choices=AmountStage.choices)
    amount = serializers.DecimalField(
        max_digits=20, decimal_places=2, help_text='A decimal string: "1250000.50".'
    )
    currency = serializers.CharField(max_length=3)
    on = serializers.DateField()
    note = serializers.CharField(required=False, allow_blank=True, default="", max_length=500)


class StatisticsCellSerializer(serializers.Serializer):
    key = serializers.CharField()
    label = serializers.CharField()
    count = serializers.IntegerField(
        allow_null=True, help_text="Null when the count is too small to publish."
    )
    display = serializers.CharField(help_text="The count, or “<5” when suppressed.")
    suppressed = serializers.BooleanField(source="is_suppressed")


@extend_schema_serializer(many=False)  # the list action answers one object of tables, not an array
class StatisticsSerializer(serializers.Serializer):
    small_count = serializers.IntegerField()
    total = StatisticsCellSerializer()
    by_kind = StatisticsCellSerializer(many=True)
    by_year = StatisticsCellSerializer(many=True)
    sent_by_state = StatisticsCellSerializer(many=True)
    received_by_state = StatisticsCellSerializer(many=True)


class AccessLogSerializer(serializers.ModelSerializer):
    """An entry names the request by its id only: reading the log reveals no case (opening one is logged)."""

    user = serializers.CharField(source="user.get_username", read_only=True)

    class Meta:
        model = AccessLog
        fields = ["id", "request", "user", "action", "at", "ip", "path"]
        read_only_fields = fields
