"""What `make demo` gives registration: the 9th session of the UNCAC Conference open to focal points."""

from django.urls import reverse

from accord.core.roles import Role
from accord.delegations.models import Registration
from accord.registry.models import State
from conftest import make_user


def check_samples(first: dict, *, client, api_client, user) -> None:
    assert first["registrations"] == {"created": 1}
    registration = Registration.objects.get(meeting__body__slug="uncac-cosp", meeting__ordinal=9)
    assert registration.is_open and not registration.is_late()
    focal = make_user("samples-focal-uzb", Role.FOCAL_POINT, state=State.objects.get(iso3="UZB"))
    client.force_login(focal)
    page = client.get(registration.meeting.get_absolute_url()).content.decode()
    assert reverse("delegations:nomination", args=[registration.meeting_id]) in page
    response = client.post(
        reverse("delegations:nomination", args=[registration.meeting_id]),
        {"family_name_ru": "Каримов", "function": "head", "mode": "in_person", "email": "k@example.org"},
    )
    assert response.status_code == 302
    assert registration.delegations.get().state.iso3 == "UZB"
    client.logout()
