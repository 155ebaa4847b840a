"""The events a webhook can subscribe to, and `emit(name, obj)`: the one call every service makes.

`emit` runs inside the service's transaction: it writes one delivery row per subscription that wants the
event (so a change that rolls back sends nothing) and wakes the dispatcher once the transaction commits.
The payload is the object as it is at that moment (ids and states, no personal data: a client reads the
rest from the API with its token).
"""

from __future__ import annotations

import logging
import uuid
from dataclasses import dataclass
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from common.transactions import on_commit_once

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Event:
    name: str
    label: Any  # lazily translated
    by_country: bool = False  # registration events: sent for one country's delegations only


EVENTS = {
    event.name: event
    for event in (
        Event("meeting.published", _("Meeting published")),
        Event("meeting.changed", _("Meeting changed")),
        Event("meeting.postponed", _("Meeting postponed")),
        Event("meeting.cancelled", _("Meeting cancelled")),
        Event("agenda.changed", _("Agenda changed")),
        Event("document.released", _("Document released")),
        Event("registration.created", _("Participant registered"), by_country=True),
        Event("registration.changed", _("Registration changed"), by_country=True),
        Event("registration.withdrawn", _("Participant withdrawn"), by_country=True),
    )
}
TEST_EVENT = "ping"
COUNTRY_EVENTS = [name for name, event in EVENTS.items() if event.by_country]


def _iso(value) -> str | None:
    return value.isoformat() if value else None


def meeting_data(meeting) -> dict:
    return {
        "id": meeting.pk,
        "kind": meeting.kind,
        "title": meeting.title,
        "status": meeting.status,
        "start": _iso(meeting.start),
        "end": _iso(meeting.end),
        "time_zone": meeting.time_zone,
        "format": meeting.format,
        "venue": meeting.venue,
        "city": meeting.city,
        "sequence": meeting.sequence,
    }


def document_data(document) -> dict:
    return {
        "id": document.pk,
        "title": document.title,
        "kind": document.kind,
        "status": document.status,
        "visibility": document.visibility,
        "meeting": document.meeting_id,
    }


def participant_data(participant) -> dict:
    delegation = participant.delegation
    return {
        "id": participant.pk,
        "meeting": delegation.meeting_id,
        "delegation": delegation.pk,
        "country": delegation.member_state.code,
        "status": participant.status,
        "role": participant.role,
    }


def _data_and_country(name: str, obj) -> tuple[dict, int | None]:
    if name.startswith("meeting.") or name == "agenda.changed":
        return {"meeting": meeting_data(obj)}, None
    if name == "document.released":
        return {"document": document_data(obj)}, None
    if name.startswith("registration."):
        return {"participant": participant_data(obj)}, obj.delegation.member_state_id
    raise ValueError(f"unknown webhook event {name!r}")


def envelope(name: str, data: dict) -> dict:
    return {"id": str(uuid.uuid4()), "event": name, "created": timezone.now().isoformat(), "data": data}


def emit(name: str, obj) -> int:
    """Tell every subscription that wants `name` about `obj`; call it inside the service's transaction.
    Returns how many deliveries were written."""
    return emit_many(name, [obj])


def emit_many(name: str, objects) -> int:
    """`emit` for many objects at once (a file import): one read of the subscriptions, one INSERT."""
    from .models import Delivery, Subscription

    if name not in EVENTS:
        raise ValueError(f"unknown webhook event {name!r}")
    # The active subscriptions are few (a handful of ministries' systems): their event lists are read here,
    # the same way on SQLite and PostgreSQL.
    wanted = [s for s in Subscription.objects.filter(is_active=True) if name in s.events]
    if not wanted:
        return 0
    now = timezone.now()
    rows = []
    for obj in objects:
        data, country = _data_and_country(name, obj)
        payload = envelope(name, data)
        for subscription in wanted:
            if EVENTS[name].by_country and subscription.member_state_id != country:
                continue
            rows.append(
                Delivery(subscription=subscription, event=name, event_id=payload["id"], payload=payload, send_after=now)
            )
    if rows:
        Delivery.objects.bulk_create(rows)
        wake_dispatcher_on_commit()
    return len(rows)


def wake_dispatcher_on_commit() -> None:
    on_commit_once(_wake)


def _wake() -> None:
    from .tasks import send_webhooks

    try:
        send_webhooks.delay()
    except Exception:  # Redis down: the beat's sweep sends them
        logger.warning("webhooks: the dispatcher could not be woken; the sweep will send", exc_info=True)
