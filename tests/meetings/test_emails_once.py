"""A task delivered again (its worker was lost after sending, before acknowledging) sends nothing twice."""

import datetime as dt
import hashlib
import smtplib

import pytest
from django.core import mail
from django.utils import timezone

from meetings import emails, tasks
from meetings.models import SentEmail
from tests.factories import MeetingFactory, ParticipantFactory
from tests.reminders.backends import ScriptedBackend

pytestmark = pytest.mark.django_db


def test_a_confirmation_delivered_twice_is_sent_once_and_a_new_confirmation_is_sent_again():
    participant = ParticipantFactory(status="confirmed", email="binh@moha.gov.vn")

    tasks.send_participant_confirmed_email.apply(args=[participant.pk], task_id="task-1")
    tasks.send_participant_confirmed_email.apply(args=[participant.pk], task_id="task-1")  # the same task again
    assert len(mail.outbox) == 1
    first_id = mail.outbox[0].extra_headers["Message-ID"]

    tasks.send_participant_confirmed_email.apply(args=[participant.pk], task_id="task-2")  # confirmed again later
    assert len(mail.outbox) == 2
    assert mail.outbox[1].extra_headers["Message-ID"] != first_id


def test_an_import_batch_delivered_again_emails_only_those_not_emailed_yet():
    people = [ParticipantFactory(email=f"p{n}@example.org") for n in range(3)]
    ids = [p.pk for p in people]
    # The first delivery emailed the first participant, then its worker was lost.
    SentEmail.objects.create(key=_key("meetings.tasks.send_participants_registered_emails:batch", ids[0]))
    tasks.send_participants_registered_emails.apply(args=[ids], task_id="batch")

    assert sorted(m.to[0] for m in mail.outbox) == ["p1@example.org", "p2@example.org"]


def test_a_cancellation_interrupted_by_the_mail_server_tells_each_person_once(settings):
    settings.EMAIL_BACKEND = "tests.reminders.backends.ScriptedBackend"
    meeting = MeetingFactory(status="cancelled", cancellation_reason="Flood")
    for name in ("a", "b", "c"):
        ParticipantFactory(delegation__meeting=meeting, email=f"{name}@example.org")
    ScriptedBackend.script = [None, smtplib.SMTPServerDisconnected("gone")]

    with pytest.raises(smtplib.SMTPServerDisconnected):
        tasks.send_meeting_cancelled.apply(args=[meeting.pk], task_id="cancel-1", throw=True)
    assert [m.to for m in mail.outbox] == [["a@example.org"]]

    ScriptedBackend.script = []
    result = tasks.send_meeting_cancelled.apply(args=[meeting.pk], task_id="cancel-1")  # delivered again

    assert result.result == 2
    assert sorted(m.to[0] for m in mail.outbox) == ["a@example.org", "b@example.org", "c@example.org"]


def test_called_outside_a_task_there_is_no_key_and_nothing_is_recorded():
    participant = ParticipantFactory(status="confirmed")

    emails.send_participant_confirmed(participant_id=participant.pk)
    emails.send_participant_confirmed(participant_id=participant.pk)

    assert len(mail.outbox) == 2 and not SentEmail.objects.exists()


def test_records_are_forgotten_after_a_month():
    old, recent = SentEmail.objects.create(key="a" * 64), SentEmail.objects.create(key="b" * 64)
    SentEmail.objects.filter(pk=old.pk).update(sent_at=timezone.now() - dt.timedelta(days=31))

    assert tasks.forget_sent_emails.apply().result == 1
    assert list(SentEmail.objects.values_list("pk", flat=True)) == [recent.pk]


def _key(task_and_id: str, participant_id: int) -> str:
    return hashlib.sha256(f"{task_and_id}:{participant_id}".encode()).hexdigest()
