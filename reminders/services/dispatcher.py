"""The dispatcher: sends what is due, each reminder once.

One run:
1. marks "missed" what is still scheduled longer than the grace period after its due moment;
2. takes the dispatcher lease (one sender at a time; a second run for the same moment stops here);
3. takes back "sending" claims of a dead worker (older than the claim timeout);
4. then batch after batch, until none is due or the time budget is spent:
   - claims up to BATCH_SIZE due reminders at once (rows locked with SKIP LOCKED in a short
     transaction, moved scheduled → sending with a fresh claim token by a conditional UPDATE, then
     read back — only the rows that carry our token are ours);
   - re-checks them against their rules, each rule asked once per due moment for all the batch's
     targets;
   - sends them one by one outside any transaction or lock, over one email backend connection,
     and marks each one sent right after its hand-over — only if the claim is still ours;
   - hands back, unsent and as they were, the claims it did not get to (the time budget is spent,
     or the batch is older than `fresh_seconds()`), then renews the lease.

The only message that can go out twice is one whose hand-over to the mail server succeeded but
whose "sent" mark was never written (the process died in between): its claim is taken back after
the timeout and it is sent again. With one sender at a time, sending one message at a time, that
window holds at most one message. Each message carries a Message-ID derived from the reminder, so
mail systems can drop such a repeat.
"""

from __future__ import annotations

import datetime as dt
import logging
import time
import uuid
from collections.abc import Sequence
from dataclasses import asdict, dataclass

from django.conf import settings
from django.db import transaction
from django.db.models import Case, F, Value, When
from django.utils import timezone

from common.clock import db_now
from outbox.sending import (
    BACKOFF_MINUTES,
    Heartbeat,
    Mailer,
    acquire_lease,
    describe,
    is_temporary,
    reclaim_stale,
    release_lease,
    renew_lease,
)

from ..models import Reminder
from ..rules import NothingToSend
from ..rules.base import grace
from .checks import unwanted_reason, unwanted_reasons
from .email import SharedParts, build_message

logger = logging.getLogger(__name__)

BATCH_SIZE = 100  # reminders claimed, re-checked and sent together
BATCH_FRESH_SECONDS = 10  # a batch's claims, re-check and data are used for this long at most


@dataclass
class DispatchSummary:
    busy: bool = False
    sent: int = 0
    failed: int = 0
    retrying: int = 0
    cancelled: int = 0
    missed: int = 0
    reclaimed: int = 0

    @property
    def handled(self) -> int:
        return self.sent + self.failed + self.retrying + self.cancelled


def fresh_seconds() -> float:
    """How long a batch is worked on after its claim: short, and well inside the claim timeout, so the
    lease (renewed after each batch) never lapses under a live dispatcher and a re-check is recent."""
    return min(BATCH_FRESH_SECONDS, settings.REMINDERS_CLAIM_TIMEOUT_SECONDS / 4)


def dispatch_due(*, limit: int = 500) -> DispatchSummary:
    summary = DispatchSummary()
    summary.missed = mark_missed()
    token = acquire_lease()
    if token is None:
        summary.busy = True
        logger.info("reminders: another dispatcher holds the lease; this run stops")
        return summary
    stop_at = time.monotonic() + settings.REMINDERS_BATCH_SECONDS
    try:
        summary.reclaimed = reclaim_stale_claims(token=token)
        while summary.handled < limit:
            if time.monotonic() > stop_at:
                break  # the rest waits for the next run, well before the task's time limit
            batch = claim_batch(token=token, size=min(BATCH_SIZE, limit - summary.handled))
            if not batch:
                break
            deliver_batch(batch, token=token, summary=summary, stop_at=stop_at)
            if not renew_lease(token):
                logger.warning("reminders: dispatcher lease lost; stopping this run")
                break
    finally:
        _release_lease(token, summary)
    logger.info("reminders dispatched: %s", asdict(summary))
    return summary


# --- Claims -------------------------------------------------------------------------------------


def mark_missed() -> int:
    """Still scheduled long after the due moment (workers down): recorded as missed, never sent late."""
    now = timezone.now()
    return Reminder.objects.filter(state=Reminder.State.SCHEDULED, send_after__lt=now - grace()).update(
        state=Reminder.State.MISSED, reason=Reminder.Reason.OVERDUE, updated_at=now
    )


def reclaim_stale_claims(*, token: uuid.UUID) -> int:
    """Claims older than the timeout belong to a worker that died: schedule them again (or give up)."""
    now = timezone.now()
    return reclaim_stale(
        Reminder.objects.filter(state=Reminder.State.SENDING),
        token=token,
        attempts_allowed=settings.REMINDERS_MAX_ATTEMPTS,
        retry={"state": Reminder.State.SCHEDULED, "reason": Reminder.Reason.RECLAIMED, "updated_at": now},
        give_up={"state": Reminder.State.FAILED, "reason": Reminder.Reason.GAVE_UP, "updated_at": now},
    )


# "Send now" (a person asked: requested_by) goes ahead of any backlog, then the oldest due first.
CLAIM_ORDER = (Case(When(requested_by__isnull=False, then=Value(0)), default=Value(1)), "send_after", "pk")


def claim_batch(*, token: uuid.UUID, size: int = BATCH_SIZE) -> list[Reminder]:
    """Move up to `size` due reminders from scheduled to sending with our token; return the ones we own.

    The rows are locked (SKIP LOCKED: rows another claimer is taking are passed over, not waited for)
    in a short transaction that commits before anything is sent; the UPDATE's condition still requires
    "scheduled" (databases without row locks), and only rows carrying our token are read back as ours.
    """
    now = timezone.now()
    due = Reminder.objects.filter(state=Reminder.State.SCHEDULED, send_after__lte=now)
    with transaction.atomic():
        pks = list(due.order_by(*CLAIM_ORDER).select_for_update(skip_locked=True).values_list("pk", flat=True)[:size])
        if not pks:
            return []
        due.filter(pk__in=pks).update(
            state=Reminder.State.SENDING,
            claimed_at=db_now(),  # the database's clock, like the lease's (common/clock.py)
            claim_token=token,
            attempts=F("attempts") + 1,
            updated_at=now,
        )
    return list(
        Reminder.objects.select_related("rule", "meeting", "initiative", "user", "participant")
        .filter(pk__in=pks, state=Reminder.State.SENDING, claim_token=token)
        .order_by(*CLAIM_ORDER)
    )


def release_claims(reminders: Sequence[Reminder], *, token: uuid.UUID) -> int:
    """Claimed but not attempted: back to scheduled exactly as before the claim (the attempt uncounted)."""
    if not reminders:
        return 0
    return Reminder.objects.filter(
        pk__in=[reminder.pk for reminder in reminders], state=Reminder.State.SENDING, claim_token=token
    ).update(
        state=Reminder.State.SCHEDULED,
        claim_token=None,
        claimed_at=None,
        attempts=F("attempts") - 1,
        updated_at=timezone.now(),
    )


def _finish(reminder: Reminder, *, token: uuid.UUID, **fields) -> bool:
    """Write the outcome if the claim is still ours (it is not if it was taken back meanwhile)."""
    fields.setdefault("updated_at", timezone.now())
    done = Reminder.objects.filter(pk=reminder.pk, state=Reminder.State.SENDING, claim_token=token).update(**fields)
    if not done:
        logger.warning("reminders: reminder %s was taken back while this worker handled it", reminder.pk)
    return bool(done)


# --- Sending ------------------------------------------------------------------------------------


def deliver_batch(batch: Sequence[Reminder], *, token: uuid.UUID, summary: DispatchSummary, stop_at: float) -> None:
    """Re-check the batch, then deliver it message by message; claims not reached are handed back."""
    fresh_until = time.monotonic() + fresh_seconds()
    try:
        reasons = unwanted_reasons(batch)
    except Exception:
        logger.exception("reminders: the batch could not be re-checked at once; checking reminder by reminder")
        reasons = {}  # deliver() asks each reminder's rule on its own and records its error, as alone
    shared = SharedParts()
    mailer = Mailer()
    heartbeat = Heartbeat(token, Reminder.objects.filter(state=Reminder.State.SENDING))
    pending = list(batch)
    try:
        while pending:
            if len(pending) < len(batch) and time.monotonic() > min(stop_at, fresh_until):
                break  # the first message always goes, so that every batch makes progress
            if not heartbeat.beat():
                break  # the lease is lost: what is left goes back, and the new holder sends it
            reminder = pending.pop(0)
            outcome = deliver(reminder, token=token, reason=reasons.get(reminder.pk), shared=shared, mailer=mailer)
            setattr(summary, outcome, getattr(summary, outcome) + 1)
    finally:
        mailer.close()
        if pending:
            try:
                release_claims(pending, token=token)
            except Exception:  # the claims time out and are taken back by the next run
                logger.exception("reminders: %s claims could not be handed back", len(pending))


def deliver(
    reminder: Reminder,
    *,
    token: uuid.UUID,
    reason: str | None = None,
    shared: SharedParts,
    mailer: Mailer,
) -> str:
    """Re-check (unless the batch's re-check gave `reason`), build, send, record.

    Never raises: one bad reminder must not stop the others.
    """
    try:
        if reason is None:
            reason = unwanted_reason(reminder)
        if reason:
            _finish(reminder, token=token, state=Reminder.State.CANCELLED, reason=reason, claim_token=None)
            return "cancelled"
        address = reminder.recipient_email
        if not address:
            logger.warning(
                "reminders: reminder %s not sent: %s has no email address", reminder.pk, reminder.recipient_key
            )
            _finish(
                reminder, token=token, state=Reminder.State.FAILED, reason=Reminder.Reason.NO_EMAIL, claim_token=None
            )
            return "failed"
        message = build_message(reminder, address=address, shared=shared)
    except NothingToSend as nothing:
        _finish(reminder, token=token, state=Reminder.State.CANCELLED, reason=nothing.reason, claim_token=None)
        return "cancelled"
    except Exception as error:
        logger.exception("reminders: reminder %s could not be prepared", reminder.pk)
        _finish(
            reminder,
            token=token,
            state=Reminder.State.FAILED,
            reason=Reminder.Reason.ERROR,
            last_error=describe(error),
            claim_token=None,
        )
        return "failed"

    try:
        mailer.send(message)
    except Exception as error:  # noqa: BLE001  any failure is recorded on the reminder, never lost
        return _record_send_error(reminder, error, token=token)

    _finish(
        reminder,
        token=token,
        state=Reminder.State.SENT,
        sent_at=timezone.now(),
        email=address,
        language=reminder.recipient_language,
        reason="",
        last_error="",
    )
    return "sent"


def _record_send_error(reminder: Reminder, error: Exception, *, token: uuid.UUID) -> str:
    attempts = reminder.attempts  # counted by the claim, this attempt included
    if is_temporary(error) and attempts < settings.REMINDERS_MAX_ATTEMPTS:
        delay = dt.timedelta(minutes=BACKOFF_MINUTES[min(attempts, len(BACKOFF_MINUTES)) - 1])
        logger.warning(
            "reminders: reminder %s: mail server refused for now (%s); retry in %s", reminder.pk, error, delay
        )
        _finish(
            reminder,
            token=token,
            state=Reminder.State.SCHEDULED,
            send_after=timezone.now() + delay,
            reason=Reminder.Reason.TEMPORARY_ERROR,
            last_error=describe(error),
            claim_token=None,
            claimed_at=None,
        )
        return "retrying"
    logger.error("reminders: reminder %s failed: %s", reminder.pk, error)
    _finish(
        reminder,
        token=token,
        state=Reminder.State.FAILED,
        reason=Reminder.Reason.GAVE_UP if is_temporary(error) else Reminder.Reason.PERMANENT_ERROR,
        last_error=describe(error),
        claim_token=None,
    )
    return "failed"


def _release_lease(token: uuid.UUID, summary: DispatchSummary) -> None:
    """The lease row shows the reminders' pages when reminders were last sent (the outbox's runs leave it)."""
    release_lease(token, last_finished_at=timezone.now(), last_summary=asdict(summary))
