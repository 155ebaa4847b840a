"""Reads of the registration endpoints, scoped by the actor (through meetings.selectors) and by the API
token's country."""

from django.db.models import Count, Q

from accounts.roles import Actor
from api.models import ApiToken
from meetings.models import MemberState, Participant
from meetings.selectors import delegations_visible_to, participants_visible_to


def _token_country(token) -> MemberState | None:
    return token.member_state if isinstance(token, ApiToken) and token.member_state_id else None


def delegations_for_api(*, actor: Actor, token=None):
    qs = delegations_visible_to(actor).annotate(
        places_taken=Count("participants", filter=Q(participants__status__in=Participant.ACTIVE_STATUSES))
    )
    country = _token_country(token)
    if country is not None:
        qs = qs.filter(member_state=country)
    return qs.order_by("meeting__start", "meeting_id", "member_state__code", "pk")


def participants_for_api(*, actor: Actor, token=None):
    qs = participants_visible_to(actor)
    country = _token_country(token)
    if country is not None:
        qs = qs.filter(delegation__member_state=country)
    return qs.order_by("delegation_id", "pk")
