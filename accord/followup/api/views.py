"""Follow-up API: visibility as on the pages; progress and assessments go through the services."""

from rest_framework import status as http_status
from rest_framework.response import Response

from accord.core.api.viewsets import AccordModelViewSet
from accord.core.roles import Role
from accord.followup import services
from accord.followup.api import serializers
from accord.followup.filtersets import RecommendationFilterSet
from accord.followup.models import Assessment, Recommendation, StatusUpdate

ANY_ROLE = tuple(Role.values)


class RecommendationViewSet(AccordModelViewSet):
    queryset = Recommendation.objects.select_related("state").prefetch_related("provisions")
    serializer_class = serializers.RecommendationSerializer
    filterset_class = RecommendationFilterSet
    ordering_fields = ["due_on", "priority", "status", "created_at"]
    write_roles = (Role.SECRETARIAT,)


class _AppendOnlyViewSet(AccordModelViewSet):
    """History resources: list, read and append; never changed or deleted (corrections are new rows)."""

    http_method_names = ["get", "post", "head", "options"]
    # Any role may try; the service says who may and why not.
    write_roles = ANY_ROLE


class StatusUpdateViewSet(_AppendOnlyViewSet):
    queryset = StatusUpdate.objects.select_related("reported_by").prefetch_related(
        "documents", "files", "assessments__assessed_by"
    )
    serializer_class = serializers.StatusUpdateSerializer
    filterset_fields = ["recommendation", "status"]
    ordering_fields = ["reported_at"]

    def create(self, request, *args, **kwargs):
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        update = services.report_progress(
            data["recommendation"],
            acting_user=request.user,
            status=data["status"],
            text=data["text"],
            documents=data.get("documents", ()),
        )
        return Response(self.get_serializer(update).data, status=http_status.HTTP_201_CREATED)


class AssessmentViewSet(_AppendOnlyViewSet):
    queryset = Assessment.objects.select_related("assessed_by")
    serializer_class = serializers.AssessmentSerializer
    filterset_fields = ["update", "status", "agrees"]
    ordering_fields = ["assessed_at"]

    def create(self, request, *args, **kwargs):
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        assessment = services.assess(
            data["update"],
            acting_user=request.user,
            status=data.get("status") or None,
            comment=data.get("comment", ""),
        )
        return Response(self.get_serializer(assessment).data, status=http_status.HTTP_201_CREATED)
