"""API of the review mechanism: mechanisms, cycles, country reviews and their workflow, comments.

Reads follow the pages' rules (querysets); writes go through the same
services as the pages, whose refusals the project's error handler turns into
403 or 400 with the same message.
"""

from drf_spectacular.utils import extend_schema
from rest_framework import exceptions, mixins, status
from rest_framework.decorators import action
from rest_framework.response import Response

from accord.core.api.pagination import LimitOffsetPagination
from accord.core.api.viewsets import AccordReadOnlyViewSet
from accord.core.roles import Role
from accord.reviews import services
from accord.reviews.api.serializers import (
    CommentSerializer,
    CountryReviewSerializer,
    CycleSerializer,
    MechanismSerializer,
    MoveRequest,
    TransitionSerializer,
)
from accord.reviews.filtersets import CountryReviewFilterSet
from accord.reviews.models import Comment, CountryReview, Cycle, Mechanism, Transition


class MechanismViewSet(mixins.UpdateModelMixin, AccordReadOnlyViewSet):
    """Everyone reads the rules; the secretariat edits them (no new mechanisms through the API)."""

    queryset = Mechanism.objects.prefetch_related("phase_rules", "instrument_links__instrument")
    serializer_class = MechanismSerializer
    write_roles = (Role.SECRETARIAT,)
    http_method_names = ["get", "patch", "head", "options"]

    def perform_update(self, serializer) -> None:
        serializer.instance = services.update_mechanism(
            serializer.instance, acting_user=self.request.user, **serializer.validated_data
        )


class CycleViewSet(AccordReadOnlyViewSet):
    queryset = Cycle.objects.select_related("mechanism").prefetch_related("clusters__provisions")
    serializer_class = CycleSerializer
    filterset_fields = ["mechanism"]


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
        transition = services.move_review(
            review,
            data.validated_data["to_phase"],
            acting_user=request.user,
            note=data.validated_data.get("note", ""),
        )
        return Response(TransitionSerializer(transition).data, status=status.HTTP_201_CREATED)


class TransitionViewSet(AccordReadOnlyViewSet):
    queryset = Transition.objects.select_related("by")
    serializer_class = TransitionSerializer
    filterset_fields = ["review"]


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
        comment = services.add_comment(
            review,
            acting_user=request.user,
            text=serializer.validated_data["text"],
            provision=serializer.validated_data.get("provision"),
        )
        return Response(self.get_serializer(comment).data, status=status.HTTP_201_CREATED)


routes = [
    ("review-mechanisms", MechanismViewSet, "review-mechanism"),
    ("review-cycles", CycleViewSet, "review-cycle"),
    ("country-reviews", CountryReviewViewSet, "country-review"),
    ("review-transitions", TransitionViewSet, "review-transition"),
    ("review-comments", CommentViewSet, "review-comment"),
]
