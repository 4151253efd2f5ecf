"""API of the review mechanism: mechanisms, cycles, country reviews and their workflow, comments.

Reads follow the pages' rules (querysets); writes go through the same
services as the pages, so a permission or a blocker answers 403 or 400 with
the same message.
"""

from django.core.exceptions import PermissionDenied, ValidationError
from drf_spectacular.utils import extend_schema
from rest_framework import exceptions, mixins, serializers, status
from rest_framework.decorators import action
from rest_framework.response import Response

from accord.core.api.pagination import LimitOffsetPagination
from accord.core.api.viewsets import AccordReadOnlyViewSet
from accord.core.roles import Role
from accord.instruments.models import Provision
from accord.reviews import services
from accord.reviews.choices import Phase
from accord.reviews.filtersets import CountryReviewFilterSet
from accord.reviews.models import Cluster, Comment, CountryReview, Cycle, Mechanism, PhaseRule, Transition


def service_errors(exc: Exception):
    """The API form of a service refusal."""
    if isinstance(exc, PermissionDenied):
        return exceptions.PermissionDenied(str(exc) or None)
    return exceptions.ValidationError({"detail": list(getattr(exc, "messages", [str(exc)]))})


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


class MechanismViewSet(mixins.UpdateModelMixin, AccordReadOnlyViewSet):
    """Everyone reads the rules; the secretariat edits them (no new mechanisms through the API)."""

    queryset = Mechanism.objects.prefetch_related("phase_rules", "instrument_links__instrument")
    serializer_class = MechanismSerializer
    write_roles = (Role.SECRETARIAT,)
    http_method_names = ["get", "patch", "head", "options"]


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


class CycleViewSet(AccordReadOnlyViewSet):
    queryset = Cycle.objects.select_related("mechanism").prefetch_related("clusters__provisions")
    serializer_class = CycleSerializer
    filterset_fields = ["mechanism"]


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


class CountryReviewViewSet(AccordReadOnlyViewSet):
    """Reviews a user may see: assigned, own state's, or published; the secretariat moves them."""

    queryset = CountryReview.objects.select_related("state", "cycle", "cluster")
    serializer_class = CountryReviewSerializer
    filterset_class = CountryReviewFilterSet
    ordering_fields = ["year", "due_on"]
    write_roles = (Role.SECRETARIAT,)

    @extend_schema(request=MoveRequest, responses=TransitionSerializer)
    @action(detail=True, methods=["post"])
    def move(self, request, pk=None):
        review = self.get_object()
        data = MoveRequest(data=request.data)
        data.is_valid(raise_exception=True)
        try:
            transition = services.move_review(
                review,
                data.validated_data["to_phase"],
                acting_user=request.user,
                note=data.validated_data.get("note", ""),
            )
        except (PermissionDenied, ValidationError) as exc:
            raise service_errors(exc) from exc
        return Response(TransitionSerializer(transition).data, status=status.HTTP_201_CREATED)


class TransitionViewSet(AccordReadOnlyViewSet):
    queryset = Transition.objects.select_related("by")
    serializer_class = TransitionSerializer
    filterset_fields = ["review"]


class CommentSerializer(serializers.ModelSerializer):
    author = serializers.CharField(source="author.username", read_only=True)
    provision = serializers.PrimaryKeyRelatedField(
        queryset=Provision.objects.all(), allow_null=True, required=False
    )
    review = serializers.PrimaryKeyRelatedField(queryset=CountryReview.objects.all())

    class Meta:
        model = Comment
        fields = ["id", "review", "provision", "author", "side", "text", "created_at"]
        read_only_fields = ["author", "side", "created_at"]


class CommentViewSet(mixins.CreateModelMixin, AccordReadOnlyViewSet):
    queryset = Comment.objects.select_related("author")
    serializer_class = CommentSerializer
    filterset_fields = ["review", "provision"]
    pagination_class = LimitOffsetPagination
    write_roles = tuple(Role.values)  # the service decides who may speak on which review

    def create(self, request, *args, **kwargs):
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        review = serializer.validated_data["review"]
        if not CountryReview.objects.visible_to(request.user).filter(pk=review.pk).exists():
            raise exceptions.NotFound()
        try:
            comment = services.add_comment(
                review,
                acting_user=request.user,
                text=serializer.validated_data["text"],
                provision=serializer.validated_data.get("provision"),
            )
        except (PermissionDenied, ValidationError) as exc:
            raise service_errors(exc) from exc
        return Response(self.get_serializer(comment).data, status=status.HTTP_201_CREATED)


routes = [
    ("review-mechanisms", MechanismViewSet, "review-mechanism"),
    ("review-cycles", CycleViewSet, "review-cycle"),
    ("country-reviews", CountryReviewViewSet, "country-review"),
    ("review-transitions", TransitionViewSet, "review-transition"),
    ("review-comments", CommentViewSet, "review-comment"),
]
