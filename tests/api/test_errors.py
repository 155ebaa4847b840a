"""Every bad input the issue names is answered 4xx with one JSON shape {code, message, fields}."""

import datetime as dt

import pytest
from django.utils import timezone

from api.models import ApiToken
from tests.factories import MeetingFactory, UserFactory

pytestmark = pytest.mark.django_db


def assert_error(response, status, code, field=None):
    assert response.status_code == status, response.content
    assert response["Content-Type"].startswith("application/json")
    body = response.json()
    assert set(body) == {"code", "message", "fields"}
    assert body["code"] == code
    assert isinstance(body["message"], str) and body["message"]
    if field is not None:
        assert list(body["fields"]) == [field]
    return body


@pytest.mark.parametrize(
    ("query", "status", "code", "field"),
    [
        ("colour=red", 400, "unknown_parameter", "colour"),
        ("year=twenty", 400, "invalid", "year"),
        ("year=1.5", 400, "invalid", "year"),
        ("year=99999999999999999999999", 400, "invalid", "year"),
        ("chairmanship=abc", 400, "invalid", "chairmanship"),
        ("kind=banquet", 400, "invalid", "kind"),
        ("start_from=yesterday", 400, "invalid", "start_from"),
        ("start_to=2024-13-45", 400, "invalid", "start_to"),
        ("updated_since=2024-02-30", 400, "invalid", "updated_since"),
        ("updated_since=", 400, "invalid", "updated_since"),
        ("page=0", 400, "invalid", "page"),
        ("page=two", 400, "invalid", "page"),
        ("page=99", 404, "not_found", None),
        ("page_size=-3", 400, "invalid", "page_size"),
        ("page_size=lots", 400, "invalid", "page_size"),
        ("lang=xx", 400, "unknown_language", "lang"),
        ("search=%00", 400, "invalid", "search"),
    ],
)
def test_bad_list_input_is_a_json_error(api_client, query, status, code, field):
    MeetingFactory()
    assert_error(api_client.get(f"/api/v1/meetings/?{query}"), status, code, field)


def test_unknown_language_in_accept_language_falls_back_to_english(api_client):
    MeetingFactory(title="Senior Officials Meeting", title_vi="Hội nghị quan chức cấp cao (SOM)")
    response = api_client.get("/api/v1/meetings/", HTTP_ACCEPT_LANGUAGE="xx-YY")
    assert response.status_code == 200
    assert response["Content-Language"] == "en"
    assert [m["title"] for m in response.json()["results"]] == ["Senior Officials Meeting"]


def test_unknown_path_and_object_are_json_404(api_client):
    assert_error(api_client.get("/api/v1/no-such-thing/"), 404, "not_found")
    assert_error(api_client.get("/api/v1/meetings/999999/"), 404, "not_found")
    assert_error(api_client.get("/api/v1/meetings/99999999999999999999999/"), 404, "not_found")
    assert_error(api_client.get("/api/v1/meetings/abc/"), 404, "not_found")


def test_draft_meeting_is_hidden_from_anonymous_clients(api_client):
    draft = MeetingFactory(status="draft")
    assert_error(api_client.get(f"/api/v1/meetings/{draft.pk}/"), 404, "not_found")


def test_wrong_method_is_a_json_405(api_client, secretariat_user):
    meeting = MeetingFactory()
    api_client.force_login(secretariat_user)
    assert_error(api_client.put(f"/api/v1/meetings/{meeting.pk}/", {}, format="json"), 405, "method_not_allowed")
    assert_error(api_client.post("/api/v1/changes/", {}, format="json"), 405, "method_not_allowed")


def test_dates_at_the_edge_of_time_are_not_a_server_error(api_client):
    MeetingFactory()
    for value in ("9999-12-31T23:59:59-23:00", "0001-01-01T00:00:00+05:00"):
        assert api_client.get("/api/v1/meetings/", {"updated_since": value}).status_code == 200


def test_malformed_json_body_is_a_json_400(token_client, focal_point_vn, viet_nam):
    client = token_client(focal_point_vn, "registrations", viet_nam)
    response = client.post("/api/v1/participants/", data="{not json", content_type="application/json")
    assert_error(response, 400, "parse_error")


def test_unknown_token_is_401(api_client):
    api_client.credentials(HTTP_AUTHORIZATION="Bearer accsm_not-a-real-token")
    response = api_client.get("/api/v1/meetings/")
    assert_error(response, 401, "authentication_failed")
    assert response["WWW-Authenticate"] == 'Bearer realm="api"'


def test_expired_token_is_401(token_client, focal_point_vn):
    client = token_client(focal_point_vn)
    ApiToken.objects.update(expires_at=timezone.now() - dt.timedelta(minutes=1))
    assert_error(client.get("/api/v1/meetings/"), 401, "token_expired")


def test_revoked_token_is_401(token_client, focal_point_vn):
    client = token_client(focal_point_vn)
    ApiToken.objects.update(revoked_at=timezone.now())
    assert_error(client.get("/api/v1/meetings/"), 401, "token_revoked")


def test_token_of_deactivated_user_is_401(token_client):
    owner = UserFactory()
    client = token_client(owner)
    owner.is_active = False
    owner.save()
    assert_error(client.get("/api/v1/meetings/"), 401, "authentication_failed")


def test_malformed_authorization_header_is_401(api_client):
    api_client.credentials(HTTP_AUTHORIZATION="Bearer two parts")
    assert_error(api_client.get("/api/v1/meetings/"), 401, "authentication_failed")


def test_registrations_need_sign_in(api_client):
    assert_error(api_client.get("/api/v1/participants/"), 401, "not_authenticated")
    assert_error(api_client.post("/api/v1/participants/", {}, format="json"), 401, "not_authenticated")


def test_read_only_token_cannot_write(token_client, focal_point_vn):
    client = token_client(focal_point_vn)
    assert_error(client.post("/api/v1/delegations/", {"meeting": 1}, format="json"), 403, "permission_denied")
