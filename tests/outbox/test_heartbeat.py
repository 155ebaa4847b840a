"""A crash costs one batch for about one claim timeout, not a whole run (issue 18 item 6).

A working dispatcher renews its lease and refreshes its claims as it goes (`outbox.sending.Heartbeat`), so
the claim timeout only has to cover one message and one heartbeat: a live but slow dispatcher keeps what
it holds, a dead one's rows are taken back one claim timeout after its last sign of life."""

import datetime as dt
import uuid

import pytest
from django.conf import settings
from django.core import checks

from outbox import sending
from outbox.dispatcher import claim_batch, reclaim_stale_claims, send_pending
from outbox.models import DispatcherLease, OutboxEmail
from tests.clock import database_moves_on
from tests.factories import OutboxEmailFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def monotonic(monkeypatch):
    now = [1000.0]
    monkeypatch.setattr(sending.time, "monotonic", lambda: now[0])
    return now


def claimed_by_a_live_dispatcher(count=3):
    OutboxEmailFactory.create_batch(count)
    token = sending.acquire_lease()
    return token, claim_batch(token=token)


def test_a_live_dispatcher_keeps_its_claims_past_the_claim_timeout(monotonic):
    token, batch = claimed_by_a_live_dispatcher()
    heartbeat = sending.Heartbeat(token, OutboxEmail.objects.filter(state=OutboxEmail.State.SENDING))
    timeout = sending.claim_timeout()

    for _ in range(4):  # a slow mail server: a heartbeat's worth of time per message, four claim timeouts in all
        database_moves_on(timeout)
        monotonic[0] += sending.heartbeat_seconds()
        assert heartbeat.beat()
        assert reclaim_stale_claims(token=uuid.uuid4()) == 0  # nobody takes them back while it lives

    assert OutboxEmail.objects.filter(state="sending", claim_token=token).count() == len(batch)


def test_a_dead_dispatcher_s_batch_is_taken_back_one_claim_timeout_after_its_last_heartbeat(monotonic):
    _token, batch = claimed_by_a_live_dispatcher()
    database_moves_on(sending.claim_timeout() - dt.timedelta(seconds=5))

    assert send_pending().busy  # the lease too is held until then

    database_moves_on(dt.timedelta(seconds=10))
    summary = send_pending()

    assert (summary.reclaimed, summary.sent) == (len(batch), len(batch))


def test_a_dispatcher_that_lost_its_lease_stops_before_the_next_message(monotonic):
    token, _batch = claimed_by_a_live_dispatcher()
    heartbeat = sending.Heartbeat(token, OutboxEmail.objects.filter(state=OutboxEmail.State.SENDING))
    DispatcherLease.objects.filter(name=sending.LEASE).update(token=uuid.uuid4())  # stalled: another took it

    monotonic[0] += sending.heartbeat_seconds()

    assert not heartbeat.beat()


def test_the_default_claim_timeout_is_minutes_not_ten_and_the_check_guards_it(settings):
    assert settings.REMINDERS_CLAIM_TIMEOUT_SECONDS <= 120
    from outbox.checks import claim_timeout_covers_a_message

    assert claim_timeout_covers_a_message(None) == []
    settings.REMINDERS_CLAIM_TIMEOUT_SECONDS = settings.EMAIL_TIMEOUT
    [error] = claim_timeout_covers_a_message(None)
    assert error.id == "outbox.E001" and error.level == checks.ERROR


def test_the_broker_redelivers_an_interrupted_task_within_minutes():
    """Redis gives an unacknowledged task back after its visibility timeout: longer than any task may run and
    than any retry's countdown, and far below the hour it was."""
    from outbox.tasks import send_outbox

    visibility = settings.REDIS_VISIBILITY_TIMEOUT_SECONDS  # Redis's (the filesystem broker has none)
    assert send_outbox.time_limit < visibility <= 900
    assert send_outbox.retry_backoff_max < visibility
