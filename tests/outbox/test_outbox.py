"""The outbox: one way every email leaves. Written in the caller's transaction, sent once by the dispatcher,
retried when the mail server (or the database) refuses for now, failed visibly when it refuses for good."""

import datetime as dt
import smtplib
import uuid

import pytest
import time_machine
from django.core import mail
from django.db import OperationalError, transaction
from django.urls import reverse
from django.utils import timezone

from accounts import services as accounts_services
from common.clock import db_now
from meetings import emails
from meetings.models import Participant
from outbox import dispatcher
from outbox.dispatcher import claim_batch, send_pending
from outbox.kinds import KINDS
from outbox.models import OutboxEmail
from outbox.services import email_retry, forget_sent_emails
from outbox.tasks import send_outbox
from privacy.registry import SOURCES
from tests.clock import database_moves_on
from tests.factories import OutboxEmailFactory, ParticipantFactory, ReminderFactory
from tests.helpers import run_concurrently
from tests.reminders.backends import ScriptedBackend

pytestmark = pytest.mark.django_db

FAILURES = "/en/secretariat/emails/"


@pytest.fixture
def scripted(settings):
    settings.EMAIL_BACKEND = "tests.reminders.backends.ScriptedBackend"
    ScriptedBackend.script, ScriptedBackend.sessions = [], []
    yield ScriptedBackend
    ScriptedBackend.script, ScriptedBackend.sessions = [], []


def confirmed(**kwargs) -> Participant:
    return ParticipantFactory(status=Participant.Status.CONFIRMED, **kwargs)


def later(minutes: float):
    return time_machine.travel(timezone.now() + dt.timedelta(minutes=minutes), tick=False)


# --- In the caller's transaction -------------------------------------------------------------------------


def test_an_email_enqueued_in_a_change_that_is_rolled_back_is_never_sent(django_capture_on_commit_callbacks):
    participant = confirmed(email="lan@moha.gov.vn")
    with (
        django_capture_on_commit_callbacks(execute=True) as callbacks,
        pytest.raises(RuntimeError),
        transaction.atomic(),
    ):
        emails.enqueue_participant_confirmed(participant)
        raise RuntimeError("the change failed")

    assert (callbacks, OutboxEmail.objects.count()) == ([], 0)
    send_pending()
    assert mail.outbox == []


def test_a_committed_change_wakes_the_dispatcher_once_and_its_emails_go(
    monkeypatch, django_capture_on_commit_callbacks
):
    woken = []
    delay = send_outbox.delay
    monkeypatch.setattr(send_outbox, "delay", lambda: woken.append(1) or delay())
    people = [confirmed(email=f"p{n}@example.org") for n in range(3)]
    with django_capture_on_commit_callbacks(execute=True), transaction.atomic():
        for person in people:
            emails.enqueue_participant_confirmed(person)

    assert woken == [1]
    assert sorted(message.to[0] for message in mail.outbox) == ["p0@example.org", "p1@example.org", "p2@example.org"]
    assert set(OutboxEmail.objects.values_list("state", "attempts")) == {("sent", 1)}


def test_with_the_queue_down_at_commit_time_the_sweep_sends_the_email(monkeypatch, django_capture_on_commit_callbacks):
    def broker_down():
        raise ConnectionRefusedError("redis is down")

    monkeypatch.setattr(send_outbox, "delay", broker_down)
    with django_capture_on_commit_callbacks(execute=True):
        emails.enqueue_participant_confirmed(confirmed(email="lan@moha.gov.vn"))
    assert (mail.outbox, OutboxEmail.objects.get().state) == ([], "pending")  # the change itself committed

    send_outbox.apply()  # the beat's sweep

    assert [message.to for message in mail.outbox] == [["lan@moha.gov.vn"]]


def test_sending_twice_sends_each_email_once_and_a_new_email_gets_its_own_message_id():
    participant = confirmed(email="lan@moha.gov.vn")
    emails.enqueue_participant_confirmed(participant)
    send_pending()
    send_pending()  # a sweep delivered twice
    assert len(mail.outbox) == 1

    emails.enqueue_participant_confirmed(participant)  # confirmed again later
    send_pending()
    first, second = (message.extra_headers["Message-ID"] for message in mail.outbox)
    assert first != second
    assert {first, second} == set(OutboxEmail.objects.values_list("message_id", flat=True))


def test_an_email_whose_reason_has_gone_is_not_sent():
    participant = confirmed()
    emails.enqueue_participant_confirmed(participant)
    Participant.objects.filter(pk=participant.pk).update(status=Participant.Status.CANCELLED)

    assert send_pending().cancelled == 1
    assert (mail.outbox, OutboxEmail.objects.get().state) == ([], "cancelled")


# --- A crash between the hand-over and the mark ------------------------------------------------------------


class Killed(BaseException):
    """The worker dies: nothing after this point runs (not even `except Exception`)."""


def test_a_worker_killed_after_a_hand_over_repeats_at_most_that_one_email_with_the_same_message_id(
    monkeypatch, settings
):
    for n in range(3):
        emails.enqueue_participant_confirmed(confirmed(email=f"p{n}@example.org"))
    finish = dispatcher._finish

    def killed_before_the_mark(email, **fields):
        raise Killed

    monkeypatch.setattr(dispatcher, "_finish", killed_before_the_mark)
    with pytest.raises(Killed):
        send_pending()
    assert [message.to[0] for message in mail.outbox] == ["p0@example.org"]  # handed over, never marked
    assert set(OutboxEmail.objects.values_list("state", flat=True)) == {"sending"}

    monkeypatch.setattr(dispatcher, "_finish", finish)
    assert send_pending().sent == 0  # a live worker's claims are not taken back
    database_moves_on(dt.timedelta(seconds=settings.REMINDERS_CLAIM_TIMEOUT_SECONDS + 60))
    summary = send_pending()

    assert (summary.reclaimed, summary.sent) == (3, 3)
    addresses = [message.to[0] for message in mail.outbox]
    assert sorted(addresses) == ["p0@example.org", "p0@example.org", "p1@example.org", "p2@example.org"]
    repeated = [message.extra_headers["Message-ID"] for message in mail.outbox if message.to == ["p0@example.org"]]
    assert repeated[0] == repeated[1] == OutboxEmail.objects.get(to_email="p0@example.org").message_id
    assert set(OutboxEmail.objects.values_list("state", "attempts")) == {("sent", 2)}


def test_a_claim_taken_back_too_often_ends_failed(settings):
    email = OutboxEmailFactory(
        state="sending", claimed_at=timezone.now(), claim_token=uuid.uuid4(), attempts=settings.REMINDERS_MAX_ATTEMPTS
    )
    OutboxEmail.objects.filter(pk=email.pk).update(claimed_at=db_now())  # the database's clock
    database_moves_on(dt.timedelta(seconds=settings.REMINDERS_CLAIM_TIMEOUT_SECONDS + 60))
    send_pending()
    email.refresh_from_db()
    assert (email.state, mail.outbox) == ("failed", [])


# --- Errors ----------------------------------------------------------------------------------------------


def test_a_mail_server_refusing_for_now_is_tried_again_after_a_pause_then_the_email_goes(scripted):
    emails.enqueue_participant_confirmed(confirmed(email="lan@moha.gov.vn"))
    scripted.script = [smtplib.SMTPServerDisconnected("gone")]

    assert send_pending().retrying == 1
    email = OutboxEmail.objects.get()
    assert (email.state, email.attempts, "SMTPServerDisconnected" in email.last_error) == ("pending", 1, True)
    assert email.send_after > timezone.now()
    assert send_pending().handled == 0  # not before the pause

    with later(2):
        assert send_pending().sent == 1
    email.refresh_from_db()
    assert (email.state, email.attempts, email.last_error, len(mail.outbox)) == ("sent", 2, "", 1)


def test_a_database_gone_while_reading_the_email_is_tried_again(monkeypatch):
    emails.enqueue_participant_confirmed(confirmed(email="lan@moha.gov.vn"))
    kind = KINDS["participant_confirmed"]
    calls = []

    def flaky(email):
        calls.append(1)
        if len(calls) == 1:
            raise OperationalError("server closed the connection unexpectedly")
        return kind.context(email)

    monkeypatch.setitem(KINDS, "participant_confirmed", type(kind)(**{**kind.__dict__, "context": flaky}))
    assert send_pending().retrying == 1
    with later(2):
        assert send_pending().sent == 1


def test_the_last_refusal_for_now_ends_failed(scripted, settings):
    settings.REMINDERS_MAX_ATTEMPTS = 2
    emails.enqueue_participant_confirmed(confirmed())
    scripted.script = [ConnectionRefusedError(), ConnectionRefusedError()]
    send_pending()
    with later(2):
        send_pending()
    email = OutboxEmail.objects.get()
    assert (email.state, email.attempts, mail.outbox) == ("failed", 2, [])


def test_a_permanent_refusal_fails_at_once_is_shown_to_the_secretariat_and_the_others_go(
    scripted, client, secretariat_user
):
    emails.enqueue_participant_confirmed(confirmed(email="gone@example.org", full_name="Lan Nguyen"))
    emails.enqueue_participant_confirmed(confirmed(email="here@example.org"))
    scripted.script = [smtplib.SMTPRecipientsRefused({"gone@example.org": (550, b"No such user")})]

    summary = send_pending()

    assert (summary.failed, summary.sent) == (1, 1)
    failed = OutboxEmail.objects.get(to_email="gone@example.org")
    assert (failed.state, failed.attempts) == ("failed", 1)
    client.force_login(secretariat_user)
    page = client.get(FAILURES).content.decode()
    row = page[page.index(f'id="outbox-{failed.pk}"') :]
    row = row[: row.index("</tr>")]
    for shown in ("Participation confirmed", "Lan Nguyen", "gone@example.org", "SMTPRecipientsRefused", ">1<"):
        assert shown in row
    assert reverse("outbox:retry", args=[failed.pk]) in row
    assert "here@example.org" not in page


def test_send_again_queues_a_failed_email_and_it_goes(client, secretariat_user, django_capture_on_commit_callbacks):
    email = OutboxEmailFactory(state="failed", attempts=5, last_error="SMTPDataError: 552")
    client.force_login(secretariat_user)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("outbox:retry", args=[email.pk]))

    assert response.status_code == 302 and response["Location"] == reverse("outbox:failures")
    email.refresh_from_db()
    assert (email.state, email.attempts) == ("sent", 1)
    assert [message.to for message in mail.outbox] == [[email.to_email]]
    assert f'id="outbox-{email.pk}"' not in client.get(FAILURES).content.decode()


def test_an_email_being_sent_or_sent_cannot_be_sent_again(secretariat_user):
    from common.errors import Conflict

    email = OutboxEmailFactory(state="sent", sent_at=timezone.now())
    with pytest.raises(Conflict):
        email_retry(actor=secretariat_user, email=email)


def test_failed_reminders_are_on_the_same_page_with_their_send_again(client, secretariat_user):
    reminder = ReminderFactory(state="failed", reason="permanent_error", last_error="SMTPDataError: 554")
    client.force_login(secretariat_user)
    page = client.get(FAILURES).content.decode()
    assert f'id="reminder-{reminder.pk}"' in page
    assert reverse("reminders:send_now", args=[reminder.pk]) in page
    assert "SMTPDataError: 554" in page


@pytest.mark.parametrize("count", [1, 4])
def test_the_failures_page_runs_as_many_queries_for_one_email_as_for_many(
    client, secretariat_user, count, count_queries
):
    for _ in range(count):
        OutboxEmailFactory(state="failed", attempts=5, last_error="SMTPDataError: 552")
        OutboxEmailFactory(state="pending", send_after=timezone.now() - dt.timedelta(hours=1))  # stuck
        ReminderFactory(state="failed", reason="permanent_error")
    client.force_login(secretariat_user)
    client.get(FAILURES)

    assert count_queries(FAILURES) == 7


def test_only_the_secretariat_opens_the_failures_page_and_sends_again(client, focal_point_vn):
    email = OutboxEmailFactory(state="failed")
    assert client.get(FAILURES).status_code == 302  # to the sign-in page
    client.force_login(focal_point_vn)
    assert client.get(FAILURES).status_code == 403
    assert client.post(reverse("outbox:retry", args=[email.pk])).status_code == 403
    email.refresh_from_db()
    assert email.state == "failed"


def test_the_secretariat_navigation_links_the_failures_page(client, secretariat_user, focal_point_vn):
    client.force_login(secretariat_user)
    assert f'href="{FAILURES}"' in client.get("/en/").content.decode()
    client.force_login(focal_point_vn)
    assert f'href="{FAILURES}"' not in client.get("/en/").content.decode()


def test_the_page_is_in_vietnamese_for_the_secretariat_reading_it(client, secretariat_user):
    OutboxEmailFactory(state="failed")
    client.force_login(secretariat_user)
    page = client.get("/vi/secretariat/emails/").content.decode()
    assert "Thư điện tử chưa gửi được" in page and "Gửi lại" in page


# --- Invitations, privacy, housekeeping --------------------------------------------------------------------


def test_an_invitations_token_leaves_the_outbox_once_the_email_has_gone(
    secretariat_user, viet_nam, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        accounts_services.focal_point_invite(actor=secretariat_user, member_state=viet_nam, email="lan@moha.gov.vn")
    [message] = mail.outbox
    email = OutboxEmail.objects.get()
    assert (email.kind, email.state, message.extra_headers["Message-ID"]) == (
        "focal_point_invitation",
        "sent",
        email.message_id,
    )
    assert "token" not in email.context


def test_a_persons_export_includes_their_emails_and_an_erasure_removes_them():
    participant = confirmed(email="Lan@Moha.gov.vn")
    emails.enqueue_participant_confirmed(participant)
    OutboxEmailFactory(to_email="someone.else@example.org")

    [row] = SOURCES["outbox"].export([participant])
    assert (row["email"], row["to"], row["state"]) == ("Participation confirmed", "Lan@Moha.gov.vn", "pending")

    SOURCES["outbox"].erase([participant])
    assert list(OutboxEmail.objects.values_list("to_email", flat=True)) == ["someone.else@example.org"]


def test_sent_emails_are_forgotten_after_a_quarter_failed_ones_are_kept():
    old_sent = OutboxEmailFactory(state="sent", sent_at=timezone.now())
    old_failed = OutboxEmailFactory(state="failed")
    recent = OutboxEmailFactory(state="sent", sent_at=timezone.now())
    OutboxEmail.objects.filter(pk__in=[old_sent.pk, old_failed.pk]).update(
        created_at=timezone.now() - dt.timedelta(days=91)
    )

    assert forget_sent_emails() == 1
    assert sorted(OutboxEmail.objects.values_list("pk", flat=True)) == [old_failed.pk, recent.pk]


# --- Claims on PostgreSQL ----------------------------------------------------------------------------------


@pytest.mark.django_db(transaction=True)
def test_concurrent_claims_take_each_email_once_on_postgres(on_postgres):
    """Two dispatchers claiming at the same moment (no lease): SKIP LOCKED and the conditional UPDATE give
    each row to one."""
    rows = [OutboxEmailFactory() for _ in range(40)]

    def claimer() -> list[int]:
        token, claimed = uuid.uuid4(), []
        while batch := claim_batch(token=token, size=3):
            claimed.extend(email.pk for email in batch)
        return claimed

    a, b = run_concurrently(claimer, claimer, timeout=30)

    assert sorted(a + b) == sorted(email.pk for email in rows)
    assert set(OutboxEmail.objects.values_list("state", "attempts")) == {("sending", 1)}
