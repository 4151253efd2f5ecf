"""Registration API: reads follow the querysets' privacy, writes go through the delegations services."""

from django.http import FileResponse, Http404
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework.decorators import action
from rest_framework.response import Response

from accord.core.api.viewsets import ServiceModelViewSet
from accord.core.roles import Role
from accord.delegations import services
from accord.delegations.api import serializers
from accord.delegations.models import Delegate, Delegation, Letter, Registration

READ_AND_WRITE = ["get", "post", "put", "patch", "head", "options"]
#: Who registers a delegation: the secretariat, a state's focal point, an organization's contact (services decide whose).
REGISTRANTS = (Role.SECRETARIAT, Role.FOCAL_POINT, Role.ORGANIZATION_CONTACT)


class RegistrationViewSet(ServiceModelViewSet):
    """Registration per meeting; the secretariat opens it, changes its terms, publishes and closes the list."""

    queryset = Registration.objects.select_related("meeting")
    serializer_class = serializers.RegistrationSerializer
    filterset_fields = ["meeting", "is_open"]
    ordering_fields = ["deadline_on"]
    write_roles = (Role.SECRETARIAT,)
    http_method_names = READ_AND_WRITE
    create_service = services.open_registration
    update_service = services.update_registration

    def _flag(self, request, service, flag: str):
        registration = self.get_object()
        body = serializers.FlagSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        service(registration, acting_user=request.user, **{flag: body.validated_data["value"]})
        return Response(self.get_serializer(registration).data)

    @extend_schema(request=serializers.FlagSerializer, responses=serializers.RegistrationSerializer)
    @action(detail=True, methods=["post"])
    def publish(self, request, pk=None):
        """Show (`value` true) or hide the list of participants on the meeting's public page."""
        return self._flag(request, services.publish_list, "published")

    @extend_schema(request=serializers.FlagSerializer, responses=serializers.RegistrationSerializer)
    @action(detail=True, methods=["post"])
    def finalize(self, request, pk=None):
        """Mark the list final (once the session has begun) or provisional again."""
        return self._flag(request, services.finalize_list, "final")


class DelegationViewSet(ServiceModelViewSet):
    """Delegations: the public sees those on a published list, focal points and contacts their own."""

    queryset = Delegation.objects.select_related("state", "organization")
    serializer_class = serializers.DelegationSerializer
    filterset_fields = ["registration", "category", "credentials"]
    ordering_fields = ["id"]
    write_roles = REGISTRANTS
    http_method_names = ["get", "post", "head", "options"]
    create_service = services.register_delegation

    @extend_schema(request=serializers.CredentialsSerializer, responses=serializers.DelegationSerializer)
    @action(detail=True, methods=["post"])
    def credentials(self, request, pk=None):
        """Record the credentials presented: formal, a copy (or a note only), or none."""
        delegation = self.get_object()
        body = serializers.CredentialsSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        services.record_credentials(delegation, acting_user=request.user, **body.validated_data)
        return Response(self.get_serializer(delegation).data)


class DelegateViewSet(ServiceModelViewSet):
    """Delegates: nominated by their focal point or contact, decided by the secretariat; contacts only for those."""

    queryset = Delegate.objects.select_related("delegation", "person")
    serializer_class = serializers.DelegateSerializer
    filterset_fields = ["delegation", "status", "function", "mode"]
    ordering_fields = ["id"]
    write_roles = REGISTRANTS
    http_method_names = READ_AND_WRITE
    create_service = services.nominate_delegate
    update_service = services.change_delegate

    def _decided(self, delegate):
        return Response(self.get_serializer(self.get_queryset().get(pk=delegate.pk)).data)

    @extend_schema(request=None, responses=serializers.DelegateSerializer)
    @action(detail=True, methods=["post"])
    def approve(self, request, pk=None):
        """Approve: the delegate becomes the meeting's participant."""
        return self._decided(services.approve_delegate(self.get_object(), acting_user=request.user))

    @extend_schema(request=serializers.ReasonSerializer, responses=serializers.DelegateSerializer)
    @action(detail=True, methods=["post"], url_path="return", url_name="return")
    def return_(self, request, pk=None):
        """Return the nomination to the focal point with a reason."""
        body = serializers.ReasonSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        delegate = services.return_delegate(
            self.get_object(), acting_user=request.user, reason=body.validated_data["reason"]
        )
        return self._decided(delegate)

    @extend_schema(request=serializers.ReasonSerializer, responses=serializers.DelegateSerializer)
    @action(detail=True, methods=["post"])
    def withdraw(self, request, pk=None):
        """Withdraw; an approved delegate's withdrawal by the focal point is a request to the secretariat."""
        body = serializers.ReasonSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        delegate = services.withdraw_delegate(
            self.get_object(), acting_user=request.user, reason=body.validated_data["reason"]
        )
        return self._decided(delegate)


class LetterViewSet(ServiceModelViewSet):
    """Letters of a delegation (note verbale, credentials): never public; the secretariat and the delegation's
    own focal point or contact list, upload (multipart) and download them."""

    queryset = Letter.objects.select_related("delegation")
    serializer_class = serializers.LetterSerializer
    filterset_fields = ["delegation", "kind"]
    ordering_fields = ["id", "created_at"]
    write_roles = REGISTRANTS
    http_method_names = ["get", "post", "head", "options"]
    create_service = services.upload_letter

    @extend_schema(
        responses={
            (200, "application/octet-stream"): OpenApiResponse(OpenApiTypes.BINARY, description="The file.")
        }
    )
    @action(detail=True, methods=["get"])
    def download(self, request, pk=None):
        """The letter's file, as uploaded."""
        letter = self.get_object()
        try:
            handle = letter.file.open("rb")
        except OSError:
            raise Http404 from None
        return FileResponse(handle, as_attachment=True, filename=letter.name)
