"""Cooperation requests API: the same visibility, services and access log as the pages."""

from django.shortcuts import get_object_or_404
from drf_spectacular.utils import extend_schema
from rest_framework import permissions, viewsets
from rest_framework import status as http_status
from rest_framework.decorators import action
from rest_framework.response import Response

from accord.core.api.pagination import LimitOffsetPagination
from accord.core.roles import Role, roles_of
from accord.legal_cooperation import services
from accord.legal_cooperation.api import serializers
from accord.legal_cooperation.choices import AccessAction
from accord.legal_cooperation.filtersets import CooperationRequestFilterSet
from accord.legal_cooperation.models import AccessLog, CooperationRequest
from accord.legal_cooperation.permissions import can_read_access_log
from accord.legal_cooperation.statistics import small_count, statistics


class ServiceDecidesPermission(permissions.BasePermission):
    """Reads are filtered by `visible_to`; writes need a secretariat or focal-point role, and the service judges the row."""

    def has_permission(self, request, view) -> bool:
        if request.method in permissions.SAFE_METHODS:
            return True
        return bool(roles_of(request.user) & {Role.SECRETARIAT, Role.FOCAL_POINT})


class CooperationRequestViewSet(viewsets.ModelViewSet):
    """Confidential requests: hidden ones are 404; every row returned and every change is logged."""

    queryset = CooperationRequest.objects.select_related("requesting_state", "requested_state")
    serializer_class = serializers.CooperationRequestSerializer
    filterset_class = CooperationRequestFilterSet
    ordering_fields = ["received_on", "deadline_on", "reference_number"]
    pagination_class = LimitOffsetPagination
    permission_classes = [ServiceDecidesPermission]
    http_method_names = ["get", "post", "patch", "head", "options"]

    def get_queryset(self):
        queryset = super().get_queryset().visible_to(self.request.user)
        if self.action == "retrieve":
            queryset = queryset.prefetch_related("events__user", "amounts")
        return queryset

    def get_serializer_class(self):
        if self.action == "retrieve":
            return serializers.CooperationRequestDetailSerializer
        return super().get_serializer_class()

    def get_object(self) -> CooperationRequest:
        obj = get_object_or_404(self.get_queryset(), pk=self.kwargs["pk"])
        self.check_object_permissions(self.request, obj)
        return obj

    def list(self, request, *args, **kwargs):
        queryset = self.filter_queryset(self.get_queryset())
        page = self.paginate_queryset(queryset)
        rows = list(page) if page is not None else list(queryset)
        services.log_access(request.user, rows, AccessAction.LIST, http_request=request)
        data = self.get_serializer(rows, many=True).data
        return self.get_paginated_response(data) if page is not None else Response(data)

    def retrieve(self, request, *args, **kwargs):
        obj = self.get_object()
        services.log_access(request.user, [obj], AccessAction.VIEW, http_request=request)
        return Response(self.get_serializer(obj).data)

    def perform_create(self, serializer) -> None:
        serializer.instance = services.create_request(
            acting_user=self.request.user, http_request=self.request, **serializer.validated_data
        )

    def perform_update(self, serializer) -> None:
        serializer.instance = services.update_request(
            serializer.instance,
            acting_user=self.request.user,
            http_request=self.request,
            **serializer.validated_data,
        )

    def _detail_response(self, obj: CooperationRequest, code: int = http_status.HTTP_200_OK) -> Response:
        obj = self.get_queryset().prefetch_related("events__user", "amounts").get(pk=obj.pk)
        context = self.get_serializer_context()
        return Response(
            serializers.CooperationRequestDetailSerializer(obj, context=context).data, status=code
        )

    def _input(self, serializer_class) -> dict:
        serializer = serializer_class(data=self.request.data)
        serializer.is_valid(raise_exception=True)
        return serializer.validated_data

    @extend_schema(
        request=serializers.StatusChangeSerializer,
        responses={200: serializers.CooperationRequestDetailSerializer},
    )
    @action(detail=True, methods=["post"])
    def status(self, request, pk=None):
        """Move the request to a new status (the requested state's focal point or the secretariat)."""
        obj = self.get_object()
        data = self._input(serializers.StatusChangeSerializer)
        services.change_status(obj, acting_user=request.user, http_request=request, **data)
        return self._detail_response(obj)

    @extend_schema(
        request=serializers.NoteSerializer, responses={201: serializers.CooperationRequestDetailSerializer}
    )
    @action(detail=True, methods=["post"])
    def notes(self, request, pk=None):
        """Append a note to the request's history (either state's focal point or the secretariat)."""
        obj = self.get_object()
        data = self._input(serializers.NoteSerializer)
        services.add_note(obj, acting_user=request.user, http_request=request, **data)
        return self._detail_response(obj, http_status.HTTP_201_CREATED)

    @extend_schema(
        request=serializers.AmountInputSerializer,
        responses={201: serializers.CooperationRequestDetailSerializer},
    )
    @action(detail=True, methods=["post"])
    def amounts(self, request, pk=None):
        """Record an amount traced, frozen, confiscated or returned, in its own currency."""
        obj = self.get_object()
        data = self._input(serializers.AmountInputSerializer)
        services.record_amount(obj, acting_user=request.user, http_request=request, **data)
        return self._detail_response(obj, http_status.HTTP_201_CREATED)


class CooperationStatisticsViewSet(viewsets.ViewSet):
    """Public aggregates of all requests; counts below ACCORD_SMALL_COUNT are suppressed."""

    permission_classes = [permissions.AllowAny]

    @extend_schema(responses=serializers.StatisticsSerializer)
    def list(self, request):
        data = {"small_count": small_count(), **statistics()}
        data["total"] = data["total"][0]
        return Response(serializers.StatisticsSerializer(data).data)


class SecretariatOnly(permissions.BasePermission):
    def has_permission(self, request, view) -> bool:
        return can_read_access_log(request.user)


class AccessLogViewSet(viewsets.ReadOnlyModelViewSet):
    """Who saw or changed which request: the secretariat only."""

    queryset = AccessLog.objects.select_related("user")
    serializer_class = serializers.AccessLogSerializer
    permission_classes = [SecretariatOnly]
    pagination_class = LimitOffsetPagination
    filterset_fields = ["request", "action", "user"]
    ordering_fields = ["at"]

    def get_queryset(self):
        return super().get_queryset().visible_to(self.request.user)
