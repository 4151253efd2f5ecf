import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection, transaction
from django.utils import translation

from accord.core.models import DatePrecision
from accord.registry.choices import OrganizationKind
from accord.registry.models import Alias, Membership, Organization, Person, Post, State
from accord.registry.tests.factories import (
    AliasFactory,
    MembershipFactory,
    NationalAuthorityFactory,
    OrganizationFactory,
    PersonFactory,
    PostFactory,
    StateFactory,
)

pytestmark = pytest.mark.django_db


def test_names_follow_the_active_language():
    state = StateFactory(name_ru="Узбекистан", name_en="Uzbekistan")
    person = PersonFactory(
        family_name_ru="Краснов", given_name_ru="Игорь", family_name_en="Krasnov", given_name_en="Igor"
    )
    with translation.override("ru"):
        assert str(state) == "Узбекистан"
        assert person.name == "Игорь Краснов"
    with translation.override("en"):
        assert str(state) == "Uzbekistan"
        assert person.name == "Igor Krasnov"


def test_name_falls_back_to_the_other_language():
    org = OrganizationFactory(name_ru="Межгосударственный совет", name_en="")
    with translation.override("en"):
        assert org.name == "Межгосударственный совет"


def test_state_codes_are_validated():
    state = StateFactory.build(iso2="uz", iso3="UZBK", m49="86", regional_group=None)
    with pytest.raises(ValidationError) as err:
        state.full_clean()
    assert {"iso2", "iso3", "m49"} <= set(err.value.message_dict)


def test_state_codes_are_unique():
    StateFactory(iso3="UZB")
    with pytest.raises(IntegrityError), transaction.atomic():
        StateFactory(iso3="UZB")


def test_post_end_before_start_is_rejected_by_clean_and_database():
    post = PostFactory.build(
        person=PersonFactory(),
        organization=NationalAuthorityFactory(),
        start_on=datetime.date(2025, 1, 1),
        end_on=datetime.date(2024, 1, 1),
    )
    with pytest.raises(ValidationError) as err:
        post.full_clean()
    assert "end_on" in err.value.message_dict
    with pytest.raises(IntegrityError), transaction.atomic():
        post.save()


def test_person_needs_a_family_name():
    with pytest.raises(ValidationError) as err:
        Person(given_name_ru="Игорь").full_clean()
    assert "family_name_ru" in err.value.message_dict


def test_national_authority_needs_a_state():
    org = Organization(kind=OrganizationKind.NATIONAL_AUTHORITY, name_ru="Генеральная прокуратура")
    with pytest.raises(ValidationError) as err:
        org.full_clean()
    assert "state" in err.value.message_dict


def test_organization_cannot_be_its_own_ancestor():
    root = OrganizationFactory()
    child = OrganizationFactory(parent=root)
    root.parent = child
    with pytest.raises(ValidationError) as err:
        root.full_clean()
    assert "parent" in err.value.message_dict
    assert child.ancestors() == [root]


def test_membership_names_exactly_one_member():
    body = OrganizationFactory()
    state = StateFactory()
    member = Membership(body=body, state=state, organization=OrganizationFactory())
    with pytest.raises(ValidationError):
        member.full_clean()
    with pytest.raises(IntegrityError), transaction.atomic():
        Membership.objects.create(body=body)
    assert Membership(body=body, state=state).member == state


def test_alias_names_exactly_one_target():
    with pytest.raises(ValidationError):
        Alias(text="РФ", language="ru").full_clean()
    alias = AliasFactory(text="РФ")
    assert alias.target == alias.state


def test_held_on_resolves_a_post_to_whoever_held_it_that_day():
    office = NationalAuthorityFactory(name_ru="Генеральная прокуратура Российской Федерации")
    krasnov = PostFactory(
        organization=office,
        start_on=datetime.date(2020, 1, 22),
        end_on=datetime.date(2025, 9, 1),
        end_precision=DatePrecision.MONTH,
    )
    gutsan = PostFactory(
        organization=office, start_on=datetime.date(2025, 9, 1), start_precision=DatePrecision.MONTH
    )
    assert list(Post.objects.held_on(datetime.date(2024, 11, 21))) == [krasnov]
    assert list(Post.objects.held_on(datetime.date(2026, 1, 1))) == [gutsan]
    assert list(Post.objects.held_on(datetime.date(2019, 1, 1))) == []
    assert gutsan.is_current(datetime.date(2026, 1, 1))


def test_membership_active_on():
    body = OrganizationFactory()
    chair_2022 = MembershipFactory(
        body=body, role="chair", start_on=datetime.date(2022, 1, 1), end_on=datetime.date(2022, 12, 31)
    )
    MembershipFactory(
        body=body, role="chair", start_on=datetime.date(2023, 1, 1), end_on=datetime.date(2023, 12, 31)
    )
    assert list(Membership.objects.filter(role="chair").active_on(datetime.date(2022, 6, 1))) == [chair_2022]


def test_public_sees_only_public_people(analyst_user, no_role_user):
    from django.contrib.auth.models import AnonymousUser

    public = PersonFactory()
    hidden = PersonFactory(is_public=False)
    PostFactory(person=hidden)
    assert set(Person.objects.visible_to(AnonymousUser())) == {public}
    assert set(Person.objects.visible_to(no_role_user)) == {public}
    assert set(Person.objects.visible_to(analyst_user)) == {public, hidden}
    assert Post.objects.visible_to(AnonymousUser()).count() == 0
    assert Post.objects.visible_to(analyst_user).count() == 1


def test_focal_point_edits_only_own_state(
    focal_point_user, focal_state, other_state, secretariat_user, analyst_user
):
    own = NationalAuthorityFactory(state=focal_state)
    foreign = NationalAuthorityFactory(state=other_state)
    own_post = PostFactory(organization=own)
    PostFactory(organization=foreign)
    assert list(Organization.objects.editable_by(focal_point_user)) == [own]
    assert list(Post.objects.editable_by(focal_point_user)) == [own_post]
    assert list(Person.objects.editable_by(focal_point_user)) == [own_post.person]
    assert Organization.objects.editable_by(secretariat_user).count() == 2
    assert Organization.objects.editable_by(analyst_user).count() == 0
    assert State.objects.editable_by(focal_point_user).count() == 0


def test_edits_keep_history(secretariat_user):
    from auditlog.context import set_actor
    from auditlog.models import LogEntry

    with set_actor(secretariat_user):
        org = OrganizationFactory(name_ru="Старое имя")
        org.name_ru = "Новое имя"
        org.save()
    entries = LogEntry.objects.get_for_object(org).order_by("timestamp")
    assert entries.count() == 2
    last = entries.last()
    assert last.actor == secretariat_user
    assert last.changes_dict["name_ru"] == ["Старое имя", "Новое имя"]


def test_database_runs_with_its_production_settings():
    if connection.vendor == "postgresql":
        # Persistent connections: PostgreSQL connections are costly to open.
        assert connection.settings_dict["CONN_MAX_AGE"] == 60
        return
    assert connection.vendor == "sqlite"
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA journal_mode")
        mode = cursor.fetchone()[0]
    # The in-memory test database cannot use WAL; the setting is what matters.
    assert mode in {"wal", "memory"}
    assert "journal_mode=WAL" in connection.settings_dict["OPTIONS"]["init_command"]
