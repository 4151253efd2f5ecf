"""Serializers of the review mechanism's API: what each resource reads and what each action takes.

The viewsets (`reviews`, `draws`, `questionnaires`, `outputs`) parse with
these, check visibility and call `accord.reviews.services`; a refusal is raised
and shaped by the project's error handler (`accord.core.api.errors`).
"""

from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema_field, inline_serializer
from rest_framework import serializers

from accord.core.api.schema import ErrorSerializer
from accord.instruments.models import Provision
from accord.reviews import draws, outputs
from accord.reviews.choices import Implementation, Phase
from accord.reviews.models import (
    Cluster,
    Comment,
    CountryReview,
    Cycle,
    Draw,
    Mechanism,
    Observation,
    PhaseRule,
    Question,
    Response,
    ResponseVersion,
    Summary,
    Transition,
)
from accord.reviews.questionnaires import SaveOutcome


class PhaseRuleSerializer(serializers.ModelSerializer):
    class Meta:
        model = PhaseRule
        fields = ["phase", "duration", "unit", "description_ru", "description_en", "verified", "source"]


class MechanismSerializer(serializers.ModelSerializer):
    instruments = serializers.SerializerMethodField()
    phase_rules = PhaseRuleSerializer(many=True, read_only=True)

    class Meta:
        model = Mechanism
        fields = [
            "id",
            "slug",
            "name_ru",
            "name_en",
            "abbreviation_ru",
            "abbreviation_en",
            "governing_body",
            "mandate",
            "instruments",
            *Mechanism.RULE_FIELDS,
            "unverified_rules",
            "phase_rules",
        ]
        read_only_fields = ["slug", "governing_body", "mandate"]

    def get_instruments(self, mechanism) -> list[str]:
        return [link.instrument.slug for link in mechanism.instrument_links.all()]

    def validate(self, attrs):
        instance = self.instance
        for key, value in attrs.items():
            setattr(instance, key, value)
        try:
            instance.full_clean()
        except ValidationError as exc:
            raise serializers.ValidationError(serializers.as_serializer_error(exc)) from exc
        return attrs


class ClusterSerializer(serializers.ModelSerializer):
    provisions = serializers.PrimaryKeyRelatedField(many=True, read_only=True)

    class Meta:
        model = Cluster
        fields = ["id", "number", "name_ru", "name_en", "starts_on", "ends_on", "provisions"]


class CycleSerializer(serializers.ModelSerializer):
    clusters = ClusterSerializer(many=True, read_only=True)
    years = serializers.ListField(child=serializers.IntegerField(), read_only=True)

    class Meta:
        model = Cycle
        fields = [
            "id",
            "mechanism",
            "number",
            "name_ru",
            "name_en",
            "starts_on",
            "ends_on",
            "first_year",
            "years",
            "clusters",
        ]


class ReviewerSerializer(serializers.Serializer):
    state = serializers.CharField(source="state.iso3")
    instrument = serializers.CharField(source="instrument.slug")
    same_group = serializers.BooleanField()
    draw = serializers.IntegerField(source="draw_id")


class CountryReviewSerializer(serializers.ModelSerializer):
    state = serializers.CharField(source="state.iso3", read_only=True)
    reviewers = serializers.SerializerMethodField()
    is_overdue = serializers.BooleanField(read_only=True)
    days_to_deadline = serializers.IntegerField(read_only=True, allow_null=True)

    class Meta:
        model = CountryReview
        fields = [
            "id",
            "cycle",
            "cluster",
            "state",
            "year",
            "phase",
            "phase_started_on",
            "due_on",
            "is_overdue",
            "days_to_deadline",
            "dialogue_format",
            "dialogue_meeting",
            "questionnaire_submitted_at",
            "reviewers",
        ]
        read_only_fields = fields

    def get_reviewers(self, review) -> list[dict]:
        return ReviewerSerializer(
            review.active_reviewers().select_related("state", "instrument"), many=True
        ).data


class TransitionSerializer(serializers.ModelSerializer):
    by = serializers.CharField(source="by.username", read_only=True)

    class Meta:
        model = Transition
        fields = ["id", "review", "from_phase", "to_phase", "at", "by", "due_on", "note"]


class MoveRequest(serializers.Serializer):
    to_phase = serializers.ChoiceField(choices=Phase.choices)
    note = serializers.CharField(required=False, allow_blank=True)


class VisibleReviewMixin:
    """`review` offers only the reviews the requesting user may open: a hidden review's id reads as unknown
    (400, as for an id that does not exist), so posting to it does not confirm that the review exists."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        request = self.context.get("request")
        if request is not None and "review" in self.fields:
            self.fields["review"].queryset = CountryReview.objects.visible_to(request.user)


class CommentSerializer(VisibleReviewMixin, serializers.ModelSerializer):
    author = serializers.CharField(source="author.username", read_only=True)
    provision = serializers.PrimaryKeyRelatedField(
        queryset=Provision.objects.all(), allow_null=True, required=False
    )
    review = serializers.PrimaryKeyRelatedField(queryset=CountryReview.objects.all())

    class Meta:
        model = Comment
        fields = ["id", "review", "provision", "author", "side", "text", "created_at"]
        read_only_fields = ["author", "side", "created_at"]


class DrawSerializer(serializers.ModelSerializer):
    performed_by = serializers.CharField(source="performed_by.username", read_only=True)
    input = serializers.JSONField(read_only=True)
    result = serializers.JSONField(read_only=True)

    class Meta:
        model = Draw
        fields = [
            "id",
            "cycle",
            "kind",
            "year",
            "seed",
            "review",
            "exceptional",
            "reason",
            "performed_by",
            "created_at",
            "input",
            "result",
        ]
        read_only_fields = fields


class SelectionRequestSerializer(serializers.Serializer):
    cycle = serializers.PrimaryKeyRelatedField(queryset=Cycle.objects.select_related("mechanism"))
    seed = serializers.CharField(required=False, allow_blank=True, max_length=draws.SEED_LENGTH)
    late = serializers.BooleanField(
        required=False,
        default=False,
        help_text=_("Put the parties not yet selected into the year after the last."),
    )


class ReviewersRequestSerializer(serializers.Serializer):
    cycle = serializers.PrimaryKeyRelatedField(queryset=Cycle.objects.select_related("mechanism"))
    year = serializers.IntegerField()
    seed = serializers.CharField(required=False, allow_blank=True, max_length=draws.SEED_LENGTH)


class RedrawRequestSerializer(serializers.Serializer):
    review = serializers.PrimaryKeyRelatedField(queryset=CountryReview.objects.all())
    exceptional = serializers.BooleanField(required=False, default=False)
    reason = serializers.CharField(required=False, allow_blank=True, default="")
    seed = serializers.CharField(required=False, allow_blank=True, max_length=draws.SEED_LENGTH)


class DrawImpossibleSerializer(ErrorSerializer):
    """The API's error shape; `draw_impossible` adds the rule that cannot be met."""

    rule = serializers.CharField(
        required=False,
        help_text=_(
            "With draw_impossible: the rule that cannot be met, e.g. same_group, load_cap, redraw_limit."
        ),
    )

    class Meta:
        ref_name = "DrawImpossible"


class VerificationSerializer(serializers.Serializer):
    draw = serializers.IntegerField()
    same = serializers.BooleanField(help_text=_("Re-running the stored input gives the stored result."))
    ok = serializers.BooleanField(help_text=_("Same result, and the records agree with it."))
    differences = serializers.ListField(child=serializers.CharField())
    record_differences = serializers.ListField(child=serializers.CharField())
    error = serializers.CharField(allow_blank=True)


class QuestionSerializer(serializers.ModelSerializer):
    provision_label = serializers.CharField(source="provision.label", read_only=True)
    text = serializers.CharField(read_only=True)

    class Meta:
        model = Question
        fields = [
            "id",
            "cluster",
            "provision",
            "provision_label",
            "kind",
            "position",
            "text",
            "text_ru",
            "text_en",
            "required",
        ]
        read_only_fields = fields


class ResponseVersionSerializer(serializers.ModelSerializer):
    author = serializers.CharField(source="author.username", read_only=True)

    class Meta:
        model = ResponseVersion
        fields = ["number", "based_on", "status", "implementation", "text", "author", "created_at", "source"]
        read_only_fields = fields


class ResponseSerializer(serializers.ModelSerializer):
    current = serializers.SerializerMethodField()
    versions = ResponseVersionSerializer(many=True, read_only=True)

    class Meta:
        model = Response
        fields = ["id", "review", "question", "version", "current", "versions", "updated_at"]
        read_only_fields = fields

    @extend_schema_field(ResponseVersionSerializer(allow_null=True))
    def get_current(self, response) -> dict | None:
        # From the prefetched versions: no query per answer.
        current = next((v for v in response.versions.all() if v.number == response.version), None)
        return ResponseVersionSerializer(current).data if current is not None else None


class SaveAnswerSerializer(serializers.Serializer):
    review = serializers.IntegerField()
    question = serializers.IntegerField()
    implementation = serializers.ChoiceField(choices=Implementation.choices, required=False, allow_blank=True)
    text = serializers.CharField(required=False, allow_blank=True, trim_whitespace=False)
    based_on = serializers.IntegerField(
        min_value=0, help_text="The version of the answer the client last saw (0: none)."
    )


class QuestionnaireReviewSerializer(serializers.Serializer):
    review = serializers.IntegerField()


SavedAnswer = inline_serializer(
    "SavedAnswer",
    {
        "outcome": serializers.ChoiceField(
            choices=[SaveOutcome.CREATED, SaveOutcome.CHANGED, SaveOutcome.UNCHANGED]
        ),
        "response": ResponseSerializer(),
    },
)


AnswerConflict = inline_serializer(
    "AnswerConflict",
    {
        "code": serializers.CharField(),
        "detail": serializers.CharField(),
        "fields": serializers.DictField(),
        "current": ResponseVersionSerializer(),
        "refused": ResponseVersionSerializer(),
    },
)


Submitted = inline_serializer(
    "QuestionnaireSubmitted",
    {
        "review": serializers.IntegerField(),
        "phase": serializers.ChoiceField(choices=Phase.choices),
        "questionnaire_submitted_at": serializers.DateTimeField(),
    },
)


Progress = inline_serializer(
    "QuestionnaireProgress",
    {
        "review": serializers.IntegerField(),
        "answered": serializers.IntegerField(),
        "required": serializers.IntegerField(),
        "missing": serializers.ListField(child=serializers.IntegerField()),
        "submitted_at": serializers.DateTimeField(allow_null=True),
    },
)


class _ReviewChildSerializer(VisibleReviewMixin, serializers.ModelSerializer):
    review = serializers.PrimaryKeyRelatedField(queryset=CountryReview.objects.all())

    def validate_review(self, review: CountryReview) -> CountryReview:
        if self.instance is not None and review.pk != self.instance.review_id:
            raise serializers.ValidationError(_("A record stays with its review."))
        return review


class ObservationSerializer(_ReviewChildSerializer):
    provision = serializers.PrimaryKeyRelatedField(queryset=Provision.objects.all())
    provision_label = serializers.CharField(source="provision.label", read_only=True)
    text = serializers.CharField(read_only=True)
    author = serializers.CharField(source="author.username", read_only=True)

    class Meta:
        model = Observation
        fields = [
            "id",
            "review",
            "provision",
            "provision_label",
            "kind",
            "text_ru",
            "text_en",
            "text",
            "author",
            "created_at",
            "updated_at",
        ]
        read_only_fields = ["created_at", "updated_at"]


class SummarySerializer(_ReviewChildSerializer):
    text = serializers.CharField(read_only=True)
    is_published = serializers.BooleanField(read_only=True)
    downloads = serializers.SerializerMethodField()

    class Meta:
        model = Summary
        fields = ["id", "review", "text_ru", "text_en", "text", "published_at", "is_published", "downloads"]
        read_only_fields = ["published_at"]

    def get_downloads(self, summary: Summary) -> dict[str, dict[str, str]]:
        """The summary's documents: language → format → address."""
        request = self.context.get("request")
        links: dict[str, dict[str, str]] = {}
        for language in outputs.languages():
            for fmt in outputs.FORMATS:
                url = reverse(
                    "reviews:review_output", args=[summary.review_id, outputs.SUMMARY, language, fmt]
                )
                links.setdefault(language, {})[fmt] = request.build_absolute_uri(url) if request else url
        return links
