"""The planner: brings the outbox in line with what the rules want now.

Runs periodically (beat) and after the secretariat edits a rule. It only reads the other apps' data,
so no other service has to call it: a moved meeting gets new due moments, a cancelled meeting or a
withdrawn participant loses its scheduled reminders, at the next run at the latest.

- Missing reminders are inserted with bulk_create(ignore_conflicts=True): two planners running at
  once insert each row once, thanks to the unique key.
- Scheduled reminders the rules no longer want are cancelled (with the reason), by a conditional
  update that cannot touch a row a dispatcher has claimed meanwhile.
- Cancelled reminders the rules want again (a rule resumed, a meeting moved back) are scheduled again.
- Reminders due longer ago than the grace period are neither created nor touched: the dispatcher
  marks the old scheduled ones missed.
"""

from __future__ import annotations

import datetime as dt
import logging
from dataclasses import dataclass, field

from django.db.models import F
from django.utils import timezone

from meetings.models import Meeting, MeetingChange

from ..models import RULE_DEFAULTS, MeetingReminderSetting, Reminder, ReminderRule, RuleKind
from ..rules import DEFINITIONS, Planned, Scope
from ..rules.base import grace

logger = logging.getLogger(__name__)


def ensure_default_rules() -> list[ReminderRule]:
    """The five rules, created with their defaults the first time they are needed."""
    rules = {rule.kind: rule for rule in ReminderRule.objects.all()}
    for kind in RuleKind.values:
        if kind not in rules:
            rules[kind], _created = ReminderRule.objects.get_or_create(kind=kind, defaults=RULE_DEFAULTS[kind])
    return [rules[kind] for kind in RuleKind.values]


@dataclass
class PlanSummary:
    created: int = 0
    cancelled: int = 0
    rescheduled: int = 0
    meetings_without_deadline: list[int] = field(default_factory=list)

    def as_dict(self) -> dict:
        return {
            "created": self.created,
            "cancelled": self.cancelled,
            "rescheduled": self.rescheduled,
            "meetings_without_deadline": self.meetings_without_deadline,
        }


def plan_reminders(*, now: dt.datetime | None = None, meeting_ids: list[int] | None = None) -> PlanSummary:
    """Plan every rule (or, with meeting_ids, the meeting rules for those meetings only)."""
    now = now or timezone.now()
    scope = Scope(meeting_ids=frozenset(meeting_ids) if meeting_ids is not None else None)
    summary = PlanSummary()
    for rule in ensure_default_rules():
        if meeting_ids is not None and not rule.is_meeting_rule:
            continue
        _plan_rule(rule, now=now, scope=scope, summary=summary)
    summary.meetings_without_deadline = _meetings_without_deadline(now=now, scope=scope)
    if summary.meetings_without_deadline:
        logger.info(
            "reminders: no registration deadline reminders for meetings without a deadline: %s",
            summary.meetings_without_deadline,
        )
    logger.info("reminders planned: %s", summary.as_dict())
    return summary


def _plan_rule(rule: ReminderRule, *, now: dt.datetime, scope: Scope, summary: PlanSummary) -> None:
    floor = now - grace()
    wanted: dict[tuple, Planned] = {}
    if not rule.is_paused:
        for planned in DEFINITIONS[rule.kind].plan(rule, now=now, scope=scope):
            if planned.due_at >= floor:
                wanted[planned.key] = planned

    existing_qs = Reminder.objects.filter(rule=rule, due_at__gte=floor)
    if scope.meeting_ids is not None:
        existing_qs = existing_qs.filter(meeting_id__in=scope.meeting_ids)
    existing = {
        (row["target_key"], row["recipient_key"], row["due_at"]): row
        for row in existing_qs.values(
            "pk", "target_key", "recipient_key", "due_at", "state", "meeting_id", "days_before"
        )
    }

    missing = [planned.as_reminder(rule) for key, planned in wanted.items() if key not in existing]
    stale = [row for key, row in existing.items() if key not in wanted and row["state"] == "scheduled"]
    _mark_replanned(missing, stale)
    if missing:
        Reminder.objects.bulk_create(missing, ignore_conflicts=True, batch_size=500)
        summary.created += len(missing)

    wanted_again = [row["pk"] for key, row in existing.items() if key in wanted and row["state"] == "cancelled"]
    if wanted_again:
        summary.rescheduled += Reminder.objects.filter(pk__in=wanted_again, state=Reminder.State.CANCELLED).update(
            state=Reminder.State.SCHEDULED, reason="", send_after=F("due_at"), updated_at=now
        )

    if stale:
        pairs = {(p.target_key, p.recipient_key) for p in wanted.values()}
        by_reason: dict[str, list[int]] = {}
        explain = _Explainer(rule, [row["meeting_id"] for row in stale], now=now)
        for row in stale:
            reason = explain(row["meeting_id"], (row["target_key"], row["recipient_key"]) in pairs)
            by_reason.setdefault(reason, []).append(row["pk"])
        for reason, pks in by_reason.items():
            summary.cancelled += Reminder.objects.filter(pk__in=pks, state=Reminder.State.SCHEDULED).update(
                state=Reminder.State.CANCELLED, reason=reason, updated_at=now
            )


# The change-log actions that move a meeting's dates, and what the reminders page says of them.
_REPLANNED_BY = {
    "moved": Reminder.Replanned.MOVED,
    "postponed": Reminder.Replanned.POSTPONED,
    "rescheduled": Reminder.Replanned.RESCHEDULED,
}


def _mark_replanned(missing: list[Reminder], stale: list) -> None:
    """A new reminder that takes the place of a scheduled one of the same rule, recipient and days before
    (the meeting's dates moved) says so: from which due moment, and why (the meeting's last date change)."""
    if not missing or not stale:
        return
    by_pair = {(row["target_key"], row["recipient_key"], row["days_before"]): row for row in stale}
    replaced = [
        (reminder, by_pair[(reminder.target_key, reminder.recipient_key, reminder.days_before)])
        for reminder in missing
        if (reminder.target_key, reminder.recipient_key, reminder.days_before) in by_pair
    ]
    if not replaced:
        return
    meeting_ids = {reminder.meeting_id for reminder, _row in replaced if reminder.meeting_id}
    why: dict[int | None, str] = {}
    for meeting_id, action, old_values in (
        MeetingChange.objects.filter(meeting_id__in=meeting_ids, action__in=[*list(_REPLANNED_BY), "changed"])
        .order_by("changed_at", "pk")
        .values_list("meeting_id", "action", "old_values")
    ):
        if action in _REPLANNED_BY:
            why[meeting_id] = _REPLANNED_BY[action]
        elif "registration_deadline" in (old_values or {}):
            why[meeting_id] = Reminder.Replanned.DEADLINE_CHANGED
    for reminder, row in replaced:
        reminder.replanned_from = row["due_at"]
        reminder.replanned_because = why.get(reminder.meeting_id, Reminder.Replanned.MOVED)


class _Explainer:
    """Why a reminder is not wanted any more, in the words the secretariat reads on the page."""

    def __init__(self, rule: ReminderRule, meeting_ids: list[int | None], *, now: dt.datetime):
        self.rule = rule
        ids = {pk for pk in meeting_ids if pk}
        rows = Meeting.objects.filter(pk__in=ids).values_list("pk", "status", "start")
        self.status: dict[int | None, str] = {pk: status for pk, status, _start in rows}
        self.passed = {pk for pk, _status, start in rows if start <= now}
        self.paused = set(
            MeetingReminderSetting.objects.filter(rule=rule, meeting_id__in=ids, is_paused=True).values_list(
                "meeting_id", flat=True
            )
        )

    def __call__(self, meeting_id: int | None, same_pair_wanted: bool) -> str:
        return explain_unwanted(
            rule=self.rule,
            meeting_status=self.status.get(meeting_id),
            paused_for_meeting=meeting_id in self.paused,
            same_pair_wanted=same_pair_wanted,
            meeting_passed=meeting_id in self.passed,
        )


def explain_unwanted(
    *,
    rule,
    meeting_status: str | None,
    paused_for_meeting: bool,
    same_pair_wanted: bool,
    meeting_passed: bool = False,
) -> str:
    if rule.is_paused:
        return Reminder.Reason.RULE_PAUSED
    if meeting_status == Meeting.Status.CANCELLED:
        return Reminder.Reason.MEETING_CANCELLED
    if meeting_status is not None and meeting_status not in Meeting.ANNOUNCED_STATUSES:
        return Reminder.Reason.MEETING_NOT_ACTIVE
    if meeting_passed:
        return Reminder.Reason.MEETING_PASSED
    if paused_for_meeting:
        return Reminder.Reason.PAUSED_FOR_MEETING
    if same_pair_wanted:
        return Reminder.Reason.RESCHEDULED
    return Reminder.Reason.NOT_NEEDED


def _meetings_without_deadline(*, now: dt.datetime, scope: Scope) -> list[int]:
    qs = Meeting.objects.filter(status=Meeting.Status.PUBLISHED, registration_deadline__isnull=True, start__gte=now)
    if scope.meeting_ids is not None:
        qs = qs.filter(pk__in=scope.meeting_ids)
    return list(qs.order_by("pk").values_list("pk", flat=True))
