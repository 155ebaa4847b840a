"""Reads for the secretariat's pages. Every function takes the actor and refuses anyone but the secretariat,
and returns data already joined and counted, so a page costs the same few queries whatever its size."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import Count, IntegerField, OuterRef, Prefetch, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce
from django.utils import timezone

from accounts.roles import Actor, ensure_secretariat
from common.errors import NotFound
from common.search import search_filter

from ..models import AgendaItem, Chairmanship, Delegation, Meeting, MeetingChange, MemberState, Participant
from ..selectors import agenda_items_with_presenters, current_chairmanship

SEARCH_FIELDS = ["title_en", "title_vi", "city_en", "city_vi", "venue_en", "venue_vi"]


def _participants_of_meeting(statuses) -> Coalesce:
    counted = (
        Participant.objects.filter(delegation__meeting=OuterRef("pk"), status__in=statuses)
        .order_by()
        .values("delegation__meeting")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return Coalesce(Subquery(counted, output_field=IntegerField()), 0)


def _with_counts(qs: QuerySet[Meeting]) -> QuerySet[Meeting]:
    # Correlated subqueries, not a join and GROUP BY: PostgreSQL counts only the rows a page shows (10
    # upcoming meetings), instead of joining every participant of every matching meeting before the LIMIT.
    return qs.annotate(
        participant_count=_participants_of_meeting(Participant.ACTIVE_STATUSES),
        awaiting_count=_participants_of_meeting([Participant.Status.REGISTERED]),
    )


# --- Meetings -------------------------------------------------------------------------------------


LIST_ORDER = ("-chairmanship__ordinal", "start", "pk")


def meetings_for_list(*, actor: Actor, filters: dict, order: tuple[str, ...] = LIST_ORDER) -> QuerySet[Meeting]:
    """All meetings, drafts included, filtered and searched; newest chairmanship first, then by date (or
    `order`, a sorted column's)."""
    ensure_secretariat(actor)
    qs = Meeting.objects.select_related("chairmanship__chair", "host_country")
    for name in ("chairmanship", "kind", "status", "format"):
        if filters.get(name):
            qs = qs.filter(**{name: filters[name]})
    if filters.get("year"):
        qs = qs.filter(start__year=filters["year"])
    if filters.get("q"):
        qs = search_filter(qs, filters["q"], SEARCH_FIELDS)
    return _with_counts(qs).order_by(*order)


def meeting_years() -> list[int]:
    return [d.year for d in Meeting.objects.dates("start", "year", order="DESC")]


def meeting_for_staff(*, actor: Actor, pk: int) -> Meeting:
    """One meeting with what its staff page shows: agenda in order, the latest changes, the counts."""
    ensure_secretariat(actor)
    # The schedule's own changes (the change log also holds the tombstones and the record's rows).
    changes = (
        MeetingChange.objects.filter(object_type=MeetingChange.ObjectType.MEETING)
        .select_related("changed_by")
        .order_by("-changed_at", "-pk")
    )
    meeting = (
        _with_counts(Meeting.objects.select_related("chairmanship__chair", "host_country", "parent"))
        .prefetch_related(
            Prefetch("agenda_items", agenda_items_with_presenters()),
            Prefetch("changes", changes),
        )
        .filter(pk=pk)
        .first()
    )
    if meeting is None:
        raise NotFound
    # A conference week gathers the registrations of the meetings held within it.
    meeting.week_participant_count = (  # type: ignore[attr-defined]  # for the page only
        Participant.objects.filter(delegation__meeting__parent=meeting, status__in=Participant.ACTIVE_STATUSES).count()
        if meeting.kind == Meeting.Kind.CONFERENCE_WEEK
        else 0
    )
    return meeting


def meeting_for_write(*, actor: Actor, pk: int) -> Meeting:
    ensure_secretariat(actor)
    meeting = Meeting.objects.select_related("chairmanship__chair").filter(pk=pk).first()
    if meeting is None:
        raise NotFound
    return meeting


def agenda_item_for_write(*, actor: Actor, meeting: Meeting, pk: int) -> AgendaItem:
    ensure_secretariat(actor)
    item = AgendaItem.objects.filter(meeting=meeting, pk=pk).first()
    if item is None:
        raise NotFound
    item.meeting = meeting
    return item


def conference_weeks(chairmanship_id: int | None = None) -> QuerySet[Meeting]:
    qs = Meeting.objects.filter(kind=Meeting.Kind.CONFERENCE_WEEK, chairmanship__handed_over_at__isnull=True)
    if chairmanship_id:
        qs = qs.filter(chairmanship_id=chairmanship_id)
    return qs.order_by("start")


# --- Dashboard ------------------------------------------------------------------------------------


@dataclass
class MatrixCell:
    member_state: MemberState
    registered: int = 0
    confirmed: int = 0
    waitlisted: int = 0
    allowance: int = 0
    has_delegation: bool = False

    @property
    def state(self) -> str:
        if not self.has_delegation or not (self.registered or self.confirmed or self.waitlisted):
            return "none"
        return "confirmed" if self.confirmed and not self.registered else "registered"

    @property
    def taken(self) -> int:
        return self.registered + self.confirmed


@dataclass
class RegistrationMatrix:
    meeting: Meeting
    cells: list[MatrixCell]


@dataclass
class Dashboard:
    chairmanship: Chairmanship | None
    upcoming: list[Meeting]
    matrices: list[RegistrationMatrix]
    awaiting: list[Meeting]
    deadlines: list[Meeting]
    draft_documents: list


def _days_to_go(meeting: Meeting, today: dt.date) -> int:
    return (meeting.local_start.date() - today).days


def open_registrations(now: dt.datetime) -> QuerySet[Meeting]:
    return (
        Meeting.objects.announced()
        .filter(start__gt=now)
        .filter(Q(registration_opens__isnull=True) | Q(registration_opens__lte=now))
        .filter(Q(registration_deadline__isnull=True) | Q(registration_deadline__gt=now))
    )


def _matrices(meetings: list[Meeting]) -> list[RegistrationMatrix]:
    if not meetings:
        return []
    states = list(MemberState.objects.order_by("name_en"))
    counts = (
        Delegation.objects.filter(meeting__in=meetings)
        .values("meeting_id", "member_state_id", "extra_places")
        .annotate(
            registered=Count("participants", filter=Q(participants__status=Participant.Status.REGISTERED)),
            confirmed=Count("participants", filter=Q(participants__status=Participant.Status.CONFIRMED)),
            waitlisted=Count("participants", filter=Q(participants__status=Participant.Status.WAITLISTED)),
        )
    )
    by_key = {(row["meeting_id"], row["member_state_id"]): row for row in counts}
    matrices = []
    for meeting in meetings:
        cells = []
        for state in states:
            row = by_key.get((meeting.pk, state.pk))
            if not meeting.invites(state) and row is None:
                continue
            cell = MatrixCell(state, allowance=meeting.delegates_allowed)
            if row:
                cell.has_delegation = True
                cell.registered, cell.confirmed, cell.waitlisted = (
                    row["registered"],
                    row["confirmed"],
                    row["waitlisted"],
                )
                cell.allowance += row["extra_places"]
            cells.append(cell)
        matrices.append(RegistrationMatrix(meeting, cells))
    return matrices


def dashboard(*, actor: Actor) -> Dashboard:
    from documents.models import Document

    ensure_secretariat(actor)
    now = timezone.now()
    base = Meeting.objects.select_related("chairmanship__chair")
    upcoming = list(
        _with_counts(base.filter(end__gte=now, status__in=Meeting.UPCOMING_STATUSES)).order_by("start", "pk")[:10]
    )
    today = timezone.localdate(now)
    for meeting in upcoming:
        meeting.days_to_go = _days_to_go(meeting, today)  # type: ignore[attr-defined]  # for the page only
    open_meetings = list(base.filter(pk__in=open_registrations(now)).order_by("start", "pk")[:6])
    awaiting = [m for m in upcoming if m.awaiting_count and m.is_public]  # type: ignore[attr-defined]  # _with_counts
    deadlines = list(
        base.filter(
            status__in=Meeting.ANNOUNCED_STATUSES,
            registration_deadline__gt=now,
            registration_deadline__lte=now + dt.timedelta(days=7),
        ).order_by("registration_deadline", "pk")[:20]
    )
    draft_documents = list(
        Document.objects.filter(status=Document.Status.DRAFT, meeting__end__gte=now)
        .exclude(meeting__status=Meeting.Status.CANCELLED)
        .select_related("meeting")
        .order_by("meeting__start", "pk")[:20]
    )
    return Dashboard(
        chairmanship=current_chairmanship(),
        upcoming=upcoming,
        matrices=_matrices(open_meetings),
        awaiting=awaiting,
        deadlines=deadlines,
        draft_documents=draft_documents,
    )


# --- Chairmanships --------------------------------------------------------------------------------


def chairmanships_for_list(*, actor: Actor) -> QuerySet[Chairmanship]:
    ensure_secretariat(actor)
    return Chairmanship.objects.select_related("chair").annotate(meeting_count=Count("meetings")).order_by("-ordinal")


def chairmanship_for_write(*, actor: Actor, pk: int) -> Chairmanship:
    ensure_secretariat(actor)
    chairmanship = Chairmanship.objects.select_related("chair").filter(pk=pk).first()
    if chairmanship is None:
        raise NotFound
    return chairmanship
