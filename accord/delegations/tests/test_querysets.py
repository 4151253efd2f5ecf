"""Privacy: contacts and letters stay with the secretariat and the delegation's own focal point."""

import pytest

from accord.core.choices import Confidentiality
from accord.delegations.choices import DelegateStatus
from accord.delegations.models import Delegate, Delegation, Letter
from accord.delegations.tests.factories import (
    DelegateFactory,
    DelegationFactory,
    LetterFactory,
    RegistrationFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(focal_state, other_state, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    registration = RegistrationFactory()
    own = DelegationFactory(registration=registration, state=focal_state)
    other = DelegationFactory(registration=registration, state=other_state)
    return {
        "registration": registration,
        "own": own,
        "other": other,
        "own_pending": DelegateFactory(delegation=own),
        "other_pending": DelegateFactory(delegation=other),
        "other_approved": DelegateFactory(delegation=other, status=DelegateStatus.APPROVED),
        "own_letter": LetterFactory(delegation=own),
        "other_letter": LetterFactory(delegation=other),
    }


def ids(queryset):
    return set(queryset.values_list("pk", flat=True))


def test_letters_only_for_the_secretariat_and_the_own_focal_point(
    world, secretariat_user, focal_point_user, other_focal_point_user, analyst_user
):
    assert ids(Letter.objects.visible_to(secretariat_user)) == {
        world["own_letter"].pk,
        world["other_letter"].pk,
    }
    assert ids(Letter.objects.visible_to(focal_point_user)) == {world["own_letter"].pk}
    assert ids(Letter.objects.visible_to(other_focal_point_user)) == {world["other_letter"].pk}
    assert not Letter.objects.visible_to(analyst_user).exists()
    assert not Letter.objects.visible_to(None).exists()


def test_contacts_only_for_the_secretariat_and_the_own_focal_point(
    world, focal_point_user, analyst_user, secretariat_user
):
    assert ids(Delegate.objects.managed_by(focal_point_user)) == {world["own_pending"].pk}
    assert ids(Delegate.objects.managed_by(secretariat_user)) == ids(Delegate.objects.all())
    assert not Delegate.objects.managed_by(analyst_user).exists()


def test_the_public_sees_only_approved_delegates_of_a_published_list(
    world, focal_point_user, django_user_model
):
    anonymous = None
    assert not Delegate.objects.visible_to(anonymous).exists()
    assert ids(Delegate.objects.visible_to(focal_point_user)) == {world["own_pending"].pk}
    world["registration"].is_list_published = True
    world["registration"].save()
    assert ids(Delegate.objects.visible_to(anonymous)) == {world["other_approved"].pk}
    assert ids(Delegation.objects.visible_to(anonymous)) == {world["other"].pk}
    assert ids(Delegate.objects.visible_to(focal_point_user)) == {
        world["own_pending"].pk,
        world["other_approved"].pk,
    }


def test_a_published_list_of_a_restricted_meeting_stays_hidden_from_the_public(world):
    meeting = world["registration"].meeting
    meeting.confidentiality = Confidentiality.RESTRICTED
    meeting.save()
    world["registration"].is_list_published = True
    world["registration"].save()
    assert not Delegate.objects.visible_to(None).exists()


def test_an_organizations_contact_sees_its_own_organizations_delegation_only(
    world, organization_contact_user, contact_organization, focal_point_user
):
    from accord.registry.tests.factories import OrganizationFactory

    registration = world["registration"]
    own = DelegationFactory(
        registration=registration, state=None, organization=contact_organization, category="igo"
    )
    other = DelegationFactory(
        registration=registration, state=None, organization=OrganizationFactory(), category="igo"
    )
    own_delegate, other_delegate = DelegateFactory(delegation=own), DelegateFactory(delegation=other)
    own_letter, _other_letter = LetterFactory(delegation=own), LetterFactory(delegation=other)
    assert ids(Delegation.objects.managed_by(organization_contact_user)) == {own.pk}
    assert ids(Delegate.objects.managed_by(organization_contact_user)) == {own_delegate.pk}
    assert ids(Delegate.objects.visible_to(organization_contact_user)) == {own_delegate.pk}
    assert ids(Letter.objects.visible_to(organization_contact_user)) == {own_letter.pk}
    assert other_delegate.pk not in ids(Delegate.objects.managed_by(focal_point_user))
    assert own_letter.pk not in ids(Letter.objects.visible_to(focal_point_user))
