import datetime

import factory

from accord.meetings.choices import MeetingKind
from accord.meetings.models import AgendaItem, Meeting, Participation
from accord.registry.tests.factories import OrganizationFactory, StateFactory


class MeetingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Meeting

    kind = MeetingKind.SESSION
    body = factory.SubFactory(OrganizationFactory)
    title_ru = factory.Sequence(lambda n: f"Сессия {n}")
    title_en = factory.Sequence(lambda n: f"Session {n}")
    start_on = datetime.date(2021, 12, 13)
    end_on = datetime.date(2021, 12, 17)
    city_ru = "Вена"
    city_en = "Vienna"
    country = factory.SubFactory(StateFactory)


class AgendaItemFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = AgendaItem

    meeting = factory.SubFactory(MeetingFactory)
    number = factory.Sequence(lambda n: str(n + 1))
    title_ru = "Пункт повестки"


class ParticipationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Participation

    meeting = factory.SubFactory(MeetingFactory)
    state = factory.SubFactory(StateFactory)
