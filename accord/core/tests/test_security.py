"""Sign-in lockouts, API throttling, expiring and revocable API tokens, password changes."""

import datetime
import logging

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse
from django.utils import timezone
from knox.models import AuthToken

from accord.core.roles import Role
from accord.core.tokens import issue_token
from conftest import make_user

pytestmark = pytest.mark.django_db

PASSWORD = "pass-12345"  # conftest.make_user's


@pytest.fixture
def lockout(settings):
    """The production lockout rule, stated here so that the tests do not hang on a default."""
    settings.AXES_FAILURE_LIMIT = 10
    settings.AXES_COOLOFF_TIME = datetime.timedelta(minutes=30)


@pytest.fixture
def rates(settings):
    """Low API rates to reach in a test; throttling is off elsewhere in the suite (conftest)."""

    def set_rates(anon: str | None, user: str | None) -> None:
        settings.REST_FRAMEWORK = {
            **settings.REST_FRAMEWORK,
            "DEFAULT_THROTTLE_RATES": {"anon": anon, "user": user},
        }

    return set_rates


def sign_in(client, username: str, password: str, address: str = "203.0.113.7", path: str = "/login/"):
    return client.post(path, {"username": username, "password": password}, REMOTE_ADDR=address)


def is_signed_in(client) -> bool:
    return "_auth_user_id" in client.session


# ---- brute force: django-axes -----------------------------------------------------------------


def test_thirty_wrong_passwords_then_the_right_one_is_refused(client, lockout, analyst_user):
    for _ in range(30):
        response = sign_in(client, "analyst", "wrong-password")
        assert response.status_code in {200, 429}
    response = sign_in(client, "analyst", PASSWORD)
    assert response.status_code == 429
    assert not is_signed_in(client)
    assert response.context["minutes"] == 30
    assert b'data-testid="locked-out"' in response.content


def test_the_account_is_locked_from_every_address(client, lockout, analyst_user):
    for attempt in range(10):
        sign_in(client, "analyst", "wrong-password", address=f"198.51.100.{attempt}")
    response = sign_in(client, "analyst", PASSWORD, address="192.0.2.99")
    assert response.status_code == 429 and not is_signed_in(client)


def test_the_address_is_locked_for_every_account(client, lockout, analyst_user):
    for attempt in range(10):
        sign_in(client, f"guess-{attempt}", "wrong-password")
    response = sign_in(client, "analyst", PASSWORD)
    assert response.status_code == 429 and not is_signed_in(client)
    # Another address signs in to the same account as usual.
    response = sign_in(client, "analyst", PASSWORD, address="192.0.2.10")
    assert response.status_code == 302 and is_signed_in(client)


def test_a_few_mistakes_do_not_lock_anyone_out(client, lockout, analyst_user):
    for _ in range(9):
        assert sign_in(client, "analyst", "wrong-password").status_code == 200
    response = sign_in(client, "analyst", PASSWORD)
    assert response.status_code == 302 and is_signed_in(client)


def test_the_lockout_ends_after_the_cool_off(client, lockout, analyst_user):
    for _ in range(10):
        sign_in(client, "analyst", "wrong-password")
    from axes.models import AccessAttempt

    AccessAttempt.objects.update(attempt_time=timezone.now() - datetime.timedelta(minutes=31))
    response = sign_in(client, "analyst", PASSWORD)
    assert response.status_code == 302 and is_signed_in(client)


def test_each_lockout_is_logged_with_account_and_address(client, lockout, analyst_user, caplog):
    with caplog.at_level(logging.WARNING, logger="accord.security"):
        for _ in range(10):
            sign_in(client, "analyst", "wrong-password", address="198.51.100.23")
    (record,) = [r for r in caplog.records if r.name == "accord.security"]
    assert record.levelno == logging.WARNING
    assert "'analyst'" in record.getMessage() and "198.51.100.23" in record.getMessage()
    assert (record.username, record.address) == ("analyst", "198.51.100.23")


def test_the_address_behind_a_proxy_is_the_one_the_proxy_saw(client, lockout, analyst_user, settings):
    """A forged X-Forwarded-For cannot spread attempts over made-up addresses."""
    settings.REST_FRAMEWORK = {**settings.REST_FRAMEWORK, "NUM_PROXIES": 1}
    for attempt in range(10):
        client.post(
            "/login/",
            {"username": f"guess-{attempt}", "password": "x"},
            REMOTE_ADDR="10.0.0.1",
            HTTP_X_FORWARDED_FOR=f"192.0.2.{attempt}, 198.51.100.5",
        )
    response = client.post(
        "/login/",
        {"username": "analyst", "password": PASSWORD},
        REMOTE_ADDR="10.0.0.1",
        HTTP_X_FORWARDED_FOR="192.0.2.200, 198.51.100.5",
    )
    assert response.status_code == 429


@pytest.mark.parametrize(("language", "text"), [("ru", "Вход заблокирован"), ("en", "Sign-in blocked")])
def test_the_lockout_page_speaks_the_visitors_language(client, lockout, analyst_user, language, text):
    client.cookies["django_language"] = language
    for _ in range(11):
        response = sign_in(client, "analyst", "wrong-password")
    assert response.status_code == 429
    assert text in response.content.decode()


def test_the_admin_login_is_locked_out_too(client, lockout, secretariat_user):
    secretariat_user.is_staff = True
    secretariat_user.save()
    for _ in range(10):
        sign_in(client, "secretariat", "wrong-password", path="/admin/login/")
    response = sign_in(client, "secretariat", PASSWORD, path="/admin/login/")
    assert response.status_code == 429 and not is_signed_in(client)


# ---- API throttling ---------------------------------------------------------------------------


def test_anonymous_api_calls_are_throttled_by_address(api_client, rates, english):
    rates(anon="3/minute", user="100/minute")
    for _ in range(3):
        assert api_client.get("/api/states/", REMOTE_ADDR="198.51.100.1").status_code == 200
    response = api_client.get("/api/states/", REMOTE_ADDR="198.51.100.1")
    assert response.status_code == 429
    body = response.json()
    assert body["code"] == "throttled" and body["fields"] == {}
    assert "throttled" in body["detail"]
    assert int(response["Retry-After"]) > 0
    # Another address has its own allowance.
    assert api_client.get("/api/states/", REMOTE_ADDR="198.51.100.2").status_code == 200


def test_signed_in_api_calls_are_throttled_by_user(api_client, rates, analyst_user, reviewer_user):
    rates(anon="1/minute", user="3/minute")
    _token, key = issue_token(analyst_user, acting_user=analyst_user)
    api_client.credentials(HTTP_AUTHORIZATION=f"Token {key}")
    for attempt in range(3):
        response = api_client.get("/api/states/", REMOTE_ADDR=f"198.51.100.{attempt}")
        assert response.status_code == 200
    response = api_client.get("/api/states/", REMOTE_ADDR="198.51.100.9")
    assert response.status_code == 429 and response.json()["code"] == "throttled"
    # Another user, from the same address, is not held back by the first one's calls.
    api_client.credentials()
    api_client.force_authenticate(reviewer_user)
    assert api_client.get("/api/states/", REMOTE_ADDR="198.51.100.9").status_code == 200


def test_production_rates_are_configured_for_every_throttle(settings):
    """Each class in use finds its scope's rate in the settings as shipped, and the rate parses."""
    from django.utils.module_loading import import_string

    from accord import settings as production

    settings.REST_FRAMEWORK = production.REST_FRAMEWORK
    for path in production.REST_FRAMEWORK["DEFAULT_THROTTLE_CLASSES"]:
        throttle = import_string(path)()
        assert throttle.num_requests > 0 and throttle.duration > 0


# ---- API tokens -------------------------------------------------------------------------------


def test_a_token_expires_after_the_configured_days(api_client, settings, analyst_user):
    settings.ACCORD_TOKEN_DAYS = 7
    token, key = issue_token(analyst_user, acting_user=analyst_user)
    assert abs(token.expiry - (timezone.now() + datetime.timedelta(days=7))) < datetime.timedelta(minutes=1)
    api_client.credentials(HTTP_AUTHORIZATION=f"Token {key}")
    assert api_client.get("/api/tokens/").status_code == 200

    AuthToken.objects.filter(pk=token.pk).update(expiry=timezone.now() - datetime.timedelta(seconds=1))
    response = api_client.get("/api/states/")
    assert response.status_code == 401
    assert response["WWW-Authenticate"] == "Token"
    body = response.json()
    assert body["code"] == "authentication_failed" and body["fields"] == {} and body["detail"]


def test_a_made_up_token_is_refused_with_401(api_client):
    api_client.credentials(HTTP_AUTHORIZATION="Token accord_0123456789abcdef")
    response = api_client.post("/api/organizations/", {"kind": "igo", "name_ru": "Нет"})
    assert response.status_code == 401 and response.json()["code"] == "authentication_failed"


def test_an_anonymous_write_is_still_403(api_client):
    response = api_client.post("/api/organizations/", {"kind": "igo", "name_ru": "Нет"})
    assert response.status_code == 403 and response.json()["code"] == "not_authenticated"


def test_only_a_hash_of_the_token_is_stored(analyst_user):
    token, key = issue_token(analyst_user, acting_user=analyst_user)
    assert key.startswith("accord_") and len(key) > 60
    assert key not in {token.digest, token.token_key}


def test_the_account_page_issues_lists_and_revokes_ones_own_tokens(client, analyst_user, reviewer_user):
    _other, _key = issue_token(reviewer_user, acting_user=reviewer_user)
    client.force_login(analyst_user)
    response = client.post(reverse("token_list"))
    assert response.status_code == 200
    secret = response.context["secret"]
    assert secret in response.content.decode()
    assert "no-store" in response["Cache-Control"]
    (token,) = response.context["tokens"]  # the reviewer's token is not listed
    assert token.user == analyst_user and secret.startswith(token.token_key)

    response = client.get(reverse("token_list"))
    assert secret not in response.content.decode()  # shown once

    response = client.post(reverse("token_revoke", args=[_other.token_key]))
    assert response.status_code == 404  # not one's own
    response = client.post(reverse("token_revoke", args=[token.token_key]))
    assert response.status_code == 302
    assert not AuthToken.objects.filter(user=analyst_user).exists()
    assert AuthToken.objects.filter(user=reviewer_user).exists()


def test_the_secretariat_revokes_anyones_token(client, api_client, secretariat_user, analyst_user):
    token, _key = issue_token(analyst_user, acting_user=analyst_user)
    client.force_login(secretariat_user)
    response = client.get(reverse("token_list"))
    assert token.token_key in response.content.decode()
    response = client.post(reverse("token_revoke", args=[token.token_key]))
    assert response.status_code == 302
    assert not AuthToken.objects.filter(user=analyst_user).exists()


def test_the_token_page_needs_a_sign_in(client):
    response = client.get(reverse("token_list"))
    assert response.status_code == 302 and response["Location"].startswith("/login/")


def test_the_api_lists_and_revokes_tokens(api_client, analyst_user, reviewer_user, secretariat_user):
    own, key = issue_token(analyst_user, acting_user=analyst_user)
    other, _ = issue_token(reviewer_user, acting_user=reviewer_user)
    api_client.credentials(HTTP_AUTHORIZATION=f"Token {key}")
    body = api_client.get("/api/tokens/").json()
    assert [(t["key"], t["user"]) for t in body["results"]] == [(own.token_key, "analyst")]
    assert api_client.delete(f"/api/tokens/{other.token_key}/").status_code == 404
    # A script revokes its own token: the next call with it is refused.
    assert api_client.delete(f"/api/tokens/{own.token_key}/").status_code == 204
    assert api_client.get("/api/tokens/").status_code == 401

    api_client.credentials()
    api_client.force_authenticate(secretariat_user)
    assert [t["user"] for t in api_client.get("/api/tokens/").json()["results"]] == ["reviewer"]
    assert api_client.delete(f"/api/tokens/{other.token_key}/").status_code == 204
    assert not AuthToken.objects.exists()


def test_the_api_token_list_needs_a_sign_in(api_client):
    response = api_client.get("/api/tokens/")
    assert response.status_code == 403 and response.json()["code"] == "not_authenticated"


def test_the_command_issues_lists_and_revokes(capsys, analyst_user):
    call_command("api_token", "analyst", "--days", "3")
    key = capsys.readouterr().out.strip()
    token = AuthToken.objects.get(user=analyst_user)
    assert key.startswith(token.token_key)
    assert token.expiry - timezone.now() < datetime.timedelta(days=3, minutes=1)
    call_command("api_token", "analyst", "--list")
    assert token.token_key in capsys.readouterr().out
    call_command("api_token", "analyst", "--revoke", token.token_key)
    assert not AuthToken.objects.exists()
    with pytest.raises(CommandError, match="accord_nothing"):
        call_command("api_token", "analyst", "--revoke", "accord_nothing")
    with pytest.raises(CommandError, match="--days"):
        call_command("api_token", "analyst", "--days", "0")
    issue_token(analyst_user, acting_user=None)
    issue_token(analyst_user, acting_user=None)
    call_command("api_token", "analyst", "--revoke-all")
    assert not AuthToken.objects.exists()


# ---- password change --------------------------------------------------------------------------


@pytest.mark.parametrize("role", [None, Role.FOCAL_POINT, Role.ANALYST, Role.REVIEWER])
def test_every_signed_in_user_changes_their_password(client, role):
    user = make_user(f"user-{role or 'none'}", *([role] if role else []))
    assert not user.is_staff
    client.force_login(user)
    page = client.get(reverse("password_change"))
    assert page.status_code == 200
    assert reverse("password_change") in client.get(reverse("portal:home")).content.decode()
    response = client.post(
        reverse("password_change"),
        {"old_password": PASSWORD, "new_password1": "Tulip-orbit-93", "new_password2": "Tulip-orbit-93"},
    )
    assert response.status_code == 302
    user.refresh_from_db()
    assert user.check_password("Tulip-orbit-93")
    assert is_signed_in(client)  # the session that changed it stays signed in


def test_a_wrong_old_password_changes_nothing(client, analyst_user, english):
    client.force_login(analyst_user)
    response = client.post(
        reverse("password_change"),
        {"old_password": "wrong", "new_password1": "Tulip-orbit-93", "new_password2": "Tulip-orbit-93"},
    )
    assert response.status_code == 200
    assert "Your old password was entered incorrectly" in response.content.decode()
    analyst_user.refresh_from_db()
    assert analyst_user.check_password(PASSWORD)


def test_the_password_page_speaks_russian(client, analyst_user):
    client.force_login(analyst_user)
    content = client.get(reverse("password_change")).content.decode()
    assert "Смена пароля" in content and "Старый пароль" in content


def test_the_password_page_needs_a_sign_in(client):
    response = client.get(reverse("password_change"))
    assert response.status_code == 302 and response["Location"].startswith("/login/")
