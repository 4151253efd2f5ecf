"""Focal points hear through the reminders: registration opened, its deadline near, a delegate approved or returned."""

import datetime

import pytest
from django.core import mail

from accord.chairmanship.reminders import send_reminders
from accord.delegations import services
from accord.delegations.deadlines import deadlines
from accord.delegations.tests.factories import (
    DelegateFactory,
    DelegationFactory,
    LetterFactory,
    RegistrationFactory,
)

pytestmark = pytest.mark.django_db
TODAY = datetime.date.today()


@pytest.fixture
def focal(focal_point_user):
    focal_point_user.email = "focal@example.org"
    focal_point_user.save()
    return focal_point_user


def keys(user, today=TODAY):
    return [d.key.split(":")[0] for d in deadlines(user, today=today, within_days=14)]


def test_opened_then_deadline_near(focal):
    registration = RegistrationFactory(deadline_on=TODAY + datetime.timedelta(days=40))
    assert keys(focal) == ["delegations.registration-opened"]
    assert keys(focal, TODAY + datetime.timedelta(days=30)) == ["delegations.registration"]
    assert keys(focal, TODAY + datetime.timedelta(days=41)) == []
    registration.is_open = False
    registration.save()
    assert keys(focal) == []


def test_nobody_else_is_told(analyst_user, secretariat_user):
    RegistrationFactory()
    assert keys(analyst_user) == [] and keys(secretariat_user) == []


def test_reminders_mail_each_notice_once(focal, focal_state, secretariat_user, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    registration = RegistrationFactory(deadline_on=TODAY + datetime.timedelta(days=40))
    send_reminders(today=TODAY)
    assert len(mail.outbox) == 1 and registration.meeting.title in mail.outbox[0].body
    send_reminders(today=TODAY)
    assert len(mail.outbox) == 1
    delegation = DelegationFactory(registration=registration, state=focal_state)
    LetterFactory(delegation=delegation)
    approved, returned = DelegateFactory(delegation=delegation), DelegateFactory(delegation=delegation)
    services.approve_delegate(approved, acting_user=secretariat_user)
    services.return_delegate(returned, acting_user=secretariat_user, reason="Нужна должность")
    send_reminders(today=TODAY)
    assert len(mail.outbox) == 2
    body = mail.outbox[1].body
    assert approved.name in body and "Нужна должность" in body


def test_an_organizations_contact_is_told_of_registrations_open_to_its_kind(
    organization_contact_user, contact_organization, secretariat_user
):
    organization_contact_user.email = "contact@example.org"
    organization_contact_user.save()
    RegistrationFactory(categories=["member_state", "ngo"])  # not for an intergovernmental organization
    assert keys(organization_contact_user) == []
    registration = RegistrationFactory(deadline_on=TODAY + datetime.timedelta(days=40))
    assert keys(organization_contact_user) == ["delegations.registration-opened"]
    delegation = DelegationFactory(
        registration=registration, state=None, organization=contact_organization, category="igo"
    )
    LetterFactory(delegation=delegation)
    returned = DelegateFactory(delegation=delegation)
    services.return_delegate(returned, acting_user=secretariat_user, reason="Name the post")
    assert sorted(keys(organization_contact_user)) == [
        "delegations.delegate-returned",
        "delegations.registration-opened",
    ]
    send_reminders(today=TODAY)
    assert [message.to for message in mail.outbox] == [["contact@example.org"]]
