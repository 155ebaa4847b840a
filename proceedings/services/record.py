"""Writing the record of a meeting: per agenda item the summary of the discussion, the decisions and the
action items. Pages and the admin call these.

Rules held here (and by constraints in the database where one can hold them):
- only the secretariat writes the record, once the meeting has started (during or after it), never for a
  draft or cancelled meeting, nor for a meeting of a chairmanship handed over (read-only history);
- a decision has its wording in English (Vietnamese is added when ready; English is shown meanwhile);
- an action item says what, who (a member state, the secretariat, the chair or a named network) and by
  when; the due date is not before the meeting's first day (in the venue's time zone).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from accounts.roles import Actor
from common.audit import audit_as
from common.errors import DomainError
from common.locking import lock
from common.rules import can
from meetings.models import AgendaItem, Meeting, MemberState
from meetings.services.schedule import ensure_not_history

from ..models import ActionItem, Decision, ItemRecord
from .common import clean_text, ensure_secretariat, full_clean


class NotRecordable(DomainError):
    code = "not_recordable"
    default_message = _("The record of a meeting is written once the meeting has started.")


@dataclass(frozen=True)
class DecisionData:
    text_en: str
    text_vi: str = ""


@dataclass(frozen=True)
class ActionItemData:
    description_en: str
    owner_kind: str
    due_date: dt.date | None
    description_vi: str = ""
    owner_member_state: MemberState | None = None
    owner_network: str = ""
    status: str | None = None  # None: unchanged (a new item is open)


# --- Rules, asked the same way by the pages and the services ---------------------------------------


def ensure_can_record(actor: Actor, meeting: Meeting) -> None:
    ensure_secretariat(actor)
    ensure_not_history(meeting.chairmanship)
    if meeting.status in (*Meeting.NOT_PUBLIC_STATUSES, Meeting.Status.CANCELLED):
        raise NotRecordable(
            _("%(meeting)s is %(status)s: only a meeting that takes place has a record.")
            % {"meeting": meeting.title, "status": meeting.get_status_display().lower()}
        )
    if meeting.start > timezone.now():
        raise NotRecordable(
            _("%(meeting)s has not started yet; its record is written during or after the meeting.")
            % {"meeting": meeting.title}
        )


can_record = can(ensure_can_record)


def _lock_item(agenda_item: AgendaItem) -> AgendaItem:
    """The agenda item locked (its meeting and chairmanship read again with it), and the rule asked again."""
    [item] = lock(AgendaItem.objects.select_related("meeting__chairmanship").filter(pk=agenda_item.pk))
    return item


# --- The summary -----------------------------------------------------------------------------------


def item_summary_save(*, actor: Actor, agenda_item: AgendaItem, summary_en: str, summary_vi: str = "") -> ItemRecord:
    with transaction.atomic():
        item = _lock_item(agenda_item)
        ensure_can_record(actor, item.meeting)
        record = ItemRecord.objects.filter(agenda_item=item).first() or ItemRecord(agenda_item=item)
        record.summary_en = clean_text(summary_en)
        record.summary_vi = clean_text(summary_vi)
        record.recorded_by = actor
        with audit_as(actor):
            record.save()
    return record


# --- Decisions -------------------------------------------------------------------------------------


def _apply_decision(decision: Decision, data: DecisionData) -> None:
    decision.text_en = clean_text(data.text_en)
    decision.text_vi = clean_text(data.text_vi)
    if not decision.text_en:
        raise DomainError(_("Give the wording of the decision in English."), field="text_en")


def decision_add(*, actor: Actor, agenda_item: AgendaItem, data: DecisionData) -> Decision:
    with transaction.atomic():
        item = _lock_item(agenda_item)
        ensure_can_record(actor, item.meeting)
        last = item.decisions.aggregate(last=Max("order"))["last"] or 0
        decision = Decision(agenda_item=item, order=last + 1, recorded_by=actor)
        _apply_decision(decision, data)
        full_clean(decision)
        with audit_as(actor):
            decision.save()
    return decision


def decision_update(*, actor: Actor, decision: Decision, data: DecisionData) -> Decision:
    with transaction.atomic():
        item = _lock_item(decision.agenda_item)
        ensure_can_record(actor, item.meeting)
        decision = Decision.objects.get(pk=decision.pk)
        _apply_decision(decision, data)
        full_clean(decision)
        with audit_as(actor):
            decision.save()
    return decision


def decision_delete(*, actor: Actor, decision: Decision) -> None:
    with transaction.atomic():
        item = _lock_item(decision.agenda_item)
        ensure_can_record(actor, item.meeting)
        with audit_as(actor):
            Decision.objects.get(pk=decision.pk).delete()


# --- Action items ----------------------------------------------------------------------------------


def meeting_first_day(meeting: Meeting) -> dt.date:
    return meeting.local_start.date()


def _check_action_item(meeting: Meeting, data: ActionItemData) -> None:
    if not clean_text(data.description_en):
        raise DomainError(_("Say in English what is to be done."), field="description_en")
    if data.owner_kind not in ActionItem.Owner.values:
        raise DomainError(
            _("Say who is to do it: a member state, the secretariat, the chair or a network."), field="owner_kind"
        )
    if data.owner_kind == ActionItem.Owner.MEMBER_STATE and data.owner_member_state is None:
        raise DomainError(_("Choose the member state that is to do it."), field="owner_member_state")
    if data.owner_kind == ActionItem.Owner.NETWORK and not clean_text(data.owner_network):
        raise DomainError(_("Name the network that is to do it, such as PSTI."), field="owner_network")
    if data.due_date is None:
        raise DomainError(_("Give the due date."), field="due_date")
    first_day = meeting_first_day(meeting)
    if data.due_date < first_day:
        raise DomainError(
            _("The due date cannot be before the meeting (%(date)s).")
            % {"date": date_format(first_day, "DATE_FORMAT")},
            field="due_date",
        )
    if data.status is not None and data.status not in ActionItem.Status.values:
        raise DomainError(_("Choose a status from the list."), field="status")


def _apply_action_item(action_item: ActionItem, data: ActionItemData) -> None:
    action_item.description_en = clean_text(data.description_en)
    action_item.description_vi = clean_text(data.description_vi)
    action_item.owner_kind = data.owner_kind
    is_state = data.owner_kind == ActionItem.Owner.MEMBER_STATE
    is_network = data.owner_kind == ActionItem.Owner.NETWORK
    action_item.owner_member_state = data.owner_member_state if is_state else None
    action_item.owner_network = clean_text(data.owner_network) if is_network else ""
    action_item.due_date = data.due_date
    if data.status is not None:
        action_item.status = data.status


def action_item_add(*, actor: Actor, agenda_item: AgendaItem, data: ActionItemData) -> ActionItem:
    with transaction.atomic():
        item = _lock_item(agenda_item)
        ensure_can_record(actor, item.meeting)
        _check_action_item(item.meeting, data)
        action_item = ActionItem(agenda_item=item, created_by=actor)
        _apply_action_item(action_item, data)
        full_clean(action_item)
        with audit_as(actor):
            action_item.save()
    return action_item


def action_item_update(*, actor: Actor, action_item: ActionItem, data: ActionItemData) -> ActionItem:
    with transaction.atomic():
        item, action_item = lock(
            AgendaItem.objects.select_related("meeting__chairmanship").filter(pk=action_item.agenda_item_id),
            action_item,
        )
        ensure_can_record(actor, item.meeting)
        _check_action_item(item.meeting, data)
        _apply_action_item(action_item, data)
        full_clean(action_item)
        with audit_as(actor):
            action_item.save()
    return action_item


def action_item_delete(*, actor: Actor, action_item: ActionItem) -> None:
    with transaction.atomic():
        item, action_item = lock(
            AgendaItem.objects.select_related("meeting__chairmanship").filter(pk=action_item.agenda_item_id),
            action_item,
        )
        ensure_can_record(actor, item.meeting)
        if action_item.progress_reports.exists():
            raise DomainError(_("Progress has been reported on this action item; mark it dropped instead."))
        with audit_as(actor):
            action_item.delete()
