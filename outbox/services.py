"""Writes of the outbox: enqueue an email in the caller's transaction, and send a failed one again."""

from __future__ import annotations

import datetime as dt
import logging
import uuid
from collections.abc import Iterable

from django.utils import timezone
from django.utils.translation import gettext

from accounts.roles import Actor, ensure_secretariat
from common.errors import Conflict, NotFound
from common.transactions import on_commit_once

from .kinds import KINDS, Recipient
from .models import OutboxEmail
from .render import language_or_default
from .sending import mail_host

logger = logging.getLogger(__name__)


def new_message_id() -> str:
    return f"<outbox-{uuid.uuid4().hex}@{mail_host()}>"


def _row(kind: str, recipient: Recipient, context: dict, send_after: dt.datetime | None = None) -> OutboxEmail:
    if kind not in KINDS:
        raise ValueError(f"unknown email kind {kind!r}")
    return OutboxEmail(
        kind=kind,
        to_email=recipient.email.strip(),
        to_name=recipient.name[:300],
        language=language_or_default(recipient.language),
        context=context,
        message_id=new_message_id(),
        send_after=send_after or timezone.now(),
    )


def enqueue(kind: str, recipient: Recipient, context: dict) -> OutboxEmail:
    """Write the email in the current transaction; the dispatcher is woken once it commits. A rolled-back
    change sends nothing. `context` holds ids (JSON), read again when the email is sent."""
    email = _row(kind, recipient, context)
    email.save()
    wake_dispatcher_on_commit()
    return email


def enqueue_many(
    kind: str, emails: Iterable[tuple[Recipient, dict]], *, send_after: dt.datetime | None = None
) -> list[OutboxEmail]:
    """Many emails of one kind in one INSERT (a file import of a thousand participants), sent from
    `send_after` (now by default)."""
    rows = [_row(kind, recipient, context, send_after) for recipient, context in emails]
    if rows:
        OutboxEmail.objects.bulk_create(rows)
        wake_dispatcher_on_commit()
    return rows


def wake_dispatcher_on_commit() -> None:
    """One wake-up per transaction, however many emails it wrote. If the queue is down at commit time the
    emails wait for the sweep (every minute) instead."""
    on_commit_once(_wake)


def _wake() -> None:
    from .tasks import send_outbox

    try:
        send_outbox.delay()
    except Exception:  # Redis down: the beat's sweep sends the emails
        logger.warning("outbox: the dispatcher could not be woken; the sweep will send the emails", exc_info=True)


def email_retry(*, actor: Actor, email: OutboxEmail) -> None:
    """A failed (or waiting) email goes first in line again, its attempts counted afresh. One conditional
    UPDATE: an email a dispatcher is sending meanwhile is left to it."""
    ensure_secretariat(actor)
    done = OutboxEmail.objects.filter(
        pk=email.pk, state__in=(OutboxEmail.State.FAILED, OutboxEmail.State.PENDING)
    ).update(state=OutboxEmail.State.PENDING, attempts=0, send_after=timezone.now(), claim_token=None)
    if not done:
        if not OutboxEmail.objects.filter(pk=email.pk).exists():
            raise NotFound
        raise Conflict(gettext("This email is being sent or was sent already."))
    logger.info("outbox: email %s queued again by user %s", email.pk, actor.pk)  # type: ignore[union-attr]  # secretariat
    wake_dispatcher_on_commit()


def forget_sent_emails(*, days: int = 90) -> int:
    """Sent and cancelled emails are kept a quarter (the secretariat may ask what went out), then deleted;
    failed ones stay until someone sends them again."""
    done = (OutboxEmail.State.SENT, OutboxEmail.State.CANCELLED)
    old = OutboxEmail.objects.filter(state__in=done, created_at__lt=timezone.now() - dt.timedelta(days=days))
    return old.delete()[0]
