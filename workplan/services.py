"""Writes to the work plan: proposals, their place on a SOM's agenda, the SOM's decision, progress
updates, and starting the next plan. Pages, the API, the admin actions and tasks call these.

Rules held here (and by constraints in the database where one can hold them):
- a focal point proposes for their own country only (the country comes from the actor, never input);
- planned dates lie within the plan's period;
- only the secretariat puts a proposal on an agenda and records a decision, and only a SOM decides:
  approving (or returning) at any other kind of meeting is refused;
- only the lead country's focal points report progress, 0–100 percent complete, on approved work;
  the secretariat may record, for the record, the progress a country reported orally at a SOM that has
  taken place, and may edit any initiative; both with a reason kept in the audit trail
  (ensure_may_edit_initiative, ensure_may_report_progress);
- the next plan starts after the previous one ends, and an initiative is carried over once;
- only the secretariat records the adoption of a plan being drafted, once, saying where it was adopted.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from django.db import IntegrityError, transaction
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from accounts.roles import Actor, acting_user, ensure_secretariat, is_secretariat, member_state_of
from common.audit import audit_as
from common.errors import Conflict, DomainError, Forbidden, NotFound, full_clean
from common.locking import lock
from common.rules import can
from documents.models import Document
from documents.services import document_upload
from meetings.models import AgendaItem, Meeting, MemberState
from meetings.services import schedule
from meetings.services.schedule import ReadOnlyHistory
from meetings.services.timetable import Presenter

from .models import Initiative, InitiativeDecision, PriorityArea, ProgressUpdate, WorkPlan
from .selectors import is_open_for_proposals

if TYPE_CHECKING:
    from proceedings.models import WrittenProcedure

LANGUAGES = ("en", "vi")


class NotASom(DomainError):
    code = "not_a_som"
    default_message = _("Only a Senior Officials Meeting (SOM) approves initiatives; choose a SOM.")


@dataclass(frozen=True)
class ProposalData:
    """What a focal point fills in. The lead country is not part of it: it is the focal point's own."""

    title_en: str
    priority_area: PriorityArea
    planned_start: dt.date | None
    planned_end: dt.date | None
    title_vi: str = ""
    description_en: str = ""
    description_vi: str = ""
    co_leads: tuple[MemberState, ...] = field(default_factory=tuple)


# --- Checks shared with the forms ------------------------------------------------------------------


def dates_in_plan_errors(work_plan: WorkPlan, start: dt.date | None, end: dt.date | None) -> dict[str, str]:
    """Field-level messages for planned dates outside the plan's period or in the wrong order."""
    errors = {}
    for name, value in (("planned_start", start), ("planned_end", end)):
        if value is not None and not work_plan.covers(value):
            errors[name] = gettext("Choose a date within %(plan)s (%(start)s – %(end)s).") % {
                "plan": work_plan.title,
                "start": date_format(work_plan.period_start, "DATE_FORMAT"),
                "end": date_format(work_plan.period_end, "DATE_FORMAT"),
            }
    if start and end and end < start and "planned_end" not in errors:
        errors["planned_end"] = gettext("The planned end cannot be before the planned start.")
    return errors


def _own_member_state(actor: Actor) -> MemberState:
    member_state = member_state_of(actor)
    if member_state is None:
        raise Forbidden(_("Only a country's focal point can do this."))
    return member_state


def _full_clean(obj, *, exclude: Iterable[str] = ()) -> None:
    full_clean(obj, exclude=list(exclude))


def _lock(initiative: Initiative) -> Initiative:
    """The initiative's row locked, with its plan, lead and agenda item read alongside."""
    [initiative] = lock(
        Initiative.objects.select_related("priority_area__work_plan", "lead", "agenda_item__meeting").filter(
            pk=initiative.pk
        )
    )
    return initiative


def _check_plan_open(work_plan: WorkPlan) -> None:
    if not is_open_for_proposals(work_plan):
        raise DomainError(
            _("%(plan)s ended on %(end)s; propose initiatives in the plan that follows it.")
            % {"plan": work_plan.title, "end": date_format(work_plan.period_end, "DATE_FORMAT")}
        )


def _check_proposal(*, work_plan: WorkPlan, data: ProposalData, lead: MemberState) -> None:
    _check_plan_open(work_plan)
    _check_proposal_fields(work_plan=work_plan, data=data, lead=lead)


def _check_proposal_fields(*, work_plan: WorkPlan, data: ProposalData, lead: MemberState) -> None:
    if not (data.title_en or "").strip():
        raise DomainError(_("Give the title in English."), field="title_en")
    if data.priority_area.work_plan_id != work_plan.pk:
        raise DomainError(_("Choose a priority area of this work plan."), field="priority_area")
    if data.planned_start is None:
        raise DomainError(_("Give the planned start."), field="planned_start")
    if data.planned_end is None:
        raise DomainError(_("Give the planned end."), field="planned_end")
    for name, message in dates_in_plan_errors(work_plan, data.planned_start, data.planned_end).items():
        raise DomainError(message, field=name)
    if any(co_lead.pk == lead.pk for co_lead in data.co_leads):
        raise DomainError(_("The lead country cannot also be a co-lead."), field="co_leads")


def _apply_proposal(initiative: Initiative, data: ProposalData) -> None:
    initiative.priority_area = data.priority_area
    initiative.title_en = data.title_en.strip()
    initiative.title_vi = (data.title_vi or "").strip()
    initiative.description_en = (data.description_en or "").strip()
    initiative.description_vi = (data.description_vi or "").strip()
    initiative.planned_start = data.planned_start
    initiative.planned_end = data.planned_end


# --- Proposals -------------------------------------------------------------------------------------


def ensure_may_propose(actor: Actor, work_plan: WorkPlan) -> MemberState:
    """Who proposes an initiative, and when: a country's focal point (for that country, the lead it
    returns), in a plan that has not ended. The plan page's button and the proposal form ask it."""
    own = _own_member_state(actor)
    _check_plan_open(work_plan)
    return own


can_propose = can(ensure_may_propose)


def initiative_propose(
    *, actor: Actor, work_plan: WorkPlan, data: ProposalData, lead: MemberState | None = None
) -> Initiative:
    """A focal point proposes an initiative led by their own country. `lead`, if a client sends one,
    must be that country: a proposal for another country is refused."""
    own = _own_member_state(actor)
    if lead is not None and lead.pk != own.pk:
        raise DomainError(
            _("You can propose initiatives only for your own country, %(country)s.") % {"country": own.name},
            field="lead",
        )
    ensure_may_propose(actor, work_plan)
    _check_proposal_fields(work_plan=work_plan, data=data, lead=own)
    initiative = Initiative(lead=own, proposed_by=acting_user(actor), status=Initiative.Status.PROPOSED)
    _apply_proposal(initiative, data)
    _full_clean(initiative, exclude=["co_leads"])
    with transaction.atomic(), audit_as(actor):
        initiative.save()
        initiative.co_leads.set(data.co_leads)
    return initiative


def initiative_revise(*, actor: Actor, initiative: Initiative, data: ProposalData, reason: str = "") -> Initiative:
    """The lead country's focal point changes a proposal not yet on an agenda, or revises a returned
    one, which goes back to the secretariat as a proposal. The secretariat edits any initiative for the
    record, with a reason kept in the audit trail; the status stays as it is."""
    reason = (reason or "").strip()
    with transaction.atomic():
        initiative = _lock(initiative)
        ensure_may_edit_initiative(actor, initiative, reason=reason)
        work_plan = initiative.priority_area.work_plan
        if is_secretariat(actor):
            _check_proposal_fields(work_plan=work_plan, data=data, lead=initiative.lead)
        else:
            _check_proposal(work_plan=work_plan, data=data, lead=initiative.lead)
            initiative.status = Initiative.Status.PROPOSED
        _apply_proposal(initiative, data)
        _full_clean(initiative, exclude=["co_leads"])
        with audit_as(actor, **({"reason": reason} if reason else {})):
            initiative.save()
            initiative.co_leads.set(data.co_leads)
    return initiative


class ReasonNeeded(DomainError):
    code = "reason_needed"
    default_message = _("Say why the secretariat makes this change; the reason is kept in the audit trail.")


def ensure_may_edit_initiative(actor, initiative: Initiative, *, reason: str | None = None) -> None:
    """The one rule of who edits an initiative: the secretariat any initiative, for the record, with a
    reason (`reason` None: asked before the form is filled in); the lead country's focal point only a
    proposal not yet on an agenda (ensure_may_revise). Another country's focal point: NotFound."""
    if is_secretariat(actor):
        if reason is not None and not reason.strip():
            raise ReasonNeeded(field="reason")
        return
    ensure_may_revise(actor, initiative)


def ensure_may_revise(actor, initiative: Initiative) -> None:
    """Only the lead country's focal point, and only a proposal not yet on an agenda."""
    if initiative.lead_id != _own_member_state(actor).pk:
        raise NotFound
    if not initiative.is_proposal:
        raise DomainError(_("Only a proposal can be changed; this initiative has been approved."))
    if initiative.agenda_item_id is not None:
        raise DomainError(
            _("This proposal is on the agenda of %(meeting)s; ask the secretariat before changing it.")
            % {"meeting": initiative.agenda_item.meeting}  # type: ignore[union-attr]  # agenda_item_id is set
        )


def ensure_may_put_on_agenda(actor, initiative: Initiative) -> None:
    ensure_secretariat(actor)
    if initiative.status != Initiative.Status.PROPOSED:
        raise DomainError(_("Only a proposal awaiting a decision can be put on an agenda."))


def ensure_may_decide(actor, initiative: Initiative) -> None:
    ensure_secretariat(actor)
    if initiative.status != Initiative.Status.PROPOSED:
        raise DomainError(_("This initiative is not a proposal awaiting a decision."))


def ensure_may_report_for(actor, initiative: Initiative) -> None:
    """Who reports an initiative's progress (and attaches its documents): the lead country's focal point, or
    the secretariat recording what the country reported orally at a SOM. Another country's focal point:
    NotFound. The progress page asks it before showing the upload form; the status is ensure_may_report_progress's."""
    if not is_secretariat(actor) and initiative.lead_id != _own_member_state(actor).pk:
        raise NotFound


def ensure_may_report_progress(actor, initiative: Initiative) -> None:
    """The lead country's focal point, or the secretariat recording what the country reported orally at
    a SOM (progress_post checks the meeting), on an approved initiative not yet completed."""
    ensure_may_report_for(actor, initiative)
    if initiative.status not in Initiative.UNFINISHED_STATUSES:
        raise DomainError(
            _("Progress is reported on approved, unfinished initiatives; this one is %(status)s.")
            % {"status": initiative.get_status_display().lower()}
        )


def _check_oral_report(meeting: Meeting | None, reason: str, now: dt.datetime) -> None:
    """What the secretariat gives when it records a country's progress reported orally: the SOM that
    has taken place where it was reported, and a reason for the audit trail."""
    if meeting is None:
        raise DomainError(_("Name the SOM at which the country reported this progress."), field="meeting")
    if meeting.kind not in (Meeting.Kind.SOM, Meeting.Kind.SOM_PLUS_THREE):
        raise DomainError(
            _("Progress reported orally is recorded from a SOM; %(meeting)s is a %(kind)s.")
            % {"meeting": meeting.title, "kind": meeting.get_kind_display()},
            field="meeting",
        )
    if meeting.status in (Meeting.Status.DRAFT, Meeting.Status.CANCELLED) or meeting.start > now:
        raise DomainError(
            _("%(meeting)s has not taken place; record what was reported there once it has.")
            % {"meeting": meeting.title},
            field="meeting",
        )
    if not reason:
        raise ReasonNeeded(field="reason")


can_edit_initiative = can(ensure_may_edit_initiative)
can_revise = can(ensure_may_revise)
can_put_on_agenda = can(ensure_may_put_on_agenda)
can_decide = can(ensure_may_decide)
can_report_progress = can(ensure_may_report_progress)
can_report_for = can(ensure_may_report_for)


def _ensure_som(meeting: Meeting) -> None:
    if meeting.kind != Meeting.Kind.SOM:
        raise NotASom(
            _("Only a Senior Officials Meeting (SOM) approves initiatives; %(meeting)s is a %(kind)s.")
            % {"meeting": meeting.title, "kind": meeting.get_kind_display()},
            field="meeting",
        )
    if meeting.status == Meeting.Status.CANCELLED:
        raise DomainError(_("This meeting was cancelled."), field="meeting")


def _on_the_agenda(write, **kwargs):
    """Agenda writes go through the schedule's service (meeting row lock, revision, change log); a meeting
    of a chairmanship already handed over is read-only history, refused beside the meeting field."""
    try:
        return write(**kwargs)
    except ReadOnlyHistory:
        raise DomainError(
            _("This meeting belongs to a chairmanship that has been handed over; its record is read-only."),
            field="meeting",
        ) from None


def _agenda_item_for(actor: Actor, initiative: Initiative, meeting: Meeting) -> AgendaItem:
    """The proposal's item on the meeting's agenda, added at the end of the agenda the first time."""
    if initiative.agenda_item is not None and initiative.agenda_item.meeting_id == meeting.pk:
        return initiative.agenda_item
    data: dict = {"presenters": [Presenter(member_state=initiative.lead)]}
    for language in LANGUAGES:
        title = getattr(initiative, f"title_{language}") or initiative.title_en
        with translation.override(language):
            data[f"title_{language}"] = gettext("Proposal: %(title)s") % {"title": title}
    item = _on_the_agenda(schedule.agenda_item_add, actor=actor, meeting=meeting, data=data)
    initiative.agenda_item = item
    return item


def initiative_put_on_agenda(*, actor: Actor, initiative: Initiative, meeting: Meeting) -> AgendaItem:
    """The secretariat puts a proposal on a SOM's agenda (an agenda item on that meeting)."""
    ensure_secretariat(actor)
    _ensure_som(meeting)
    if meeting.status == Meeting.Status.CONCLUDED or meeting.chairmanship.is_history:
        raise DomainError(_("This meeting has already taken place; choose a coming SOM."), field="meeting")
    with transaction.atomic(), audit_as(actor):
        lock(meeting)  # before the initiative, as the lock order says: the agenda service locks it again below
        initiative = _lock(initiative)
        ensure_may_put_on_agenda(actor, initiative)
        item = _agenda_item_for(actor, initiative, meeting)
        initiative.save(update_fields=["agenda_item", "updated_at"])
    return item


def initiative_decide(
    *,
    actor: Actor,
    initiative: Initiative,
    meeting: Meeting,
    outcome: str,
    note: str = "",
    now: dt.datetime | None = None,
) -> InitiativeDecision:
    """Record a SOM's decision on a proposal: approved (the initiative joins the plan, approved at that
    meeting) or returned to the proposing country with the reason. The decision is linked to the
    meeting and to the proposal's item on its agenda."""
    ensure_secretariat(actor)
    _ensure_som(meeting)
    if meeting.start > (now or timezone.now()):
        raise DomainError(_("This SOM has not met yet; record its decision once it has."), field="meeting")
    if outcome not in InitiativeDecision.Outcome.values:
        raise DomainError(_("Choose approve or return."), field="outcome")
    note = (note or "").strip()
    if outcome == InitiativeDecision.Outcome.RETURNED and not note:
        raise DomainError(_("Say why the proposal is returned."), field="note")
    try:
        with transaction.atomic(), audit_as(actor):
            lock(meeting)  # before the initiative, as the lock order says: the agenda services lock it again below
            initiative = _lock(initiative)
            ensure_may_decide(actor, initiative)
            item = _agenda_item_for(actor, initiative, meeting)
            decision = InitiativeDecision.objects.create(
                initiative=initiative,
                meeting=meeting,
                agenda_item=item,
                outcome=outcome,
                note=note,
                recorded_by=acting_user(actor),
            )
            _write_outcome(actor, item, outcome, note)
            if outcome == InitiativeDecision.Outcome.APPROVED:
                initiative.status = Initiative.Status.APPROVED
                initiative.approved_at = meeting
            else:
                initiative.status = Initiative.Status.RETURNED
                initiative.agenda_item = None
            initiative.save()
    except IntegrityError:
        raise Conflict(_("A decision on this proposal has already been recorded.")) from None
    return decision


def initiative_decide_by_procedure(
    *, actor: Actor, initiative: Initiative, procedure: WrittenProcedure, outcome: str, note: str
) -> InitiativeDecision | None:
    """Record the decision a closed written procedure took on a proposal: approved (the initiative joins
    the plan, with no meeting) or returned with the reason. A proposal decided meanwhile at a SOM keeps
    that decision: nothing is recorded (None)."""
    ensure_secretariat(actor)
    if not procedure.is_closed:
        raise DomainError(_("A written procedure decides once it has closed."), field="procedure")
    if outcome not in InitiativeDecision.Outcome.values:
        raise DomainError(_("Choose approve or return."), field="outcome")
    with transaction.atomic(), audit_as(actor):
        initiative = _lock(initiative)
        if initiative.status != Initiative.Status.PROPOSED:
            return None
        decision = InitiativeDecision.objects.create(
            initiative=initiative,
            procedure=procedure,
            outcome=outcome,
            note=(note or "").strip(),
            recorded_by=acting_user(actor),
        )
        if outcome == InitiativeDecision.Outcome.APPROVED:
            initiative.status = Initiative.Status.APPROVED
        else:
            initiative.status = Initiative.Status.RETURNED
            initiative.agenda_item = None
        initiative.save()
    return decision


def _write_outcome(actor: Actor, item: AgendaItem, outcome: str, note: str) -> None:
    data = {}
    for language in LANGUAGES:
        with translation.override(language):
            if outcome == InitiativeDecision.Outcome.APPROVED:
                data[f"outcome_{language}"] = gettext("Approved.") + (f" {note}" if note else "")
            else:
                data[f"outcome_{language}"] = gettext("Returned to the proposing country: %(reason)s") % {
                    "reason": note
                }
    _on_the_agenda(schedule.agenda_item_update, actor=actor, item=item, data=data)


# --- Progress --------------------------------------------------------------------------------------


def progress_post(
    *,
    actor: Actor,
    initiative: Initiative,
    text: str,
    percent_complete: int | None,
    files: Iterable = (),
    today: dt.date | None = None,
    meeting: Meeting | None = None,
    reason: str = "",
) -> ProgressUpdate:
    """The lead country's focal point reports progress, with documents attached (each file checked by
    documents.services.document_upload: a report of the initiative, the country's draft until the
    secretariat circulates it). The first report starts the work (ongoing); 100 percent completes it.

    The secretariat records, for the record, the progress the lead country reported orally at `meeting`
    (a SOM that has taken place), with a `reason` kept in the audit trail beside the country."""
    ensure_may_report_for(actor, initiative)
    secretariat = is_secretariat(actor)
    text = (text or "").strip()
    reason = (reason or "").strip()
    if not text:
        raise DomainError(_("Say what has been done."), field="text")
    if percent_complete is None or not 0 <= percent_complete <= 100:
        raise DomainError(_("Percent complete must be between 0 and 100."), field="percent_complete")
    if secretariat:
        _check_oral_report(meeting, reason, timezone.now())
    else:
        meeting = None
    extra = {"reason": reason, "member_state": initiative.lead.code} if secretariat else {}
    with transaction.atomic(), audit_as(actor, **extra):
        initiative = _lock(initiative)
        ensure_may_report_progress(actor, initiative)
        update = ProgressUpdate.objects.create(
            initiative=initiative,
            date=today or (meeting.local_start.date() if meeting else timezone.localdate()),
            author=acting_user(actor),
            text=text,
            percent_complete=percent_complete,
            reported_at=meeting,
        )
        for file in files:
            update.documents.add(_attach(actor=actor, initiative=initiative, file=file))
        # Saved even when the status stays: its `updated_at` tells API clients the latest progress changed.
        initiative.status = Initiative.Status.COMPLETED if percent_complete == 100 else Initiative.Status.ONGOING
        initiative.save(update_fields=["status", "updated_at"])
    return update


def _attach(*, actor: Actor, initiative: Initiative, file) -> Document:
    name = Path(getattr(file, "name", "") or "").stem.replace("_", " ").strip()
    # The secretariat's upload for the record is the lead country's paper, as the country's own is.
    for_the_record = is_secretariat(actor)
    try:
        return document_upload(
            actor=actor,
            file=file,
            title_en=name or initiative.title_en,
            kind=Document.Kind.REPORT,
            initiative=initiative,
            member_state=initiative.lead if for_the_record else None,
            visibility=Document.Visibility.MEMBER_STATES if for_the_record else Document.Visibility.SECRETARIAT,
        )
    except DomainError as error:
        # The form shows a refused file beside its file field.
        raise DomainError(error.message, field="files") from None


# --- The next plan ---------------------------------------------------------------------------------


def work_plan_start_next(
    *, actor: Actor, previous: WorkPlan, title_en: str, title_vi: str = "", period_start: dt.date, period_end: dt.date
) -> WorkPlan:
    """Staff start the plan that follows `previous`, as a draft with the same priority areas."""
    ensure_secretariat(actor)
    if not (title_en or "").strip():
        raise DomainError(_("Give the title in English."), field="title_en")
    if period_start <= previous.period_end:
        raise DomainError(
            _("The next plan starts after %(plan)s ends (%(end)s).")
            % {"plan": previous.title, "end": date_format(previous.period_end, "DATE_FORMAT")},
            field="period_start",
        )
    if period_end < period_start:
        raise DomainError(_("The period cannot end before it starts."), field="period_end")
    with transaction.atomic(), audit_as(actor):
        [previous] = lock(previous)
        existing = previous.next_plans.first()
        if existing is not None:
            raise DomainError(
                _("The plan after %(plan)s has already been started: %(next)s.")
                % {"plan": previous.title, "next": existing.title}
            )
        plan = WorkPlan.objects.create(
            title_en=title_en.strip(),
            title_vi=(title_vi or "").strip(),
            period_start=period_start,
            period_end=period_end,
            previous=previous,
            is_draft=True,
        )
        PriorityArea.objects.bulk_create(
            PriorityArea(work_plan=plan, number=area.number, title_en=area.title_en, title_vi=area.title_vi)
            for area in previous.priority_areas.order_by("number")
        )
    return plan


def work_plan_adopt(*, actor: Actor, work_plan: WorkPlan, adopted_at: str) -> WorkPlan:
    """The ACCSM adopted a plan being drafted: it is published to everyone. Where and when it was adopted
    (e.g. "23rd ACCSM, Phnom Penh, 12 November 2026") is kept in the audit trail."""
    ensure_secretariat(actor)
    adopted_at = (adopted_at or "").strip()
    if not adopted_at:
        raise DomainError(_("Say where and when the ACCSM adopted the plan."), field="adopted_at")
    with transaction.atomic(), audit_as(actor, reason=adopted_at):
        [work_plan] = lock(work_plan)
        if not work_plan.is_draft:
            raise DomainError(_("%(plan)s has already been adopted.") % {"plan": work_plan.title})
        work_plan.is_draft = False
        work_plan.save(update_fields=["is_draft", "updated_at"])
    return work_plan


def initiative_carry_over(*, actor: Actor, initiative: Initiative, priority_area: PriorityArea) -> Initiative:
    """Carry an unfinished initiative into the next plan as a proposal there (its lead revises the dates,
    and a SOM approves it for the new plan). The copy remembers where it came from."""
    ensure_secretariat(actor)
    with transaction.atomic(), audit_as(actor):
        initiative = _lock(initiative)
        new_plan = priority_area.work_plan
        if new_plan.previous_id != initiative.priority_area.work_plan_id:
            raise DomainError(
                _("Choose a priority area of the plan that follows %(plan)s.")
                % {"plan": initiative.priority_area.work_plan.title},
                field="priority_area",
            )
        if initiative.status not in Initiative.UNFINISHED_STATUSES:
            raise DomainError(_("Only unfinished initiatives (approved or ongoing) are carried over."))
        if Initiative.objects.filter(carried_over_from=initiative).exists():
            raise DomainError(_("This initiative has already been carried over."))
        end = initiative.planned_end if initiative.planned_end and new_plan.covers(initiative.planned_end) else None
        copy = Initiative(
            priority_area=priority_area,
            title_en=initiative.title_en,
            title_vi=initiative.title_vi or "",
            description_en=initiative.description_en or "",
            description_vi=initiative.description_vi or "",
            lead=initiative.lead,
            status=Initiative.Status.PROPOSED,
            planned_start=new_plan.period_start,
            planned_end=end,
            proposed_by=acting_user(actor),
            carried_over_from=initiative,
        )
        try:
            with transaction.atomic():
                copy.save()
        except IntegrityError:
            raise DomainError(_("This initiative has already been carried over.")) from None
        copy.co_leads.set(initiative.co_leads.all())
    return copy
