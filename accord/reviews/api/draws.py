"""API of the drawing of lots: the audit trail for members, draws and redraws for the secretariat.

Writes go through the services of `accord.reviews.draws`, as the pages and
`accord draw` do; the error handler shapes their refusals. A draw the rules
make impossible answers 400 with `{"code": "draw_impossible", "rule": ...,
"detail": ..., "fields": {}}` and saves nothing.
"""

from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import status
from rest_framework.decorators import action
from rest_framework.response import Response

from accord.core.api.errors import CodedError
from accord.core.api.viewsets import AccordReadOnlyViewSet
from accord.core.roles import Role
from accord.reviews import draws, services
from accord.reviews.api.serializers import (
    DrawImpossibleSerializer,
    DrawSerializer,
    RedrawRequestSerializer,
    ReviewersRequestSerializer,
    SelectionRequestSerializer,
    VerificationSerializer,
)
from accord.reviews.models import Draw

REFUSALS = {
    status.HTTP_400_BAD_REQUEST: OpenApiResponse(
        DrawImpossibleSerializer, description=_("The draw is impossible, or the request is refused.")
    ),
}


class DrawViewSet(AccordReadOnlyViewSet):
    """The drawing of lots: every member reads the trail, the secretariat draws."""

    queryset = Draw.objects.select_related("performed_by")
    serializer_class = DrawSerializer
    filterset_fields = ["cycle", "kind", "year", "review"]
    ordering_fields = ["created_at", "year"]
    write_roles = (Role.SECRETARIAT,)

    def _run(self, run) -> Response:
        try:
            draw = run()
        except draws.DrawImpossibleError as exc:
            raise CodedError(exc.messages[0], code="draw_impossible", rule=exc.rule) from exc
        return Response(DrawSerializer(draw).data, status=status.HTTP_201_CREATED)

    def _data(self, serializer_class) -> dict:
        data = serializer_class(data=self.request.data)
        data.is_valid(raise_exception=True)
        return data.validated_data

    @extend_schema(request=SelectionRequestSerializer, responses={201: DrawSerializer, **REFUSALS})
    @action(detail=False, methods=["post"])
    def selection(self, request):
        """Draw the year each state is reviewed in (or, with `late`, add the parties that joined since)."""
        data = self._data(SelectionRequestSerializer)
        service = services.add_late_parties if data["late"] else services.run_selection
        return self._run(lambda: service(data["cycle"], acting_user=request.user, seed=data.get("seed")))

    @extend_schema(request=ReviewersRequestSerializer, responses={201: DrawSerializer, **REFUSALS})
    @action(detail=False, methods=["post"])
    def reviewers(self, request):
        """Draw the reviewing states of the year's reviews still waiting for them."""
        data = self._data(ReviewersRequestSerializer)
        return self._run(
            lambda: services.run_reviewer_draw(
                data["cycle"], data["year"], acting_user=request.user, seed=data.get("seed")
            )
        )

    @extend_schema(request=RedrawRequestSerializer, responses={201: DrawSerializer, **REFUSALS})
    @action(detail=False, methods=["post"])
    def redraw(self, request):
        """Redraw one review's reviewing states at its state's request."""
        data = self._data(RedrawRequestSerializer)
        return self._run(
            lambda: services.request_redraw(
                data["review"],
                acting_user=request.user,
                exceptional=data["exceptional"],
                reason=data["reason"],
                seed=data.get("seed"),
            )
        )

    @extend_schema(request=None, responses=VerificationSerializer)
    @action(detail=True, methods=["get"])
    def verify(self, request, pk=None):
        """Re-run the stored draw and compare with its stored result and with the records."""
        draw = self.get_object()
        result = draws.verify(draw)
        return Response(VerificationSerializer(result.as_dict(draw)).data)


routes = [("draws", DrawViewSet, "draw")]
