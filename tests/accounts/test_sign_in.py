import datetime as dt

import pytest
import time_machine
from axes.models import AccessAttempt
from django.contrib.auth import get_user_model
from django.test import Client

from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

LOGIN = "/en/accounts/login/"


def attempt(client, username, password, address="203.0.113.5"):
    return client.post(LOGIN, {"username": username, "password": password}, REMOTE_ADDR=address)


def test_wrong_passwords_lock_the_account_from_that_address_and_the_page_says_why(client, settings):
    user = UserFactory(username="fp-vn")
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        assert attempt(client, "fp-vn", "wrong").status_code == 200

    response = attempt(client, "fp-vn", "wrong")

    assert response.status_code == 429
    page = response.content.decode()
    assert "Sign-in is paused for this account from your network." in page
    assert "Try again in 15 minutes." in page
    # Locked: even the right password is refused, and no session is opened.
    response = attempt(client, "fp-vn", "correct-horse-battery")
    assert response.status_code == 429
    assert "_auth_user_id" not in client.session
    assert user.pk


def test_the_lock_out_holds_for_that_account_and_address_only(client, settings):
    UserFactory(username="fp-vn")
    UserFactory(username="fp-th")
    for _ in range(settings.AXES_FAILURE_LIMIT):
        attempt(client, "fp-vn", "wrong")

    assert attempt(Client(), "fp-vn", "correct-horse-battery", address="198.51.100.7").status_code == 302
    assert attempt(Client(), "fp-th", "correct-horse-battery").status_code == 302


def test_the_lock_out_ends_after_the_cool_off(client, settings):
    UserFactory(username="fp-vn")
    start = dt.datetime(2026, 3, 2, 9, 0, tzinfo=dt.UTC)
    with time_machine.travel(start, tick=False):
        for _ in range(settings.AXES_FAILURE_LIMIT):
            attempt(client, "fp-vn", "wrong")
    with time_machine.travel(start + settings.AXES_COOLOFF_TIME + dt.timedelta(seconds=1), tick=False):
        assert attempt(client, "fp-vn", "correct-horse-battery").status_code == 302


def test_the_proxy_cannot_be_bypassed_with_a_forged_forwarded_for_header(client, settings):
    """Behind one trusted proxy, the address is the one the proxy appended, not what the client wrote."""
    settings.TRUSTED_PROXY_COUNT = 1
    UserFactory(username="fp-vn")
    for i in range(settings.AXES_FAILURE_LIMIT):
        client.post(
            LOGIN,
            {"username": "fp-vn", "password": "wrong"},
            REMOTE_ADDR="10.0.0.2",
            HTTP_X_FORWARDED_FOR=f"192.0.2.{i}, 203.0.113.5",
        )

    assert list(AccessAttempt.objects.values_list("ip_address", flat=True)) == ["203.0.113.5"]


def test_a_successful_sign_in_clears_the_failures(client, settings):
    UserFactory(username="fp-vn")
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        attempt(client, "fp-vn", "wrong")
    assert attempt(client, "fp-vn", "correct-horse-battery").status_code == 302
    client.logout()

    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        assert attempt(client, "fp-vn", "wrong").status_code == 200


def test_the_sign_in_page_warns_about_the_lock_out_in_vietnamese(client):
    page = client.get("/vi/accounts/login/").content.decode()

    assert "Sau 5 lần nhập sai mật khẩu liên tiếp, việc đăng nhập sẽ tạm dừng 15 phút." in page


def test_a_session_ends_after_a_working_day(client):
    user = UserFactory()
    start = dt.datetime(2026, 3, 2, 8, 0, tzinfo=dt.UTC)
    with time_machine.travel(start, tick=False):
        client.force_login(user)
    with time_machine.travel(start + dt.timedelta(hours=8, minutes=59), tick=False):
        assert client.get("/en/accounts/two-step/").status_code == 200
    with time_machine.travel(start + dt.timedelta(hours=9, minutes=1), tick=False):
        response = client.get("/en/accounts/two-step/")
    assert response.status_code == 302
    assert response["Location"].startswith(LOGIN)


def test_changing_the_password_signs_out_every_other_session():
    user = UserFactory()
    office, phone = Client(), Client()
    office.force_login(user)
    phone.force_login(user)

    response = office.post(
        "/en/accounts/password_change/",
        {
            "old_password": "correct-horse-battery",
            "new_password1": "a much longer passphrase 2026",
            "new_password2": "a much longer passphrase 2026",
        },
    )

    assert response.status_code == 302
    assert office.get("/en/accounts/two-step/").status_code == 200
    assert phone.get("/en/accounts/two-step/").status_code == 302


def test_passwords_are_hashed_with_argon2_in_production(settings):
    assert settings.PASSWORD_HASHERS[-2:] == [
        "django.contrib.auth.hashers.Argon2PasswordHasher",
        "django.contrib.auth.hashers.PBKDF2PasswordHasher",
    ]
    settings.PASSWORD_HASHERS = settings.PASSWORD_HASHERS[-2:]
    user = get_user_model()(username="x")
    user.set_password("a much longer passphrase 2026")
    assert user.password.startswith("argon2$argon2id$")


@pytest.mark.parametrize(
    ("password", "message"),
    [
        ("short1", "This password is too short. It must contain at least 12 characters."),
        ("password1234", "This password is too common."),
        ("738492016374", "This password is entirely numeric."),
    ],
)
def test_weak_passwords_are_refused(password, message):
    from django.contrib.auth.password_validation import validate_password
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError) as error:
        validate_password(password, get_user_model()(username="someone"))
    assert message in error.value.messages
