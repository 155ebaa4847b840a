"""The dispatcher: sends what is due, each reminder once.

One run:
1. marks "missed" what is still scheduled longer than the grace period after its due moment;
2. takes the dispatcher lease (one sender at a time; a second run for the same moment stops here);
3. takes back "sending" claims of a dead worker (older than the claim timeout);
4. claims one due reminder with a conditional UPDATE (scheduled → sending, with a fresh claim token),
   re-checks it against its rule, sends it outside any transaction or lock, and marks it sent — only
   if the claim is still ours; then the next one, until none is due or the time budget is spent.

The only message that can go out twice is one whose hand-over to the mail server succeeded but
whose "sent" mark was never written (the process died in between): its claim is taken back after
the timeout and it is sent again. With one sender at a time that window holds at most one message.
Each message carries a Message-ID derived from the reminder, so mail systems can drop such a repeat.
"""

from __future__ import annotations

import datetime as dt
import logging
import smtplib
import socket
import time
import uuid
from dataclasses import asdict, dataclass

from django.conf import settings
from django.db.models import F, Q
from django.utils import timezone

from ..models import DispatcherLease, Reminder
from ..rules import NothingToSend
from ..rules.base import grace
from .checks import unwanted_reason
from .email import build_message

logger = logging.getLogger(__name__)

LEASE = "dispatcher"
BACKOFF_MINUTES = (1, 5, 15, 60, 240)


@dataclass
class DispatchSummary:
    busy: bool = False
    sent: int = 0
    failed: int = 0
    retrying: int = 0
    cancelled: int = 0
    missed: int = 0
    reclaimed: int = 0


def claim_timeout() -> dt.timedelta:
    return dt.timedelta(seconds=settings.REMINDERS_CLAIM_TIMEOUT_SECONDS)


def dispatch_due(*, limit: int = 500) -> DispatchSummary:
    summary = DispatchSummary()
    summary.missed = mark_missed()
    token = _acquire_lease()
    if token is None:
        summary.busy = True
        logger.info("reminders: another dispatcher holds the lease; this run stops")
        return summary
    started = time.monotonic()
    try:
        summary.reclaimed = reclaim_stale_claims(token=token)
        while summary.sent + summary.failed + summary.retrying + summary.cancelled < limit:
            if time.monotonic() - started > settings.REMINDERS_BATCH_SECONDS:
                break  # the rest waits for the next run, well before the task's time limit
            reminder = claim_next(token=token)
            if reminder is None:
                break
            outcome = deliver(reminder, token=token)
            setattr(summary, outcome, getattr(summary, outcome) + 1)
            if not _renew_lease(token):
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
    stale = Reminder.objects.filter(state=Reminder.State.SENDING, claimed_at__lt=now - claim_timeout()).exclude(
        claim_token=token
    )
    for reminder in stale.only("pk", "attempts", "claim_token"):
        logger.warning("reminders: reminder %s was claimed by a worker that stopped; taking it back", reminder.pk)
    gave_up = stale.filter(attempts__gte=settings.REMINDERS_MAX_ATTEMPTS).update(
        state=Reminder.State.FAILED, reason=Reminder.Reason.GAVE_UP, claim_token=None, updated_at=now
    )
    retried = stale.update(
        state=Reminder.State.SCHEDULED,
        reason=Reminder.Reason.RECLAIMED,
        claim_token=None,
        claimed_at=None,
        updated_at=now,
    )
    return gave_up + retried


def claim_next(*, token: uuid.UUID) -> Reminder | None:
    """Move one due reminder from scheduled to sending; only the worker whose UPDATE matched owns it."""
    now = timezone.now()
    due = Reminder.objects.filter(state=Reminder.State.SCHEDULED, send_after__lte=now)
    for pk in due.order_by("send_after", "pk").values_list("pk", flat=True)[:10]:
        claimed = Reminder.objects.filter(pk=pk, state=Reminder.State.SCHEDULED, send_after__lte=now).update(
            state=Reminder.State.SENDING,
            claimed_at=now,
            claim_token=token,
            attempts=F("attempts") + 1,
            updated_at=now,
        )
        if claimed:
            return Reminder.objects.select_related("rule", "meeting", "initiative", "user", "participant").get(pk=pk)
    return None


def _finish(reminder: Reminder, *, token: uuid.UUID, **fields) -> bool:
    """Write the outcome if the claim is still ours (it is not if it was taken back meanwhile)."""
    fields.setdefault("updated_at", timezone.now())
    done = Reminder.objects.filter(pk=reminder.pk, state=Reminder.State.SENDING, claim_token=token).update(**fields)
    if not done:
        logger.warning("reminders: reminder %s was taken back while this worker handled it", reminder.pk)
    return bool(done)


# --- Sending ------------------------------------------------------------------------------------


def deliver(reminder: Reminder, *, token: uuid.UUID) -> str:
    """Re-check, build, send, record. Never raises: one bad reminder must not stop the others."""
    try:
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
        message = build_message(reminder, address=address)
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
            last_error=_describe(error),
            claim_token=None,
        )
        return "failed"

    try:
        message.send(fail_silently=False)
    except Exception as error:
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
            last_error=_describe(error),
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
        last_error=_describe(error),
        claim_token=None,
    )
    return "failed"


def is_temporary(error: Exception) -> bool:
    """A 4xx reply or a connection problem may pass; a 5xx reply or anything else will not."""
    if isinstance(error, smtplib.SMTPServerDisconnected | ConnectionError | TimeoutError | socket.gaierror):
        return True
    if isinstance(error, smtplib.SMTPRecipientsRefused):
        codes = [code for code, _message in error.recipients.values()]
        return bool(codes) and all(400 <= code < 500 for code in codes)
    if isinstance(error, smtplib.SMTPResponseException):
        return 400 <= error.smtp_code < 500 or error.smtp_code < 0
    return False


def _describe(error: Exception) -> str:
    return f"{type(error).__name__}: {error}"[:1000]


# --- The lease ------------------------------------------------------------------------------------


def _acquire_lease() -> uuid.UUID | None:
    now = timezone.now()
    DispatcherLease.objects.get_or_create(name=LEASE)
    token = uuid.uuid4()
    taken = DispatcherLease.objects.filter(Q(expires_at__isnull=True) | Q(expires_at__lt=now), name=LEASE).update(
        token=token, expires_at=now + claim_timeout(), last_started_at=now
    )
    return token if taken else None


def _renew_lease(token: uuid.UUID) -> bool:
    return bool(
        DispatcherLease.objects.filter(name=LEASE, token=token).update(expires_at=timezone.now() + claim_timeout())
    )


def _release_lease(token: uuid.UUID, summary: DispatchSummary) -> None:
    DispatcherLease.objects.filter(name=LEASE, token=token).update(
        token=None, expires_at=None, last_finished_at=timezone.now(), last_summary=asdict(summary)
    )
