"""Instruments API: read by all, written by the secretariat."""

from accord.core.api.viewsets import AccordModelViewSet
from accord.core.roles import Role
from accord.instruments.api import serializers
from accord.instruments.filtersets import (
    InstrumentFilterSet,
    MandateFilterSet,
    PartyFilterSet,
    ProvisionFilterSet,
)
from accord.instruments.models import Instrument, Mandate, Party, Provision


class InstrumentViewSet(AccordModelViewSet):
    queryset = Instrument.objects.select_related("parent").prefetch_related("establishes")
    serializer_class = serializers.InstrumentSerializer
    filterset_class = InstrumentFilterSet
    ordering_fields = ["adopted_on", "name_en", "name_ru"]
    write_roles = (Role.SECRETARIAT,)


class ProvisionViewSet(AccordModelViewSet):
    queryset = Provision.objects.select_related("instrument")
    serializer_class = serializers.ProvisionSerializer
    filterset_class = ProvisionFilterSet
    ordering_fields = ["position", "number"]
    write_roles = (Role.SECRETARIAT,)


class PartyViewSet(AccordModelViewSet):
    queryset = Party.objects.select_related("instrument", "state")
    serializer_class = serializers.PartySerializer
    filterset_class = PartyFilterSet
    ordering_fields = ["consent_on", "signed_on", "state__name_en"]
    write_roles = (Role.SECRETARIAT,)


class MandateViewSet(AccordModelViewSet):
    queryset = Mandate.objects.select_related("body").prefetch_related("establishes", "instruments")
    serializer_class = serializers.MandateSerializer
    filterset_class = MandateFilterSet
    ordering_fields = ["adopted_on", "number", "session_number"]
    write_roles = (Role.SECRETARIAT,)
