"""factory_boy factories and a small world of two states with their focal points."""

import datetime

import factory

from accord.instruments.tests.factories import InstrumentFactory
from accord.legal_cooperation.choices import RequestKind
from accord.legal_cooperation.models import CooperationRequest
from accord.registry.tests.factories import NationalAuthorityFactory


class CooperationRequestFactory(factory.django.DjangoModelFactory):
    """A row written directly (tests of the services build through the services)."""

    class Meta:
        model = CooperationRequest

    kind = RequestKind.MUTUAL_LEGAL_ASSISTANCE
    reference_number = factory.Sequence(lambda n: f"REF-{n:04d}")
    requesting_authority = factory.SubFactory(NationalAuthorityFactory)
    requested_authority = factory.SubFactory(NationalAuthorityFactory)
    instrument = factory.SubFactory(InstrumentFactory)
    subject = "Sample request for the tests"
    received_on = datetime.date(2025, 1, 10)
