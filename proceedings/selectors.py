"""Reads of the record, the action items and the written procedures, scoped by who asks.

The secretariat sees everything. A focal point sees the action items their own country owns and the
procedures their country was asked to answer, with their own country's answers only: another country's
item or procedure is a 404, and other countries' answers never leave the database for them.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import Count, OuterRef, Prefetch, Q, QuerySet, Subquery
from django.utils import timezone

from accounts.roles import Actor, is_secretariat, member_state_of
from common.errors import Forbidden, NotFound
from meetings.models import AgendaItem, AgendaPresenter, Meeting, MemberState

from .models import (
    ActionItem,
    Answer,
    Decision,
    MatterArising,
    ProcedureCountry,
    ProgressReport,
    ReportCirculation,
    ReportComment,
    WrittenProcedure,
)
from .services.common import ensure_secretariat

RECORDED_STATUSES = (Meeting.Status.PUBLISHED, Meeting.Status.POSTPONED, Meeting.Status.CONCLUDED)


def _int(value) -> int | None:
    return int(value) if value and str(value).isdigit() else None


# --- The record ------------------------------------------------------------------------------------


def meetings_for_record(*, actor: Actor, limit: int = 100) -> QuerySet[Meeting]:
    """Meetings that have started, newest first, with how much of their record is written."""
    ensure_secretariat(actor)
    return (
        Meeting.objects.filter(status__in=RECORDED_STATUSES, start__lte=timezone.now())
        .select_related("chairmanship__chair")
        .annotate(
            decision_count=Count("agenda_items__decisions", distinct=True),
            action_count=Count("agenda_items__action_items", distinct=True),
            item_count=Count("agenda_items", distinct=True),
        )
        .order_by("-start", "-pk")[:limit]
    )


def meetings_ahead(*, actor: Actor, limit: int = 20) -> QuerySet[Meeting]:
    """Meetings not over yet whose draft agenda may take the previous meeting's matters arising."""
    ensure_secretariat(actor)
    return (
        Meeting.objects.exclude(status=Meeting.Status.CANCELLED)
        .filter(end__gte=timezone.now())
        .select_related("chairmanship__chair")
        .order_by("start", "pk")[:limit]
    )


def meeting_for_agenda(*, actor: Actor, pk: int) -> Meeting:
    ensure_secretariat(actor)
    meeting = Meeting.objects.select_related("chairmanship__chair").filter(pk=pk).first()
    if meeting is None:
        raise NotFound
    return meeting


def meeting_record(*, actor: Actor, pk: int) -> Meeting:
    """A meeting with its agenda in order, each item's record, decisions and action items."""
    ensure_secretariat(actor)
    return meeting_with_record(pk)


def meeting_with_record(pk: int) -> Meeting:
    """meeting_record without the check of who asks: for the services, which check it themselves."""
    items = (
        AgendaItem.objects.order_by("order", "pk")
        .select_related("record")
        .prefetch_related(
            Prefetch("decisions", Decision.objects.order_by("order", "pk")),
            Prefetch("presenters", AgendaPresenter.objects.select_related("member_state")),
            Prefetch(
                "action_items", ActionItem.objects.select_related("owner_member_state").order_by("due_date", "pk")
            ),
            Prefetch(
                "matters_arising",
                MatterArising.objects.select_related(
                    "action_item__owner_member_state", "action_item__agenda_item__meeting"
                ).order_by("action_item__due_date", "pk"),
            ),
        )
    )
    meeting = (
        Meeting.objects.select_related("chairmanship__chair")
        .prefetch_related(Prefetch("agenda_items", items))
        .filter(pk=pk)
        .first()
    )
    if meeting is None:
        raise NotFound
    return meeting


def agenda_item_for_record(*, actor: Actor, pk: int) -> AgendaItem:
    ensure_secretariat(actor)
    item = AgendaItem.objects.select_related("meeting__chairmanship").filter(pk=pk).first()
    if item is None:
        raise NotFound
    return item


def decision_for_write(*, actor: Actor, pk: int) -> Decision:
    ensure_secretariat(actor)
    decision = Decision.objects.select_related("agenda_item__meeting__chairmanship").filter(pk=pk).first()
    if decision is None:
        raise NotFound
    return decision


# --- Action items ----------------------------------------------------------------------------------


def action_items_visible_to(actor: Actor) -> QuerySet[ActionItem]:
    if is_secretariat(actor):
        return ActionItem.objects.all()
    own = member_state_of(actor)
    if own is None:
        return ActionItem.objects.none()
    return ActionItem.objects.filter(owner_kind=ActionItem.Owner.MEMBER_STATE, owner_member_state=own)


@dataclass(frozen=True)
class TrackerFilters:
    status: str = ""
    owner: str = ""  # an owner kind, or a member state's code
    meeting: int | None = None
    due_before: dt.date | None = None

    @classmethod
    def from_query(cls, query) -> TrackerFilters:
        status = query.get("status", "")
        due = query.get("due_before", "")
        try:
            due_before = dt.date.fromisoformat(due) if due else None
        except ValueError:
            due_before = None
        return cls(
            status=status if status in ActionItem.Status.values or status == "pending" else "",
            owner=(query.get("owner") or "")[:20],
            meeting=_int(query.get("meeting")),
            due_before=due_before,
        )

    def __bool__(self):
        return bool(self.status or self.owner or self.meeting or self.due_before)


def action_items_for_tracker(*, actor: Actor, filters: TrackerFilters, limit: int = 500) -> QuerySet[ActionItem]:
    if not (is_secretariat(actor) or member_state_of(actor)):
        raise Forbidden
    qs = action_items_visible_to(actor).select_related("agenda_item__meeting", "owner_member_state")
    if filters.status == "pending":
        qs = qs.filter(status__in=ActionItem.PENDING_STATUSES)
    elif filters.status:
        qs = qs.filter(status=filters.status)
    if filters.owner in ActionItem.Owner.values:
        qs = qs.filter(owner_kind=filters.owner)
    elif filters.owner:
        qs = qs.filter(owner_member_state__code=filters.owner)
    if filters.meeting:
        qs = qs.filter(agenda_item__meeting_id=filters.meeting)
    if filters.due_before:
        qs = qs.filter(due_date__lte=filters.due_before)
    return qs.annotate(report_count=Count("progress_reports")).order_by("due_date", "pk")[:limit]


def tracker_meetings(*, actor: Actor) -> QuerySet[Meeting]:
    """The meetings the actor's visible action items come from (the tracker's meeting filter)."""
    ids = action_items_visible_to(actor).values("agenda_item__meeting_id")
    return Meeting.objects.filter(pk__in=ids).order_by("-start")


def tracker_owners(*, actor: Actor) -> list[MemberState]:
    if not is_secretariat(actor):
        return []
    ids = ActionItem.objects.filter(owner_member_state__isnull=False).values("owner_member_state_id")
    return list(MemberState.objects.filter(pk__in=ids).order_by("name"))


def action_item_for_actor(*, actor: Actor, pk: int) -> ActionItem:
    reports = ProgressReport.objects.select_related("reported_by").order_by("-created_at", "-pk")
    raised = MatterArising.objects.select_related("meeting").order_by("meeting__start")
    item = (
        action_items_visible_to(actor)
        .select_related("agenda_item__meeting__chairmanship", "owner_member_state")
        .prefetch_related(Prefetch("progress_reports", reports), Prefetch("raised_at", raised))
        .filter(pk=pk)
        .first()
    )
    if item is None:
        raise NotFound
    return item


# --- Written procedures ----------------------------------------------------------------------------


def procedures_visible_to(actor: Actor) -> QuerySet[WrittenProcedure]:
    if is_secretariat(actor):
        return WrittenProcedure.objects.all()
    own = member_state_of(actor)
    if own is None:
        return WrittenProcedure.objects.none()
    return WrittenProcedure.objects.filter(countries__member_state=own)


def procedures_for_list(*, actor: Actor, limit: int = 200) -> QuerySet[WrittenProcedure]:
    """Newest deadline first; for the secretariat with how many countries were asked and have answered, for
    a focal point with their own country's current answer."""
    if not (is_secretariat(actor) or member_state_of(actor)):
        raise Forbidden
    qs = procedures_visible_to(actor)
    if is_secretariat(actor):
        qs = qs.annotate(
            country_count=Count("countries", distinct=True),
            answered_count=Count("countries__answers", filter=Q(countries__answers__is_current=True), distinct=True),
        )
    else:
        own = member_state_of(actor)
        qs = qs.prefetch_related(
            Prefetch(
                "countries",
                ProcedureCountry.objects.filter(member_state=own).prefetch_related(
                    Prefetch("answers", Answer.objects.filter(is_current=True), to_attr="current_answers")
                ),
                to_attr="own_countries",
            )
        )
    return qs.order_by("-deadline", "-pk")[:limit]


@dataclass(frozen=True)
class MatrixRow:
    country: ProcedureCountry
    current: Answer | None
    earlier: list[Answer]


def procedure_matrix(*, actor: Actor, pk: int) -> tuple[WrittenProcedure, list[MatrixRow]]:
    """The secretariat's view: every chosen country × its current answer, with earlier answers kept."""
    ensure_secretariat(actor)
    procedure = (
        WrittenProcedure.objects.select_related("circulated_by", "closed_by", "declaration", "initiative", "report_of")
        .filter(pk=pk)
        .first()
    )
    if procedure is None:
        raise NotFound
    countries = (
        ProcedureCountry.objects.filter(procedure=procedure)
        .select_related("member_state")
        .prefetch_related(
            Prefetch("answers", Answer.objects.select_related("answered_by").order_by("-created_at", "-pk"))
        )
        .order_by("member_state__name")
    )
    rows = []
    for country in countries:
        answers = list(country.answers.all())
        current = next((answer for answer in answers if answer.is_current), None)
        rows.append(MatrixRow(country=country, current=current, earlier=[a for a in answers if not a.is_current]))
    return procedure, rows


def procedure_for_focal_point(*, actor: Actor, pk: int) -> tuple[WrittenProcedure, ProcedureCountry]:
    """The procedure and the focal point's own country with its answers, newest first; never another's."""
    own = member_state_of(actor)
    if own is None:
        raise Forbidden
    country = (
        ProcedureCountry.objects.filter(procedure_id=pk, member_state=own)
        .select_related("procedure", "member_state")
        .prefetch_related(
            Prefetch("answers", Answer.objects.select_related("answered_by").order_by("-created_at", "-pk"))
        )
        .first()
    )
    if country is None:
        raise NotFound
    return country.procedure, country


# --- The report's circulation and comments ----------------------------------------------------------


def latest_circulation(*, actor: Actor, meeting: Meeting) -> ReportCirculation | None:
    ensure_secretariat(actor)
    return (
        ReportCirculation.objects.filter(meeting=meeting)
        .annotate(comment_count=Count("comments"), country_count=Count("comments__member_state", distinct=True))
        .order_by("-created_at", "-pk")
        .first()
    )


def circulations_with_comments(*, actor: Actor, meeting: Meeting) -> list[ReportCirculation]:
    """Every circulation of the meeting's report, newest first, with all countries' comments (staff)."""
    ensure_secretariat(actor)
    comments = ReportComment.objects.select_related("member_state", "author").order_by(
        "member_state__name", "created_at", "pk"
    )
    return list(
        ReportCirculation.objects.filter(meeting=meeting)
        .prefetch_related(Prefetch("comments", comments))
        .order_by("-created_at", "-pk")
    )


def circulations_visible_to(actor: Actor) -> QuerySet[ReportCirculation]:
    if is_secretariat(actor):
        return ReportCirculation.objects.all()
    own = member_state_of(actor)
    if own is None:
        return ReportCirculation.objects.none()
    return ReportCirculation.objects.filter(meeting__in=Meeting.objects.invited(own))


def circulations_for(*, actor: Actor, limit: int = 100) -> QuerySet[ReportCirculation]:
    if not (is_secretariat(actor) or member_state_of(actor)):
        raise Forbidden
    qs = circulations_visible_to(actor).select_related("meeting")
    if is_secretariat(actor):
        qs = qs.annotate(comment_count=Count("comments"))
    else:
        qs = qs.annotate(comment_count=Count("comments", filter=Q(comments__member_state=member_state_of(actor))))
    return qs.order_by("-deadline", "-pk")[:limit]


def circulation_for_focal_point(*, actor: Actor, pk: int) -> tuple[ReportCirculation, list[ReportComment]]:
    """The circulation and the focal point's own country's comments on it, oldest first; never another's.
    The secretariat reads its comments page instead (a 404 here keeps one page per role)."""
    own = member_state_of(actor)
    if own is None:
        raise NotFound
    circulation = circulations_visible_to(actor).select_related("meeting").filter(pk=pk).first()
    if circulation is None:
        raise NotFound
    comments = list(circulation.comments.filter(member_state=own).select_related("author").order_by("created_at", "pk"))
    return circulation, comments


# --- The API (proceedings/api.py) --------------------------------------------------------------------


def decisions_visible_to(actor: Actor) -> QuerySet[Decision]:
    """The secretariat: every decision. A focal point: the decisions of announced meetings their country is
    invited to (they were in the room). Anyone else: none."""
    qs = Decision.objects.all()
    if is_secretariat(actor):
        return qs
    own = member_state_of(actor)
    if own is None:
        return qs.none()
    return qs.filter(agenda_item__meeting__in=Meeting.objects.published().invited(own).values("pk"))


def _narrowed_to_token_country(qs: QuerySet, token, field: str) -> QuerySet:
    """A token issued for one country reads that country's rows only, whoever owns it."""
    country_id = getattr(token, "member_state_id", None)
    return qs.filter(**{field: country_id}) if country_id is not None else qs


def decisions_for_api(*, actor: Actor) -> QuerySet[Decision]:
    return (
        decisions_visible_to(actor)
        .select_related("agenda_item__meeting")
        .order_by("agenda_item__meeting__start", "agenda_item__meeting_id", "agenda_item__order", "order", "pk")
    )


def action_items_for_api(*, actor: Actor, token=None) -> QuerySet[ActionItem]:
    qs = _narrowed_to_token_country(action_items_visible_to(actor), token, "owner_member_state_id")
    return qs.select_related("agenda_item__meeting", "owner_member_state").order_by("due_date", "pk")


def procedures_for_api(*, actor: Actor, token=None) -> QuerySet[WrittenProcedure]:
    """Each procedure with the countries the reader may see — the secretariat all, a focal point (or a
    country's token) their own — each with its current answer. `answers_changed_at` is the latest answer
    the reader may see, so that the ETag follows their answers and never reveals another country's."""
    country_id = getattr(token, "member_state_id", None)
    if country_id is None and not is_secretariat(actor):
        own = member_state_of(actor)
        country_id = own.pk if own is not None else None
    qs = procedures_visible_to(actor)
    countries = ProcedureCountry.objects.select_related("member_state").order_by("member_state__code")
    answers = Answer.objects.filter(country__procedure=OuterRef("pk"))
    if country_id is not None:
        qs = qs.filter(countries__member_state_id=country_id)
        countries = countries.filter(member_state_id=country_id)
        answers = answers.filter(country__member_state_id=country_id)
    latest = answers.order_by("-updated_at").values("updated_at")[:1]
    return (
        qs.annotate(answers_changed_at=Subquery(latest))
        .prefetch_related(
            Prefetch(
                "countries",
                countries.prefetch_related(
                    Prefetch("answers", Answer.objects.filter(is_current=True), to_attr="current_answers")
                ),
                to_attr="visible_countries",
            )
        )
        .order_by("-deadline", "-pk")
    )
