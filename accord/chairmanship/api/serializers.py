"""Programmes, their items, the year report and a user's deadlines as the API shows them."""

from rest_framework import serializers

from accord.chairmanship.models import Programme, ProgrammeItem
from accord.core.api.serializers import ValidatedModelSerializer


class ProgrammeSerializer(ValidatedModelSerializer):
    url = serializers.HyperlinkedIdentityField(view_name="programme-detail")
    title = serializers.CharField(read_only=True)

    class Meta:
        model = Programme
        fields = ["id", "url", "title", "body", "year", "title_ru", "title_en", "note_ru", "note_en"]


class ProgrammeItemSerializer(ValidatedModelSerializer):
    url = serializers.HyperlinkedIdentityField(view_name="programme-item-detail")
    title = serializers.CharField(read_only=True)

    class Meta:
        model = ProgrammeItem
        fields = [
            "id",
            "url",
            "title",
            "programme",
            "title_ru",
            "title_en",
            "kind",
            "planned_on",
            "planned_precision",
            "status",
            "meeting",
            "position",
            "note_ru",
            "note_en",
        ]


class ReportCountSerializer(serializers.Serializer):
    value = serializers.CharField()
    label = serializers.CharField()
    count = serializers.IntegerField()


class ReportRefSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    display = serializers.CharField()


class ReportChairSerializer(ReportRefSerializer):
    state = serializers.CharField(allow_null=True, help_text="ISO alpha-3 code of the chairing state.")


class ChairmanshipReportSerializer(serializers.Serializer):
    """The results of a chairmanship year, counted from meetings, mandates, instruments and the programme."""

    body = ReportRefSerializer()
    year = serializers.IntegerField()
    chairs = ReportChairSerializer(many=True)
    co_chairs = ReportChairSerializer(many=True)
    programme = serializers.IntegerField(allow_null=True)
    meetings = serializers.IntegerField()
    meetings_by_kind = ReportCountSerializer(many=True)
    meetings_by_format = ReportCountSerializer(many=True)
    decisions = serializers.IntegerField()
    instruments = ReportRefSerializer(many=True)
    programme_items_planned = serializers.IntegerField()
    programme_items_held = serializers.IntegerField()
    programme_items_by_status = ReportCountSerializer(many=True)


class DeadlineSerializer(serializers.Serializer):
    key = serializers.CharField()
    title = serializers.CharField()
    kind = serializers.CharField()
    due_on = serializers.DateField()
    url = serializers.CharField()
    days_left = serializers.IntegerField()
    is_overdue = serializers.BooleanField()
