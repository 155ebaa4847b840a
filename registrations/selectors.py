"""Reads of the registration pages, shaped by the actor's rights: a focal point's meetings and delegation,
sources for a copy, and the secretariat's waiting lists, arrivals and departures. The scoped basics
(delegations_visible_to, participant_for_actor…) are meetings.selectors'."""

import datetime as dt
from dataclasses import dataclass, field

from django.db.models import Case, Count, IntegerField, Prefetch, Q, QuerySet, Value, When
from django.utils import timezone

from accounts.roles import Actor, member_state_of
from common.errors import NotFound
from meetings.models import Delegation, Meeting, Participant
from meetings.selectors import delegations_visible_to

# --- Letters of invitation: who gets one --------------------------------------------------------------

# Meetings people travel to: their participants need a letter for visas and travel approval.
INVITATION_LETTER_FORMATS = (Meeting.Format.IN_PERSON, Meeting.Format.HYBRID)


def can_have_invitation_letter(participant: Participant, meeting: Meeting | None = None) -> bool:
    """The one rule for who gets a letter of invitation: confirmed participants of meetings people travel to.

    The letter's download, the focal point's delegation page and the secretariat's registrations page all ask
    this. `meeting` is the participant's, for pages that already hold it (no query either way)."""
    meeting = meeting or participant.delegation.meeting
    return participant.status == Participant.Status.CONFIRMED and meeting.format in INVITATION_LETTER_FORMATS


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
    inactive = Q(status__in=Participant.WITHDRAWN_STATUSES)
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
        .select_related("meeting", "member_state", "liaison_officer")
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
    return _participants_in_page_order().filter(delegation=source).not_withdrawn()  # type: ignore[attr-defined]  # the plugin loses the custom queryset after annotate()


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
        .select_related(
            "delegation__member_state", "delegation__meeting", "delegation__liaison_officer", "travel__hotel"
        )
        .order_by("pk")
    )


@dataclass
class Movement:
    """One arrival or departure: the time (venue's time zone), who, and of which meetings they are part."""

    when: dt.datetime
    participant: Participant
    meetings: list[str] = field(default_factory=list)
    kind: str = "arrival"

    @property
    def _travel(self):
        return getattr(self.participant, "travel", None)  # logistics' row, when the focal point gave one

    @property
    def flight(self) -> str:
        return getattr(self._travel, f"{self.kind}_flight", "")

    @property
    def airport(self) -> str:
        return getattr(self._travel, f"{self.kind}_airport", "")

    @property
    def transfer(self) -> bool:
        return bool(getattr(self._travel, f"{self.kind}_transfer", False))

    @property
    def hotel(self) -> str:
        hotel = getattr(self._travel, "hotel", None)
        return hotel.name if hotel else ""


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
            movement = seen[key] = Movement(local, participant, [participant.delegation.meeting.title], kind)
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
