"""Reads shaped by the actor's rights. Views, the API, feeds and tasks all go through these."""

from django.db.models import Prefetch, QuerySet
from django.utils import timezone

from accounts.roles import Actor, is_secretariat, member_state_of
from common.errors import NotFound
from documents.selectors import IN_CIRCULATION, documents_visible_to

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
    # A conference week's own page lists the meetings held within it.
    meeting.parts = (  # type: ignore[attr-defined]  # (as above)
        list(meetings_visible_to(actor).filter(parent=meeting).order_by("start", "pk"))
        if meeting.kind == Meeting.Kind.CONFERENCE_WEEK
        else []
    )
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
