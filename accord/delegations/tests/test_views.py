import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from accord.delegations import services
from accord.delegations.choices import Credentials, DelegateFunction, DelegateStatus
from accord.delegations.models import Delegate, Letter, Registration
from accord.delegations.tests.factories import (
    DelegateFactory,
    DelegationFactory,
    LetterFactory,
    RegistrationFactory,
)
from accord.meetings.tests.factories import MeetingFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


@pytest.fixture
def approved(focal_state, other_state, secretariat_user):
    registration = RegistrationFactory()
    for state, family in ((focal_state, "Абаев"), (other_state, "Ёлкин")):
        delegation = DelegationFactory(registration=registration, state=state)
        LetterFactory(delegation=delegation)
        head = DelegateFactory(delegation=delegation, function=DelegateFunction.HEAD, family_name_ru=family)
        services.approve_delegate(head, acting_user=secretariat_user)
    return registration


def test_secretariat_opens_registration_from_the_form(client, secretariat_user):
    meeting = MeetingFactory()
    client.force_login(secretariat_user)
    url = reverse("delegations:registration_setup", args=[meeting.pk])
    response = client.post(url, {"categories": [], "deadline_on": "2030-01-01"})
    assert response.status_code == 200 and not Registration.objects.exists()
    response = client.post(
        url,
        {"categories": ["member_state"], "deadline_on": "2030-01-01", "cap_in_person": "2", "is_open": "on"},
    )
    assert response.status_code == 302
    assert Registration.objects.get(meeting=meeting).cap_in_person == 2


def test_focal_point_nominates_and_sees_the_cap_message(client, focal_point_user, focal_state):
    registration = RegistrationFactory(cap_in_person=1)
    client.force_login(focal_point_user)
    url = reverse("delegations:nomination", args=[registration.meeting_id])
    data = {"family_name_ru": "Сидоров", "function": "head", "mode": "in_person", "email": "s@example.org"}
    assert client.post(url, data).status_code == 302
    response = client.post(url, {**data, "family_name_ru": "Второй"})
    assert response.status_code == 200
    assert "это предел для данного мероприятия" in response.content.decode()
    assert Delegate.objects.filter(delegation__state=focal_state).count() == 1


def test_other_roles_cannot_open_the_board_or_letters(client, focal_point_user, analyst_user, approved):
    letter = Letter.objects.filter(delegation__state__focal_points__user=focal_point_user).get()
    other_letter = Letter.objects.exclude(pk=letter.pk).get()
    client.force_login(focal_point_user)
    assert (
        client.get(reverse("delegations:registration_detail", args=[approved.meeting_id])).status_code == 403
    )
    assert client.get(reverse("delegations:letter_download", args=[letter.pk])).status_code == 200
    assert client.get(reverse("delegations:letter_download", args=[other_letter.pk])).status_code == 404
    client.force_login(analyst_user)
    assert client.get(reverse("delegations:letter_download", args=[letter.pk])).status_code == 404


def test_board_shows_contacts_and_the_meeting_page_the_published_list(client, secretariat_user, approved):
    delegate = Delegate.objects.first()
    client.force_login(secretariat_user)
    board = client.get(
        reverse("delegations:registration_detail", args=[approved.meeting_id])
    ).content.decode()
    assert delegate.email in board
    client.logout()
    page = client.get(approved.meeting.get_absolute_url()).content.decode()
    assert "Абаев" not in page
    approved.is_list_published = True
    approved.save()
    page = client.get(approved.meeting.get_absolute_url()).content.decode()
    assert "Абаев" in page and delegate.email not in page


def test_list_of_participants_files_in_both_languages(client, secretariat_user, approved):
    client.force_login(secretariat_user)
    for fmt, magic in (("pdf", b"%PDF"), ("docx", b"PK")):
        for language in ("ru", "en"):
            url = reverse("delegations:participants", args=[approved.meeting_id, fmt]) + f"?lang={language}"
            response = client.get(url)
            assert response.status_code == 200 and response.content.startswith(magic)
            assert "provisional" in response["Content-Disposition"]
    url = reverse("delegations:participants", args=[approved.meeting_id, "txt"])
    assert client.get(url).status_code == 404
    client.logout()
    assert (
        client.get(reverse("delegations:participants", args=[approved.meeting_id, "pdf"])).status_code == 404
    )


def test_the_list_orders_states_alphabetically_in_its_language(approved, focal_state, other_state):
    from accord.delegations.outputs import participants_document

    document = participants_document(approved, "ru")
    headings = [b.text for b in document.blocks if getattr(b, "kind", "") == "heading" and b.level == 2]
    assert headings == sorted(headings, key=lambda t: t.casefold())
    assert set(headings) == {focal_state.name_ru, other_state.name_ru}


def test_badges_and_delegation_table(client, secretariat_user, approved):
    client.force_login(secretariat_user)
    book = load_workbook(
        io.BytesIO(client.get(reverse("delegations:badges", args=[approved.meeting_id])).content)
    )
    rows = list(book.active.values)
    assert len(rows) == 3 and {rows[1][0], rows[2][0]} == {"Абаев", "Ёлкин"}
    table = client.get(reverse("delegations:delegation_table", args=[approved.meeting_id]))
    assert len(list(load_workbook(io.BytesIO(table.content)).active.values)) == 3


def test_credentials_report(client, secretariat_user, approved, focal_state):
    delegation = approved.delegations.get(state=focal_state)
    services.record_credentials(delegation, acting_user=secretariat_user, credentials=Credentials.FORMAL)
    client.force_login(secretariat_user)
    url = reverse("delegations:credentials_report", args=[approved.meeting_id])
    page = client.get(url).content.decode()
    formal = page.split('data-testid="credentials-formal"')[1].split("</section>")[0]
    assert focal_state.name in formal
    assert client.get(url + "?format=docx&lang=en").content.startswith(b"PK")


def test_decisions_through_the_board(client, secretariat_user, focal_state):
    registration = RegistrationFactory()
    delegation = DelegationFactory(registration=registration, state=focal_state)
    LetterFactory(delegation=delegation)
    first, second = DelegateFactory(delegation=delegation), DelegateFactory(delegation=delegation)
    client.force_login(secretariat_user)
    client.post(reverse("delegations:delegate_approve", args=[first.pk]))
    client.post(reverse("delegations:delegate_return", args=[second.pk]), {"reason": ""})
    second.refresh_from_db()
    assert second.status == DelegateStatus.PENDING
    client.post(reverse("delegations:delegate_return", args=[second.pk]), {"reason": "Нет ноты"})
    first.refresh_from_db(), second.refresh_from_db()
    assert (first.status, second.status) == (DelegateStatus.APPROVED, DelegateStatus.RETURNED)


def test_a_refused_first_nomination_leaves_no_delegation(client, focal_point_user, focal_state):
    registration = RegistrationFactory(cap_online=0)
    client.force_login(focal_point_user)
    url = reverse("delegations:nomination", args=[registration.meeting_id])
    response = client.post(
        url, {"family_name_ru": "Онлайнов", "function": "expert", "mode": "videoconference"}
    )
    assert response.status_code == 200
    assert not registration.delegations.exists()


def test_a_letter_of_a_wrong_type_comes_back_as_a_message(client, focal_point_user, focal_state):
    from django.core.files.uploadedfile import SimpleUploadedFile

    registration = RegistrationFactory()
    client.force_login(focal_point_user)
    url = reverse("delegations:letter_upload", args=[registration.meeting_id])
    upload = SimpleUploadedFile("run.exe", b"MZ")
    response = client.post(url, {"kind": "note_verbale", "file": upload}, follow=True)
    assert "PDF" in response.content.decode()
    assert not Letter.objects.exists() and not registration.delegations.exists()


def test_an_organizations_contact_registers_from_its_page(
    client, organization_contact_user, contact_organization, focal_state
):
    from django.core.files.uploadedfile import SimpleUploadedFile

    registration = RegistrationFactory()
    client.force_login(organization_contact_user)
    listing = client.get(reverse("delegations:registration_list")).content.decode()
    assert reverse("delegations:nomination", args=[registration.meeting_id]) in listing
    url = reverse("delegations:nomination", args=[registration.meeting_id])
    data = {"family_name_en": "Smith", "function": "head", "mode": "in_person", "email": "smith@example.org"}
    assert client.post(url, data).status_code == 302
    upload = SimpleUploadedFile("letter.pdf", b"%PDF-1.4 letter")
    client.post(
        reverse("delegations:letter_upload", args=[registration.meeting_id]),
        {"kind": "note_verbale", "file": upload},
    )
    page = client.get(url).content.decode()
    assert contact_organization.name in page and "smith@example.org" in page and "letter.pdf" in page
    delegation = registration.delegations.get()
    assert delegation.organization == contact_organization and delegation.letters.count() == 1
    other = DelegateFactory(delegation=DelegationFactory(registration=registration, state=focal_state))
    assert client.post(reverse("delegations:delegate_withdraw", args=[other.pk])).status_code == 404
    assert (
        client.get(reverse("delegations:registration_detail", args=[registration.meeting_id])).status_code
        == 403
    )
    meeting_page = client.get(registration.meeting.get_absolute_url()).content.decode()
    assert 'data-testid="register-delegation"' in meeting_page


def test_a_signed_in_user_without_a_role_has_no_nomination_page(client, no_role_user):
    registration = RegistrationFactory()
    client.force_login(no_role_user)
    assert client.get(reverse("delegations:registration_list")).status_code == 403
    assert client.get(reverse("delegations:nomination", args=[registration.meeting_id])).status_code == 403


def test_decisions_with_htmx_swap_the_board_and_without_it_redirect(client, secretariat_user, focal_state):
    registration = RegistrationFactory(requires_credentials=True)
    delegation = DelegationFactory(registration=registration, state=focal_state)
    LetterFactory(delegation=delegation)
    first, second = DelegateFactory(delegation=delegation), DelegateFactory(delegation=delegation)
    client.force_login(secretariat_user)
    htmx = {"HTTP_HX_REQUEST": "true"}
    approve = reverse("delegations:delegate_approve", args=[first.pk])

    refused = client.post(approve, **htmx)
    board = refused.content.decode()
    assert refused.status_code == 200 and "<html" not in board and 'id="board"' in board
    assert "record the delegation" in board or "отметьте полномочия делегации" in board
    first.refresh_from_db()
    assert first.status == DelegateStatus.PENDING

    credentials = reverse("delegations:delegation_credentials", args=[delegation.pk])
    assert client.post(credentials, {"credentials": "copy"}, **htmx).status_code == 200
    board = client.post(approve, **htmx).content.decode()
    first.refresh_from_db()
    assert first.status == DelegateStatus.APPROVED and f'data-testid="approve-{first.pk}"' not in board
    assert f'data-testid="approve-{second.pk}"' in board

    plain = client.post(reverse("delegations:delegate_return", args=[second.pk]), {"reason": "Нет должности"})
    assert plain.status_code == 302 and plain["Location"] == registration.get_absolute_url()
    second.refresh_from_db()
    assert second.status == DelegateStatus.RETURNED
    page = client.get(registration.get_absolute_url()).content.decode()
    assert f'hx-post="{approve}"' not in page  # decided: no more buttons
    assert 'hx-target="#board"' in page  # the credentials forms still post with htmx


def test_a_contact_is_shown_the_way_in_only_where_its_kind_may_register(client, organization_contact_user):
    igo = RegistrationFactory()
    ngo_only = RegistrationFactory(categories=["member_state", "ngo"])
    client.force_login(organization_contact_user)
    listing = client.get(reverse("delegations:registration_list")).content.decode()
    assert f'data-testid="nominate-{igo.meeting_id}"' in listing
    assert f'data-testid="nominate-{ngo_only.meeting_id}"' not in listing
    for registration, shown in ((igo, True), (ngo_only, False)):
        page = client.get(registration.meeting.get_absolute_url()).content.decode()
        assert ('data-testid="register-delegation"' in page) is shown
