"""Documents API: lists without texts, one document with its text, and the decision to publish."""

from drf_spectacular.utils import extend_schema
from rest_framework.decorators import action
from rest_framework.response import Response

from accord.core.api.viewsets import ServiceModelViewSet
from accord.core.roles import Role
from accord.documents import services
from accord.documents.api import serializers
from accord.documents.filtersets import DocumentFilterSet
from accord.documents.models import Document
from accord.documents.services import publish_document


class DocumentViewSet(ServiceModelViewSet):
    queryset = Document.objects.all()
    filterset_class = DocumentFilterSet
    ordering_fields = ["published_on", "symbol", "id"]
    write_roles = (Role.SECRETARIAT,)
    create_service = services.create_document
    update_service = services.update_document
    delete_service = services.delete_document

    def get_serializer_class(self):
        if self.action == "list":
            return serializers.DocumentSerializer
        return serializers.DocumentDetailSerializer

    def get_queryset(self):
        queryset = super().get_queryset()
        return queryset.defer("text") if self.action == "list" else queryset

    @extend_schema(request=None, responses=serializers.DocumentDetailSerializer)
    @action(detail=True, methods=["post"])
    def publish(self, request, pk=None):
        """Make the document and its original public (secretariat); recorded in its history."""
        document = publish_document(self.get_object(), acting_user=request.user)
        return Response(self.get_serializer(document).data)
