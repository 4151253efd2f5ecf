"""API of the review mechanism: observations and summaries.

Reads follow the querysets (a review's people see its observations; everyone
reads a published summary). Writes go through the services of
`accord.reviews.observations`, so the API refuses what the pages refuse, with
the same messages: 403 for who may not, 400 (`validation_error`) for what is
not valid, 404 for a review the user cannot see.
"""

from django.urls import reverse
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema
from rest_framework import exceptions, permissions, serializers, status
from rest_framework.response import Response

from accord.core.api.viewsets import AccordModelViewSet
from accord.instruments.models import Provision
from accord.reviews import outputs
from accord.reviews.models import CountryReview, Observation, Summary
from accord.reviews.services import add_observation, delete_observation, edit_observation, save_summary


class ServiceDecides(permissions.BasePermission):
    """Anyone reads what the queryset shows; writes need a signed-in user, and the service decides the rest."""

    def has_permission(self, request, view) -> bool:
        return request.method in permissions.SAFE_METHODS or bool(
            request.user and request.user.is_authenticated
        )


class _ReviewChildSerializer(serializers.ModelSerializer):
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


def _check_visible(user, review: CountryReview) -> None:
    if not CountryReview.objects.visible_to(user).filter(pk=review.pk).exists():
        raise exceptions.NotFound()


class ObservationViewSet(AccordModelViewSet):
    """What the reviewers observe on each provision; filter by `review`, `kind`, `provision`."""

    queryset = Observation.objects.select_related("provision", "author")
    serializer_class = ObservationSerializer
    permission_classes = [ServiceDecides]
    filterset_fields = ["review", "kind", "provision"]
    ordering_fields = ["id", "created_at", "updated_at"]

    def perform_create(self, serializer) -> None:
        data = serializer.validated_data
        _check_visible(self.request.user, data["review"])
        serializer.instance = add_observation(
            data["review"],
            acting_user=self.request.user,
            provision=data["provision"],
            kind=data["kind"],
            text_ru=data.get("text_ru", ""),
            text_en=data.get("text_en", ""),
        )

    def perform_update(self, serializer) -> None:
        data = serializer.validated_data
        serializer.instance = edit_observation(
            serializer.instance,
            acting_user=self.request.user,
            provision=data.get("provision"),
            kind=data.get("kind"),
            text_ru=data.get("text_ru"),
            text_en=data.get("text_en"),
        )

    def perform_destroy(self, instance) -> None:
        delete_observation(instance, acting_user=self.request.user)


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


class SummaryViewSet(AccordModelViewSet):
    """Executive summaries: public once published; written by the review's reviewers and the secretariat."""

    queryset = Summary.objects.select_related("review")
    serializer_class = SummarySerializer
    permission_classes = [ServiceDecides]
    filterset_fields = ["review"]
    ordering_fields = ["id", "published_at"]
    http_method_names = ["get", "post", "patch", "head", "options"]

    @extend_schema(responses={200: SummarySerializer, 201: SummarySerializer})
    def create(self, request, *args, **kwargs):
        """Write the review's summary (creating it if needed); 201 when it is new."""
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        review = data["review"]
        _check_visible(request.user, review)
        existed = Summary.objects.filter(review=review).exists()
        summary = save_summary(
            review, acting_user=request.user, text_ru=data.get("text_ru", ""), text_en=data.get("text_en", "")
        )
        return Response(
            self.get_serializer(summary).data,
            status=status.HTTP_200_OK if existed else status.HTTP_201_CREATED,
        )

    def perform_update(self, serializer) -> None:
        summary, data = serializer.instance, serializer.validated_data
        serializer.instance = save_summary(
            summary.review,
            acting_user=self.request.user,
            text_ru=data.get("text_ru", summary.text_ru),
            text_en=data.get("text_en", summary.text_en),
        )


routes = [
    ("observations", ObservationViewSet, "observation"),
    ("summaries", SummaryViewSet, "summary"),
]
