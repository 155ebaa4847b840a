"""Reads of the secretariat's registration pages: every function takes the actor and refuses anyone but the
secretariat (meetings.staff.selectors' rule), and returns data already joined and counted."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, TypeAlias, TypedDict

from django.db.models import Count, Q, QuerySet

from accounts.roles import Actor, ensure_secretariat
from common.errors import NotFound
from common.search import search_filter
from meetings.models import Delegation, Meeting, MemberState, Participant

if TYPE_CHECKING:
    from django_stubs_ext import WithAnnotations


class _DelegationCounts(TypedDict):
    participant_count: int
    taken_count: int
    confirmed_count: int
    awaiting_count: int


CountedDelegation: TypeAlias = (
    "WithAnnotations[Delegation, _DelegationCounts]"  # with registrations_for_meeting's counts
)

# --- Registrations --------------------------------------------------------------------------------


PARTICIPANT_SEARCH_FIELDS = ["full_name", "email", "organisation"]


@dataclass
class DelegationRow:
    """One country on a meeting's registrations page: its delegation (if any) with the whole delegation's
    counts, and the participants of it that the page shows."""

    member_state: MemberState
    delegation: CountedDelegation | None
    participants: list[Participant] = field(default_factory=list)

    @property
    def taken(self) -> int:
        return self.delegation.taken_count if self.delegation else 0

    @property
    def allowance(self) -> int | None:
        return self.delegation.allowance if self.delegation else None


@dataclass
class MeetingRegistrations:
    """The countries of a meeting (invited, or with a delegation) and their delegations, counted in SQL."""

    meeting: Meeting
    member_states: list[MemberState]
    delegations: dict[int, CountedDelegation]  # by member state id

    @property
    def totals(self) -> dict[str, int]:
        delegations = self.delegations.values()
        return {
            "delegations": len(delegations),
            "taken": sum(d.taken_count for d in delegations),
            "confirmed": sum(d.confirmed_count for d in delegations),
            "awaiting": sum(d.awaiting_count for d in delegations),
        }

    def rows(self, participants) -> list[DelegationRow]:
        """Participants (in the page's order: country, head first, pk) grouped under their delegation."""
        by_delegation = {d.pk: d for d in self.delegations.values()}
        states = {s.pk: s for s in self.member_states}
        rows: list[DelegationRow] = []
        for participant in participants:
            delegation = by_delegation[participant.delegation_id]
            participant.delegation = delegation
            if not rows or rows[-1].delegation is not delegation:
                rows.append(DelegationRow(states[delegation.member_state_id], delegation))
            rows[-1].participants.append(participant)
        return rows

    def without_participants(self, country: str = "") -> list[DelegationRow]:
        """Countries nobody is registered for yet (no delegation, or an empty one), by English name."""
        rows = []
        for state in self.member_states:
            delegation = self.delegations.get(state.pk)
            if (delegation is None or not delegation.participant_count) and country in ("", state.code):
                rows.append(DelegationRow(state, delegation))
        return rows


def registrations_for_meeting(*, actor: Actor, meeting: Meeting) -> MeetingRegistrations:
    """Every invited country (and any other that has a delegation), alphabetical by English name, with each
    delegation's counts by status: two queries whatever the number of participants."""
    ensure_secretariat(actor)

    def count(*statuses):
        return Count("participants", filter=Q(participants__status__in=statuses))

    delegations = Delegation.objects.filter(meeting=meeting).annotate(
        participant_count=Count("participants"),
        taken_count=count(*Participant.ACTIVE_STATUSES),
        confirmed_count=count(Participant.Status.CONFIRMED),
        awaiting_count=count(Participant.Status.REGISTERED),
    )
    by_state: dict[int, CountedDelegation] = {}
    for delegation in delegations:
        delegation.meeting = meeting
        by_state[delegation.member_state_id] = delegation
    groups = [group for group, flag in Meeting.INVITE_FIELDS.items() if getattr(meeting, flag)]
    states = MemberState.objects.filter(Q(group__in=groups) | Q(pk__in=list(by_state))).order_by("name_en")
    return MeetingRegistrations(meeting, list(states), by_state)


WITHIN_DELEGATION = ("-is_head", "pk")


def participants_for_registrations(
    *,
    actor: Actor,
    meeting: Meeting,
    country: str = "",
    status: str = "",
    q: str = "",
    order: tuple[str, ...] = WITHIN_DELEGATION,
) -> QuerySet[Participant]:
    """A meeting's participants of every status, filtered; countries by English name, then within each
    delegation in `order` (head of delegation first by default): the page groups them by delegation."""
    ensure_secretariat(actor)
    qs = Participant.objects.filter(delegation__meeting=meeting)
    if country:
        qs = qs.filter(delegation__member_state__code=country)
    if status:
        qs = qs.filter(status=status)
    if q:
        qs = search_filter(qs, q, PARTICIPANT_SEARCH_FIELDS)
    # django-stubs takes the alias for Participant.is_head (a property); an alias sets no attribute.
    return qs.alias(is_head=Q(role=Participant.Role.HEAD)).order_by(  # type: ignore[no-redef]
        "delegation__member_state__name_en", *order
    )


def participants_for_export(*, actor: Actor, meeting: Meeting) -> QuerySet[Participant]:
    """Who takes part (registered or confirmed): countries alphabetical by English name, head of delegation first."""
    return (
        participants_for_registrations(actor=actor, meeting=meeting)
        .filter(status__in=Participant.ACTIVE_STATUSES)
        .select_related("delegation__member_state")
    )


def participants_for_registrations_ids(*, meeting: Meeting) -> list[int]:
    """The participants of `meeting` a bulk action may name (any other number is refused by its form)."""
    return list(Participant.objects.filter(delegation__meeting=meeting).values_list("pk", flat=True))


def participant_for_write(*, actor: Actor, meeting: Meeting, pk: int) -> Participant:
    ensure_secretariat(actor)
    participant = (
        Participant.objects.filter(delegation__meeting=meeting, pk=pk)
        .select_related("delegation__member_state", "delegation__meeting__chairmanship")
        .first()
    )
    if participant is None:
        raise NotFound
    return participant
