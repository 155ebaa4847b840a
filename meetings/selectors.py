"""Reads shaped by the actor's rights. Views, the API, feeds and tasks all go through these."""

import datetime as dt
from dataclasses import dataclass, field

from django.db.models import Case, Count, IntegerField, Prefetch, Q, QuerySet, Value, When
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


# --- Focal points' pages ---------------------------------------------------------------------------


def _delegations_with_counts() -> QuerySet[Delegation]:
    def count(status):
        return Count("participants", filter=Q(participants__status=status))

    return Delegation.objects.annotate(
        registered_count=count(Participant.Status.REGISTERED),
        confirmed_count=count(Participant.Status.CONFIRMED),
        waitlisted_count=count(Participant.Status.WAITLISTED),
    )


def meetings_for_focal_point(*, actor: Actor, past: bool = False, limit: int = 50) -> list[Meeting]:
    """The announced meetings the focal point's country is invited to (the invited groups decide), each with
    `my_delegation` (None before anyone is registered) counting its participants by status."""
    member_state = member_state_of(actor)
    if member_state is None:
        raise NotFound
    now = timezone.now()
    qs = (
        Meeting.objects.published()
        .invited(member_state)
        .select_related("chairmanship__chair")
        .prefetch_related(
            Prefetch(
                "delegations",
                queryset=_delegations_with_counts().filter(member_state=member_state),
                to_attr="my_delegations",
            )
        )
    )
    qs = qs.filter(end__lt=now).order_by("-start", "-pk") if past else qs.filter(end__gte=now).order_by("start", "pk")
    meetings = list(qs[:limit])
    for meeting in meetings:
        meeting.my_delegation = meeting.my_delegations[0] if meeting.my_delegations else None
    return meetings


def meeting_for_focal_point(*, actor: Actor, pk: int) -> Meeting:
    """A meeting the focal point's country is invited to; any other meeting (or a draft) is NotFound."""
    member_state = member_state_of(actor)
    if member_state is None:
        raise NotFound
    meeting = (
        Meeting.objects.published()
        .invited(member_state)
        .select_related("chairmanship__chair", "host_country")
        .filter(pk=pk)
        .first()
    )
    if meeting is None:
        raise NotFound
    return meeting


def _participants_in_page_order() -> QuerySet[Participant]:
    """Head of delegation first, then by place in the delegation; the withdrawn and declined at the end."""
    inactive = Q(status__in=[Participant.Status.CANCELLED, Participant.Status.DECLINED])
    return Participant.objects.annotate(
        page_order=Case(
            When(inactive, then=Value(3)),
            When(status=Participant.Status.WAITLISTED, then=Value(2)),
            When(role=Participant.Role.HEAD, then=Value(0)),
            default=Value(1),
            output_field=IntegerField(),
        )
    ).order_by("page_order", "pk")


def delegation_of(*, actor: Actor, meeting: Meeting) -> Delegation | None:
    """The actor's country's delegation to `meeting`, with its participants, or None if there is none yet."""
    member_state = member_state_of(actor)
    if member_state is None:
        raise NotFound
    return (
        _delegations_with_counts()
        .select_related("meeting", "member_state")
        .prefetch_related(Prefetch("participants", queryset=_participants_in_page_order()))
        .filter(meeting=meeting, member_state=member_state)
        .first()
    )


def earlier_delegations(*, actor: Actor, meeting: Meeting, limit: int = 20) -> QuerySet[Delegation]:
    """The actor's country's other delegations with people in them, newest meeting first: sources for a copy."""
    active = Q(participants__status__in=[*Participant.ACTIVE_STATUSES, Participant.Status.WAITLISTED])
    return (
        delegations_visible_to(actor)
        .filter(member_state=member_state_of(actor))
        .exclude(meeting=meeting)
        .annotate(people=Count("participants", filter=active))
        .filter(people__gt=0)
        .order_by("-meeting__start", "-pk")[:limit]
    )


def copyable_participants(source: Delegation) -> QuerySet[Participant]:
    return (
        _participants_in_page_order()
        .filter(delegation=source)
        .exclude(status__in=[Participant.Status.CANCELLED, Participant.Status.DECLINED])
    )


# --- Secretariat: waiting list, arrivals and departures --------------------------------------------


def waiting_list(*, meeting: Meeting) -> QuerySet[Participant]:
    return (
        Participant.objects.filter(delegation__meeting=meeting, status=Participant.Status.WAITLISTED)
        .select_related("delegation__member_state")
        .order_by("delegation__member_state__name", "created_at", "pk")
    )


def travelling_participants(*, meeting: Meeting) -> QuerySet[Participant]:
    """Registered and confirmed participants of the meeting and of the meetings that are part of it."""
    return (
        Participant.objects.filter(
            Q(delegation__meeting=meeting) | Q(delegation__meeting__parent=meeting),
            status__in=Participant.ACTIVE_STATUSES,
        )
        .filter(Q(arrival__isnull=False) | Q(departure__isnull=False))
        .select_related("delegation__member_state", "delegation__meeting")
        .order_by("pk")
    )


@dataclass
class Movement:
    """One arrival or departure: the time (venue's time zone), who, and of which meetings they are part."""

    when: dt.datetime
    participant: Participant
    meetings: list[str] = field(default_factory=list)


@dataclass
class TravelDay:
    day: dt.date
    arrivals: list[Movement] = field(default_factory=list)
    departures: list[Movement] = field(default_factory=list)


def arrivals_and_departures(*, meeting: Meeting) -> list[TravelDay]:
    """Per day (in the venue's time zone), who arrives and who leaves, for airport transfers.

    A person registered to several meetings of a conference week with the same travel times counts once.
    """
    days: dict[dt.date, TravelDay] = {}
    seen: dict[tuple, Movement] = {}
    for participant in travelling_participants(meeting=meeting):
        for kind in ("arrival", "departure"):
            moment = getattr(participant, kind)
            if moment is None:
                continue
            local = moment.astimezone(meeting.tz)
            key = (kind, participant.delegation.member_state_id, participant.full_name.casefold(), moment)
            if key in seen:
                seen[key].meetings.append(participant.delegation.meeting.title)
                continue
            movement = seen[key] = Movement(local, participant, [participant.delegation.meeting.title])
            day = days.setdefault(local.date(), TravelDay(local.date()))
            (day.arrivals if kind == "arrival" else day.departures).append(movement)
    for day in days.values():
        day.arrivals.sort(key=lambda m: (m.when, m.participant.full_name))
        day.departures.sort(key=lambda m: (m.when, m.participant.full_name))
    return [days[key] for key in sorted(days)]


def meetings_with_registration_counts(*, limit: int = 30) -> QuerySet[Meeting]:
    """Announced meetings not yet over, with their waiting list and travelling participants counted."""
    return (
        Meeting.objects.published()
        .filter(end__gte=timezone.now())
        .exclude(status=Meeting.Status.CANCELLED)
        .annotate(
            waitlisted_count=Count(
                "delegations__participants",
                filter=Q(delegations__participants__status=Participant.Status.WAITLISTED),
            ),
            active_count=Count(
                "delegations__participants",
                filter=Q(delegations__participants__status__in=Participant.ACTIVE_STATUSES),
            ),
        )
        .order_by("start", "pk")[:limit]
    )
