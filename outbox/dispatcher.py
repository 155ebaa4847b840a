"""The outbox's dispatcher: sends what is pending, each email once.

One run takes the dispatcher lease (shared with the reminders' dispatcher: one sender at a time in the
whole portal), takes back the claims of a dead worker, then batch after batch: claims up to BATCH_SIZE
pending emails (rows locked FOR UPDATE SKIP LOCKED in a short transaction and moved pending → sending
with a fresh claim token by a conditional UPDATE; only the rows carrying our token are read back as
ours), renders each in its recipient's language and sends it outside any transaction, over one mail
connection, marking it sent right after its hand-over.

The only email that can go twice is one the mail server accepted just before the worker died, before its
"sent" mark was written: it is taken back after the claim timeout and sent again, with the Message-ID the
row was given when it was made, so mail systems drop the repeat. One message at a time, one dispatcher
at a time: at most one such email. A refusal for now (a 4xx reply, the connection lost, the database gone)
is tried again after 1, 5, 15, 60 minutes, then the email ends failed; a refusal for good (5xx) or a bug
fails it at once. Failed emails are listed on the secretariat's page (views.py).
"""

from __future__ import annotations

import logging
import time
import uuid
from dataclasses import asdict, dataclass

from django.conf import settings
from django.utils import timezone, translation

from .kinds import KINDS, NotNeeded, Recipient, recipient_time_zone
from .models import OutboxEmail
from .render import language_or_default, message, render
from .sending import (
    Heartbeat,
    Mailer,
    acquire_lease,
    backoff,
    claim_due,
    describe,
    is_temporary,
    max_attempts,
    reclaim_stale,
    release_lease,
    renew_lease,
)

logger = logging.getLogger(__name__)

BATCH_SIZE = 100


@dataclass
class OutboxSummary:
    busy: bool = False
    sent: int = 0
    failed: int = 0
    retrying: int = 0
    cancelled: int = 0
    reclaimed: int = 0

    @property
    def handled(self) -> int:
        return self.sent + self.failed + self.retrying + self.cancelled


def send_pending(*, limit: int = 1000) -> OutboxSummary:
    summary = OutboxSummary()
    token = acquire_lease()
    if token is None:
        summary.busy = True
        logger.info("outbox: another dispatcher holds the lease; the next sweep sends the rest")
        return summary
    stop_at = time.monotonic() + settings.REMINDERS_BATCH_SECONDS
    try:
        summary.reclaimed = reclaim_stale_claims(token=token)
        while summary.handled < limit and time.monotonic() <= stop_at:
            batch = claim_batch(token=token, size=min(BATCH_SIZE, limit - summary.handled))
            if not batch:
                break
            alive = deliver_batch(batch, token=token, summary=summary)
            if not alive or not renew_lease(token):
                logger.warning("outbox: dispatcher lease lost; stopping this run")
                break
    finally:
        release_lease(token)
    if summary.handled or summary.reclaimed:
        logger.info("outbox dispatched: %s", asdict(summary))
    return summary


def reclaim_stale_claims(*, token: uuid.UUID) -> int:
    """Claims older than the timeout belong to a worker that died: pending again (or failed, at the last try)."""
    return reclaim_stale(
        OutboxEmail.objects.filter(state=OutboxEmail.State.SENDING),
        token=token,
        attempts_allowed=max_attempts(),
        retry={"state": OutboxEmail.State.PENDING},
        give_up={"state": OutboxEmail.State.FAILED, "last_error": "The worker sending it stopped, too often."},
    )


def claim_batch(*, token: uuid.UUID, size: int = BATCH_SIZE) -> list[OutboxEmail]:
    """Move up to `size` due emails from pending to sending with our token; return the ones we own."""
    due = OutboxEmail.objects.filter(state=OutboxEmail.State.PENDING, send_after__lte=timezone.now())
    return claim_due(due, token=token, size=size, sending=OutboxEmail.State.SENDING)


def _finish(email: OutboxEmail, *, token: uuid.UUID, **fields) -> bool:
    """Write the outcome if the claim is still ours (it is not if it was taken back meanwhile)."""
    done = OutboxEmail.objects.filter(pk=email.pk, state=OutboxEmail.State.SENDING, claim_token=token).update(
        claim_token=None, **fields
    )
    if not done:
        logger.warning("outbox: email %s was taken back while this worker sent it", email.pk)
    return bool(done)


def deliver_batch(batch: list[OutboxEmail], *, token: uuid.UUID, summary: OutboxSummary) -> bool:
    """Send the batch one by one; False if the lease was lost on the way (the rest is taken back)."""
    mailer = Mailer()
    heartbeat = Heartbeat(token, OutboxEmail.objects.filter(state=OutboxEmail.State.SENDING))
    try:
        for email in batch:
            if not heartbeat.beat():
                return False
            outcome = deliver(email, token=token, mailer=mailer)
            setattr(summary, outcome, getattr(summary, outcome) + 1)
    finally:
        mailer.close()
    return True


def build(email: OutboxEmail):
    """The message of one row, rendered now in its recipient's language. May raise NotNeeded."""
    kind = KINDS[email.kind]
    context = kind.context(email)
    context.setdefault("recipient", Recipient(email.to_email, email.to_name, email.language))
    # Meeting times are shown in the venue's zone and, if the recipient chose one, in theirs (issue 19).
    context.setdefault("viewer_time_zone", recipient_time_zone(email.to_email))
    subject, text, html = render(kind.template, context, language=email.language, time_zone=kind.time_zone(context))
    built = message(
        subject=subject,
        text=text,
        html=html,
        to=email.to_email,
        headers={"Message-ID": email.message_id},
        reply_to=kind.reply_to(context) or None,
    )
    with translation.override(language_or_default(email.language)):
        for name, content, mimetype in kind.attachments(context):
            built.attach(name, content, mimetype)
    return built


def deliver(email: OutboxEmail, *, token: uuid.UUID, mailer: Mailer) -> str:
    """Build, send, record. Never raises: one bad email must not stop the others."""
    try:
        built = build(email)
    except NotNeeded:
        _finish(email, token=token, state=OutboxEmail.State.CANCELLED)
        return "cancelled"
    except Exception as error:
        if is_temporary(error):  # the database went away while reading the email's objects
            return _record_error(email, error, token=token)
        logger.exception("outbox: email %s could not be prepared", email.pk)
        _finish(email, token=token, state=OutboxEmail.State.FAILED, last_error=describe(error))
        return "failed"
    try:
        mailer.send(built)
    except Exception as error:  # noqa: BLE001  any failure is recorded on the email, never lost
        return _record_error(email, error, token=token)
    kind = KINDS[email.kind]
    extra = kind.sent(email) if kind.sent else {}
    _finish(email, token=token, state=OutboxEmail.State.SENT, sent_at=timezone.now(), last_error="", **extra)
    return "sent"


def _record_error(email: OutboxEmail, error: Exception, *, token: uuid.UUID) -> str:
    attempts = email.attempts  # counted by the claim, this attempt included
    if is_temporary(error) and attempts < max_attempts():
        pause = backoff(attempts)
        logger.warning("outbox: email %s refused for now (%s); retry in %s", email.pk, type(error).__name__, pause)
        _finish(
            email,
            token=token,
            state=OutboxEmail.State.PENDING,
            send_after=timezone.now() + pause,
            claimed_at=None,
            last_error=describe(error),
        )
        return "retrying"
    logger.error("outbox: email %s failed: %s", email.pk, type(error).__name__)
    _finish(email, token=token, state=OutboxEmail.State.FAILED, last_error=describe(error))
    return "failed"
