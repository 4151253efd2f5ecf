"""Reads are filtered by querysets; writes need a role and `editable_by`."""

from rest_framework import permissions

from accord.core.roles import roles_of


class RolePermission(permissions.BasePermission):
    """Reads are filtered by the queryset; writes need one of the view's `write_roles`."""

    def has_permission(self, request, view) -> bool:
        if request.method in permissions.SAFE_METHODS:
            return True
        write_roles = getattr(view, "write_roles", ())
        return bool(roles_of(request.user) & set(write_roles))

    def has_object_permission(self, request, view, obj) -> bool:
        if request.method in permissions.SAFE_METHODS:
            return True
        model = type(obj)
        return model.objects.editable_by(request.user).filter(pk=obj.pk).exists()
