import factory

from accord.instruments.choices import InstrumentKind, MandateKind, ProvisionKind
from accord.instruments.models import Instrument, Mandate, Party, Provision
from accord.registry.tests.factories import OrganizationFactory, StateFactory


class InstrumentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Instrument

    slug = factory.Sequence(lambda n: f"instrument-{n}")
    kind = InstrumentKind.CONVENTION
    name_ru = factory.Sequence(lambda n: f"Конвенция {n}")
    name_en = factory.Sequence(lambda n: f"Convention {n}")


class ProvisionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Provision

    instrument = factory.SubFactory(InstrumentFactory)
    kind = ProvisionKind.ARTICLE
    number = factory.Sequence(lambda n: str(n + 1))
    title_ru = "Статья"
    title_en = "Article"


class PartyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Party

    instrument = factory.SubFactory(InstrumentFactory)
    state = factory.SubFactory(StateFactory)


class MandateFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Mandate

    kind = MandateKind.RESOLUTION
    number = factory.Sequence(lambda n: f"{n + 1}/1")
    body = factory.SubFactory(OrganizationFactory)
    title_ru = "Резолюция"
