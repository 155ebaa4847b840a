"""Reads of the venue, scoped by who asks: a door's lookups, a meeting's attendance, the API's rows."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field

from django.db.models import Count, Prefetch, Q, QuerySet

from accounts.roles import Actor, ensure_secretariat, is_secretariat, member_state_of
from accreditation.services import photo_names
from api.models import ApiToken
from common.errors import NotFound
from common.search import search_filter
from meetings.models import Meeting, MemberState, Participant

from .models import Attendance, Badge
from .services import accredited_among, can_have_badge, ensure_door_staff

SEARCH_RESULTS = 8


def session_for_door(*, actor: Actor, pk: int) -> Meeting:
    session = Meeting.objects.select_related("parent", "chairmanship").filter(pk=pk).first()
    if session is None:
        raise NotFound
    ensure_door_staff(actor, session)
    return session


def participant_at_door(*, session: Meeting, pk: int) -> Participant:
    """A participant registered for this door's meeting or its conference week (what door staff may look at);
    anyone else, or someone whose data was erased, is NotFound."""
    door = session.parent or session
    ids = [door.pk, *Meeting.objects.filter(parent=door).values_list("pk", flat=True)]
    participant = (
        Participant.objects.filter(pk=pk, delegation__meeting_id__in=ids, anonymised_at__isnull=True)
        .select_related("delegation__meeting")
        .first()
    )
    if participant is None:
        raise NotFound
    return participant


def sessions_of(meeting: Meeting) -> list[Meeting]:
    """A meeting and the meetings of its conference week, in order: where attendance is taken."""
    children = list(Meeting.objects.filter(parent=meeting).order_by("start", "pk"))
    return [meeting, *children]


def _expected(meeting_ids: list[int]) -> QuerySet[Participant]:
    return Participant.objects.filter(
        delegation__meeting_id__in=meeting_ids, status=Participant.Status.CONFIRMED
    ).select_related("delegation__member_state")


def door_search(*, session: Meeting, term: str) -> list[Participant]:
    """Participants at this door whose name matches (diacritics ignored), with whether they may come in."""
    door = session.parent or session
    ids = [door.pk, *Meeting.objects.filter(parent=door).values_list("pk", flat=True)]
    qs = Participant.objects.not_withdrawn().filter(delegation__meeting_id__in=ids)
    qs = search_filter(qs, term, ["full_name"]).select_related("delegation__member_state")
    people = list(qs.order_by("full_name", "pk")[:SEARCH_RESULTS]) if term.strip() else []
    accredited = accredited_among(people)
    photos = photo_names(people)
    for person in people:
        person.allowed = can_have_badge(person, accredited=accredited)
        person.has_photo = bool(photos.get(person.pk))
    return people


@dataclass
class CountryRow:
    country: MemberState
    expected: int = 0
    per_session: list[int] = field(default_factory=list)


@dataclass
class AttendanceSummary:
    sessions: list[Meeting]
    rows: list[CountryRow]
    totals: list[int]
    expected: int


def attendance_summary(*, actor: Actor, meeting: Meeting) -> AttendanceSummary:
    """Per session, how many of each country's confirmed participants came: three queries, whatever the size."""
    ensure_secretariat(actor)
    sessions = sessions_of(meeting)
    session_ids = [s.pk for s in sessions]
    by_country: dict[int, CountryRow] = {}
    expected = list(
        _expected(session_ids)
        .values("delegation__member_state")
        .annotate(n=Count("pk"))
        .values_list("delegation__member_state", "n")
    )
    counts = list(
        Attendance.objects.filter(session_id__in=session_ids)
        .values("session_id", "participant__delegation__member_state")
        .annotate(n=Count("pk"))
        .values_list("session_id", "participant__delegation__member_state", "n")
    )
    country_ids = {pk for pk, _n in expected} | {pk for _s, pk, _n in counts}
    for country in MemberState.objects.filter(pk__in=country_ids).order_by("name_en"):
        by_country[country.pk] = CountryRow(country, 0, [0] * len(sessions))
    for country_id, n in expected:
        by_country[country_id].expected = n
    index = {pk: i for i, pk in enumerate(session_ids)}
    totals = [0] * len(sessions)
    for session_id, country_id, n in counts:
        by_country[country_id].per_session[index[session_id]] += n
        totals[index[session_id]] += n
    rows = [row for row in by_country.values() if row.expected or any(row.per_session)]
    return AttendanceSummary(sessions, rows, totals, sum(row.expected for row in rows))


@dataclass
class AttendanceList:
    sessions: list[Meeting]
    participants: Sequence[Participant]  # each with .attended: set of session pks, by delegation, head first

    @property
    def no_shows(self) -> list[Participant]:
        return [p for p in self.participants if not p.attended]  # type: ignore[attr-defined]


def attendance_list(*, actor: Actor, meeting: Meeting) -> AttendanceList:
    """Every confirmed participant with the sessions they attended: by delegation, head of delegation first."""
    ensure_secretariat(actor)
    sessions = sessions_of(meeting)
    session_ids = [s.pk for s in sessions]
    participants = list(
        _expected(session_ids)
        .alias(head=Q(role=Participant.Role.HEAD))
        .order_by("delegation__member_state__name_en", "-head", "full_name", "pk")
        .prefetch_related(
            Prefetch("attendance", Attendance.objects.filter(session_id__in=session_ids), to_attr="attended_rows")
        )
    )
    for participant in participants:
        participant.attended = {row.session_id for row in participant.attended_rows}  # type: ignore[attr-defined]
    return AttendanceList(sessions, participants)


def attendance_by_country(attendance: AttendanceList) -> list[tuple[MemberState, list[Participant]]]:
    groups: dict[int, list[Participant]] = defaultdict(list)
    countries: dict[int, MemberState] = {}
    for participant in attendance.participants:
        country = participant.delegation.member_state
        countries[country.pk] = country
        groups[country.pk].append(participant)
    return [(countries[pk], people) for pk, people in groups.items()]


def attendance_for_api(*, actor: Actor, token=None) -> QuerySet[Attendance]:
    """Attendance rows: the secretariat's all, a focal point's (or a country token's) own country only."""
    qs = Attendance.objects.select_related("participant__delegation__member_state", "session").order_by(
        "session__start", "session_id", "participant__delegation__member_state__code", "participant_id"
    )
    country = token.member_state if isinstance(token, ApiToken) and token.member_state_id else None
    if country is not None:
        qs = qs.filter(participant__delegation__member_state=country)
    if is_secretariat(actor):
        return qs
    member_state = member_state_of(actor)
    return qs.filter(participant__delegation__member_state=member_state) if member_state else qs.none()


def valid_badges(participants: list[Participant]) -> dict[int, Badge]:
    return {b.participant_id: b for b in Badge.objects.filter(participant__in=participants, revoked_at__isnull=True)}


def badge_colours(meeting: Meeting) -> dict:
    """The meeting's role colours (venue.badges.DEFAULT_ROLE_COLOURS fill the rest)."""
    from .models import BadgeDesign

    design = BadgeDesign.objects.filter(meeting=meeting).first()
    return dict(design.role_colours) if design else {}
