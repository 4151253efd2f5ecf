"""factory_boy factories for the registry."""

import factory

from accord.registry import models
from accord.registry.choices import OrganizationKind, PostRole


class RegionalGroupFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.RegionalGroup
        django_get_or_create = ("code",)

    code = factory.Sequence(lambda n: f"G{n}")
    name_en = factory.LazyAttribute(lambda o: f"Group {o.code}")
    name_ru = factory.LazyAttribute(lambda o: f"Группа {o.code}")


def _letters(n: int, width: int) -> str:
    alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
    out = ""
    for _ in range(width):
        out = alphabet[n % 26] + out
        n //= 26
    return out


def _free_code(field: str, candidates):
    """The first candidate code no state holds yet: tests also create real states (KAZ, 398) by hand."""
    taken = set(models.State.objects.values_list(field, flat=True))
    return next(code for code in candidates if code not in taken)


class StateFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.State

    iso2 = factory.LazyFunction(lambda: _free_code("iso2", (_letters(n, 2) for n in range(26 * 20, 26 * 26))))
    iso3 = factory.LazyFunction(lambda: _free_code("iso3", ("Q" + _letters(n, 2) for n in range(26 * 26))))
    m49 = factory.LazyFunction(lambda: _free_code("m49", (f"{n:03d}" for n in range(999, 0, -1))))
    name_en = factory.Sequence(lambda n: f"Testland {n}")
    name_ru = factory.Sequence(lambda n: f"Тестландия {n}")
    official_name_en = factory.LazyAttribute(lambda o: f"Republic of {o.name_en}")
    official_name_ru = factory.LazyAttribute(lambda o: f"Республика {o.name_ru}")
    regional_group = factory.SubFactory(RegionalGroupFactory)


class OrganizationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.Organization

    kind = OrganizationKind.IGO
    name_en = factory.Sequence(lambda n: f"Organization {n}")
    name_ru = factory.Sequence(lambda n: f"Организация {n}")


class NationalAuthorityFactory(OrganizationFactory):
    kind = OrganizationKind.NATIONAL_AUTHORITY
    state = factory.SubFactory(StateFactory)


class PersonFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.Person

    family_name_ru = factory.Sequence(lambda n: f"Иванов{n}")
    given_name_ru = "Иван"
    family_name_en = factory.Sequence(lambda n: f"Ivanov{n}")
    given_name_en = "Ivan"


class PostFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.Post

    person = factory.SubFactory(PersonFactory)
    organization = factory.SubFactory(NationalAuthorityFactory)
    title_ru = "Генеральный прокурор"
    title_en = "Prosecutor General"
    role = PostRole.HEAD


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.Membership

    body = factory.SubFactory(OrganizationFactory)
    state = factory.SubFactory(StateFactory)


class AliasFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.Alias

    text = factory.Sequence(lambda n: f"alias{n}")
    language = "ru"
    state = factory.SubFactory(StateFactory)
