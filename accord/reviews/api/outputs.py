"""API of the review mechanism: observations and summaries.

Reads follow the querysets (a review's people see its observations; everyone
reads a published summary). Writes go through the services of
`accord.reviews.observations`, so the API refuses what the pages refuse, with
the same messages: 403 for who may not, 400 (`validation_error`) for what is
not valid, 404 for a review the user cannot see.
"""

from drf_spectacular.utils import extend_schema
from rest_framework import exceptions, permissions, status
from rest_framework.response import Response

from accord.core.api.viewsets import AccordModelViewSet
from accord.reviews.api.serializers import (
    ObservationSerializer,
    SummarySerializer,
)
from accord.reviews.models import CountryReview, Observation, Summary
from accord.reviews.services import add_observation, delete_observation, edit_observation, save_summary


class ServiceDecides(permissions.BasePermission):
    """Anyone reads what the queryset shows; writes need a signed-in user, and the service decides the rest."""

    def has_permission(self, request, view) -> bool:
        return request.method in permissions.SAFE_METHODS or bool(
            request.user and request.user.is_authenticated
        )


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
