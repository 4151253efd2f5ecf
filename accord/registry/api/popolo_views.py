"""`/api/popolo.json`: the registry in Popolo, as much as the caller may see."""

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema
from rest_framework.response import Response
from rest_framework.views import APIView

from accord.registry.popolo import export_popolo


class PopoloExportView(APIView):
    """The whole registry in one Popolo document, for tools that speak Popolo.

    Anonymous callers get public data only: `export_popolo` filters every
    list through `visible_to(request.user)`.
    """

    @extend_schema(
        operation_id="popolo_export",
        tags=["popolo"],
        responses=OpenApiTypes.OBJECT,
        summary="Registry in Popolo JSON",
        description="Persons, organizations, posts and memberships in the Popolo format.",
    )
    def get(self, request) -> Response:
        return Response(export_popolo(request.user))
