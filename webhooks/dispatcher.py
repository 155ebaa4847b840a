"""The webhooks' dispatcher: the outbox's machinery (outbox/sending.py) carrying HTTP instead of SMTP.

Why not an OutboxEmail row: that row is an email (an address, a Message-ID, a renderer, a mail
connection), and its dispatcher holds the portal's one email lease. A delivery keeps its own table with
the same claim columns, claimed by the same `claim_due` (FOR UPDATE SKIP LOCKED, the database's clock),
under a lease of the same code but its own name, so a slow endpoint never delays an email. Back-off and
the claim timeout are the outbox's.

Each attempt is recorded (status code, the start of the answer, or the error); a delivery is tried
MAX_ATTEMPTS times; a subscription whose endpoint fails DISABLE_AFTER attempts in a row is switched off
and its owner told by email (through the outbox). A test event ("ping") is sent to a switched-off
subscription too, so its owner can check the endpoint before switching it on again.
"""

from __future__ import annotations

import json
import logging
import time
import uuid
from dataclasses import asdict, dataclass

from django.conf import settings
from django.db import transaction
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext

from outbox.sending import Heartbeat, acquire_lease, backoff, claim_due, reclaim_stale, release_lease, renew_lease

from . import http, signing
from .events import TEST_EVENT
from .models import Attempt, Delivery, Subscription

logger = logging.getLogger(__name__)

LEASE = "webhooks"
BATCH_SIZE = 20
MAX_ATTEMPTS = 6  # 1, 5, 15, 60, 240 minutes apart: about five and a half hours
DISABLE_AFTER = 10  # failed attempts in a row, over all of a subscription's deliveries


@dataclass
class WebhookSummary:
    busy: bool = False
    delivered: int = 0
    retrying: int = 0
    failed: int = 0
    reclaimed: int = 0
    disabled: int = 0

    @property
    def handled(self) -> int:
        return self.delivered + self.retrying + self.failed


def due_deliveries():
    return Delivery.objects.filter(state=Delivery.State.PENDING, send_after__lte=timezone.now()).filter(
        Q(subscription__is_active=True) | Q(event=TEST_EVENT)
    )


def send_pending(*, limit: int = 500) -> WebhookSummary:
    summary = WebhookSummary()
    token = acquire_lease(LEASE)
    if token is None:
        summary.busy = True
        return summary
    stop_at = time.monotonic() + settings.REMINDERS_BATCH_SECONDS
    try:
        summary.reclaimed = reclaim_stale_claims(token=token)
        while summary.handled < limit and time.monotonic() <= stop_at:
            batch = claim_due(due_deliveries(), token=token, size=BATCH_SIZE, sending=Delivery.State.SENDING)
            if not batch:
                break
            heartbeat = Heartbeat(token, Delivery.objects.filter(state=Delivery.State.SENDING), name=LEASE)
            alive = True
            for delivery in batch:
                if not (alive := heartbeat.beat()):
                    break
                outcome = deliver(delivery, token=token, summary=summary)
                setattr(summary, outcome, getattr(summary, outcome) + 1)
            if not alive or not renew_lease(token, LEASE):
                logger.warning("webhooks: dispatcher lease lost; stopping this run")
                break
    finally:
        release_lease(token, LEASE)
    if summary.handled or summary.reclaimed:
        logger.info("webhooks dispatched: %s", asdict(summary))
    return summary


def reclaim_stale_claims(*, token: uuid.UUID) -> int:
    return reclaim_stale(
        Delivery.objects.filter(state=Delivery.State.SENDING),
        token=token,
        attempts_allowed=MAX_ATTEMPTS,
        retry={"state": Delivery.State.PENDING},
        give_up={"state": Delivery.State.FAILED},
    )


def deliver(delivery: Delivery, *, token: uuid.UUID, summary: WebhookSummary) -> str:
    """POST one delivery (outside any transaction), record the attempt and the outcome. Never raises."""
    subscription = Subscription.objects.get(pk=delivery.subscription_id)
    body = json.dumps(delivery.payload, separators=(",", ":"), sort_keys=True).encode()
    headers = signing.headers(
        secret=subscription.secret, event=delivery.event, event_id=str(delivery.event_id), body=body
    )
    answer = http.post(subscription.url, body, headers)
    Attempt.objects.create(
        delivery=delivery,
        status_code=answer.status_code,
        response_excerpt=answer.body[: Attempt.EXCERPT_CHARS * 2].decode("utf-8", "replace")[: Attempt.EXCERPT_CHARS],
        error=answer.error[:300] or ("" if answer.succeeded or answer.status_code is None else "not a 2xx answer"),
        duration_ms=answer.duration_ms,
    )
    mine = Delivery.objects.filter(pk=delivery.pk, state=Delivery.State.SENDING, claim_token=token)
    if answer.succeeded:
        mine.update(state=Delivery.State.DELIVERED, delivered_at=timezone.now(), claim_token=None)
        Subscription.objects.filter(pk=subscription.pk).update(consecutive_failures=0)
        return "delivered"
    if _count_failure(subscription):
        summary.disabled += 1
    if delivery.attempts < MAX_ATTEMPTS:
        mine.update(
            state=Delivery.State.PENDING,
            send_after=timezone.now() + backoff(delivery.attempts),
            claimed_at=None,
            claim_token=None,
        )
        return "retrying"
    mine.update(state=Delivery.State.FAILED, claim_token=None)
    return "failed"


def _count_failure(subscription: Subscription) -> bool:
    """One more failed attempt in a row; the one that reaches DISABLE_AFTER switches the subscription off
    and writes the owner's email, in one transaction (a conditional UPDATE: only one worker does it)."""
    from outbox.kinds import Recipient
    from outbox.services import enqueue

    with transaction.atomic():
        Subscription.objects.filter(pk=subscription.pk).update(consecutive_failures=F("consecutive_failures") + 1)
        disabled = Subscription.objects.filter(
            pk=subscription.pk, is_active=True, consecutive_failures__gte=DISABLE_AFTER
        ).update(
            is_active=False,
            disabled_reason=gettext("The endpoint failed %(count)s times in a row.") % {"count": DISABLE_AFTER},
        )
        if not disabled:
            return False
        owner = subscription.owner
        logger.warning("webhooks: subscription %s switched off after %s failures", subscription.pk, DISABLE_AFTER)
        if owner.email:
            name = owner.get_full_name() or owner.get_username()
            enqueue(
                "webhook_disabled",
                Recipient(owner.email, name, owner.preferred_language),
                {"subscription": subscription.pk},
            )
        return True
