import datetime

import factory
from django.core.files.base import ContentFile

from accord.delegations.choices import DelegateFunction, DelegationCategory, LetterKind
from accord.delegations.models import Delegate, Delegation, Letter, Registration
from accord.meetings.tests.factories import MeetingFactory
from accord.registry.tests.factories import StateFactory


class RegistrationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Registration

    meeting = factory.SubFactory(MeetingFactory)
    categories = factory.LazyFunction(lambda: [DelegationCategory.MEMBER_STATE, DelegationCategory.IGO])
    cap_in_person = 2
    cap_online = 2
    deadline_on = factory.LazyFunction(lambda: datetime.date.today() + datetime.timedelta(days=30))


class DelegationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Delegation

    registration = factory.SubFactory(RegistrationFactory)
    state = factory.SubFactory(StateFactory)
    category = DelegationCategory.MEMBER_STATE


class DelegateFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Delegate

    delegation = factory.SubFactory(DelegationFactory)
    family_name_ru = factory.Sequence(lambda n: f"Петров{n}")
    given_name_ru = "Пётр"
    family_name_en = factory.Sequence(lambda n: f"Petrov{n}")
    given_name_en = "Petr"
    function = DelegateFunction.REPRESENTATIVE
    email = factory.Sequence(lambda n: f"delegate{n}@example.org")
    phone = "+7 700 000 00 00"


class LetterFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Letter

    delegation = factory.SubFactory(DelegationFactory)
    kind = LetterKind.NOTE_VERBALE
    file = factory.LazyFunction(lambda: ContentFile(b"%PDF-1.4 note", name="note.pdf"))
    name = "note.pdf"
