"""The registry's write services: what a focal point may write, judged in one place."""

import pytest
from django.core.exceptions import PermissionDenied

from accord.core.roles import Role
from accord.registry.models import Organization, Person, Post
from accord.registry.services import check_registry_write, delete_registry_record, save_registry_record
from accord.registry.tests.factories import (
    NationalAuthorityFactory,
    OrganizationFactory,
    PersonFactory,
    PostFactory,
)
from conftest import make_user

pytestmark = pytest.mark.django_db


def test_a_post_in_an_international_body_makes_the_person_the_secretariats(focal_point_user, focal_state):
    person = PersonFactory()
    PostFactory(person=person, organization=NationalAuthorityFactory(state=focal_state))
    assert Person.objects.editable_by(focal_point_user).filter(pk=person.pk).exists()
    PostFactory(person=person, organization=OrganizationFactory())  # an IGO: no state
    assert not Person.objects.editable_by(focal_point_user).filter(pk=person.pk).exists()
    assert not Post.objects.editable_by(focal_point_user).filter(person=person).exists()


def test_a_person_added_by_a_focal_point_is_its_states_until_posted_elsewhere(
    focal_point_user, other_focal_point_user, secretariat_user, focal_state, other_state
):
    person = save_registry_record(Person(family_name_en="New"), acting_user=focal_point_user)
    assert person.added_by_state == focal_state
    assert list(Person.objects.editable_by(focal_point_user)) == [person]
    assert not Person.objects.editable_by(other_focal_point_user).exists()
    PostFactory(person=person, organization=NationalAuthorityFactory(state=other_state))
    assert not Person.objects.editable_by(focal_point_user).exists()
    # Posts decide once there are any: the person now serves the other state only.
    assert list(Person.objects.editable_by(other_focal_point_user)) == [person]
    by_secretariat = save_registry_record(Person(family_name_en="Desk"), acting_user=secretariat_user)
    assert by_secretariat.added_by_state is None


def test_roles_without_a_state_write_nothing(focal_state):
    stateless_focal_point = make_user("focal-unbound", Role.FOCAL_POINT)
    analyst = make_user("analyst-x", Role.ANALYST)
    for user in (stateless_focal_point, analyst):
        with pytest.raises(PermissionDenied):
            save_registry_record(Person(family_name_en="X"), acting_user=user)
        with pytest.raises(PermissionDenied):
            check_registry_write(
                Organization(kind="national_authority", state=focal_state, name_en="X"), acting_user=user
            )
    assert not Person.objects.exists() and not Organization.objects.exists()


def test_a_focal_point_cannot_move_its_organization_to_another_state(focal_point_user, other_state):
    organization = NationalAuthorityFactory(state=focal_point_user.focal_point.state)
    organization.state = other_state
    with pytest.raises(PermissionDenied):
        save_registry_record(organization, acting_user=focal_point_user)
    organization.refresh_from_db()
    assert organization.state == focal_point_user.focal_point.state


def test_a_parent_placed_by_the_secretariat_does_not_lock_the_body(
    focal_point_user, focal_state, other_state
):
    """Only a parent the focal point sets is judged: the secretariat's choice stands and the name stays editable."""
    body = NationalAuthorityFactory(state=focal_state, parent=NationalAuthorityFactory(state=other_state))
    body.name_en = "Renamed"
    save_registry_record(body, acting_user=focal_point_user)
    assert Organization.objects.get(pk=body.pk).name_en == "Renamed"


def test_deleting_needs_the_same_rule(focal_point_user, other_state):
    foreign = PostFactory(organization=NationalAuthorityFactory(state=other_state))
    with pytest.raises(PermissionDenied):
        delete_registry_record(foreign, acting_user=focal_point_user)
    with pytest.raises(PermissionDenied):
        delete_registry_record(foreign.person, acting_user=focal_point_user)
    assert Post.objects.filter(pk=foreign.pk).exists()


def test_states_memberships_and_aliases_are_the_secretariats(secretariat_user, focal_point_user):
    from auditlog.models import LogEntry

    from accord.registry.models import Alias
    from accord.registry.services import delete_secretariat_record, save_secretariat_record
    from accord.registry.tests.factories import StateFactory

    state = StateFactory()
    alias = save_secretariat_record(
        Alias(text="Другое имя", language="ru", state=state), acting_user=secretariat_user
    )
    assert LogEntry.objects.get_for_object(alias).get().actor == secretariat_user
    state.name_en = "Renamed"
    with pytest.raises(PermissionDenied):
        save_secretariat_record(state, acting_user=focal_point_user)
    with pytest.raises(PermissionDenied):
        delete_secretariat_record(alias, acting_user=focal_point_user)
    delete_secretariat_record(alias, acting_user=secretariat_user)
    assert not Alias.objects.filter(pk=alias.pk).exists()


def test_a_popolo_import_names_its_actor(analyst_user):
    from auditlog.models import LogEntry

    from accord.registry.services import import_popolo

    data = {"persons": [{"id": "other:1", "family_name": "Importova", "given_name": "Ada"}]}
    counts = import_popolo(data, acting_user=analyst_user)
    assert counts["persons"]["created"] == 1
    person = Person.objects.get(family_name_en="Importova")
    assert LogEntry.objects.get_for_object(person).get().actor == analyst_user


def test_the_api_writes_states_through_the_service(api_client, secretariat_user):
    from auditlog.models import LogEntry

    from accord.registry.models import State
    from accord.registry.tests.factories import StateFactory

    state = StateFactory()
    api_client.force_authenticate(secretariat_user)
    response = api_client.patch(f"/api/states/{state.pk}/", {"name_en": "Newland"}, format="json")
    assert response.status_code == 200, response.content
    assert State.objects.get(pk=state.pk).name_en == "Newland"
    assert LogEntry.objects.get_for_object(state).latest("timestamp").actor == secretariat_user
