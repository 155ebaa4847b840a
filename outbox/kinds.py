"""The kinds of email the outbox sends. Each app registers its own in its `ready()`:

    register(Kind("participant_confirmed", _("Participation confirmed"), "meetings/emails/participant_confirmed",
                  context=confirmed_context))

`context(email)` reads, when the email is sent, what the row's ids point to, and returns the template's
context; it raises `NotNeeded` when the reason for the email has gone meanwhile (a participant withdrawn
before the worker ran, an invitation answered): the row ends "cancelled" and nothing is sent.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import datetime as dt

    from .models import OutboxEmail


class NotNeeded(Exception):  # an outcome, not an error
    """The email is no longer needed; nothing is sent."""


@dataclass(frozen=True)
class Recipient:
    email: str
    name: str
    language: str


@dataclass(frozen=True)
class Kind:
    name: str
    label: str  # shown to the secretariat (lazily translated)
    template: str  # `<template>_subject.txt`, `.txt`, `.html`
    context: Callable[[OutboxEmail], dict]
    time_zone: Callable[[dict], dt.tzinfo | None] = field(default=lambda context: None)
    reply_to: Callable[[dict], list[str]] = field(default=lambda context: [])
    sent: Callable[[OutboxEmail], dict] | None = None  # fields of the row to change once sent (a secret dropped)
    # Files attached, built from the context in the recipient's language: (file name, content, MIME type).
    attachments: Callable[[dict], list[tuple[str, bytes, str]]] = field(default=lambda context: [])


KINDS: dict[str, Kind] = {}


def register(kind: Kind) -> None:
    KINDS[kind.name] = kind


def label(name: str) -> str:
    kind = KINDS.get(name)
    return str(kind.label) if kind else name


def recipient_time_zone(email: str) -> str:
    """The time zone the account with this address chose (User.time_zone), or '' (the venue's then)."""
    from django.contrib.auth import get_user_model

    zones = (
        get_user_model()
        .objects.filter(email__iexact=email, is_active=True)
        .exclude(time_zone="")
        .values_list("time_zone", flat=True)[:1]
    )
    return next(iter(zones), "")
