"""The dispatcher: once and only once, retries with back-off, misses, dead workers, bad input."""

import datetime as dt
import smtplib
import uuid

import pytest
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext

from common.clock import db_now
from meetings.models import Meeting, Participant
from outbox.models import DispatcherLease
from reminders.models import Reminder
from reminders.rules import DEFINITIONS
from reminders.rules import meetings as meetings_rules
from reminders.services import dispatcher
from reminders.services.checks import unwanted_reason
from reminders.services.dispatcher import claim_batch, dispatch_due, is_temporary, release_claims
from reminders.services.email import build_message
from reminders.services.planner import plan_reminders
from tests.clock import database_moves_on
from tests.factories import (
    DocumentFactory,
    MeetingFactory,
    MeetingReminderSettingFactory,
    ParticipantFactory,
    ReminderFactory,
    SecretariatUserFactory,
)
from tests.helpers import run_concurrently

from .backends import ScriptedBackend
from .conftest import at

NOW = at(2025, 7, 1, 1)


@pytest.fixture
def meeting(db):
    return MeetingFactory(title="SOM 23", start=at(2025, 7, 8, 2), registration_deadline=at(2025, 7, 1, 10))


def due_reminder(meeting, **kwargs):
    participant = ParticipantFactory(delegation__meeting=meeting, **kwargs)
    return ReminderFactory(participant=participant, due_at=at(2025, 7, 1, 1), days_before=7)


@pytest.fixture
def scripted(settings):
    settings.EMAIL_BACKEND = "tests.reminders.backends.ScriptedBackend"
    ScriptedBackend.script, ScriptedBackend.sessions = [], []
    yield ScriptedBackend
    ScriptedBackend.script, ScriptedBackend.sessions = [], []


@pytest.fixture
def due(meeting):
    """Three reminders of "SOM 23 in 7 days" due at NOW. (The rule wants them: the meeting is 7 days away.)"""
    return [due_reminder(meeting) for _ in range(3)]


def test_dispatching_twice_for_the_same_moment_sends_each_reminder_once(due, clock):
    clock.set(NOW)
    dispatch_due()
    dispatch_due()

    assert sorted(message.to[0] for message in mail.outbox) == sorted(r.participant.email for r in due)
    assert set(Reminder.objects.values_list("state", "attempts")) == {("sent", 1)}
    assert [message.extra_headers["X-ACCSM-Reminder"] for message in mail.outbox] == [str(r.pk) for r in due]


def test_each_message_carries_an_id_that_is_the_same_on_every_attempt(due, clock):
    clock.set(NOW)
    dispatch_due()

    ids = {message.extra_headers["Message-ID"] for message in mail.outbox}
    assert ids == {f"<reminder-{r.pk}.202507010100@127.0.0.1>" for r in due}


def test_reminder_overdue_beyond_the_grace_period_is_missed_not_sent(meeting, clock):
    late = due_reminder(meeting)  # due 1 July 01:00 UTC
    next_week = MeetingFactory(start=at(2025, 7, 9, 2))
    in_time = ReminderFactory(
        participant=ParticipantFactory(delegation__meeting=next_week), due_at=at(2025, 7, 2, 1), days_before=7
    )
    clock.set(at(2025, 7, 3, 1, 30))  # workers were down: 2 days and 30 minutes late, and 1 day late

    summary = dispatch_due()

    late.refresh_from_db()
    assert (summary.missed, summary.sent) == (1, 1)
    assert (late.state, late.reason) == ("missed", "overdue")
    assert [message.to[0] for message in mail.outbox] == [in_time.participant.email]


def test_a_claim_whose_worker_died_is_taken_back_after_the_timeout(due, clock, settings):
    """The worker died after claiming: nothing happens until the claim times out, then it is sent."""
    settings.REMINDERS_CLAIM_TIMEOUT_SECONDS = 600
    first = due[0]
    clock.set(NOW)
    # Claimed by the database's clock, whatever the frozen one says.
    Reminder.objects.filter(pk=first.pk).update(
        state="sending", claimed_at=db_now(), claim_token=uuid.uuid4(), attempts=1
    )
    database_moves_on(dt.timedelta(minutes=5))
    dispatch_due()
    assert Reminder.objects.get(pk=first.pk).state == "sending"
    assert first.participant.email not in [message.to[0] for message in mail.outbox]

    database_moves_on(dt.timedelta(minutes=6))
    summary = dispatch_due()

    first.refresh_from_db()
    assert (summary.reclaimed, first.state, first.attempts) == (1, "sent", 2)
    assert [message.to[0] for message in mail.outbox].count(first.participant.email) == 1


def test_temporary_smtp_error_retries_with_back_off(due, scripted, clock):
    scripted.script = [smtplib.SMTPServerDisconnected("Connection unexpectedly closed")]
    clock.set(NOW)
    dispatch_due()

    first = Reminder.objects.get(pk=due[0].pk)
    assert (first.state, first.reason, first.send_after) == (
        "scheduled",
        "temporary_error",
        NOW + dt.timedelta(minutes=1),
    )
    assert "SMTPServerDisconnected" in first.last_error
    assert len(mail.outbox) == 2  # the others went out

    clock.set(NOW + dt.timedelta(seconds=30))
    dispatch_due()
    assert len(mail.outbox) == 2  # not before the back-off
    clock.set(NOW + dt.timedelta(minutes=1))
    dispatch_due()

    first.refresh_from_db()
    assert (first.state, first.attempts, len(mail.outbox)) == ("sent", 2, 3)
    # One connection per batch; the one the server dropped is not used again.
    assert scripted.sessions == [1, 2, 1]


def test_temporary_errors_end_as_failed_after_the_last_attempt(meeting, scripted, clock, settings):
    settings.REMINDERS_MAX_ATTEMPTS = 3
    reminder = due_reminder(meeting)
    scripted.script = [smtplib.SMTPResponseException(421, b"Try again later")] * 3
    moment = NOW
    for _ in range(3):
        clock.set(moment)
        dispatch_due()
        moment += dt.timedelta(hours=1)

    reminder.refresh_from_db()
    assert (reminder.state, reminder.reason, reminder.attempts) == ("failed", "gave_up", 3)
    assert mail.outbox == []


def test_permanent_smtp_error_fails_at_once_and_the_batch_goes_on(due, scripted, clock):
    refused = smtplib.SMTPRecipientsRefused({due[0].participant.email: (550, b"No such user")})
    scripted.script = [refused]
    clock.set(NOW)

    dispatch_due()

    first = Reminder.objects.get(pk=due[0].pk)
    assert (first.state, first.reason, first.attempts) == ("failed", "permanent_error", 1)
    assert "550" in first.last_error
    assert len(mail.outbox) == 2


def test_recipient_without_email_fails_visibly_and_the_batch_goes_on(meeting, clock, caplog):
    nobody = due_reminder(meeting, email="")
    somebody = due_reminder(meeting)
    clock.set(NOW)

    dispatch_due()

    nobody.refresh_from_db()
    assert (nobody.state, nobody.reason) == ("failed", "no_email")
    assert f"participant:{nobody.participant_id} has no email address" in caplog.text
    assert [message.to[0] for message in mail.outbox] == [somebody.participant.email]


def test_a_reminder_that_cannot_be_prepared_fails_without_stopping_the_dispatcher(due, clock, monkeypatch):
    definition = DEFINITIONS["meeting_approaching"]
    original = definition.context

    def broken_for_first(reminder):
        if reminder.pk == due[0].pk:
            raise RuntimeError("template bug")
        return original(reminder)

    monkeypatch.setattr(definition, "context", broken_for_first)
    clock.set(NOW)

    dispatch_due()

    first = Reminder.objects.get(pk=due[0].pk)
    assert (first.state, first.reason, first.last_error) == ("failed", "error", "RuntimeError: template bug")
    assert len(mail.outbox) == 2


def test_a_second_dispatcher_stops_while_the_first_holds_the_lease(due, clock):
    clock.set(NOW)
    # The lease is the database's business, not the frozen clock's: written with the database's time.
    DispatcherLease.objects.create(name="dispatcher", token=uuid.uuid4())
    DispatcherLease.objects.update(expires_at=db_now(plus=dt.timedelta(minutes=10)))

    assert dispatch_due().busy is True
    assert mail.outbox == []

    database_moves_on(dt.timedelta(minutes=11))  # the holder died: its lease runs out
    assert dispatch_due().sent == 3


@pytest.mark.parametrize(
    ("error", "temporary"),
    [
        (smtplib.SMTPServerDisconnected("closed"), True),
        (ConnectionRefusedError(), True),
        (TimeoutError(), True),
        (smtplib.SMTPResponseException(451, b"Local error"), True),
        (smtplib.SMTPResponseException(554, b"Transaction failed"), False),
        (smtplib.SMTPDataError(552, b"Too big"), False),
        (smtplib.SMTPRecipientsRefused({"a@example.org": (450, b"Mailbox busy")}), True),
        (smtplib.SMTPRecipientsRefused({"a@example.org": (450, b"busy"), "b@example.org": (550, b"no")}), False),
        (smtplib.SMTPAuthenticationError(535, b"Bad credentials"), False),
        (ValueError("bug"), False),
    ],
)
def test_which_mail_errors_are_worth_retrying(error, temporary):
    assert is_temporary(error) is temporary


@pytest.mark.django_db(transaction=True)
def test_concurrent_claims_take_each_reminder_once_on_postgres(on_postgres, meeting):
    """Two dispatchers claiming batches at the same moment (no lease): SKIP LOCKED and the conditional UPDATE
    give each row to one."""
    rows = [due_reminder(meeting) for _ in range(40)]

    def claimer() -> list[int]:
        token, claimed = uuid.uuid4(), []
        while batch := claim_batch(token=token, size=3):
            claimed.extend(reminder.pk for reminder in batch)
        return claimed

    import time_machine

    with time_machine.travel(NOW, tick=False):
        a, b = run_concurrently(claimer, claimer, timeout=30)

    assert sorted(a + b) == sorted(r.pk for r in rows)
    assert set(Reminder.objects.values_list("state", "attempts")) == {("sending", 1)}


# --- Batches ----------------------------------------------------------------------------------------


def claimed_rows():
    return list(Reminder.objects.select_related("rule", "meeting", "initiative", "user", "participant").order_by("pk"))


def test_a_batch_cancels_what_became_unwanted_and_sends_the_rest_with_the_reasons_of_a_lone_check(meeting, clock):
    """One batch, several meetings: each reminder gets the answer its rule gives for it alone."""
    kept = [due_reminder(meeting) for _ in range(2)]
    withdrawn = due_reminder(meeting)
    Participant.objects.filter(pk=withdrawn.participant_id).update(status=Participant.Status.CANCELLED)
    cancelled_meeting = MeetingFactory(start=meeting.start)
    cancelled = [due_reminder(cancelled_meeting) for _ in range(2)]
    Meeting.objects.filter(pk=cancelled_meeting.pk).update(
        status=Meeting.Status.CANCELLED, cancellation_reason="Typhoon"
    )
    paused_meeting = MeetingFactory(start=meeting.start)
    paused = due_reminder(paused_meeting)
    MeetingReminderSettingFactory(meeting=paused_meeting, rule=paused.rule, is_paused=True)
    moved_meeting = MeetingFactory(start=meeting.start + dt.timedelta(days=1))
    moved = due_reminder(moved_meeting)
    other_meeting = MeetingFactory(start=meeting.start)
    kept.append(due_reminder(other_meeting))
    clock.set(NOW)
    alone = {reminder.pk: unwanted_reason(reminder) for reminder in claimed_rows()}

    summary = dispatch_due()

    assert (summary.sent, summary.cancelled) == (3, 5)
    assert sorted(message.to[0] for message in mail.outbox) == sorted(r.participant.email for r in kept)
    assert dict(Reminder.objects.values_list("pk", "reason")) == alone
    assert dict(Reminder.objects.exclude(state="sent").values_list("pk", "reason")) == {
        withdrawn.pk: "not_needed",
        cancelled[0].pk: "meeting_cancelled",
        cancelled[1].pk: "meeting_cancelled",
        paused.pk: "paused_for_meeting",
        moved.pk: "rescheduled",
    }


def test_claims_of_another_dispatcher_are_neither_taken_nor_handed_back(due, clock):
    clock.set(NOW)
    theirs, mine = uuid.uuid4(), uuid.uuid4()
    Reminder.objects.filter(pk=due[0].pk).update(state="sending", claimed_at=NOW, claim_token=theirs, attempts=1)

    batch = claim_batch(token=mine)
    assert [reminder.pk for reminder in batch] == [due[1].pk, due[2].pk]
    assert claim_batch(token=uuid.uuid4()) == []  # nothing left for a third

    assert release_claims(claimed_rows(), token=mine) == 2
    assert list(Reminder.objects.order_by("pk").values_list("state", "claim_token", "attempts")) == [
        ("sending", theirs, 1),
        ("scheduled", None, 0),
        ("scheduled", None, 0),
    ]


def test_claims_not_reached_before_the_time_budget_ends_go_back_untouched(due, clock, monkeypatch):
    """The budget (REMINDERS_BATCH_SECONDS, 120) is checked before each message, not only between batches."""
    seconds = [0.0]
    monkeypatch.setattr(dispatcher.time, "monotonic", lambda: seconds[0])
    send = dispatcher.Mailer.send

    def slow_send(mailer, message):  # a mail server that takes 200 seconds per message
        send(mailer, message)
        seconds[0] += 200

    monkeypatch.setattr(dispatcher.Mailer, "send", slow_send)
    clock.set(NOW)

    summary = dispatch_due()

    assert (summary.sent, len(mail.outbox)) == (1, 1)
    assert list(Reminder.objects.order_by("pk").values_list("state", "attempts")) == [
        ("sent", 1),
        ("scheduled", 0),
        ("scheduled", 0),
    ]
    assert Reminder.objects.filter(state="scheduled", claim_token=None, claimed_at=None).count() == 2
    assert dispatch_due().sent == 1  # the next run: the next one


def test_a_batch_goes_over_one_mail_connection(due, scripted, clock):
    clock.set(NOW)
    dispatch_due()

    assert scripted.sessions == [3]


def test_a_batch_older_than_its_freshness_hands_back_the_rest_and_claims_it_again(due, scripted, clock, monkeypatch):
    monkeypatch.setattr(dispatcher, "BATCH_FRESH_SECONDS", 0)  # every batch is stale after its first message
    clock.set(NOW)

    assert dispatch_due().sent == 3

    assert scripted.sessions == [1, 1, 1]  # three batches: each claimed (and re-checked) afresh
    assert set(Reminder.objects.values_list("state", "attempts")) == {("sent", 1)}


def test_a_batch_costs_one_statement_per_reminder_plus_a_few(meeting, clock):
    """The old dispatcher spent 8 statements on each reminder; a batch spends one (its "sent" mark) on
    each, plus the claim, the rule's re-check and the lease, whatever the batch's size."""
    clock.set(NOW)
    dispatch_due()  # creates the lease's row

    def statements_for(count: int) -> int:
        Reminder.objects.all().delete()
        for _ in range(count):
            due_reminder(meeting)
        with CaptureQueriesContext(connection) as queries:
            assert dispatch_due().sent == count
        return len(queries)

    small, large = statements_for(10), statements_for(50)

    assert large - small == 40
    assert small <= 10 + 20


@pytest.fixture
def multilingual(meeting, clock):
    """Two English and two Vietnamese participants of SOM 23, and the secretariat (one of each) with a draft."""
    Meeting.objects.filter(pk=meeting.pk).update(
        title_vi="Hội nghị SOM 23", online_link="https://meet.example.org/som23", format=Meeting.Format.HYBRID
    )
    for language in ("en", "en", "vi", "vi"):
        ParticipantFactory(delegation__meeting=meeting, language=language)
    SecretariatUserFactory(preferred_language="en")
    SecretariatUserFactory(preferred_language="vi")
    DocumentFactory(meeting=meeting, title="Draft report", title_vi="Dự thảo báo cáo", status="draft")
    clock.set(at(2025, 6, 20))
    plan_reminders(meeting_ids=[meeting.pk])
    Reminder.objects.update(send_after=NOW)  # every one now ("send now"), each checked as of its due moment
    return meeting


def test_a_batch_sends_each_email_exactly_as_it_is_built_alone(multilingual, clock, monkeypatch):
    clock.set(NOW)
    alone = {
        reminder.pk: build_message(reminder, address=reminder.recipient_email)
        for reminder in claimed_rows()
        if reminder.recipient_email
    }
    calendars = []
    original_ics = meetings_rules.meeting_ics
    monkeypatch.setattr(meetings_rules, "meeting_ics", lambda m: calendars.append(m.pk) or original_ics(m))

    dispatch_due()

    def content(message):
        return (message.to, message.from_email, message.subject, message.body, message.alternatives,
                message.attachments, message.extra_headers)  # fmt: skip

    sent = {int(message.extra_headers["X-ACCSM-Reminder"]): message for message in mail.outbox}
    assert {pk: content(message) for pk, message in sent.items()} == {pk: content(alone[pk]) for pk in sent}
    kinds = Reminder.objects.filter(pk__in=sent).values_list("rule__kind", "language")
    assert sorted(set(kinds)) == [
        ("documents_due", "en"),
        ("documents_due", "vi"),
        ("meeting_approaching", "en"),
        ("meeting_approaching", "vi"),
    ]
    assert len(sent) == 4 * 2 + 2  # participants at 7 and 1 days before, the secretariat at 5
    assert len(calendars) == 4  # the .ics once per due moment and language, not once per participant


def test_send_now_goes_ahead_of_a_backlog(meeting, clock, secretariat_user):
    """Issue 18: "Send now" waited 131 s behind 1,000 due reminders; it now rides in the very next batch."""
    import uuid

    from reminders.services.dispatcher import claim_batch
    from reminders.services.management import reminder_send_now

    clock.set(NOW)
    backlog = [due_reminder(meeting) for _ in range(6)]
    asked = ReminderFactory(participant=ParticipantFactory(delegation__meeting=meeting), due_at=NOW, days_before=7)
    asked.state = "failed"
    asked.save()
    clock.set(NOW + dt.timedelta(minutes=5))
    reminder_send_now(actor=secretariat_user, reminder=asked)

    first = claim_batch(token=uuid.uuid4(), size=2)

    assert first[0].pk == asked.pk
    assert first[1].pk == backlog[0].pk
