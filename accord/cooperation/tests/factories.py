import datetime

import factory

from accord.cooperation.models import Agreement, AgreementParty, Initiative, PlannedActivity
from accord.registry.tests.factories import StateFactory


class InitiativeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Initiative

    title_ru = factory.Sequence(lambda n: f"Инициатива {n}")
    title_en = factory.Sequence(lambda n: f"Initiative {n}")
    proposer_state = factory.SubFactory(StateFactory)
    proposed_on = datetime.date(2021, 12, 14)


class AgreementFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Agreement

    kind = "bilateral"
    title_ru = factory.Sequence(lambda n: f"Соглашение {n}")
    title_en = factory.Sequence(lambda n: f"Agreement {n}")
    status = "signed"
    signed_on = datetime.date(2024, 11, 21)


class AgreementPartyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = AgreementParty

    agreement = factory.SubFactory(AgreementFactory)
    state = factory.SubFactory(StateFactory)


class PlannedActivityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PlannedActivity

    agreement = factory.SubFactory(AgreementFactory)
    title_en = factory.Sequence(lambda n: f"Activity {n}")
    kind = "exchange"
    start_on = datetime.date(2025, 3, 1)
