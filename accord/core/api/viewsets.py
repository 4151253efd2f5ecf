"""The base viewset every resource uses."""

from collections.abc import Callable

from django.db import transaction
from django.db.models import Model, ProtectedError
from django.utils.translation import gettext as _
from rest_framework import exceptions, status, viewsets
from rest_framework.response import Response

from accord.core.api.concurrency import conflict_response
from accord.core.api.pagination import LimitOffsetPagination
from accord.core.concurrency import StaleEditError


class AccordModelViewSet(viewsets.ModelViewSet):
    """Base viewset: `visible_to` for reads, `editable_by` for writes, 409 on protected rows and stale saves."""

    write_roles: tuple[str, ...] = ()
    pagination_class = LimitOffsetPagination

    def get_queryset(self):
        return super().get_queryset().visible_to(self.request.user)

    def perform_create(self, serializer) -> None:
        # Saved first so that the data-driven rule (a focal point's own state)
        # judges the real row; the transaction undoes it when the rule says no.
        with transaction.atomic():
            instance = serializer.save()
            model = type(instance)
            if not model.objects.editable_by(self.request.user).filter(pk=instance.pk).exists():
                raise exceptions.PermissionDenied(_("You may not create this record."))

    def perform_update(self, serializer) -> None:
        with transaction.atomic():
            instance = serializer.save()
            model = type(instance)
            if not model.objects.editable_by(self.request.user).filter(pk=instance.pk).exists():
                raise exceptions.PermissionDenied(_("You may not change this record."))

    def update(self, request, *args, **kwargs):
        """PUT and PATCH; a save based on a replaced version (`VersionedModel`) is 409, nothing saved."""
        try:
            return super().update(request, *args, **kwargs)
        except StaleEditError as conflict:
            current = self.get_serializer(conflict.current).data if conflict.current is not None else None
            return conflict_response(conflict, current)

    def destroy(self, request, *args, **kwargs):
        try:
            return super().destroy(request, *args, **kwargs)
        except ProtectedError:
            return Response(
                {
                    "code": "protected",
                    "detail": _("This record is referenced by other records and cannot be deleted."),
                    "fields": {},
                },
                status=status.HTTP_409_CONFLICT,
            )


class AccordReadOnlyViewSet(viewsets.ReadOnlyModelViewSet):
    """Base for machine-written resources (mentions): reads filtered by `visible_to`, no writes."""

    pagination_class = LimitOffsetPagination

    def get_queryset(self):
        return super().get_queryset().visible_to(self.request.user)


class ServiceModelViewSet(AccordModelViewSet):
    """A resource whose writes go through its app's service functions: serializers only validate.

    `create_service`, `update_service` and `delete_service` are called as
    `service(record, acting_user=request.user)`; the first two return the
    saved record. A refusal (Django's `PermissionDenied`) becomes
    `permission_denied`, a stale `version` 409 `edit_conflict`.
    """

    create_service: Callable[..., Model]
    update_service: Callable[..., Model]
    delete_service: Callable[..., None]

    def perform_create(self, serializer) -> None:
        data = dict(serializer.validated_data)
        data.pop("version", None)  # a new record starts at version 0
        record = self.get_queryset().model(**data)
        serializer.instance = type(self).create_service(record, acting_user=self.request.user)

    def perform_update(self, serializer) -> None:
        record = serializer.instance
        data = dict(serializer.validated_data)
        version = data.pop("version", None)
        if version is not None:
            record.version = version
        for field, value in data.items():
            setattr(record, field, value)
        serializer.instance = type(self).update_service(record, acting_user=self.request.user)

    def perform_destroy(self, instance) -> None:
        type(self).delete_service(instance, acting_user=self.request.user)
