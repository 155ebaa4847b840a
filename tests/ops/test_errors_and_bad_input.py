import json

import pytest
from django.test import Client
from django.urls import path

from meetings.models import Participant
from tests.factories import DelegationFactory, MeetingFactory, ParticipantFactory

pytestmark = pytest.mark.django_db


def boom(request):
    raise RuntimeError("deliberate failure for delegate.secret@example.org")


urlpatterns = [path("boom/", boom)]
handler500 = "ops.views.server_error"


@pytest.mark.parametrize(
    ("language", "heading"),
    [("en", "Page not found"), ("vi", "Không tìm thấy trang")],
)
def test_a_missing_page_is_a_friendly_404_in_the_users_language(client, language, heading):
    response = client.get(f"/{language}/no-such-page/")

    assert response.status_code == 404
    assert f"<h1>{heading}</h1>" in response.content.decode()


def test_a_forbidden_page_is_a_friendly_403(client, focal_point_vn):
    client.force_login(focal_point_vn)

    response = client.get("/en/audit/")

    assert response.status_code == 403
    assert "<h1>You cannot open this page</h1>" in response.content.decode()


def test_a_server_error_is_a_friendly_500_with_a_reference_and_no_details(settings, caplog):
    settings.ROOT_URLCONF = __name__
    client = Client(raise_request_exception=False)

    response = client.get("/boom/", headers={"X-Request-ID": "req-12345678"})

    body = response.content.decode()
    assert response.status_code == 500
    assert "<h1>Something went wrong</h1>" in body
    assert "req-12345678" in body
    assert "deliberate failure" not in body
    logged = "\n".join(record.exc_text or "" for record in caplog.records)
    assert "deliberate failure for [redacted]" in logged
    assert "delegate.secret@example.org" not in caplog.text + logged


def test_a_host_not_allowed_is_a_friendly_400(client):
    response = client.get("/en/", headers={"Host": "evil.example.com"})

    assert response.status_code == 400
    assert "The request could not be read" in response.content.decode()


def test_a_post_without_csrf_token_is_refused_with_an_explanation_and_changes_nothing(secretariat_user):
    client = Client(enforce_csrf_checks=True)
    client.force_login(secretariat_user)
    participant = ParticipantFactory(full_name="Nguyễn Văn A")

    response = client.post(
        f"/en/personal-data/participants/{participant.pk}/erase/", {"confirm": "on", "reason": "test"}
    )

    assert response.status_code == 403
    assert "The form has expired" in response.content.decode()
    participant.refresh_from_db()
    assert participant.full_name == "Nguyễn Văn A"


def test_an_oversized_body_is_a_400_and_changes_nothing(client, secretariat_user, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 10_000
    client.force_login(secretariat_user)
    participant = ParticipantFactory(full_name="Nguyễn Văn A")

    response = client.post(
        f"/en/personal-data/participants/{participant.pk}/erase/", {"confirm": "on", "reason": "x" * 20_000}
    )

    assert response.status_code == 400
    assert "The request could not be read" in response.content.decode()
    participant.refresh_from_db()
    assert participant.anonymised_at is None


def test_too_many_form_fields_is_a_400_and_changes_nothing(client, secretariat_user):
    client.force_login(secretariat_user)
    participant = ParticipantFactory(full_name="Nguyễn Văn A")
    data = {"confirm": "on", **{f"field{i}": "x" for i in range(600)}}

    response = client.post(f"/en/personal-data/participants/{participant.pk}/erase/", data)

    assert response.status_code == 400
    participant.refresh_from_db()
    assert participant.anonymised_at is None


@pytest.mark.parametrize("reason", [b"\xff\xfe", b"%FF%FE", "Thăng".encode("cp1258")])
def test_invalid_utf8_in_a_form_is_refused_and_changes_nothing(client, secretariat_user, reason):
    client.force_login(secretariat_user)
    participant = ParticipantFactory(full_name="Nguyễn Văn A")

    response = client.post(
        f"/en/personal-data/participants/{participant.pk}/erase/",
        data=b"confirm=on&reason=" + reason,
        content_type="application/x-www-form-urlencoded",
    )

    assert response.status_code == 400
    assert "The request could not be read" in response.content.decode()
    participant.refresh_from_db()
    assert participant.anonymised_at is None


def test_valid_utf8_in_a_form_goes_through(client, secretariat_user):
    client.force_login(secretariat_user)
    participant = ParticipantFactory(full_name="Nguyễn Văn A")

    response = client.post(
        f"/en/personal-data/participants/{participant.pk}/erase/",
        data="confirm=on&reason=Ngư%E1%BB%9Di y%C3%AAu c%E1%BA%A7u".encode(),
        content_type="application/x-www-form-urlencoded",
    )

    assert response.status_code == 302
    participant.refresh_from_db()
    assert participant.anonymised_at is not None


def test_invalid_utf8_in_a_query_string_is_a_400(client, secretariat_user):
    client.force_login(secretariat_user)

    assert client.get("/en/personal-data/?q=%FF%FE").status_code == 400
    assert client.get("/en/personal-data/?q=Nguy%E1%BB%85n").status_code == 200


def test_an_expired_session_is_sent_to_sign_in_and_changes_nothing(client, secretariat_user):
    client.force_login(secretariat_user)
    participant = ParticipantFactory(full_name="Nguyễn Văn A")
    session = client.session
    session.set_expiry(-1)
    session.save()

    response = client.post(f"/en/personal-data/participants/{participant.pk}/erase/", {"confirm": "on"})

    assert response.status_code == 302
    assert response["Location"].startswith("/en/accounts/login/")
    participant.refresh_from_db()
    assert participant.full_name == "Nguyễn Văn A"


def test_a_path_traversal_file_name_is_stored_inside_the_private_folder(settings, tmp_path):
    from django.core.files.uploadedfile import SimpleUploadedFile

    delegation = DelegationFactory(meeting=MeetingFactory())
    delegation.nomination_letter = SimpleUploadedFile("../../../../etc/passwd.pdf", b"%PDF-1.4")
    delegation.save()

    stored = delegation.nomination_letter.path
    root = settings.STORAGES["default"]["OPTIONS"]["location"]
    assert stored.startswith(root + "/nomination-letters/")
    assert ".." not in delegation.nomination_letter.name


def test_malformed_json_to_a_json_endpoint_is_a_400(client):
    # The REST API's own tests cover each endpoint; here the framework's behaviour the portal relies on.
    from rest_framework.exceptions import ParseError
    from rest_framework.parsers import JSONParser

    with pytest.raises(ParseError):
        JSONParser().parse(__import__("io").BytesIO(b'{"full_name": "A",'))
    with pytest.raises(ParseError):
        JSONParser().parse(__import__("io").BytesIO(b'{"full_name": "\xff"}'))
    assert Participant.objects.count() == 0
    assert json.loads('{"ok": true}') == {"ok": True}
