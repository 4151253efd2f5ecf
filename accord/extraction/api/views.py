"""Extraction API: mentions for whoever reads the document; the queue and its decisions for the secretariat."""

from drf_spectacular.utils import extend_schema
from rest_framework.decorators import action
from rest_framework.response import Response

from accord.core.api.pagination import CursorPagination
from accord.core.api.viewsets import AccordReadOnlyViewSet
from accord.core.roles import Role
from accord.extraction.api import serializers
from accord.extraction.filtersets import MentionFilterSet, SuggestionFilterSet
from accord.extraction.models import Mention, Suggestion
from accord.extraction.services import accept_suggestion, reject_suggestion
from accord.extraction.standing import annotate


class MentionViewSet(AccordReadOnlyViewSet):
    queryset = Mention.objects.select_related("state", "person")
    serializer_class = serializers.MentionSerializer
    filterset_class = MentionFilterSet
    pagination_class = CursorPagination
    ordering_fields = ["id"]


class SuggestionViewSet(AccordReadOnlyViewSet):
    """The curation queue: only the secretariat sees it (others get an empty list and 404s)."""

    queryset = Suggestion.objects.select_related("decided_by")
    serializer_class = serializers.SuggestionSerializer
    filterset_class = SuggestionFilterSet
    ordering_fields = ["confidence", "created_at", "id"]
    write_roles = (Role.SECRETARIAT,)

    def paginate_queryset(self, queryset):
        page = super().paginate_queryset(queryset)
        if page is not None:
            annotate(page)  # standings of the whole page in a fixed number of queries
        return page

    @extend_schema(request=serializers.AcceptSerializer, responses=serializers.SuggestionSerializer)
    @action(detail=True, methods=["post"])
    def accept(self, request, pk=None):
        """Accept, with optional corrections: creates or updates the records and links the evidence."""
        suggestion = self.get_object()
        body = serializers.AcceptSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        accepted = accept_suggestion(
            suggestion, acting_user=request.user, changes=body.validated_data.get("changes")
        )
        return Response(self.get_serializer(self.get_queryset().get(pk=accepted.pk)).data)

    @extend_schema(request=serializers.RejectSerializer, responses=serializers.SuggestionSerializer)
    @action(detail=True, methods=["post"])
    def reject(self, request, pk=None):
        """Reject; extraction will not propose it again for this document."""
        suggestion = self.get_object()
        body = serializers.RejectSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        rejected = reject_suggestion(
            suggestion, acting_user=request.user, note=body.validated_data.get("note", "")
        )
        return Response(self.get_serializer(self.get_queryset().get(pk=rejected.pk)).data)
