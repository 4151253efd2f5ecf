"""Chairmanship API: everyone reads programmes and reports, the secretariat writes programmes."""

from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import permissions, serializers, viewsets
from rest_framework.response import Response

from accord.chairmanship.api.serializers import (
    ChairmanshipReportSerializer,
    DeadlineSerializer,
    ProgrammeItemSerializer,
    ProgrammeSerializer,
)
from accord.chairmanship.models import Programme, ProgrammeItem
from accord.chairmanship.reports import parse_year, year_report
from accord.core.api.viewsets import AccordModelViewSet
from accord.core.deadlines import deadlines_for
from accord.core.forms import whole_number
from accord.core.roles import Role
from accord.registry.models import Organization


class ProgrammeViewSet(AccordModelViewSet):
    queryset = Programme.objects.select_related("body")
    serializer_class = ProgrammeSerializer
    filterset_fields = ["body", "year"]
    ordering_fields = ["year"]
    write_roles = (Role.SECRETARIAT,)


class ProgrammeItemViewSet(AccordModelViewSet):
    queryset = ProgrammeItem.objects.select_related("programme")
    serializer_class = ProgrammeItemSerializer
    filterset_fields = ["programme", "status", "kind", "meeting"]
    ordering_fields = ["position", "planned_on"]
    write_roles = (Role.SECRETARIAT,)


class ChairmanshipReportViewSet(viewsets.ViewSet):
    """The generated results report of a body's chairmanship year."""

    @extend_schema(
        parameters=[
            OpenApiParameter(
                "body", str, required=True, description="Organization id or reference key (“cis”)."
            ),
            OpenApiParameter("year", int, required=True),
        ],
        responses=ChairmanshipReportSerializer,
    )
    def list(self, request):
        body_param = request.query_params.get("body", "").strip()
        errors: dict[str, list[str]] = {}
        body = None
        if not body_param:
            errors["body"] = [_("Name the body by its id or reference key.")]
        else:
            body_id = whole_number(body_param)
            lookup = Q(slug=body_param) | (Q(pk=body_id) if body_id is not None else Q())
            body = Organization.objects.visible_to(request.user).filter(lookup).first()
            if body is None:
                errors["body"] = [_("No organization “%(value)s”.") % {"value": body_param}]
        try:
            year = parse_year(request.query_params.get("year", ""))
        except ValueError as exc:
            errors["year"] = [str(exc)]
        if errors:
            raise serializers.ValidationError(errors)
        report = year_report(body, year, user=request.user)
        return Response(ChairmanshipReportSerializer(report.as_dict()).data)


class MyDeadlinesViewSet(viewsets.ViewSet):
    """The signed-in user's deadlines from every app: overdue ones and those within `within_days` (14)."""

    permission_classes = [permissions.IsAuthenticated]

    @extend_schema(
        parameters=[OpenApiParameter("within_days", int, required=False, description="0–365, default 14.")],
        responses=DeadlineSerializer(many=True),
    )
    def list(self, request):
        within_days = whole_number(request.query_params.get("within_days", "14"), max_value=365)
        if within_days is None:
            raise serializers.ValidationError({"within_days": [_("Give a number of days from 0 to 365.")]})
        today = timezone.localdate()
        found = deadlines_for(request.user, today=today, within_days=within_days)
        rows = [
            {
                "key": d.key,
                "title": d.title,
                "kind": d.kind,
                "due_on": d.due_on,
                "url": d.url,
                "days_left": d.days_left(today),
                "is_overdue": d.is_overdue(today),
            }
            for d in found
        ]
        return Response(DeadlineSerializer(rows, many=True).data)
