"""Cooperation API: confidentiality decides who reads, the secretariat writes; steps are append-only."""

from django.db import transaction

from accord.cooperation import services
from accord.cooperation.api import serializers
from accord.cooperation.filtersets import AgreementFilterSet, InitiativeFilterSet
from accord.cooperation.models import (
    Agreement,
    AgreementParty,
    Initiative,
    InitiativeStep,
    InitiativeSupport,
    PlannedActivity,
)
from accord.core.api.viewsets import AccordModelViewSet
from accord.core.roles import Role


class InitiativeViewSet(AccordModelViewSet):
    queryset = Initiative.objects.select_related("proposer_state").prefetch_related("documents")
    serializer_class = serializers.InitiativeSerializer
    filterset_class = InitiativeFilterSet
    ordering_fields = ["proposed_on", "status"]
    write_roles = (Role.SECRETARIAT,)

    def perform_create(self, serializer) -> None:
        data = dict(serializer.validated_data)
        documents = data.pop("documents", [])
        serializer.instance = services.create_initiative(
            Initiative(**data), acting_user=self.request.user, documents=documents
        )


class InitiativeStepViewSet(AccordModelViewSet):
    """The timeline: steps are added, never changed or deleted."""

    queryset = InitiativeStep.objects.select_related("initiative").prefetch_related("documents")
    serializer_class = serializers.InitiativeStepSerializer
    filterset_fields = ["initiative", "status", "mandate"]
    ordering_fields = ["taken_on"]
    write_roles = (Role.SECRETARIAT,)
    http_method_names = ["get", "post", "head", "options"]

    def perform_create(self, serializer) -> None:
        data = dict(serializer.validated_data)
        with transaction.atomic():
            serializer.instance = services.record_initiative_step(
                data.pop("initiative"), acting_user=self.request.user, **data
            )


class InitiativeSupportViewSet(AccordModelViewSet):
    queryset = InitiativeSupport.objects.select_related("state")
    serializer_class = serializers.InitiativeSupportSerializer
    filterset_fields = ["initiative", "organization", "person", "meeting"]
    write_roles = (Role.SECRETARIAT,)


class AgreementViewSet(AccordModelViewSet):
    queryset = Agreement.objects.prefetch_related("documents")
    serializer_class = serializers.AgreementSerializer
    filterset_class = AgreementFilterSet
    ordering_fields = ["signed_on", "entry_into_force_on", "expires_on"]
    write_roles = (Role.SECRETARIAT,)


class AgreementPartyViewSet(AccordModelViewSet):
    queryset = AgreementParty.objects.select_related("state")
    serializer_class = serializers.AgreementPartySerializer
    filterset_fields = ["agreement", "organization", "role"]
    write_roles = (Role.SECRETARIAT,)


class PlannedActivityViewSet(AccordModelViewSet):
    queryset = PlannedActivity.objects.all()
    serializer_class = serializers.PlannedActivitySerializer
    filterset_fields = ["agreement", "kind", "status", "meeting"]
    ordering_fields = ["start_on", "end_on"]
    write_roles = (Role.SECRETARIAT,)
