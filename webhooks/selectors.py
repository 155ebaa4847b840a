"""Reads of webhooks, scoped by actor: the secretariat sees every subscription, a focal point only their own
country's (another country's is a 404), anyone else none."""

from __future__ import annotations

from django.db.models import Prefetch, QuerySet

from accounts.roles import Actor, is_secretariat, member_state_of
from common.errors import NotFound

from .models import Attempt, Delivery, Subscription

RECENT_DELIVERIES = 50


def subscriptions_visible_to(*, actor: Actor) -> QuerySet[Subscription]:
    qs = Subscription.objects.select_related("member_state", "owner")
    if is_secretariat(actor):
        return qs
    member_state = member_state_of(actor)
    if member_state is None:
        return qs.none()
    return qs.filter(member_state=member_state)


def subscription_for_actor(*, actor: Actor, pk: int) -> Subscription:
    subscription = subscriptions_visible_to(actor=actor).filter(pk=pk).first()
    if subscription is None:
        raise NotFound
    return subscription


def recent_deliveries(subscription: Subscription) -> list[Delivery]:
    """The last deliveries with every attempt: two queries however many."""
    return list(
        subscription.deliveries.order_by("-pk").prefetch_related(
            Prefetch("attempt_log", Attempt.objects.order_by("pk"))
        )[:RECENT_DELIVERIES]
    )
