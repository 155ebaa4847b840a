"""Webhooks end to end: a real HTTPS server on the loopback (http.server in a thread, a self-signed
certificate for 127.0.0.1) receives the portal's deliveries, checks their signatures, refuses the first two
and sees the retries; the delivery's record shows every attempt."""

from __future__ import annotations

import datetime as dt
import json
import ssl
import subprocess
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from django.core import mail

from meetings.models import Meeting
from outbox.dispatcher import send_pending as send_emails
from outbox.models import OutboxEmail
from tests.factories import DelegationFactory, MeetingFactory
from webhooks import dispatcher, http, signing
from webhooks.dispatcher import send_pending
from webhooks.models import Delivery, Subscription
from webhooks.services import send_test_event, subscription_create

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="session")
def certificate(tmp_path_factory):
    folder = tmp_path_factory.mktemp("tls")
    cert, key = folder / "cert.pem", folder / "key.pem"
    subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1", "-subj", "/CN=127.0.0.1",
         "-addext", "subjectAltName=IP:127.0.0.1", "-keyout", str(key), "-out", str(cert)],
        check=True, capture_output=True,
    )  # fmt: skip
    return cert, key


class Endpoint:
    """What the server received, and how it answers: `answers` are popped one per request (then 200)."""

    def __init__(self):
        self.requests: list[tuple[dict, bytes]] = []
        self.answers: list[int] = []
        self.delay = 0.0


@pytest.fixture
def endpoint(certificate, monkeypatch):
    cert, key = certificate
    state = Endpoint()

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self):
            body = self.rfile.read(int(self.headers["Content-Length"]))
            state.requests.append((dict(self.headers.items()), body))
            if state.delay:
                threading.Event().wait(state.delay)
            status = state.answers.pop(0) if state.answers else 200
            answer = json.dumps({"ok": status == 200, "filler": "x" * 2000}).encode()
            self.send_response(status)
            self.send_header("Content-Length", str(len(answer)))
            self.end_headers()
            self.wfile.write(answer)

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(cert, key)
    server.socket = context.wrap_socket(server.socket, server_side=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    client = ssl.create_default_context(cafile=str(cert))
    monkeypatch.setattr(http, "tls_context", lambda: client)
    state.url = f"https://127.0.0.1:{server.server_address[1]}/hooks/accsm"
    yield state
    server.shutdown()
    server.server_close()


def _due_now():
    Delivery.objects.filter(state=Delivery.State.PENDING).update(send_after=dt.datetime(2000, 1, 1, tzinfo=dt.UTC))


def test_a_published_meeting_reaches_the_endpoint_signed_after_two_refusals(endpoint, secretariat_user):
    subscription, secret = subscription_create(
        actor=secretariat_user, url=endpoint.url, events=["meeting.published", "meeting.cancelled"]
    )
    meeting = MeetingFactory(status=Meeting.Status.DRAFT)
    endpoint.answers = [500, 503]

    from meetings.services.schedule import meeting_publish

    meeting_publish(actor=secretariat_user, meeting=meeting)
    [delivery] = Delivery.objects.all()
    assert delivery.event == "meeting.published"

    assert send_pending().retrying == 1
    _due_now()
    assert send_pending().retrying == 1
    _due_now()
    assert send_pending().delivered == 1

    assert len(endpoint.requests) == 3
    for headers, body in endpoint.requests:
        assert signing.verify(secret, headers, body)
        assert headers[signing.EVENT_HEADER] == "meeting.published"
        assert not signing.verify("another-secret", headers, body)
    payloads = [json.loads(body) for _headers, body in endpoint.requests]
    assert {payload["id"] for payload in payloads} == {str(delivery.event_id)}  # one event, three tries
    assert payloads[0]["data"]["meeting"]["id"] == meeting.pk
    assert payloads[0]["data"]["meeting"]["status"] == "published"

    delivery.refresh_from_db()
    assert delivery.state == Delivery.State.DELIVERED
    assert delivery.attempts == 3
    attempts = list(delivery.attempt_log.all())
    assert [attempt.status_code for attempt in attempts] == [500, 503, 200]
    assert all(len(attempt.response_excerpt) == 500 for attempt in attempts)  # bounded
    assert attempts[0].response_excerpt.startswith('{"ok": false')
    subscription.refresh_from_db()
    assert subscription.consecutive_failures == 0


def test_an_old_timestamp_or_a_changed_body_does_not_verify():
    body = b'{"event":"ping"}'
    headers = signing.headers(secret="s", event="ping", event_id="1", body=body, now=1_000_000)
    assert signing.verify("s", headers, body, now=1_000_100)
    assert not signing.verify("s", headers, body, now=1_000_000 + signing.TOLERANCE_SECONDS + 1)  # replayed
    assert not signing.verify("s", headers, body + b" ", now=1_000_100)


def test_registration_events_reach_only_that_countrys_subscription(endpoint, focal_point_vn, focal_point_th, viet_nam):
    mine, _secret = subscription_create(actor=focal_point_vn, url=endpoint.url, events=["registration.created"])
    theirs, _secret = subscription_create(actor=focal_point_th, url=endpoint.url, events=["registration.created"])
    assert mine.member_state == viet_nam

    from registrations.services.registration import participant_register

    delegation = DelegationFactory(member_state=viet_nam, meeting=MeetingFactory())
    participant = participant_register(
        actor=focal_point_vn,
        delegation=delegation,
        data={"full_name": "Nguyen Van A", "email": "a@example.org", "position": "Director", "honorific": "Mr."},
    )
    assert list(Delivery.objects.values_list("subscription", "event")) == [(mine.pk, "registration.created")]
    send_pending()
    [(_headers, body)] = endpoint.requests
    data = json.loads(body)["data"]["participant"]
    assert data == {
        "id": participant.pk,
        "meeting": delegation.meeting_id,
        "delegation": delegation.pk,
        "country": "VN",
        "status": participant.status,
        "role": participant.role,
    }
    assert "Nguyen" not in body.decode()  # ids and states only: no personal data leaves by webhook
    assert theirs.deliveries.count() == 0


def test_a_failing_endpoint_is_switched_off_and_its_owner_told(endpoint, secretariat_user, settings):
    subscription, _secret = subscription_create(actor=secretariat_user, url=endpoint.url, events=["meeting.changed"])
    endpoint.answers = [500] * dispatcher.DISABLE_AFTER
    for _ in range(dispatcher.DISABLE_AFTER):
        send_test_event(actor=secretariat_user, subscription=subscription)
    summary = send_pending()
    assert summary.disabled == 1
    subscription.refresh_from_db()
    assert not subscription.is_active
    [email] = OutboxEmail.objects.filter(kind="webhook_disabled")
    assert email.to_email == secretariat_user.email
    send_emails()
    [message] = mail.outbox
    assert subscription.url in message.body


def test_a_slow_endpoint_times_out_and_is_retried(endpoint, secretariat_user, monkeypatch):
    monkeypatch.setattr(http, "READ_TIMEOUT", 0.3)
    subscription, _secret = subscription_create(actor=secretariat_user, url=endpoint.url, events=["meeting.changed"])
    endpoint.delay = 1.0
    delivery = send_test_event(actor=secretariat_user, subscription=subscription)
    assert send_pending().retrying == 1
    [attempt] = delivery.attempt_log.all()
    assert attempt.status_code is None
    assert attempt.error == "timed out"
    assert attempt.duration_ms < 1000


@pytest.mark.parametrize(
    "url",
    [
        "http://example.org/hook",  # not HTTPS
        "https://10.0.0.5/hook",  # private
        "https://169.254.169.254/latest/meta-data",  # link-local (cloud metadata)
        "https://[::1]:8443/hook",  # loopback, refused outside the tests
        "https://127.0.0.1/hook",
        "https://user:pw@example.org/hook",
    ],
)
def test_addresses_a_webhook_may_not_reach_are_refused(url, settings):
    settings.WEBHOOKS_ALLOW_LOOPBACK = False
    with pytest.raises(http.RefusedAddress):
        http.check_endpoint(url)


def test_a_name_that_resolves_inside_is_refused_when_sending(endpoint, secretariat_user, settings, monkeypatch):
    subscription, _secret = subscription_create(actor=secretariat_user, url=endpoint.url, events=["meeting.changed"])
    settings.WEBHOOKS_ALLOW_LOOPBACK = False  # as in production: the address is checked again at each attempt
    delivery = send_test_event(actor=secretariat_user, subscription=subscription)
    send_pending()
    [attempt] = delivery.attempt_log.all()
    assert attempt.status_code is None
    assert "private, local or reserved" in attempt.error
    assert endpoint.requests == []


def test_a_redirect_is_not_followed(endpoint, secretariat_user):
    subscription, _secret = subscription_create(actor=secretariat_user, url=endpoint.url, events=["meeting.changed"])
    endpoint.answers = [302]
    delivery = send_test_event(actor=secretariat_user, subscription=subscription)
    assert send_pending().retrying == 1
    assert [attempt.status_code for attempt in delivery.attempt_log.all()] == [302]
    assert len(endpoint.requests) == 1


def test_a_rolled_back_change_sends_nothing(endpoint, secretariat_user):
    from django.db import transaction

    subscription_create(actor=secretariat_user, url=endpoint.url, events=["meeting.published"])
    meeting = MeetingFactory(status=Meeting.Status.DRAFT)
    from meetings.services.schedule import meeting_publish

    with pytest.raises(RuntimeError), transaction.atomic():
        meeting_publish(actor=secretariat_user, meeting=meeting)
        raise RuntimeError
    assert Delivery.objects.count() == 0
    assert Subscription.objects.count() == 1


def test_a_draft_meetings_changes_are_not_emitted(endpoint, secretariat_user):
    subscription_create(actor=secretariat_user, url=endpoint.url, events=["agenda.changed", "meeting.changed"])
    from meetings.services.schedule import agenda_item_add

    agenda_item_add(actor=secretariat_user, meeting=MeetingFactory(status=Meeting.Status.DRAFT), data={"title_en": "A"})
    assert Delivery.objects.count() == 0
    agenda_item_add(actor=secretariat_user, meeting=MeetingFactory(), data={"title_en": "B"})
    assert list(Delivery.objects.values_list("event", flat=True)) == ["agenda.changed"]
