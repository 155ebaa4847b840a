"""Work plan progress: the lead country's focal points are reminded when an initiative's last progress
update is older than the rule's interval, and again every interval while no new update comes."""

from __future__ import annotations

import datetime as dt

from django.db.models import Max

from workplan.models import Initiative

from ..models import Reminder, ReminderRule, RuleKind
from .base import (
    Planned,
    RuleDefinition,
    Scope,
    focal_point_user_ids_by_state,
    grace,
    local_moment,
    portal_url,
    secretariat_time_zone,
)

ACTIVE_INITIATIVE_STATUSES = (Initiative.Status.APPROVED, Initiative.Status.ONGOING)


def progress_reference(initiative: Initiative) -> dt.date:
    """The date progress is counted from: the last update, else the planned start, else when it was recorded."""
    return initiative.last_update or initiative.planned_start or initiative.created_at.date()


def next_due(reference: dt.date, *, interval: int, at: dt.time, now: dt.datetime) -> dt.datetime:
    """The first moment `reference + k × interval days` (k ≥ 1) that is not yet too late at `now`.

    Anchored on the reference, so every planning run finds the same due moment (the outbox's key);
    an initiative silent for much longer than the interval is reminded at the next multiple.
    """
    tz = secretariat_time_zone()
    floor = now - grace()
    steps = max(1, (floor.astimezone(tz).date() - reference).days // interval)
    while True:
        due = local_moment(reference + dt.timedelta(days=interval * steps), at, tz)
        if due >= floor:
            return due
        steps += 1


class WorkplanProgress(RuleDefinition):
    kind = RuleKind.WORKPLAN_PROGRESS

    def plan(self, rule: ReminderRule, *, now, scope: Scope):
        interval = rule.interval_days or 90
        initiatives = Initiative.objects.filter(status__in=ACTIVE_INITIATIVE_STATUSES).annotate(
            last_update=Max("progress_updates__date")
        )
        if scope.initiative_ids is not None:
            initiatives = initiatives.filter(pk__in=scope.initiative_ids)
        initiatives = list(initiatives.order_by("pk"))
        if not initiatives:
            return []
        focal_points = focal_point_user_ids_by_state(i.lead_id for i in initiatives)
        planned = []
        for initiative in initiatives:
            due = next_due(progress_reference(initiative), interval=interval, at=rule.send_time, now=now)
            for user_id in focal_points.get(initiative.lead_id, []):
                planned.append(
                    Planned(
                        target_key=f"initiative:{initiative.pk}",
                        recipient_key=f"user:{user_id}",
                        due_at=due,
                        initiative_id=initiative.pk,
                        user_id=user_id,
                    )
                )
        return planned

    def shared_context(self, reminder: Reminder) -> dict:
        initiative = (
            Initiative.objects.select_related("lead", "priority_area__work_plan")
            .annotate(last_update=Max("progress_updates__date"))
            .get(pk=reminder.initiative_id)
        )
        return {
            "initiative": initiative,
            "last_update": initiative.last_update,
            "interval_days": reminder.rule.interval_days or 90,
            "initiative_url": portal_url("workplan:initiative_progress", initiative.pk, fallback="home"),
        }
