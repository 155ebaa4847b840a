"""Reads of the outbox, for the secretariat."""

from __future__ import annotations

import datetime as dt

from django.db.models import Q
from django.urls import reverse
from django.utils import timezone

from accounts.roles import Actor, ensure_secretariat
from common.errors import NotFound

from .failures import SOURCES, Failure
from .kinds import label
from .models import OutboxEmail
from .sending import claim_timeout

STUCK_AFTER = dt.timedelta(minutes=15)  # the dispatcher sweeps every minute: a quarter of an hour is stuck


def failed_or_stuck(*, actor: Actor, limit: int = 200) -> list[OutboxEmail]:
    """Failed emails, and emails that should have gone a while ago (waiting, or claimed by a worker that
    stopped), newest first. One query."""
    ensure_secretariat(actor)
    now = timezone.now()
    stuck = Q(state=OutboxEmail.State.PENDING, send_after__lt=now - STUCK_AFTER) | Q(
        state=OutboxEmail.State.SENDING, claimed_at__lt=now - claim_timeout()
    )
    return list(OutboxEmail.objects.filter(Q(state=OutboxEmail.State.FAILED) | stuck).order_by("-pk")[:limit])


def failures(*, actor: Actor) -> list[Failure]:
    """Everything that did not go, from every sender; one query per sender."""
    rows = [
        Failure(
            kind=label(email.kind),
            to_name=email.to_name,
            to_email=email.to_email,
            state=email.get_state_display(),
            error=email.last_error,
            attempts=email.attempts,
            when=email.send_after if email.state == OutboxEmail.State.PENDING else email.created_at,
            retry_url=reverse("outbox:retry", args=[email.pk]) if email.state != OutboxEmail.State.SENDING else "",
            key=f"outbox-{email.pk}",
        )
        for email in failed_or_stuck(actor=actor)
    ]
    for source in SOURCES:
        rows.extend(source(actor))
    return sorted(rows, key=lambda row: row.when, reverse=True)


def email_for_actor(*, actor: Actor, pk: int) -> OutboxEmail:
    ensure_secretariat(actor)
    email = OutboxEmail.objects.filter(pk=pk).first()
    if email is None:
        raise NotFound
    return email
