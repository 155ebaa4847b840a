"""Forgotten passwords: a reset link by email (plain text and HTML), usable once."""

import re

import pytest
from django.core import mail

from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_a_user_resets_a_forgotten_password_by_email(client):
    user = UserFactory(username="mai", email="mai@moha.gov.vn")

    client.post("/en/accounts/password_reset/", {"email": "mai@moha.gov.vn"})

    message = mail.outbox[0]
    assert message.to == ["mai@moha.gov.vn"]
    assert "Your user name is: mai" in message.body
    assert message.alternatives[0][1] == "text/html"
    link = re.search(r"https?://[^/]+(/en/accounts/reset/\S+/)", message.body).group(1)
    form_page = client.get(link, follow=True)
    client.post(
        form_page.redirect_chain[-1][0],
        {"new_password1": "Hanoi-2030-lotus", "new_password2": "Hanoi-2030-lotus"},
    )
    user.refresh_from_db()
    assert user.check_password("Hanoi-2030-lotus")
    assert "already been used" in client.get(link, follow=True).content.decode()


def test_the_reset_email_is_in_the_language_of_the_page(client):
    UserFactory(email="binh@moha.gov.vn")
    client.post("/vi/accounts/password_reset/", {"email": "binh@moha.gov.vn"})
    assert mail.outbox[0].subject == "Đặt lại mật khẩu Cổng thông tin ACCSM"


def test_an_unknown_address_reveals_nothing(client):
    response = client.post("/en/accounts/password_reset/", {"email": "nobody@example.org"}, follow=True)
    assert mail.outbox == []
    assert "If an account uses that address" in response.content.decode()


def test_reset_links_are_bounded_per_address_whether_or_not_an_account_uses_it(client, settings):
    settings.ACCSM_PASSWORD_RESET_PER_ADDRESS = 2
    UserFactory(email="mai@moha.gov.vn")
    answers = [client.post("/en/accounts/password_reset/", {"email": "Mai@moha.gov.vn"}).status_code for _ in range(3)]
    unknown = [client.post("/en/accounts/password_reset/", {"email": "no@moha.gov.vn"}).status_code for _ in range(3)]

    assert (answers, unknown) == ([302, 302, 429], [302, 302, 429])
    assert len(mail.outbox) == 2
    refused = client.post("/en/accounts/password_reset/", {"email": "mai@moha.gov.vn"})
    assert "Too many password reset links were asked" in refused.content.decode()


def test_reset_links_are_bounded_per_client(client, settings):
    settings.ACCSM_PASSWORD_RESET_PER_CLIENT = 3
    answers = [
        client.post("/en/accounts/password_reset/", {"email": f"guess{n}@moha.gov.vn"}).status_code for n in range(4)
    ]
    other_client = client.post(
        "/en/accounts/password_reset/", {"email": "guess9@moha.gov.vn"}, REMOTE_ADDR="192.0.2.7"
    ).status_code
    assert (answers, other_client) == ([302, 302, 302, 429], 302)
