"""Reads shaped by the actor's rights. Views, the API, feeds and tasks all go through these."""

import datetime as dt
import zoneinfo
from collections.abc import Iterable
from dataclasses import dataclass

from django.db.models import Count, F, Prefetch, QuerySet
from django.utils import timezone

from accounts.roles import Actor, is_secretariat, member_state_of
from common.errors import NotFound
from documents.selectors import IN_CIRCULATION, documents_visible_to

from .models import (
    AgendaItem,
    AgendaPresenter,
    Chairmanship,
    Delegation,
    Meeting,
    MeetingChange,
    MemberState,
    Participant,
)


def current_chairmanship() -> Chairmanship | None:
    """The chairmanship not yet handed over with the latest term; else the most recent one."""
    qs = Chairmanship.objects.select_related("chair")
    return qs.filter(handed_over_at__isnull=True).order_by("-ordinal").first() or qs.order_by("-ordinal").first()


def meetings_visible_to(actor: Actor) -> QuerySet[Meeting]:
    """Staff see drafts too; everyone else sees what was announced."""
    qs = Meeting.objects.select_related("chairmanship__chair", "host_country")
    return qs if is_secretariat(actor) else qs.published()


def agenda_items_with_presenters() -> QuerySet[AgendaItem]:
    """Agenda items with their presenters (and the presenters' countries) in one more query."""
    presenters = Prefetch("presenters", AgendaPresenter.objects.select_related("member_state").order_by("order", "pk"))
    return AgendaItem.objects.prefetch_related(presenters).order_by("order", "pk")


@dataclass(frozen=True)
class TimetableDay:
    day: dt.date
    items: list[AgendaItem]


@dataclass(frozen=True)
class Timetable:
    """An agenda laid out by day in the venue's time zone; items without a start time stay in agenda order."""

    time_zone: str
    days: list[TimetableDay]
    untimed: list[AgendaItem]

    @property
    def is_timed(self) -> bool:
        return bool(self.days)

    @property
    def first_moment(self) -> dt.datetime | None:
        return self.days[0].items[0].starts_at if self.days else None


def timetable(items: Iterable[AgendaItem], time_zone: str) -> Timetable:
    zone = zoneinfo.ZoneInfo(time_zone)
    timed = sorted((i for i in items if i.starts_at), key=lambda i: (i.starts_at, i.meeting_id, i.order, i.pk))
    days: dict[dt.date, list[AgendaItem]] = {}
    for item in timed:
        days.setdefault(item.starts_at.astimezone(zone).date(), []).append(item)  # type: ignore[union-attr]
    untimed = [i for i in items if not i.starts_at]
    return Timetable(time_zone, [TimetableDay(day, day_items) for day, day_items in days.items()], untimed)


def _week_participant_counts(meeting_ids: list[int]) -> dict[int, tuple[int, int]]:
    """Per meeting: (delegations with someone coming, participants coming)."""
    rows = (
        Participant.objects.filter(delegation__meeting_id__in=meeting_ids, status__in=Participant.ACTIVE_STATUSES)
        .values("delegation__meeting_id")
        .annotate(delegations=Count("delegation_id", distinct=True), people=Count("pk"))
        .order_by()
    )
    return {row["delegation__meeting_id"]: (row["delegations"], row["people"]) for row in rows}


def meeting_for_page(*, actor: Actor, pk: int) -> Meeting:
    agenda = Prefetch("agenda_items", agenda_items_with_presenters())
    meeting = meetings_visible_to(actor).prefetch_related(agenda).filter(pk=pk).first()
    if meeting is None:
        raise NotFound
    meeting.postponement = None  # type: ignore[attr-defined]  # for the page only: the change that postponed it
    meeting.week = None  # type: ignore[attr-defined]  # (as above): a conference week's gathered view
    if meeting.kind == Meeting.Kind.CONFERENCE_WEEK:
        meeting.week = conference_week(actor=actor, week=meeting)  # type: ignore[attr-defined]  # (as above)
        meeting.parts = meeting.week.parts  # type: ignore[attr-defined]  # (as above)
        meeting.timetable = meeting.week.timetable  # type: ignore[attr-defined]  # (as above)
    else:
        meeting.parts = []  # type: ignore[attr-defined]  # (as above)
        meeting.timetable = timetable(meeting.agenda_items.all(), meeting.time_zone)  # type: ignore[attr-defined]
    if meeting.status == Meeting.Status.POSTPONED:
        meeting.postponement = (  # type: ignore[attr-defined]  # (as above)
            MeetingChange.objects.filter(
                meeting=meeting, action=MeetingChange.Action.POSTPONED, old_values__has_key="start"
            )
            .order_by("-changed_at", "-pk")
            .first()
        )
    return meeting


@dataclass(frozen=True)
class ConferenceWeek:
    """A conference week's page: its meetings, one timetable of all their items, their papers and registrations."""

    parts: list[Meeting]
    timetable: Timetable
    documents: list
    countries: int
    registrations: int


def conference_week(*, actor: Actor, week: Meeting) -> ConferenceWeek:
    """Six queries whatever the week holds: its meetings, their items, the items' presenters, the papers and
    the registration counts (per meeting, and the countries coming)."""
    parts = list(meetings_visible_to(actor).filter(parent=week).order_by("start", "pk"))
    ids = [week.pk, *(part.pk for part in parts)]
    by_id = {week.pk: week, **{part.pk: part for part in parts}}
    items = list(agenda_items_with_presenters().filter(meeting_id__in=[part.pk for part in parts]))
    for item in items:
        item.meeting = by_id[item.meeting_id]  # the rows already read: no query per item for its meeting's name
    items = list(week.agenda_items.all()) + items
    counts = _week_participant_counts([part.pk for part in parts])
    for part in parts:
        part.delegation_count, part.participant_count = counts.get(part.pk, (0, 0))  # type: ignore[attr-defined]
    documents = list(
        documents_visible_to(actor)
        .filter(meeting_id__in=ids[1:])
        .defer("current_version__text")
        .order_by("meeting__start", "meeting_id", F("agenda_item__order").asc(nulls_first=True), "kind", "pk")
    )
    return ConferenceWeek(
        parts=parts,
        timetable=timetable(items, week.time_zone),
        documents=documents,
        countries=Participant.objects.filter(delegation__meeting_id__in=ids[1:], status__in=Participant.ACTIVE_STATUSES)
        .values("delegation__member_state_id")
        .distinct()
        .count(),
        registrations=sum(people for _delegations, people in counts.values()),
    )


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


def archive() -> list[tuple[Chairmanship, list[tuple[int, list[Meeting]]]]]:
    """Every announced meeting, by chairmanship (newest first) and year: the ACCSM's public history.
    Two queries whatever its length: the chairmanships, then their meetings."""
    meetings = (
        Meeting.objects.published().select_related("host_country").order_by("-chairmanship__ordinal", "start", "pk")
    )
    by_chairmanship: dict[int, list[Meeting]] = {}
    for meeting in meetings:
        by_chairmanship.setdefault(meeting.chairmanship_id, []).append(meeting)
    chairmanships = Chairmanship.objects.select_related("chair").filter(pk__in=by_chairmanship).order_by("-ordinal")
    return [(chairmanship, _by_year(by_chairmanship[chairmanship.pk])) for chairmanship in chairmanships]


def _by_year(meetings: list[Meeting]) -> list[tuple[int, list[Meeting]]]:
    years: dict[int, list[Meeting]] = {}
    for meeting in meetings:
        years.setdefault(meeting.local_start.year, []).append(meeting)
    return list(years.items())


def chairmanship_for_page(*, ordinal: int) -> Chairmanship:
    chairmanship = Chairmanship.objects.select_related("chair").filter(ordinal=ordinal).first()
    if chairmanship is None:
        raise NotFound
    return chairmanship


def chairmanship_meetings(chairmanship: Chairmanship) -> QuerySet[Meeting]:
    """The chairmanship's announced meetings, in order: what its public page and its feed list."""
    return (
        Meeting.objects.published()
        .filter(chairmanship=chairmanship)
        .select_related("host_country")
        .order_by("start", "pk")
    )


def chairmanship_declarations(chairmanship: Chairmanship):
    """The public declarations circulated or adopted at the chairmanship's meetings."""
    return (
        documents_visible_to(None)
        .filter(
            kind="declaration",
            status__in=IN_CIRCULATION,
            meeting__chairmanship=chairmanship,
        )
        .select_related("meeting")
        .order_by("meeting__start", "pk")
    )


def example_meeting() -> Meeting | None:
    """A public meeting for the API page's examples: the next one ahead, else the latest."""
    public = Meeting.objects.published()
    return public.filter(end__gte=timezone.now()).order_by("start", "pk").first() or public.order_by("-start").first()
