"""Reads of the meetings' API and of the Atom feed of changes, scoped by the actor (through
meetings.selectors) and prefetched for their representation, so a list costs the same number of queries
at any length."""

from django.db.models import F, Prefetch, Q, QuerySet

from accounts.roles import Actor, is_secretariat, member_state_of
from documents.models import Document
from documents.selectors import IN_CIRCULATION, documents_visible_to
from meetings.models import AgendaItem, Chairmanship, Meeting, MeetingChange, MemberState
from meetings.selectors import agenda_items_with_presenters, meetings_visible_to


def public_documents() -> QuerySet[Document]:
    """The papers anyone may read, through the documents app's one visibility rule; of those, the ones in
    circulation (a superseded paper is left out of a meeting's list)."""
    return documents_visible_to(None).filter(status__in=IN_CIRCULATION).select_related(None).order_by("kind", "pk")


def member_states() -> QuerySet[MemberState]:
    return MemberState.objects.order_by("code")


def chairmanships() -> QuerySet[Chairmanship]:
    return Chairmanship.objects.select_related("chair").order_by("-ordinal")


def meetings_for_api(*, actor: Actor) -> QuerySet[Meeting]:
    return meetings_visible_to(actor).order_by("start", "pk")


def meeting_detail_queryset(*, actor: Actor) -> QuerySet[Meeting]:
    return meetings_for_api(actor=actor).prefetch_related(
        Prefetch("agenda_items", agenda_items_with_presenters()),
        Prefetch("documents", public_documents(), to_attr="public_documents"),
    )


def agenda_items_for_api(*, actor: Actor) -> QuerySet[AgendaItem]:
    """The agendas of the meetings the actor sees (drafts' agendas: the secretariat only)."""
    return (
        agenda_items_with_presenters()
        .filter(meeting__in=meetings_visible_to(actor).values("pk"))
        .order_by("meeting__start", "meeting_id", "order", "pk")
    )


def changes_visible_to(*, actor: Actor) -> QuerySet[MeetingChange]:
    """Staff: the whole log. Everyone else, by each row's audience (meetings/sync.py):
    - a schedule change (audience "meeting"): changes of announced meetings, from their publication on
      (edits made while a meeting was a draft are nobody else's business) — and a meeting's unpublishing
      always, so that every client that saw it hears it is gone;
    - rows for anyone; for every focal point; for the focal points of the countries a meeting invites, once
      it is announced; for the countries listed on the row (a country's action items and answers)."""
    qs = MeetingChange.objects.select_related("meeting").order_by("changed_at", "pk")
    if is_secretariat(actor):
        return qs
    audience = MeetingChange.Audience
    announced = ~Q(meeting__status__in=Meeting.NOT_PUBLIC_STATUSES) & (
        Q(meeting__published_at__isnull=True) | Q(changed_at__gte=F("meeting__published_at"))
    )
    visible = Q(audience=audience.MEETING) & (Q(action=MeetingChange.Action.UNPUBLISHED) | announced)
    visible |= Q(audience=audience.PUBLIC)
    member_state = member_state_of(actor)
    if member_state is not None:
        invited = Meeting.objects.invited(member_state).values("pk")
        listed = MeetingChange.member_states.through.objects.filter(memberstate=member_state).values("meetingchange_id")
        visible |= (
            Q(audience=audience.MEMBER_STATES)
            | (Q(audience=audience.INVITED) & announced & Q(meeting__in=invited))
            | (Q(audience=audience.COUNTRIES) & Q(pk__in=listed))
        )
    return qs.filter(visible)


def can_see_online_link(actor: Actor, meeting: Meeting) -> bool:
    """The online link is for invited delegations and the secretariat, never the public."""
    if is_secretariat(actor):
        return True
    member_state = member_state_of(actor)
    return member_state is not None and meeting.invites(member_state)
