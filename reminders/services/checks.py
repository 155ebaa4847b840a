"""Just before sending: is this reminder still one its rule wants? (The rule is asked again.)"""

from __future__ import annotations

from ..models import MeetingReminderSetting, Reminder
from ..rules import DEFINITIONS, Scope
from .planner import explain_unwanted


def unwanted_reason(reminder: Reminder) -> str:
    """The reason this reminder should not go out, or an empty string when it should.

    The rule plans again for this reminder's target alone, as of its due moment, with today's data:
    a meeting moved, cancelled or paused, a participant withdrawn, a head of delegation registered,
    a new progress update — each makes the reminder disappear from the plan.
    """
    rule = reminder.rule
    if not rule.is_paused:
        planned = DEFINITIONS[rule.kind].plan(rule, now=reminder.due_at, scope=Scope.of(reminder))
        pairs = set()
        for candidate in planned:
            if candidate.key == (reminder.target_key, reminder.recipient_key, reminder.due_at):
                return ""
            pairs.add((candidate.target_key, candidate.recipient_key))
        same_pair_wanted = (reminder.target_key, reminder.recipient_key) in pairs
    else:
        same_pair_wanted = False
    paused_for_meeting = bool(
        reminder.meeting_id
        and MeetingReminderSetting.objects.filter(rule=rule, meeting_id=reminder.meeting_id, is_paused=True).exists()
    )
    return explain_unwanted(
        rule=rule,
        meeting_status=reminder.meeting.status if reminder.meeting_id else None,
        paused_for_meeting=paused_for_meeting,
        same_pair_wanted=same_pair_wanted,
    )
