"""A client that asks the API for Vietnamese (Accept-Language: vi, or ?lang=vi) reads every error message in
Vietnamese: the API's own, Django's and Django REST framework's (which ships little Vietnamese)."""

import pytest
from rest_framework.test import APIClient

from api import services
from meetings.api.filtersets import MeetingFilter
from tests.factories import DelegationFactory, FocalPointFactory, MeetingFactory
from tests.untranslated import english_left

pytestmark = pytest.mark.django_db


def messages(response) -> str:
    body = response.json()
    return " ".join([body["message"], *(message for texts in body["fields"].values() for message in texts)])


@pytest.fixture
def registrations_client(secretariat_user, viet_nam):
    focal_point = FocalPointFactory(member_state=viet_nam).user
    _token, plain = services.api_token_create(
        actor=secretariat_user, name="MOHA", owner=focal_point, scope="registrations", member_state=viet_nam
    )
    client = APIClient(HTTP_ACCEPT_LANGUAGE="vi")
    client.credentials(HTTP_AUTHORIZATION=f"Bearer {plain}")
    return client


def test_every_api_error_is_explained_in_vietnamese(registrations_client, viet_nam):
    delegation = DelegationFactory(meeting=MeetingFactory(), member_state=viet_nam)
    anonymous = APIClient(HTTP_ACCEPT_LANGUAGE="vi")
    wrong_token = APIClient(HTTP_ACCEPT_LANGUAGE="vi", HTTP_AUTHORIZATION="Bearer not-a-token")
    answers = {
        "no credentials": anonymous.post("/api/v1/participants/", {}, format="json"),
        "wrong token": wrong_token.get("/api/v1/participants/"),
        "method": registrations_client.delete("/api/v1/meetings/"),
        "media type": registrations_client.post("/api/v1/participants/", "x", content_type="text/plain"),
        "malformed": registrations_client.post("/api/v1/participants/", "{", content_type="application/json"),
        "fields": registrations_client.post(
            "/api/v1/participants/",
            {"delegation": delegation.pk, "full_name": "", "email": "an@", "role": "king", "arrival": "tomorrow"},
            format="json",
        ),
        "type": registrations_client.post("/api/v1/participants/", {"delegation": "abc"}, format="json"),
        "not found": registrations_client.get("/api/v1/meetings/987654/"),
        "parameter": anonymous.get("/api/v1/meetings/?lang=vi&page=0&colour=red"),
    }

    # Names the client must type as they are: query parameters, media types.
    identifiers = {*MeetingFilter.base_filters, "lang", "page", "page_size", "text/plain"}
    assert {
        name: (answer.status_code >= 400, english_left(messages(answer), content=identifiers))
        for name, answer in answers.items()
    } == {name: (True, []) for name in answers}
    assert messages(answers["no credentials"]).startswith("Chưa gửi thông tin xác thực")
