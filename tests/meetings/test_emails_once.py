"""Each meeting email goes once, whatever happens to the worker sending it (the outbox: tests/outbox/)."""

import datetime as dt
import smtplib

import pytest
import time_machine
from django.core import mail
from django.utils import timezone

from meetings import emails
from meetings.models import Meeting
from meetings.services import schedule
from outbox.dispatcher import send_pending
from outbox.kinds import Recipient
from outbox.models import OutboxEmail
from outbox.services import enqueue
from tests.factories import MeetingFactory, ParticipantFactory
from tests.reminders.backends import ScriptedBackend

pytestmark = pytest.mark.django_db


def test_a_confirmation_swept_twice_is_sent_once_and_a_new_confirmation_is_sent_again():
    participant = ParticipantFactory(status="confirmed", email="binh@moha.gov.vn")

    emails.enqueue_participant_confirmed(participant)
    send_pending()
    send_pending()  # the sweep again
    assert len(mail.outbox) == 1
    first_id = mail.outbox[0].extra_headers["Message-ID"]

    emails.enqueue_participant_confirmed(participant)  # confirmed again later
    send_pending()
    assert len(mail.outbox) == 2
    assert mail.outbox[1].extra_headers["Message-ID"] != first_id


def test_an_import_whose_first_email_went_emails_only_those_not_emailed_yet():
    people = [ParticipantFactory(email=f"p{n}@example.org") for n in range(3)]
    emails.enqueue_participants_registered(people)
    # The first one went (and was marked sent) before the worker was lost.
    OutboxEmail.objects.filter(to_email="p0@example.org").update(state="sent", sent_at=timezone.now(), attempts=1)

    send_pending()

    assert sorted(m.to[0] for m in mail.outbox) == ["p1@example.org", "p2@example.org"]


def test_a_cancellation_interrupted_by_the_mail_server_tells_each_person_once(
    settings, secretariat_user, django_capture_on_commit_callbacks
):
    settings.EMAIL_BACKEND = "tests.reminders.backends.ScriptedBackend"
    meeting = MeetingFactory(status="published")
    for name in ("a", "b", "c"):
        ParticipantFactory(delegation__meeting=meeting, email=f"{name}@example.org")
    ScriptedBackend.script, ScriptedBackend.sessions = [None, smtplib.SMTPServerDisconnected("gone")], []

    with django_capture_on_commit_callbacks(execute=True):
        schedule.meeting_cancel(actor=secretariat_user, meeting=meeting, reason="Flood")
    # The second one was refused for now (the secretariat is told too, issue 19).
    assert len(mail.outbox) == 3

    with time_machine.travel(timezone.now() + dt.timedelta(minutes=2), tick=False):
        send_pending()
        send_pending()
    assert sorted(m.to[0] for m in mail.outbox) == [
        "a@example.org",
        "b@example.org",
        "c@example.org",
        "secretariat@example.org",
    ]
    assert "Flood" in mail.outbox[-1].body


def test_a_cancellation_email_waiting_when_the_meeting_comes_back_is_not_sent():
    # A row of the kind written before issue 19 (cancellations are told by meetings/notices.py now), still
    # waiting in the outbox: it is sent only while the meeting is still cancelled.
    meeting = MeetingFactory(status="cancelled", cancellation_reason="Flood")
    enqueue(emails.CANCELLED, Recipient("a@example.org", "A", "en"), {"meeting": meeting.pk})
    Meeting.objects.filter(pk=meeting.pk).update(status="published")

    send_pending()

    assert (mail.outbox, OutboxEmail.objects.get().state) == ([], "cancelled")
