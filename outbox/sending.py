"""What every dispatcher of the portal's email shares (the outbox's and the reminders'): one lease, one mail
connection per batch, one judgement of which errors are worth retrying, and the back-off between attempts.

The lease is one row for both dispatchers: one sender at a time in the whole portal, sending one message
at a time and marking it before the next, so a worker killed at any moment leaves at most one message
that was handed to the mail server but not marked sent (docs/reminders.md, "The one-message window").
"""

from __future__ import annotations

import datetime as dt
import logging
import smtplib
import socket
import time
import uuid
from urllib.parse import urlsplit

from django.conf import settings
from django.core.mail import EmailMessage, get_connection
from django.db import InterfaceError, OperationalError, transaction
from django.db.models import F, Q, QuerySet

from common.clock import db_now

from .models import DispatcherLease

logger = logging.getLogger(__name__)

LEASE = "dispatcher"
BACKOFF_MINUTES = (1, 5, 15, 60, 240)


def mail_host() -> str:
    """The right-hand side of the Message-IDs the portal makes: the site's host name."""
    return urlsplit(settings.SITE_URL).hostname or "accsm.localhost"


def claim_timeout() -> dt.timedelta:
    """A claim (and the lease) older than this belongs to a worker that died."""
    return dt.timedelta(seconds=settings.REMINDERS_CLAIM_TIMEOUT_SECONDS)


def max_attempts() -> int:
    return settings.REMINDERS_MAX_ATTEMPTS


def backoff(attempts: int) -> dt.timedelta:
    """The pause after a refused attempt (`attempts` counts it): 1, 5, 15, 60, then 240 minutes."""
    return dt.timedelta(minutes=BACKOFF_MINUTES[min(max(attempts, 1), len(BACKOFF_MINUTES)) - 1])


def is_temporary(error: Exception) -> bool:
    """A 4xx reply, a connection problem or a database that went away may pass; a 5xx reply or anything
    else will not."""
    if isinstance(error, smtplib.SMTPServerDisconnected | ConnectionError | TimeoutError | socket.gaierror):
        return True
    if isinstance(error, smtplib.SMTPRecipientsRefused):
        codes = [code for code, _message in error.recipients.values()]
        return bool(codes) and all(400 <= code < 500 for code in codes)
    if isinstance(error, smtplib.SMTPResponseException):
        return 400 <= error.smtp_code < 500 or error.smtp_code < 0
    if isinstance(error, smtplib.SMTPException):
        return False
    return isinstance(error, OSError | OperationalError | InterfaceError)


def describe(error: Exception) -> str:
    return f"{type(error).__name__}: {error}"[:1000]


class Mailer:
    """One email backend connection for a batch: opened for its first message, closed at its end, and
    opened afresh after a message the backend did not take (a broken SMTP session must not fail the rest)."""

    def __init__(self):
        self.connection = None

    def send(self, message: EmailMessage) -> None:
        if self.connection is None:
            connection = get_connection(fail_silently=False)
            connection.open()
            self.connection = connection
        message.connection = self.connection
        try:
            message.send(fail_silently=False)
        except Exception:
            self.close()
            raise

    def close(self) -> None:
        connection, self.connection = self.connection, None
        if connection is not None:
            try:
                connection.close()
            except Exception as error:  # noqa: BLE001  the server went away: nothing left to close
                logger.info("mail: closing the connection: %s", describe(error))


# --- The lease ------------------------------------------------------------------------------------


def acquire_lease(name: str = LEASE) -> uuid.UUID | None:
    """The lease's moments are the database's (common/clock.py): a worker with a fast clock cannot take a
    live dispatcher's lease, nor one with a slow clock keep a dead one's. `name` is the email dispatchers'
    one lease unless another kind of delivery (webhooks) keeps its own line."""
    DispatcherLease.objects.get_or_create(name=name)
    token = uuid.uuid4()
    free = Q(expires_at__isnull=True) | Q(expires_at__lt=db_now())
    taken = DispatcherLease.objects.filter(free, name=name).update(
        token=token, expires_at=db_now(plus=claim_timeout()), last_started_at=db_now()
    )
    return token if taken else None


def renew_lease(token: uuid.UUID, name: str = LEASE) -> bool:
    return bool(DispatcherLease.objects.filter(name=name, token=token).update(expires_at=db_now(plus=claim_timeout())))


def release_lease(token: uuid.UUID, name: str = LEASE, **fields) -> None:
    DispatcherLease.objects.filter(name=name, token=token).update(token=None, expires_at=None, **fields)


def heartbeat_seconds() -> float:
    """How often a working dispatcher renews its lease and its claims: a sixth of the claim timeout, so that a
    live one's never lapse (a renewal is due before each message, and one message is bounded by EMAIL_TIMEOUT)."""
    return max(1.0, claim_timeout().total_seconds() / 6)


class Heartbeat:
    """A dispatcher's sign of life while it works through its claims. `beat()` before each message renews the
    lease and refreshes `claimed_at` of the rows it holds (`claimed`, filtered by its token), at most every
    `heartbeat_seconds()`: so the claim timeout need only cover one message and one interval, not a whole run,
    and a crash costs its batch about one claim timeout (docs/reminders.md, "A crash"). False when the lease
    was lost (the worker stalled past the timeout): the dispatcher stops, the new holder takes its rows back."""

    def __init__(self, token: uuid.UUID, claimed: QuerySet, *, name: str = LEASE):
        self.token, self.claimed, self.name = token, claimed, name
        self.last = time.monotonic()

    def beat(self) -> bool:
        if time.monotonic() - self.last < heartbeat_seconds():
            return True
        self.last = time.monotonic()
        if not renew_lease(self.token, self.name):
            logger.warning("%s: dispatcher lease lost; stopping this run", self.name)
            return False
        self.claimed.filter(claim_token=self.token).update(claimed_at=db_now())
        return True


# --- Claims ---------------------------------------------------------------------------------------


def claim_due(due: QuerySet, *, token: uuid.UUID, size: int, sending: str) -> list:
    """Claim up to `size` rows of `due` (rows with `send_after`, `state`, `claimed_at`, `claim_token` and
    `attempts`): locked FOR UPDATE SKIP LOCKED in a short transaction (never waiting for another worker),
    moved to `sending` with our token and the database's moment by a conditional UPDATE, the attempt
    counted; only the rows that carry our token come back as ours."""
    with transaction.atomic():
        pks = list(
            due.order_by("send_after", "pk").select_for_update(skip_locked=True).values_list("pk", flat=True)[:size]
        )
        if not pks:
            return []
        due.filter(pk__in=pks).update(state=sending, claimed_at=db_now(), claim_token=token, attempts=F("attempts") + 1)
    return list(due.model.objects.filter(pk__in=pks, state=sending, claim_token=token).order_by("send_after", "pk"))


def reclaim_stale(claimed: QuerySet, *, token: uuid.UUID, attempts_allowed: int, retry: dict, give_up: dict) -> int:
    """The other half of `claim_due`: the rows of `claimed` (those in the sending state) whose claim is older
    than the claim timeout and not ours belong to a worker that died. Each is logged by id and taken back:
    `give_up`'s fields once it has had `attempts_allowed` attempts, `retry`'s otherwise; both clear the claim."""
    stale = claimed.filter(claimed_at__lt=db_now(minus=claim_timeout())).exclude(claim_token=token)
    label = claimed.model._meta.model_name
    for pk in stale.values_list("pk", flat=True):
        logger.warning("%s %s was claimed by a worker that stopped; taking it back", label, pk)
    gave_up = stale.filter(attempts__gte=attempts_allowed).update(claim_token=None, **give_up)
    return gave_up + stale.update(claim_token=None, claimed_at=None, **retry)
