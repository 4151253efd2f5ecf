import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile

from accord.delegations import services
from accord.delegations.choices import Credentials, DelegateFunction, DelegateStatus, LetterKind
from accord.delegations.models import Delegate, Delegation, Letter
from accord.delegations.tests.factories import (
    DelegateFactory,
    DelegationFactory,
    LetterFactory,
    RegistrationFactory,
)
from accord.meetings.choices import ParticipantRole, ParticipationMode
from accord.meetings.models import Participation
from accord.meetings.tests.factories import ParticipationFactory
from accord.registry.tests.factories import PersonFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _messages_in_english(english):
    """The tests read the services' messages in English."""


@pytest.fixture
def registration(media_storage):
    return RegistrationFactory(cap_in_person=2, cap_online=1)


@pytest.fixture
def media_storage(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    }


def nominate(delegation, user, **fields):
    fields.setdefault("family_name_ru", "Сидоров")
    fields.setdefault("function", DelegateFunction.REPRESENTATIVE)
    return services.nominate_delegate(Delegate(delegation=delegation, **fields), acting_user=user)


def own_delegation(registration, focal_state, focal_point_user):
    return services.delegation_of(registration, focal_state, acting_user=focal_point_user)


def test_a_focal_point_registers_its_own_state_only(registration, focal_state, other_state, focal_point_user):
    delegation = own_delegation(registration, focal_state, focal_point_user)
    assert delegation.state == focal_state
    assert services.delegation_of(registration, focal_state, acting_user=focal_point_user) == delegation
    with pytest.raises(PermissionDenied):
        services.delegation_of(registration, other_state, acting_user=focal_point_user)
    assert not Delegation.objects.filter(state=other_state).exists()


def test_nobody_registers_to_a_meeting_hidden_from_them(
    focal_state, focal_point_user, organization_contact_user, contact_organization, media_storage
):
    """The service's own rule, whatever the caller: the pages, the API or a script."""
    from accord.core.choices import Confidentiality

    restricted = RegistrationFactory(meeting__confidentiality=Confidentiality.RESTRICTED)
    confidential = RegistrationFactory(meeting__confidentiality=Confidentiality.CONFIDENTIAL)
    with pytest.raises(PermissionDenied):
        services.register_delegation(
            Delegation(registration=restricted, organization=contact_organization, category="igo"),
            acting_user=organization_contact_user,
        )
    with pytest.raises(PermissionDenied):
        services.delegation_of(confidential, focal_state, acting_user=focal_point_user)
    hidden = DelegationFactory(registration=confidential, state=focal_state)
    with pytest.raises(PermissionDenied):
        nominate(hidden, focal_point_user)
    with pytest.raises(PermissionDenied):
        services.upload_letter(
            Letter(delegation=hidden, kind=LetterKind.NOTE_VERBALE, file=ContentFile(b"%PDF", name="n.pdf")),
            acting_user=focal_point_user,
        )
    assert not Delegation.objects.exclude(pk=hidden.pk).exists() and not hidden.delegates.exists()
    # The restricted meeting is the focal point's to see: it registers there.
    assert services.delegation_of(restricted, focal_state, acting_user=focal_point_user).state == focal_state


def test_caps_per_delegation_and_mode(registration, focal_state, focal_point_user):
    delegation = own_delegation(registration, focal_state, focal_point_user)
    nominate(delegation, focal_point_user)
    nominate(delegation, focal_point_user)
    with pytest.raises(ValidationError, match="already has 2 delegates"):
        nominate(delegation, focal_point_user)
    nominate(delegation, focal_point_user, mode=ParticipationMode.VIDEOCONFERENCE)
    with pytest.raises(ValidationError, match="already has 1 delegates"):
        nominate(delegation, focal_point_user, mode=ParticipationMode.VIDEOCONFERENCE)
    assert delegation.delegates.count() == 3


def test_a_withdrawn_or_returned_delegate_frees_the_place(
    registration, focal_state, focal_point_user, secretariat_user
):
    delegation = own_delegation(registration, focal_state, focal_point_user)
    first = nominate(delegation, focal_point_user)
    second = nominate(delegation, focal_point_user)
    services.withdraw_delegate(first, acting_user=focal_point_user)
    services.return_delegate(second, acting_user=secretariat_user, reason="Уточните должность")
    nominate(delegation, focal_point_user)
    nominate(delegation, focal_point_user)
    with pytest.raises(ValidationError):
        services.change_delegate(second, acting_user=focal_point_user)  # back to pending: over the cap


def test_after_the_deadline_a_nomination_is_a_late_request(registration, focal_state, focal_point_user):
    delegation = own_delegation(registration, focal_state, focal_point_user)
    on_time = nominate(delegation, focal_point_user)
    registration.deadline_on = datetime.date.today() - datetime.timedelta(days=1)
    registration.save()
    late = nominate(delegation, focal_point_user, mode=ParticipationMode.VIDEOCONFERENCE)
    assert not on_time.is_late
    assert late.is_late and late.status == DelegateStatus.PENDING
    on_time.family_name_ru = "Другой"
    assert services.change_delegate(on_time, acting_user=focal_point_user).is_late


def test_closed_registration_takes_nothing(registration, focal_state, focal_point_user):
    delegation = own_delegation(registration, focal_state, focal_point_user)
    registration.is_open = False
    registration.save()
    with pytest.raises(ValidationError, match="closed"):
        nominate(delegation, focal_point_user)
    assert not delegation.delegates.exists()


def test_approval_needs_the_note_verbale_and_makes_participations(
    registration, focal_state, focal_point_user, secretariat_user
):
    delegation = own_delegation(registration, focal_state, focal_point_user)
    head = nominate(delegation, focal_point_user, function=DelegateFunction.HEAD, email="head@example.org")
    with pytest.raises(ValidationError, match="note verbale"):
        services.approve_delegate(head, acting_user=secretariat_user)
    services.upload_letter(
        Letter(delegation=delegation, kind=LetterKind.NOTE_VERBALE, file=ContentFile(b"x", name="nv.pdf")),
        acting_user=focal_point_user,
    )
    with pytest.raises(PermissionDenied):
        services.approve_delegate(head, acting_user=focal_point_user)
    services.approve_delegate(head, acting_user=secretariat_user)
    head.refresh_from_db()
    assert head.status == DelegateStatus.APPROVED and head.person is not None
    meeting = registration.meeting
    assert meeting.participations.filter(state=focal_state, role=ParticipantRole.MEMBER).exists()
    person_participation = meeting.participations.get(person=head.person)
    assert person_participation.mode == ParticipationMode.IN_PERSON
    assert head.participation == person_participation

    services.withdraw_delegate(head, acting_user=focal_point_user, reason="болезнь")
    head.refresh_from_db()
    assert head.is_withdrawal_requested and head.status == DelegateStatus.APPROVED
    assert meeting.participations.filter(person=head.person).exists()
    services.withdraw_delegate(head, acting_user=secretariat_user)
    head.refresh_from_db()
    assert head.status == DelegateStatus.WITHDRAWN
    assert not meeting.participations.exists()


def test_withdrawal_keeps_participations_registration_did_not_add(
    registration, focal_state, secretariat_user
):
    person = PersonFactory()
    ParticipationFactory(meeting=registration.meeting, state=focal_state)
    ParticipationFactory(meeting=registration.meeting, state=None, person=person)
    delegation = DelegationFactory(registration=registration, state=focal_state)
    LetterFactory(delegation=delegation)
    delegate = DelegateFactory(delegation=delegation, person=person)
    services.approve_delegate(delegate, acting_user=secretariat_user)
    services.withdraw_delegate(delegate, acting_user=secretariat_user)
    assert Participation.objects.filter(meeting=registration.meeting).count() == 2


def test_return_needs_a_reason(registration, secretariat_user):
    delegate = DelegateFactory(delegation=DelegationFactory(registration=registration))
    with pytest.raises(ValidationError):
        services.return_delegate(delegate, acting_user=secretariat_user, reason="  ")
    delegate.refresh_from_db()
    assert delegate.status == DelegateStatus.PENDING


def test_credentials_are_the_secretariats(registration, focal_state, focal_point_user, secretariat_user):
    delegation = own_delegation(registration, focal_state, focal_point_user)
    with pytest.raises(PermissionDenied):
        services.record_credentials(delegation, acting_user=focal_point_user, credentials=Credentials.FORMAL)
    services.record_credentials(delegation, acting_user=secretariat_user, credentials=Credentials.COPY)
    delegation.refresh_from_db()
    assert delegation.credentials == Credentials.COPY and delegation.credentials_recorded_at


def test_a_letter_of_the_wrong_type_is_refused(registration, focal_state, focal_point_user):
    delegation = own_delegation(registration, focal_state, focal_point_user)
    letter = Letter(
        delegation=delegation, kind=LetterKind.NOTE_VERBALE, file=ContentFile(b"x", name="run.exe")
    )
    with pytest.raises(ValidationError):
        services.upload_letter(letter, acting_user=focal_point_user)
    assert not Letter.objects.exists()


def test_registration_not_open_to_a_category(secretariat_user, focal_state):
    registration = RegistrationFactory(categories=["ngo"])
    with pytest.raises(ValidationError, match="not open to states"):
        services.delegation_of(registration, focal_state, acting_user=secretariat_user)


def test_the_list_is_final_only_once_the_session_has_begun(secretariat_user):
    registration = RegistrationFactory(
        meeting__start_on=datetime.date.today() + datetime.timedelta(days=3), meeting__end_on=None
    )
    with pytest.raises(ValidationError):
        services.finalize_list(registration, acting_user=secretariat_user)
    past = RegistrationFactory()
    assert services.finalize_list(past, acting_user=secretariat_user).is_list_final


def test_required_credentials_block_approval_until_recorded(
    registration, focal_state, focal_point_user, secretariat_user
):
    registration.requires_credentials = True
    registration.save()
    delegation = own_delegation(registration, focal_state, focal_point_user)
    LetterFactory(delegation=delegation)
    delegate = nominate(delegation, focal_point_user)
    with pytest.raises(ValidationError, match="record the delegation's credentials"):
        services.approve_delegate(delegate, acting_user=secretariat_user)
    delegate.refresh_from_db()
    assert delegate.status == DelegateStatus.PENDING and not registration.meeting.participations.exists()
    services.record_credentials(delegation, acting_user=secretariat_user, credentials=Credentials.NONE)
    with pytest.raises(ValidationError, match="record the delegation's credentials"):
        services.approve_delegate(delegate, acting_user=secretariat_user)
    services.record_credentials(delegation, acting_user=secretariat_user, credentials=Credentials.COPY)
    services.approve_delegate(delegate, acting_user=secretariat_user)
    delegate.refresh_from_db()
    assert delegate.status == DelegateStatus.APPROVED


def test_an_organizations_contact_registers_its_own_organization_only(
    registration, contact_organization, organization_contact_user, focal_state, secretariat_user
):
    from accord.registry.tests.factories import OrganizationFactory

    delegation = services.delegation_of(
        registration, contact_organization, acting_user=organization_contact_user
    )
    assert delegation.organization == contact_organization and delegation.category == "igo"
    assert services.own_sender(organization_contact_user) == contact_organization
    delegate = nominate(delegation, organization_contact_user, email="contact@example.org")
    services.upload_letter(
        Letter(
            delegation=delegation, kind=LetterKind.NOTE_VERBALE, file=ContentFile(b"x", name="letter.pdf")
        ),
        acting_user=organization_contact_user,
    )
    services.change_delegate(delegate, acting_user=organization_contact_user)
    with pytest.raises(PermissionDenied):
        services.delegation_of(registration, OrganizationFactory(), acting_user=organization_contact_user)
    with pytest.raises(PermissionDenied):
        services.delegation_of(registration, focal_state, acting_user=organization_contact_user)
    with pytest.raises(PermissionDenied):
        services.approve_delegate(delegate, acting_user=organization_contact_user)
    assert Delegation.objects.count() == 1
    services.approve_delegate(delegate, acting_user=secretariat_user)
    assert registration.meeting.participations.filter(
        organization=contact_organization, role=ParticipantRole.OBSERVER
    ).exists()


def test_a_contact_cannot_register_where_its_kind_of_organization_is_not_invited(
    organization_contact_user, contact_organization
):
    registration = RegistrationFactory(categories=["member_state", "ngo"])
    with pytest.raises(ValidationError, match="not open to organizations of this kind"):
        services.delegation_of(registration, contact_organization, acting_user=organization_contact_user)
    assert not registration.delegations.exists()


def test_a_focal_point_cannot_manage_an_organizations_delegation(
    registration, contact_organization, focal_point_user, secretariat_user
):
    delegation = services.delegation_of(registration, contact_organization, acting_user=secretariat_user)
    assert not services.can_manage(focal_point_user, delegation)
    with pytest.raises(PermissionDenied):
        nominate(delegation, focal_point_user)
