"""What meetings asked for and what is circulated between them:

- an action item still open or in progress is reminded `days_before` its due date, then every
  `interval_days` after it while it stays pending, to the owner country's active focal points (the
  secretariat follows the items of the secretariat, the chair and a network);
- a written procedure still open is reminded `days_before` its deadline to the active focal points of the
  countries asked that have no answer yet; nothing goes once the deadline has passed.
"""

from __future__ import annotations

import datetime as dt
import zoneinfo

from proceedings.models import ActionItem, Answer, ProcedureCountry, WrittenProcedure

from ..models import Reminder, ReminderRule, RuleKind
from .base import (
    Planned,
    RuleDefinition,
    Scope,
    days_before_moment,
    focal_point_user_ids_by_state,
    local_moment,
    portal_url,
    secretariat_time_zone,
    secretariat_user_ids,
)
from .workplan import next_due


def _target_pk(reminder: Reminder) -> int:
    return int(reminder.target_key.split(":", 1)[1])


class ActionItemDue(RuleDefinition):
    kind = RuleKind.ACTION_ITEM_DUE

    def plan(self, rule: ReminderRule, *, now, scope: Scope):
        items = list(ActionItem.objects.filter(status__in=ActionItem.PENDING_STATUSES).order_by("pk"))
        if not items:
            return []
        tz = secretariat_time_zone()
        focal_points = focal_point_user_ids_by_state(i.owner_member_state_id for i in items if i.owner_member_state_id)
        secretariat = secretariat_user_ids()
        interval = rule.interval_days or 14
        planned = []
        for item in items:
            users = (
                focal_points.get(item.owner_member_state_id, [])
                if item.owner_kind == ActionItem.Owner.MEMBER_STATE
                else secretariat
            )
            due_moment = local_moment(item.due_date, rule.send_time, tz)
            moments: list[tuple[dt.datetime, int | None]] = [
                (days_before_moment(due_moment, days, rule.send_time, tz), days) for days in rule.days_before or []
            ]
            moments.append((next_due(item.due_date, interval=interval, at=rule.send_time, now=now), None))
            for user_id in users:
                for due_at, days in moments:
                    planned.append(
                        Planned(
                            target_key=f"action_item:{item.pk}",
                            recipient_key=f"user:{user_id}",
                            due_at=due_at,
                            days_before=days,
                            user_id=user_id,
                        )
                    )
        return planned

    def shared_context(self, reminder: Reminder) -> dict:
        item = ActionItem.objects.select_related("agenda_item__meeting", "owner_member_state").get(
            pk=_target_pk(reminder)
        )
        return {
            "item": item,
            "meeting": item.agenda_item.meeting,
            "overdue": reminder.days_before is None,
            "item_url": portal_url("proceedings:action", item.pk),
        }


class ProcedureDeadline(RuleDefinition):
    kind = RuleKind.PROCEDURE_DEADLINE

    def plan(self, rule: ReminderRule, *, now, scope: Scope):
        procedures = list(
            WrittenProcedure.objects.filter(status=WrittenProcedure.Status.OPEN, deadline__gt=now).order_by("pk")
        )
        if not procedures:
            return []
        silent = list(
            ProcedureCountry.objects.filter(procedure__in=procedures)
            .exclude(pk__in=Answer.objects.filter(is_current=True).values("country_id"))
            .values_list("procedure_id", "member_state_id")
        )
        focal_points = focal_point_user_ids_by_state(state for _procedure, state in silent)
        by_pk = {procedure.pk: procedure for procedure in procedures}
        planned = []
        for procedure_id, member_state_id in sorted(silent):
            procedure = by_pk[procedure_id]
            tz = zoneinfo.ZoneInfo(procedure.time_zone)
            for days in rule.days_before or []:
                due_at = days_before_moment(procedure.deadline, days, rule.send_time, tz)
                if due_at >= procedure.deadline:
                    continue
                for user_id in focal_points.get(member_state_id, []):
                    planned.append(
                        Planned(
                            target_key=f"procedure:{procedure_id}",
                            recipient_key=f"user:{user_id}",
                            due_at=due_at,
                            days_before=days,
                            user_id=user_id,
                        )
                    )
        return planned

    def too_late(self, reminder: Reminder, now: dt.datetime) -> bool:
        deadline = WrittenProcedure.objects.filter(pk=_target_pk(reminder)).values_list("deadline", flat=True).first()
        return deadline is None or deadline <= now

    def shared_context(self, reminder: Reminder) -> dict:
        procedure = WrittenProcedure.objects.get(pk=_target_pk(reminder))
        return {
            "procedure": procedure,
            "procedure_url": portal_url("proceedings:procedure", procedure.pk),
        }
