"""Reads of the messages to people: who a message would reach (the preview and the sending service ask the
same function), the record of messages sent, one message with its recipients."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Count, Prefetch, Q, QuerySet

from accounts.roles import Actor, ensure_secretariat
from common.errors import NotFound
from meetings.models import FocalPoint, Meeting, MemberState, Participant

from .models import Circular, CircularRecipient


@dataclass(frozen=True)
class Addressee:
    name: str
    email: str  # "" when the portal has no address: listed, never dropped
    language: str
    member_state: MemberState | None
    user_id: int | None = None
    participant_id: int | None = None

    @property
    def has_email(self) -> bool:
        return bool(self.email)


def meetings_for_messages() -> QuerySet[Meeting]:
    """The meetings whose people a message may go to: announced ones, including cancelled (to say so)."""
    return Meeting.objects.published().select_related("chairmanship").order_by("-start", "pk")


def member_states_for_messages() -> QuerySet[MemberState]:
    return MemberState.objects.exclude(group=MemberState.Group.SECRETARIAT).order_by("name")


def _focal_points(member_states) -> list[Addressee]:
    focal_points = (
        FocalPoint.objects.filter(is_active=True, user__is_active=True, member_state__in=list(member_states))
        .select_related("user", "member_state")
        .order_by("member_state__name", "user__last_name", "user__first_name", "pk")
    )
    return [
        Addressee(
            name=str(fp.user),
            email=fp.user.email.strip(),
            language=fp.user.preferred_language,
            member_state=fp.member_state,
            user_id=fp.user_id,
        )
        for fp in focal_points
    ]


def _participants(meeting: Meeting, *, heads_only: bool) -> list[Addressee]:
    people = (
        Participant.objects.filter(delegation__meeting=meeting, anonymised_at__isnull=True)
        .exclude(status__in=Participant.WITHDRAWN_STATUSES)
        .select_related("delegation__member_state")
        .order_by("delegation__member_state__name", "full_name", "pk")
    )
    if heads_only:
        people = people.filter(role=Participant.Role.HEAD)
    return [
        Addressee(
            name=person.name_with_honorific,
            email=person.email.strip(),
            language=person.language,
            member_state=person.delegation.member_state,
            participant_id=person.pk,
        )
        for person in people
    ]


def addressees(*, group: str, meeting: Meeting | None = None, member_states=()) -> list[Addressee]:
    """Who a message to `group` reaches, by country then name: each email address once (the first
    person holding it), and every person without an address."""
    if group == Circular.Group.FOCAL_POINTS:
        found = _focal_points(member_states)
    elif group in Circular.MEETING_GROUPS and meeting is not None:
        found = _participants(meeting, heads_only=group == Circular.Group.HEADS_OF_DELEGATION)
    else:
        found = []
    seen: set[str] = set()
    unique = []
    for addressee in found:
        key = addressee.email.lower()
        if key and key in seen:
            continue
        seen.add(key)
        unique.append(addressee)
    return unique


RECORD_ORDER = ("-created_at", "-pk")


def circulars_for_record(
    *, actor: Actor, limit: int = 200, order: tuple[str, ...] = RECORD_ORDER
) -> QuerySet[Circular]:
    """The latest `limit` messages (newest first), shown in `order`."""
    ensure_secretariat(actor)
    return (
        Circular.objects.select_related("meeting", "sent_by")
        .annotate(
            recipient_count=Count("recipients", distinct=True),
            without_email=Count("recipients", filter=Q(recipients__email=""), distinct=True),
        )
        .prefetch_related("member_states")
        .filter(pk__in=Circular.objects.order_by(*RECORD_ORDER).values("pk")[:limit])
        .order_by(*order)
    )


def circular_for_actor(*, actor: Actor, pk: int) -> Circular:
    ensure_secretariat(actor)
    recipients = CircularRecipient.objects.select_related("member_state", "outbox_email").order_by(
        "member_state__name", "name", "pk"
    )
    circular = (
        Circular.objects.select_related("meeting", "sent_by")
        .prefetch_related("member_states", Prefetch("recipients", recipients))
        .filter(pk=pk)
        .first()
    )
    if circular is None:
        raise NotFound
    return circular
