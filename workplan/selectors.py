"""Reads of the work plan shaped by the actor's rights.

Who sees what:
- the public: adopted plans and their initiatives once a SOM approved them (approved, ongoing,
  completed, dropped) — never proposals, never a plan still being drafted;
- a focal point: the same, plans being drafted, and their own country's proposals (proposed or
  returned); another country's proposal answers like a missing one;
- the secretariat: everything.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import F, OuterRef, Prefetch, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce
from django.utils import timezone

from accounts.roles import Actor, is_secretariat, member_state_of
from common.errors import NotFound
from documents.models import Document
from documents.selectors import documents_visible_to
from meetings.models import Meeting, MemberState

from .models import Initiative, InitiativeDecision, PriorityArea, ProgressUpdate, WorkPlan

# Initiatives anyone may read: the work a SOM approved, whatever became of it.
PUBLIC_STATUSES = (
    Initiative.Status.APPROVED,
    Initiative.Status.ONGOING,
    Initiative.Status.COMPLETED,
    Initiative.Status.DROPPED,
)

# An unfinished initiative with no progress update for this long is "silent".
SILENT_AFTER_DAYS = 180


def work_plans_visible_to(actor: Actor) -> QuerySet[WorkPlan]:
    qs = WorkPlan.objects.select_related("previous")
    if is_secretariat(actor) or member_state_of(actor):
        return qs
    return qs.filter(is_draft=False)


def work_plan_for_page(*, actor: Actor, pk: int) -> WorkPlan:
    work_plan = work_plans_visible_to(actor).filter(pk=pk).first()
    if work_plan is None:
        raise NotFound
    return work_plan


def current_work_plan(*, actor: Actor, today: dt.date | None = None) -> WorkPlan | None:
    """The adopted plan running today; else the latest adopted one; else the latest the actor may see."""
    today = today or timezone.localdate()
    plans = work_plans_visible_to(actor)
    adopted = plans.filter(is_draft=False)
    return (
        adopted.filter(period_start__lte=today, period_end__gte=today).order_by("-period_start").first()
        or adopted.order_by("-period_start").first()
        or plans.order_by("-period_start").first()
    )


def next_work_plan(work_plan: WorkPlan, *, actor: Actor = None) -> WorkPlan | None:
    """The plan that follows, if any (and, given an actor, if they may see it)."""
    plans = work_plans_visible_to(actor) if actor is not None else WorkPlan.objects.all()
    return plans.filter(previous=work_plan).order_by("period_start").first()


def is_open_for_proposals(work_plan: WorkPlan, *, today: dt.date | None = None) -> bool:
    return work_plan.period_end >= (today or timezone.localdate())


def initiatives_visible_to(actor: Actor) -> QuerySet[Initiative]:
    qs = Initiative.objects.select_related("priority_area__work_plan", "lead", "approved_at")
    if is_secretariat(actor):
        return qs
    member_state = member_state_of(actor)
    if member_state is not None:
        return qs.filter(Q(status__in=PUBLIC_STATUSES) | Q(lead=member_state))
    return qs.filter(status__in=PUBLIC_STATUSES, priority_area__work_plan__is_draft=False)


def with_latest_progress(qs: QuerySet[Initiative]) -> QuerySet[Initiative]:
    """Annotate each initiative with its latest progress update (percent, date, text) in the same query."""
    latest = ProgressUpdate.objects.filter(initiative=OuterRef("pk")).order_by("-date", "-pk")
    return qs.annotate(
        latest_percent=Subquery(latest.values("percent_complete")[:1]),
        latest_progress_date=Subquery(latest.values("date")[:1]),
        latest_progress_text=Subquery(latest.values("text")[:1]),
    )


def initiatives_of_plan(*, actor: Actor, work_plan: WorkPlan, filters: dict | None = None) -> QuerySet[Initiative]:
    """The plan's initiatives the actor may see, filtered (status, lead, priority_area), with their
    co-leads and latest progress, ordered by priority area and planned start."""
    qs = initiatives_visible_to(actor).filter(priority_area__work_plan=work_plan)
    filters = filters or {}
    if filters.get("status"):
        qs = qs.filter(status=filters["status"])
    if filters.get("lead"):
        qs = qs.filter(lead=filters["lead"])
    if filters.get("priority_area"):
        qs = qs.filter(priority_area=filters["priority_area"])
    qs = with_latest_progress(qs).prefetch_related(
        Prefetch("co_leads", MemberState.objects.order_by("name")),
        _carried_over_to(actor),
    )
    return qs.order_by("priority_area__number", F("planned_start").asc(nulls_last=True), "pk")


@dataclass
class AreaWithInitiatives:
    area: PriorityArea
    initiatives: list[Initiative]


def plan_by_priority_area(
    *, work_plan: WorkPlan, initiatives: list[Initiative], keep_empty: bool
) -> list[AreaWithInitiatives]:
    """Group already-fetched initiatives under the plan's priority areas, in the areas' order."""
    groups = {area.pk: AreaWithInitiatives(area, []) for area in work_plan.priority_areas.order_by("number")}
    for initiative in initiatives:
        groups[initiative.priority_area_id].initiatives.append(initiative)
    return [group for group in groups.values() if keep_empty or group.initiatives]


def initiative_for_page(*, actor: Actor, pk: int) -> Initiative:
    """An initiative with its leads, decisions and progress updates; each update's attached documents are
    those the actor may read (document visibility is the documents app's one rule)."""
    decisions = InitiativeDecision.objects.select_related("meeting", "agenda_item", "procedure").order_by(
        "created_at", "pk"
    )
    attached = Prefetch("documents", documents_visible_to(actor).order_by("pk"), to_attr="visible_documents")
    updates = ProgressUpdate.objects.select_related("author").prefetch_related(attached).order_by("-date", "-pk")
    initiative = (
        initiatives_visible_to(actor)
        .select_related("agenda_item__meeting", "carried_over_from__priority_area__work_plan")
        .prefetch_related(
            Prefetch("co_leads", MemberState.objects.order_by("name")),
            Prefetch("decisions", decisions),
            Prefetch("progress_updates", updates),
            _carried_over_to(actor),
        )
        .filter(pk=pk)
        .first()
    )
    if initiative is None:
        raise NotFound
    origin = initiative.carried_over_from
    if origin is not None and not initiatives_visible_to(actor).filter(pk=origin.pk).exists():
        initiative.carried_over_from = None  # a link the actor could not open
    return initiative


def _carried_over_to(actor: Actor) -> Prefetch:
    """The copies of an initiative in later plans that this actor may open (a copy is a proposal, or sits
    in a plan still being drafted, until a SOM approves it: the public does not see it yet)."""
    return Prefetch("carried_over_to", initiatives_visible_to(actor).order_by("pk"))


def documents_of_initiative(*, actor: Actor, initiative: Initiative) -> list[Document]:
    return list(documents_visible_to(actor).filter(initiative=initiative).order_by("kind", "-updated_at", "pk"))


def initiative_for_actor(*, actor: Actor, pk: int) -> Initiative:
    initiative = initiatives_visible_to(actor).filter(pk=pk).first()
    if initiative is None:
        raise NotFound
    return initiative


def proposals_for(*, actor: Actor, work_plan: WorkPlan) -> QuerySet[Initiative]:
    """Proposals awaiting a SOM (and those returned): all of them for the secretariat, the country's own
    for a focal point."""
    qs = initiatives_visible_to(actor).filter(
        priority_area__work_plan=work_plan, status__in=Initiative.PROPOSAL_STATUSES
    )
    if not is_secretariat(actor):
        member_state = member_state_of(actor)
        qs = qs.filter(lead=member_state) if member_state else qs.none()
    return qs.select_related("agenda_item__meeting", "proposed_by").order_by("status", "created_at", "pk")


@dataclass
class Attention:
    initiative: Initiative
    late: bool
    silent: bool
    days_silent: int


def initiatives_needing_attention(
    *, work_plan: WorkPlan, today: dt.date | None = None, silent_after_days: int = SILENT_AFTER_DAYS
) -> list[Attention]:
    """Unfinished initiatives that are late (planned end passed) or silent (no progress update for
    `silent_after_days`; without any update, counted from the planned start or the approval)."""
    today = today or timezone.localdate()
    silent_since = today - dt.timedelta(days=silent_after_days)
    qs = with_latest_progress(
        Initiative.objects.filter(priority_area__work_plan=work_plan, status__in=Initiative.UNFINISHED_STATUSES)
    ).select_related("priority_area", "lead")
    qs = qs.annotate(last_activity=Coalesce("latest_progress_date", "planned_start"))
    qs = qs.filter(Q(planned_end__lt=today) | Q(last_activity__lt=silent_since) | Q(last_activity__isnull=True))
    rows = []
    for initiative in qs.order_by("priority_area__number", "planned_end", "pk"):
        last = initiative.last_activity or initiative.created_at.date()
        silent = last < silent_since
        late = bool(initiative.planned_end and initiative.planned_end < today)
        if late or silent:
            rows.append(Attention(initiative, late=late, silent=silent, days_silent=(today - last).days))
    return rows


def som_meetings_for_agenda() -> QuerySet[Meeting]:
    """SOMs a proposal can be put on: not cancelled, not concluded, not of a chairmanship handed over."""
    return (
        Meeting.objects.filter(kind=Meeting.Kind.SOM, chairmanship__handed_over_at__isnull=True)
        .exclude(status__in=[Meeting.Status.CANCELLED, Meeting.Status.CONCLUDED])
        .select_related("chairmanship__chair")
        .order_by("start", "pk")
    )


def som_meetings_for_decision(*, now: dt.datetime | None = None) -> QuerySet[Meeting]:
    """SOMs that have met (or are meeting) and can have a decision recorded: not of a chairmanship handed
    over, whose record is read-only history."""
    now = now or timezone.now()
    return (
        Meeting.objects.filter(kind=Meeting.Kind.SOM, start__lte=now, chairmanship__handed_over_at__isnull=True)
        .exclude(status=Meeting.Status.CANCELLED)
        .select_related("chairmanship__chair")
        .order_by("-start", "-pk")
    )


def carry_over_candidates(*, next_plan: WorkPlan) -> QuerySet[Initiative]:
    """The previous plan's unfinished initiatives, each with its copy in the next plan if already carried over."""
    if next_plan.previous_id is None:
        return Initiative.objects.none()
    copies = Initiative.objects.filter(priority_area__work_plan=next_plan).select_related("priority_area")
    return (
        with_latest_progress(
            Initiative.objects.filter(
                priority_area__work_plan_id=next_plan.previous_id, status__in=Initiative.UNFINISHED_STATUSES
            )
        )
        .select_related("priority_area", "lead")
        .prefetch_related(Prefetch("carried_over_to", copies))
        .order_by("priority_area__number", "planned_start", "pk")
    )


def lead_countries_of_plan(work_plan: WorkPlan) -> QuerySet[MemberState]:
    return MemberState.objects.filter(led_initiatives__priority_area__work_plan=work_plan).distinct().order_by("name")


def co_lead_choices(*, exclude: MemberState | None) -> QuerySet[MemberState]:
    qs = MemberState.objects.filter(group__in=[MemberState.Group.ASEAN, MemberState.Group.PLUS_THREE])
    if exclude is not None:
        qs = qs.exclude(pk=exclude.pk)
    return qs.order_by("name")
