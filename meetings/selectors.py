"""Reads shaped by the actor's rights. Views, the API, feeds and tasks all go through these."""

from django.db.models import Prefetch, QuerySet
from django.utils import timezone

from accounts.roles import Actor, is_secretariat, member_state_of
from common.errors import NotFound

from .models import AgendaItem, Chairmanship, Delegation, Meeting, MeetingChange, MemberState, Participant


def current_chairmanship() -> Chairmanship | None:
    """The chairmanship not yet handed over with the latest term; else the most recent one."""
    qs = Chairmanship.objects.select_related("chair")
    return qs.filter(handed_over_at__isnull=True).order_by("-ordinal").first() or qs.order_by("-ordinal").first()


def meetings_visible_to(actor: Actor) -> QuerySet[Meeting]:
    """Staff see drafts too; everyone else sees what was announced."""
    qs = Meeting.objects.select_related("chairmanship__chair", "host_country")
    return qs if is_secretariat(actor) else qs.published()


def meeting_for_page(*, actor: Actor, pk: int) -> Meeting:
    agenda = Prefetch("agenda_items", AgendaItem.objects.order_by("order", "pk"))
    meeting = meetings_visible_to(actor).prefetch_related(agenda).filter(pk=pk).first()
    if meeting is None:
        raise NotFound
    meeting.postponement = None  # type: ignore[attr-defined]  # for the page only: the change that postponed it
    if meeting.status == Meeting.Status.POSTPONED:
        meeting.postponement = (  # type: ignore[attr-defined]  # (as above)
            MeetingChange.objects.filter(
                meeting=meeting, action=MeetingChange.Action.POSTPONED, old_values__has_key="start"
            )
            .order_by("-changed_at", "-pk")
            .first()
        )
    return meeting


def upcoming_meetings(*, actor: Actor, limit: int = 10) -> QuerySet[Meeting]:
    return meetings_visible_to(actor).filter(end__gte=timezone.now()).exclude(status=Meeting.Status.CANCELLED)[:limit]


def delegations_visible_to(actor: Actor) -> QuerySet[Delegation]:
    """Secretariat: every delegation. Focal point: their own country's. Anyone else: none."""
    qs = Delegation.objects.select_related("meeting", "member_state")
    if is_secretariat(actor):
        return qs
    member_state = member_state_of(actor)
    return qs.filter(member_state=member_state) if member_state else qs.none()


def participants_visible_to(actor: Actor) -> QuerySet[Participant]:
    qs = Participant.objects.select_related("delegation__member_state", "delegation__meeting")
    if is_secretariat(actor):
        return qs
    member_state = member_state_of(actor)
    return qs.filter(delegation__member_state=member_state) if member_state else qs.none()


def delegation_for_actor(*, actor: Actor, pk: int) -> Delegation:
    delegation = delegations_visible_to(actor).filter(pk=pk).first()
    if delegation is None:
        raise NotFound
    return delegation


def participant_for_actor(*, actor: Actor, pk: int) -> Participant:
    participant = participants_visible_to(actor).filter(pk=pk).first()
    if participant is None:
        raise NotFound
    return participant


def invited_member_states(meeting: Meeting) -> QuerySet[MemberState]:
    groups = [group for group, field in Meeting.INVITE_FIELDS.items() if getattr(meeting, field)]
    return MemberState.objects.filter(group__in=groups).order_by("name_en")
