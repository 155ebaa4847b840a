"""Bodies no client should send still get the API's JSON 400 shape, never a 500 or an HTML page."""

import pytest

pytestmark = pytest.mark.django_db


def post(client, body: bytes):
    return client.post("/api/v1/participants/", body, content_type="application/json")


@pytest.fixture
def signed_in(client, focal_point_vn):
    client.force_login(focal_point_vn)
    return client


@pytest.mark.parametrize("depth", [40, 100_000])
def test_deeply_nested_json_is_a_json_400(signed_in, depth):
    response = post(signed_in, b"[" * depth + b"]" * depth)
    assert (response.status_code, response["Content-Type"]) == (400, "application/json")
    assert response.json()["code"] == "parse_error"
    assert "nests deeper than 32 levels" in response.json()["message"]


def test_an_oversized_body_is_a_json_400(signed_in, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1000
    response = post(signed_in, b'{"full_name": "' + b"a" * 2000 + b'"}')
    assert (response.status_code, response.json()["code"]) == (400, "too_large")
    assert "larger than 1000 bytes" in response.json()["message"]


@pytest.mark.parametrize("body", [b"{", b'{"a": NaN}', b"\xff\xfe", b'{"a": 1e999999}'])
def test_malformed_json_is_a_json_400(signed_in, body):
    response = post(signed_in, body)
    assert response.status_code == 400
    assert response.json()["code"] in ("parse_error", "invalid")


def test_ordinary_nesting_still_parses(signed_in):
    response = post(signed_in, b'{"full_name": "", "extra": {"a": [{"b": [1]}]}}')
    assert (response.status_code, response.json()["code"]) == (400, "invalid")
