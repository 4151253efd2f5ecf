"""API of the drawing of lots: the audit trail for members, draws and redraws for the secretariat.

Writes go through the services of `accord.reviews.draws`, as the pages and
`accord draw` do; a draw the rules make impossible answers 400 with
`{"code": "draw_impossible", "rule": ..., "detail": ..., "fields": {}}` and saves nothing.
"""

from django.core.exceptions import PermissionDenied, ValidationError
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import exceptions, serializers, status
from rest_framework.decorators import action
from rest_framework.response import Response

from accord.core.api.schema import ErrorSerializer
from accord.core.api.viewsets import AccordReadOnlyViewSet
from accord.core.roles import Role
from accord.reviews import draws, services
from accord.reviews.models import CountryReview, Cycle, Draw


class DrawSerializer(serializers.ModelSerializer):
    performed_by = serializers.CharField(source="performed_by.username", read_only=True)
    input = serializers.JSONField(read_only=True)
    result = serializers.JSONField(read_only=True)

    class Meta:
        model = Draw
        fields = [
            "id",
            "cycle",
            "kind",
            "year",
            "seed",
            "review",
            "exceptional",
            "reason",
            "performed_by",
            "created_at",
            "input",
            "result",
        ]
        read_only_fields = fields


class SelectionRequestSerializer(serializers.Serializer):
    cycle = serializers.PrimaryKeyRelatedField(queryset=Cycle.objects.select_related("mechanism"))
    seed = serializers.CharField(required=False, allow_blank=True, max_length=draws.SEED_LENGTH)
    late = serializers.BooleanField(
        required=False,
        default=False,
        help_text=_("Put the parties not yet selected into the year after the last."),
    )


class ReviewersRequestSerializer(serializers.Serializer):
    cycle = serializers.PrimaryKeyRelatedField(queryset=Cycle.objects.select_related("mechanism"))
    year = serializers.IntegerField()
    seed = serializers.CharField(required=False, allow_blank=True, max_length=draws.SEED_LENGTH)


class RedrawRequestSerializer(serializers.Serializer):
    review = serializers.PrimaryKeyRelatedField(queryset=CountryReview.objects.all())
    exceptional = serializers.BooleanField(required=False, default=False)
    reason = serializers.CharField(required=False, allow_blank=True, default="")
    seed = serializers.CharField(required=False, allow_blank=True, max_length=draws.SEED_LENGTH)


class DrawImpossibleSerializer(ErrorSerializer):
    """The API's error shape; `draw_impossible` adds the rule that cannot be met."""

    rule = serializers.CharField(
        required=False,
        help_text=_(
            "With draw_impossible: the rule that cannot be met, e.g. same_group, load_cap, redraw_limit."
        ),
    )

    class Meta:
        ref_name = "DrawImpossible"


class VerificationSerializer(serializers.Serializer):
    draw = serializers.IntegerField()
    same = serializers.BooleanField(help_text=_("Re-running the stored input gives the stored result."))
    ok = serializers.BooleanField(help_text=_("Same result, and the records agree with it."))
    differences = serializers.ListField(child=serializers.CharField())
    record_differences = serializers.ListField(child=serializers.CharField())
    error = serializers.CharField(allow_blank=True)


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
            return Response(
                {"code": "draw_impossible", "rule": exc.rule, "detail": exc.messages[0], "fields": {}},
                status=status.HTTP_400_BAD_REQUEST,
            )
        except PermissionDenied as exc:
            raise exceptions.PermissionDenied(str(exc) or None) from exc
        except ValidationError as exc:
            return Response(
                {"code": "validation_error", "detail": " ".join(exc.messages), "fields": {}},
                status=status.HTTP_400_BAD_REQUEST,
            )
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
