"""Registry API: visibility from the querysets, writes by role, one query plan per list."""

from rest_framework import viewsets

from accord.core.api.viewsets import ServiceModelViewSet
from accord.core.roles import Role
from accord.registry import services
from accord.registry.api import serializers
from accord.registry.filtersets import (
    AliasFilterSet,
    MembershipFilterSet,
    OrganizationFilterSet,
    PersonFilterSet,
    PostFilterSet,
    StateFilterSet,
)
from accord.registry.models import Alias, Membership, Organization, Person, Post, RegionalGroup, State

SECRETARIAT_ONLY = (Role.SECRETARIAT,)
# Focal points keep their own state's authorities, officials and posts up to
# date; `services.check_registry_write` (from the querysets' `editable_by`)
# limits them to that state.
SECRETARIAT_AND_FOCAL_POINTS = (Role.SECRETARIAT, Role.FOCAL_POINT)


class MemberWritesViewSet(ServiceModelViewSet):
    """Writes of the records focal points keep go through the registry's services, which judge them.

    A refusal (Django's `PermissionDenied`) becomes the API's `permission_denied` in `core.api.errors`.
    """

    write_roles = SECRETARIAT_AND_FOCAL_POINTS
    create_service = services.save_registry_record
    update_service = services.save_registry_record
    delete_service = services.delete_registry_record


class SecretariatWritesViewSet(ServiceModelViewSet):
    """States, memberships and aliases: the secretariat writes them through the registry's services."""

    write_roles = SECRETARIAT_ONLY
    create_service = services.save_secretariat_record
    update_service = services.save_secretariat_record
    delete_service = services.delete_secretariat_record


class RegionalGroupViewSet(viewsets.ReadOnlyModelViewSet):
    queryset = RegionalGroup.objects.all()
    serializer_class = serializers.RegionalGroupSerializer
    ordering_fields = ["code", "name_ru", "name_en"]


class StateViewSet(SecretariatWritesViewSet):
    queryset = State.objects.select_related("regional_group")
    serializer_class = serializers.StateSerializer
    filterset_class = StateFilterSet
    ordering_fields = ["name_ru", "name_en", "iso3", "m49"]


class OrganizationViewSet(MemberWritesViewSet):
    queryset = Organization.objects.select_related("state")
    serializer_class = serializers.OrganizationSerializer
    filterset_class = OrganizationFilterSet
    ordering_fields = ["name_ru", "name_en", "kind", "founded_on"]


class PersonViewSet(MemberWritesViewSet):
    queryset = Person.objects.select_related("added_by_state")
    serializer_class = serializers.PersonSerializer
    filterset_class = PersonFilterSet
    ordering_fields = ["family_name_ru", "family_name_en", "created_at"]


class PostViewSet(MemberWritesViewSet):
    queryset = Post.objects.all()
    serializer_class = serializers.PostSerializer
    filterset_class = PostFilterSet
    ordering_fields = ["start_on", "end_on", "title_ru", "title_en"]

    def get_queryset(self):
        # `display` names the person: fetch them with the posts.
        return super().get_queryset().select_related("person")


class MembershipViewSet(SecretariatWritesViewSet):
    queryset = Membership.objects.select_related("body", "state", "organization")
    serializer_class = serializers.MembershipSerializer
    filterset_class = MembershipFilterSet
    ordering_fields = ["start_on", "end_on", "role"]


class AliasViewSet(SecretariatWritesViewSet):
    queryset = Alias.objects.all()
    serializer_class = serializers.AliasSerializer
    filterset_class = AliasFilterSet
    ordering_fields = ["text", "language", "kind"]
