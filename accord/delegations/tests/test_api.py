import pytest
from django.urls import reverse

from accord.delegations.choices import DelegateStatus
from accord.delegations.tests.factories import DelegateFactory, DelegationFactory, RegistrationFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def published(focal_state, other_state):
    registration = RegistrationFactory(is_list_published=True)
    own = DelegateFactory(delegation=DelegationFactory(registration=registration, state=focal_state))
    other = DelegateFactory(
        delegation=DelegationFactory(registration=registration, state=other_state),
        status=DelegateStatus.APPROVED,
    )
    return registration, own, other


def test_contacts_only_for_the_own_focal_point(api_client, focal_point_user, published):
    _registration, own, other = published
    api_client.force_authenticate(focal_point_user)
    rows = {row["id"]: row for row in api_client.get(reverse("delegate-list")).json()["results"]}
    assert rows[own.pk]["email"] == own.email
    assert "email" not in rows[other.pk] and "phone" not in rows[other.pk]


def test_the_public_reads_the_published_list_without_contacts(api_client, published):
    _registration, _own, other = published
    rows = api_client.get(reverse("delegate-list")).json()["results"]
    assert [row["id"] for row in rows] == [other.pk]
    assert "email" not in rows[0]


def test_cap_and_bad_input_are_400_with_a_message(api_client, focal_point_user, focal_state):
    registration = RegistrationFactory(cap_online=1)
    delegation = DelegationFactory(registration=registration, state=focal_state)
    api_client.force_authenticate(focal_point_user)
    payload = {
        "delegation": delegation.pk,
        "family_name_ru": "Онлайнов",
        "function": "expert",
        "mode": "videoconference",
    }
    assert api_client.post(reverse("delegate-list"), payload).status_code == 201
    response = api_client.post(reverse("delegate-list"), {**payload, "family_name_ru": "Второй"})
    assert response.status_code == 400
    assert response.json()["code"] == "validation_error"
    assert "это предел для данного мероприятия" in str(response.json())
    assert api_client.post(reverse("delegate-list"), {**payload, "function": "king"}).status_code == 400
    assert delegation.delegates.count() == 1


def test_return_needs_a_reason(api_client, secretariat_user, focal_state):
    delegate = DelegateFactory(delegation=DelegationFactory(state=focal_state))
    api_client.force_authenticate(secretariat_user)
    url = reverse("delegate-return", args=[delegate.pk])
    assert api_client.post(url, {"reason": ""}).status_code == 400
    response = api_client.post(url, {"reason": "Нет ноты"})
    assert response.status_code == 200 and response.json()["status"] == "returned"


def test_approval_waits_for_required_credentials(api_client, secretariat_user, focal_state):
    from accord.delegations.tests.factories import LetterFactory

    delegation = DelegationFactory(
        registration=RegistrationFactory(requires_credentials=True), state=focal_state
    )
    LetterFactory(delegation=delegation)
    delegate = DelegateFactory(delegation=delegation)
    api_client.force_authenticate(secretariat_user)
    response = api_client.post(reverse("delegate-approve", args=[delegate.pk]))
    assert response.status_code == 400 and "отметьте полномочия делегации" in response.json()["detail"]
    delegate.refresh_from_db()
    assert delegate.status == DelegateStatus.PENDING
    api_client.post(reverse("delegation-credentials", args=[delegation.pk]), {"credentials": "formal"})
    assert api_client.post(reverse("delegate-approve", args=[delegate.pk])).json()["status"] == "approved"


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def test_an_organizations_contact_registers_through_the_api(
    api_client, organization_contact_user, contact_organization, focal_state, media
):
    registration = RegistrationFactory()
    api_client.force_authenticate(organization_contact_user)
    created = api_client.post(
        reverse("delegation-list"),
        {"registration": registration.pk, "organization": contact_organization.pk, "category": "igo"},
    )
    assert created.status_code == 201, created.json()
    payload = {
        "delegation": created.json()["id"],
        "family_name_en": "Smith",
        "function": "head",
        "email": "s@example.org",
    }
    delegate = api_client.post(reverse("delegate-list"), payload)
    assert delegate.status_code == 201 and delegate.json()["email"] == "s@example.org"
    state_delegation = DelegationFactory(registration=registration, state=focal_state)
    refused = api_client.post(reverse("delegate-list"), {**payload, "delegation": state_delegation.pk})
    # Another's delegation reads as unknown (400, as for an id that does not exist), not as forbidden (403).
    assert refused.status_code == 400 and state_delegation.delegates.count() == 0
    assert refused.json()["fields"].keys() == {"delegation"}
    assert api_client.get(reverse("delegation-detail", args=[state_delegation.pk])).status_code == 404


def test_letters_in_the_api_for_the_secretariat_and_the_own_delegation_only(
    api_client,
    focal_point_user,
    other_focal_point_user,
    organization_contact_user,
    secretariat_user,
    focal_state,
    media,
):
    from django.core.files.uploadedfile import SimpleUploadedFile

    delegation = DelegationFactory(state=focal_state)
    api_client.force_authenticate(focal_point_user)
    upload = SimpleUploadedFile("note.pdf", b"%PDF-1.4 the note")
    response = api_client.post(
        reverse("letter-list"),
        {"delegation": delegation.pk, "kind": "note_verbale", "file": upload},
        format="multipart",
    )
    assert response.status_code == 201, response.json()
    letter = response.json()
    assert letter["name"] == "note.pdf" and "file" not in letter
    download = api_client.get(letter["download"])
    assert download.status_code == 200 and b"".join(download.streaming_content) == b"%PDF-1.4 the note"
    wrong = SimpleUploadedFile("run.exe", b"MZ")
    response = api_client.post(
        reverse("letter-list"),
        {"delegation": delegation.pk, "kind": "note_verbale", "file": wrong},
        format="multipart",
    )
    assert response.status_code == 400 and "PDF" in str(response.json())
    assert delegation.letters.count() == 1
    for outsider in (other_focal_point_user, organization_contact_user, None):
        api_client.force_authenticate(outsider)
        assert api_client.get(reverse("letter-list")).json()["results"] == []
        assert api_client.get(letter["download"]).status_code == 404
    api_client.force_authenticate(secretariat_user)
    assert [row["id"] for row in api_client.get(reverse("letter-list")).json()["results"]] == [letter["id"]]


def test_a_delegate_is_only_picked_among_the_people_the_nominator_may_nominate(
    api_client, focal_point_user, focal_state, other_state, organization_contact_user, contact_organization
):
    """A person's id sent by hand must not attach (and so reveal) someone else's official."""
    from accord.registry.tests.factories import OrganizationFactory, PersonFactory, PostFactory

    registration = RegistrationFactory()
    delegation = DelegationFactory(registration=registration, state=focal_state)
    foreign = PersonFactory(family_name_ru="Чужаков", is_public=False)
    PostFactory(person=foreign, organization=OrganizationFactory(state=other_state))
    own = PersonFactory(family_name_ru="Своев")
    PostFactory(person=own, organization=OrganizationFactory(state=focal_state))
    api_client.force_authenticate(focal_point_user)
    payload = {"delegation": delegation.pk, "function": "expert", "mode": "in_person"}
    refused = api_client.post(reverse("delegate-list"), {**payload, "person": foreign.pk})
    assert refused.status_code == 400, refused.json()
    assert "Чужаков" not in str(refused.json()) and delegation.delegates.count() == 0
    assert api_client.post(reverse("delegate-list"), {**payload, "person": own.pk}).status_code == 201

    # An organization's contact picks among the people who hold a post in its organization.
    staff = PersonFactory(family_name_ru="Штатный")
    PostFactory(person=staff, organization=contact_organization)
    contact_delegation = DelegationFactory(
        registration=registration, state=None, organization=contact_organization, category="igo"
    )
    api_client.force_authenticate(organization_contact_user)
    contact_payload = {**payload, "delegation": contact_delegation.pk}
    assert api_client.post(reverse("delegate-list"), {**contact_payload, "person": own.pk}).status_code == 400
    assert (
        api_client.post(reverse("delegate-list"), {**contact_payload, "person": staff.pk}).status_code == 201
    )


def test_a_registration_the_user_may_not_see_takes_no_delegation_delegate_or_letter(
    api_client, focal_point_user, focal_state, organization_contact_user, contact_organization
):
    """An id sent by hand must not register anyone to a meeting hidden from the sender (nor tell it apart)."""
    from django.core.files.uploadedfile import SimpleUploadedFile

    from accord.core.choices import Confidentiality
    from accord.meetings.tests.factories import MeetingFactory

    restricted = RegistrationFactory(meeting=MeetingFactory(confidentiality=Confidentiality.RESTRICTED))
    confidential = RegistrationFactory(meeting=MeetingFactory(confidentiality=Confidentiality.CONFIDENTIAL))
    missing = {"registration": confidential.pk + 1000, "category": "igo"}

    api_client.force_authenticate(organization_contact_user)
    payload = {"registration": restricted.pk, "organization": contact_organization.pk, "category": "igo"}
    refused = api_client.post(reverse("delegation-list"), payload)
    unknown = api_client.post(reverse("delegation-list"), {**payload, **missing})
    assert refused.status_code == unknown.status_code == 400, refused.json()
    assert refused.json()["fields"].keys() == unknown.json()["fields"].keys() == {"registration"}
    assert not restricted.delegations.exists()

    api_client.force_authenticate(focal_point_user)
    payload = {"registration": confidential.pk, "state": focal_state.iso3, "category": "member_state"}
    assert api_client.post(reverse("delegation-list"), payload).status_code == 400
    assert not confidential.delegations.exists()

    # A delegation already there (the meeting made confidential since) takes no delegate or letter by hand.
    hidden = DelegationFactory(registration=confidential, state=focal_state)
    nomination = {
        "delegation": hidden.pk,
        "family_name_ru": "Новиков",
        "function": "expert",
        "mode": "in_person",
    }
    refused = api_client.post(reverse("delegate-list"), nomination)
    unknown = api_client.post(reverse("delegate-list"), {**nomination, "delegation": hidden.pk + 1000})
    assert refused.status_code == unknown.status_code == 400, refused.json()
    assert refused.json()["fields"].keys() == unknown.json()["fields"].keys() == {"delegation"}
    letter = {
        "delegation": hidden.pk,
        "kind": "note_verbale",
        "file": SimpleUploadedFile("n.pdf", b"%PDF-1.4"),
    }
    assert api_client.post(reverse("letter-list"), letter, format="multipart").status_code == 400
    assert not hidden.delegates.exists() and not hidden.letters.exists()


def test_registering_for_another_sender_does_not_tell_whether_it_has_registered(
    api_client, focal_point_user, other_state, organization_contact_user
):
    """The model's "already registered" must not answer before the question "is it yours to register?"."""
    from accord.registry.tests.factories import OrganizationFactory

    registration = RegistrationFactory()
    registered_org = OrganizationFactory()
    DelegationFactory(registration=registration, state=other_state)
    DelegationFactory(registration=registration, state=None, organization=registered_org, category="igo")
    quiet = RegistrationFactory()
    for user, payload in [
        (focal_point_user, {"state": other_state.iso3, "category": "member_state"}),
        (organization_contact_user, {"organization": registered_org.pk, "category": "igo"}),
    ]:
        api_client.force_authenticate(user)
        answers = [
            api_client.post(reverse("delegation-list"), {**payload, "registration": r.pk})
            for r in (registration, quiet)
        ]
        assert [a.status_code for a in answers] == [403, 403], [a.json() for a in answers]
        assert answers[0].json() == answers[1].json()
