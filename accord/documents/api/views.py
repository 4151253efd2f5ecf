"""Documents API: lists without texts, one document with its text."""

from accord.core.api.viewsets import AccordModelViewSet
from accord.core.roles import Role
from accord.documents.api import serializers
from accord.documents.filtersets import DocumentFilterSet
from accord.documents.models import Document


class DocumentViewSet(AccordModelViewSet):
    queryset = Document.objects.all()
    filterset_class = DocumentFilterSet
    ordering_fields = ["published_on", "symbol", "id"]
    write_roles = (Role.SECRETARIAT,)

    def get_serializer_class(self):
        if self.action == "list":
            return serializers.DocumentSerializer
        return serializers.DocumentDetailSerializer

    def get_queryset(self):
        queryset = super().get_queryset()
        return queryset.defer("text") if self.action == "list" else queryset
