"""Writes of webhooks: subscribe an endpoint, change or remove it, switch it on again, send a test event.

Who may: the secretariat, for any event and any country; a focal point, for their own country's
registration events only (the country comes from `member_state_of(actor)`, never from input).
"""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.roles import Actor, acting_user, is_secretariat, member_state_of
from common.audit import audit_as
from common.errors import DomainError, Forbidden, NotFound
from common.rules import can
from meetings.models import MemberState

from . import http
from .events import COUNTRY_EVENTS, EVENTS, TEST_EVENT, envelope, wake_dispatcher_on_commit
from .models import Delivery, Subscription
from .signing import new_secret


def ensure_may_subscribe(actor: Actor) -> None:
    if not (is_secretariat(actor) or member_state_of(actor) is not None):
        raise Forbidden


def ensure_may_manage(actor: Actor, subscription: Subscription) -> None:
    if is_secretariat(actor):
        return
    member_state = member_state_of(actor)
    if member_state is None:
        raise Forbidden
    if subscription.member_state_id != member_state.pk:
        raise NotFound


can_subscribe = can(ensure_may_subscribe)
can_manage = can(ensure_may_manage)


def events_for(actor: Actor) -> list[str]:
    """The events this actor may subscribe to (the form's choices, and the service's check)."""
    return list(EVENTS) if is_secretariat(actor) else list(COUNTRY_EVENTS)


def _checked(actor: Actor, *, url: str, events: list[str], member_state: MemberState | None):
    allowed = events_for(actor)
    events = [name for name in allowed if name in set(events)]  # registry order, no repeats
    if not events:
        raise DomainError(_("Choose at least one event."), field="events")
    if not is_secretariat(actor):
        member_state = member_state_of(actor)
    if any(EVENTS[name].by_country for name in events) and member_state is None:
        raise DomainError(_("Registration events are sent for one country: choose it."), field="member_state")
    http.check_endpoint(url.strip())
    return url.strip(), events, member_state


def subscription_create(
    *, actor: Actor, url: str, events: list[str], member_state: MemberState | None = None
) -> tuple[Subscription, str]:
    """The new subscription and its secret, which the page shows this once."""
    ensure_may_subscribe(actor)
    url, events, member_state = _checked(actor, url=url, events=events, member_state=member_state)
    owner = acting_user(actor)
    assert owner is not None  # ensure_may_subscribe let only a signed-in secretariat member or focal point through
    secret = new_secret()
    with transaction.atomic(), audit_as(actor):
        subscription = Subscription.objects.create(
            url=url, events=events, member_state=member_state, owner=owner, secret=secret
        )
    return subscription, secret


def subscription_update(
    *, actor: Actor, subscription: Subscription, url: str, events: list[str], member_state: MemberState | None = None
) -> Subscription:
    ensure_may_manage(actor, subscription)
    url, events, member_state = _checked(actor, url=url, events=events, member_state=member_state)
    with transaction.atomic(), audit_as(actor):
        Subscription.objects.filter(pk=subscription.pk).update(url=url, events=events, member_state=member_state)
    subscription.refresh_from_db()
    return subscription


def subscription_set_active(*, actor: Actor, subscription: Subscription, active: bool) -> None:
    """Switching on again starts the count of failures afresh; deliveries that waited are sent."""
    ensure_may_manage(actor, subscription)
    with transaction.atomic(), audit_as(actor):
        Subscription.objects.filter(pk=subscription.pk).update(
            is_active=active, consecutive_failures=0, disabled_reason="" if active else _("Switched off by hand.")
        )
        if active:
            wake_dispatcher_on_commit()


def subscription_delete(*, actor: Actor, subscription: Subscription) -> None:
    ensure_may_manage(actor, subscription)
    with transaction.atomic(), audit_as(actor):
        subscription.delete()


def send_test_event(*, actor: Actor, subscription: Subscription) -> Delivery:
    ensure_may_manage(actor, subscription)
    payload = envelope(TEST_EVENT, {"subscription": subscription.pk, "message": "This is a test event."})
    with transaction.atomic():
        delivery = Delivery.objects.create(
            subscription=subscription,
            event=TEST_EVENT,
            event_id=payload["id"],
            payload=payload,
            send_after=timezone.now(),
        )
        wake_dispatcher_on_commit()
    return delivery
