"""`/.well-known/security.txt` tells a finder of a vulnerability whom to write to (RFC 9116)."""

import datetime

import pytest


@pytest.mark.django_db
def test_security_txt_names_the_configured_contact(client, settings):
    settings.ACCORD_SECURITY_CONTACT = ["security@accord.example.org", "https://accord.example.org/report"]
    settings.ACCORD_BASE_URL = "https://accord.example.org"
    response = client.get("/.well-known/security.txt")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    fields = [line.split(": ", 1) for line in response.content.decode().splitlines()]
    assert fields[:2] == [
        ["Contact", "mailto:security@accord.example.org"],
        ["Contact", "https://accord.example.org/report"],
    ]
    values = dict(fields)
    expires = datetime.datetime.strptime(values["Expires"], "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=datetime.UTC)
    now = datetime.datetime.now(datetime.UTC)
    assert now < expires < now + datetime.timedelta(days=365)  # RFC 9116: less than a year ahead
    assert values["Preferred-Languages"] == "ru, en"
    assert values["Canonical"] == "https://accord.example.org/.well-known/security.txt"


@pytest.mark.django_db
def test_without_a_contact_there_is_no_file(client, settings):
    settings.ACCORD_SECURITY_CONTACT = []
    assert client.get("/.well-known/security.txt").status_code == 404
