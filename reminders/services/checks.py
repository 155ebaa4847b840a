"""Just before sending: is this reminder still one its rule wants? (The rule is asked again.)"""

from __future__ import annotations

from collections.abc import Sequence

from django.utils import timezone

from ..models import MeetingReminderSetting, Reminder
from ..rules import DEFINITIONS, Scope
from .planner import explain_unwanted


def unwanted_reason(reminder: Reminder) -> str:
    """The reason this reminder should not go out, or an empty string when it should."""
    return unwanted_reasons([reminder])[reminder.pk]


def unwanted_reasons(reminders: Sequence[Reminder]) -> dict[int, str]:
    """For each reminder (by pk), the reason it should not go out, or an empty string when it should.

    The rule plans again for the reminders' targets, as of their due moment, with today's data: a
    meeting moved, cancelled or paused, a participant withdrawn, a head of delegation registered, a new
    progress update — each makes the reminder disappear from the plan. The rule is asked once per
    (rule, due moment), for the targets of all the reminders sharing them: a rule plans each target on
    its own, so the answer for one reminder is the one it would get alone (Scope of its target).
    """
    groups: dict[tuple, list[Reminder]] = {}
    for reminder in reminders:
        key = (reminder.rule_id, reminder.due_at, bool(reminder.meeting_id), bool(reminder.initiative_id))
        groups.setdefault(key, []).append(reminder)

    reasons: dict[int, str] = {}
    same_pair_wanted: dict[int, bool] = {}
    for (_rule_id, due_at, of_meetings, of_initiatives), group in groups.items():
        rule = group[0].rule
        if rule.is_paused:
            same_pair_wanted.update((reminder.pk, False) for reminder in group)
            continue
        scope = Scope(
            meeting_ids=frozenset(r.meeting_id for r in group) if of_meetings else None,  # type: ignore[misc]  # of_meetings: each has one
            initiative_ids=frozenset(r.initiative_id for r in group) if of_initiatives else None,  # type: ignore[misc]  # (as above)
        )
        keys, pairs = set(), set()
        for candidate in DEFINITIONS[rule.kind].plan(rule, now=due_at, scope=scope):
            keys.add(candidate.key)
            pairs.add((candidate.target_key, candidate.recipient_key))
        for reminder in group:
            if (reminder.target_key, reminder.recipient_key, reminder.due_at) in keys:
                reasons[reminder.pk] = ""
            else:
                same_pair_wanted[reminder.pk] = (reminder.target_key, reminder.recipient_key) in pairs

    unwanted = [reminder for reminder in reminders if reminder.pk not in reasons]
    meeting_ids = {reminder.meeting_id for reminder in unwanted if reminder.meeting_id}
    paused = (
        set(
            MeetingReminderSetting.objects.filter(
                meeting_id__in=meeting_ids, rule_id__in={r.rule_id for r in unwanted}, is_paused=True
            ).values_list("rule_id", "meeting_id")
        )
        if meeting_ids
        else set()
    )
    for reminder in unwanted:
        reasons[reminder.pk] = explain_unwanted(
            rule=reminder.rule,
            meeting_status=reminder.meeting.status if reminder.meeting is not None else None,
            paused_for_meeting=(reminder.rule_id, reminder.meeting_id) in paused,
            same_pair_wanted=same_pair_wanted[reminder.pk],
            meeting_passed=reminder.meeting is not None and reminder.meeting.start <= timezone.now(),
        )
    # Still in the plan as of its due moment, but what it comes before has passed by now (a meeting moved
    # into the past, a worker that was down): "before the meeting" makes no sense any more.
    now = timezone.now()
    for reminder in reminders:
        if not reasons[reminder.pk] and DEFINITIONS[reminder.rule.kind].too_late(reminder, now):
            reasons[reminder.pk] = Reminder.Reason.OVERDUE
    return reasons
