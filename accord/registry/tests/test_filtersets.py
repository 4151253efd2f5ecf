"""Every filter of the registry's FilterSets keeps the rows it names and drops the others."""

import datetime
from types import SimpleNamespace

import pytest

from accord.core.tests.filtering import assert_narrows, case_id, case_params, missing_cases
from accord.registry import filtersets
from accord.registry.choices import AliasKind, MembershipRole, OrganizationKind, PostRole, UnStatus
from accord.registry.filtersets import (
    AliasFilterSet,
    MembershipFilterSet,
    OrganizationFilterSet,
    PersonFilterSet,
    PostFilterSet,
    StateFilterSet,
)
from accord.registry.tests.factories import (
    AliasFactory,
    MembershipFactory,
    NationalAuthorityFactory,
    OrganizationFactory,
    PersonFactory,
    PostFactory,
    RegionalGroupFactory,
    StateFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    w = SimpleNamespace()
    w.east, w.west = RegionalGroupFactory(code="EAST"), RegionalGroupFactory(code="WEST")
    w.alpha = StateFactory(name_en="Alphania", name_ru="Альфания", regional_group=w.east)
    w.beta = StateFactory(
        name_en="Betania", name_ru="Бетания", regional_group=w.west, un_status=UnStatus.OBSERVER
    )
    w.council = OrganizationFactory(kind=OrganizationKind.IGO, name_en="Council", name_ru="Совет")
    w.panel = OrganizationFactory(kind=OrganizationKind.BODY, name_en="Panel", name_ru="Группа экспертов")
    w.office = NationalAuthorityFactory(state=w.alpha, name_en="Alphanian Prosecutor's Office")
    w.court = NationalAuthorityFactory(state=w.beta, name_en="Betanian Court")
    w.unit = NationalAuthorityFactory(state=w.alpha, parent=w.office, name_en="Personnel unit")
    w.in_council = MembershipFactory(
        body=w.council,
        state=w.alpha,
        role=MembershipRole.MEMBER,
        start_on=datetime.date(2020, 1, 1),
        end_on=datetime.date(2020, 12, 31),
    )
    w.on_panel = MembershipFactory(
        body=w.panel,
        state=None,
        organization=w.court,
        role=MembershipRole.OBSERVER,
        start_on=datetime.date(2022, 1, 1),
    )
    w.prosecutor = PersonFactory(family_name_ru="Сидорова", family_name_en="Sidorova")
    w.judge = PersonFactory(family_name_ru="Петренко", family_name_en="Petrenko", is_public=False)
    w.head = PostFactory(
        person=w.prosecutor,
        organization=w.office,
        role=PostRole.HEAD,
        title_en="Prosecutor General",
        start_on=datetime.date(2019, 1, 1),
        end_on=datetime.date(2021, 12, 31),
    )
    w.deputy = PostFactory(
        person=w.judge,
        organization=w.court,
        role=PostRole.DEPUTY,
        title_ru="Заместитель председателя",
        title_en="Deputy President",
        start_on=datetime.date(2022, 1, 1),
    )
    w.short = AliasFactory(text="Альфа", language="ru", kind=AliasKind.SHORT, state=w.alpha)
    w.acronym = AliasFactory(
        text="BC", language="en", kind=AliasKind.ABBREVIATION, state=None, organization=w.court
    )
    w.maiden = AliasFactory(
        text="Сидоренко", language="ru", kind=AliasKind.FORMER, state=None, person=w.prosecutor
    )
    return w


CASES = {
    StateFilterSet: {
        "q": lambda w: ({"q": "Alphania"}, [w.alpha]),
        "regional_group": lambda w: ({"regional_group": "WEST"}, [w.beta]),
        "un_status": lambda w: ({"un_status": UnStatus.OBSERVER}, [w.beta]),
        "member_of": lambda w: ({"member_of": w.council.pk}, [w.alpha]),
        "iso2": lambda w: ({"iso2": w.beta.iso2}, [w.beta]),
        "iso3": lambda w: ({"iso3": w.alpha.iso3}, [w.alpha]),
    },
    OrganizationFilterSet: {
        "q": lambda w: ({"q": "court"}, [w.court]),
        "kind": lambda w: ({"kind": OrganizationKind.BODY}, [w.panel]),
        "state": lambda w: ({"state": w.beta.iso3.lower()}, [w.court]),
        "state_id": lambda w: ({"state_id": w.alpha.pk}, [w.office, w.unit]),
        "parent_id": lambda w: ({"parent_id": w.office.pk}, [w.unit]),
        "is_root": lambda w: ({"is_root": "false"}, [w.unit]),
    },
    PersonFilterSet: {
        "q": lambda w: ({"q": "Петренко"}, [w.judge]),
        "organization_id": lambda w: ({"organization_id": w.office.pk}, [w.prosecutor]),
        "state": lambda w: ({"state": w.beta.iso3}, [w.judge]),
        "is_public": lambda w: ({"is_public": "false"}, [w.judge]),
    },
    PostFilterSet: {
        "person_id": lambda w: ({"person_id": w.judge.pk}, [w.deputy]),
        "organization_id": lambda w: ({"organization_id": w.office.pk}, [w.head]),
        "state": lambda w: ({"state": w.alpha.iso3}, [w.head]),
        "role": lambda w: ({"role": PostRole.DEPUTY}, [w.deputy]),
        "held_on": lambda w: ({"held_on": "2020-06-01"}, [w.head]),
        "title": lambda w: ({"title": "deputy"}, [w.deputy]),
    },
    MembershipFilterSet: {
        "body_id": lambda w: ({"body_id": w.panel.pk}, [w.on_panel]),
        "state": lambda w: ({"state": w.alpha.iso3}, [w.in_council]),
        "state_id": lambda w: ({"state_id": w.alpha.pk}, [w.in_council]),
        "organization_id": lambda w: ({"organization_id": w.court.pk}, [w.on_panel]),
        "role": lambda w: ({"role": MembershipRole.OBSERVER}, [w.on_panel]),
        "active_on": lambda w: ({"active_on": "2020-06-01"}, [w.in_council]),
    },
    AliasFilterSet: {
        "language": lambda w: ({"language": "en"}, [w.acronym]),
        "kind": lambda w: ({"kind": AliasKind.FORMER}, [w.maiden]),
        "state_id": lambda w: ({"state_id": w.alpha.pk}, [w.short]),
        "organization_id": lambda w: ({"organization_id": w.court.pk}, [w.acronym]),
        "person_id": lambda w: ({"person_id": w.prosecutor.pk}, [w.maiden]),
    },
}


def test_every_filter_has_a_case():
    assert missing_cases(filtersets, CASES) == {}


@pytest.mark.parametrize(("filterset", "name"), case_params(CASES), ids=case_id)
def test_the_filter_narrows(world, filterset, name):
    data, expected = CASES[filterset][name](world)
    assert_narrows(filterset, data, expected)
