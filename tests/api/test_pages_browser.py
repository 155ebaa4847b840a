"""The secretariat creates an API token in the portal and hands it over; it works at once."""

import pytest
from rest_framework.test import APIClient

from tests.factories import FocalPointFactory

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.browser]


def test_secretariat_creates_a_registrations_token_and_it_works(page, live_server, sign_in, secretariat_user, viet_nam):
    focal_point = FocalPointFactory(member_state=viet_nam, user__first_name="Lan", user__last_name="Nguyen").user
    sign_in(secretariat_user)
    page.goto(live_server.url + "/en/api/tokens/")
    page.get_by_label("Name").fill("MOHA registrations")
    page.get_by_label("Owner").select_option(label=f"Lan Nguyen ({focal_point.username}) — Viet Nam")
    page.get_by_label("Scope").select_option("registrations")
    page.get_by_role("button", name="Create token").click()
    # Forgot the country: the form says so beside the field and keeps what was typed.
    assert page.locator(".field-error").inner_text() == "Choose the country whose registrations the token may change."
    assert page.get_by_label("Name").input_value() == "MOHA registrations"
    page.get_by_label("Country").select_option(label="Viet Nam")
    page.get_by_role("button", name="Create token").click()

    plain = page.get_by_label("The new token (shown only now — copy it and hand it over securely):").input_value()
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Bearer {plain}")
    assert client.get("/api/v1/participants/").status_code == 200
    page.reload()
    assert page.locator("#new-token").count() == 0
