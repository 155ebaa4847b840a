"""The secretariat's changes: a rule's offsets and pause, a meeting's own offsets and pause, "send now"."""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Iterable

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.roles import Actor, acting_user, ensure_secretariat
from common.audit import audit_as
from common.errors import DomainError
from common.locking import lock
from meetings.models import Meeting

from ..models import MeetingReminderSetting, Reminder, ReminderRule
from .planner import plan_reminders

logger = logging.getLogger(__name__)

MAX_DAYS_BEFORE = 365


class InvalidOffsets(DomainError):
    code = "invalid_offsets"
    default_message = _("Enter whole numbers of days between 1 and 365, separated by commas.")


class NotSendable(DomainError):
    code = "not_sendable"
    default_message = _("This reminder was already sent, is being sent, or was cancelled.")


def clean_days_before(values: Iterable) -> list[int]:
    """Distinct whole days, 1–365, largest first. Raises InvalidOffsets for anything else."""
    days = set()
    for value in values:
        try:
            number = int(str(value).strip())
        except ValueError:
            raise InvalidOffsets(field="days_before") from None
        if not 1 <= number <= MAX_DAYS_BEFORE:
            raise InvalidOffsets(field="days_before")
        days.add(number)
    if not days:
        raise InvalidOffsets(_("Enter at least one number of days."), field="days_before")
    return sorted(days, reverse=True)


def rule_update(
    *,
    actor: Actor,
    rule: ReminderRule,
    is_paused: bool,
    send_time: dt.time,
    days_before: list[int] | None = None,
    interval_days: int | None = None,
) -> ReminderRule:
    ensure_secretariat(actor)
    with transaction.atomic(), audit_as(actor):
        [rule] = lock(rule)
        rule.is_paused = is_paused
        rule.send_time = send_time
        if rule.uses_days_before:
            rule.days_before = clean_days_before(days_before or [])
        if rule.uses_interval and interval_days is not None:
            if not 1 <= interval_days <= 3650:
                raise DomainError(_("Enter a number of days between 1 and 3650."), field="interval_days")
            rule.interval_days = interval_days
        rule.updated_by = acting_user(actor)
        rule.save()
    plan_reminders()  # the outbox follows at once, so the pages show the new plan
    return rule


def meeting_setting_update(
    *, actor: Actor, meeting: Meeting, rule: ReminderRule, days_before: list[int] | None, is_paused: bool
) -> MeetingReminderSetting:
    """days_before None: the rule's offsets apply."""
    ensure_secretariat(actor)
    if not rule.is_meeting_rule:
        raise DomainError(_("This reminder is not about a meeting."))
    cleaned = clean_days_before(days_before) if days_before is not None else None
    with transaction.atomic(), audit_as(actor):
        [setting] = lock(MeetingReminderSetting.objects.filter(meeting=meeting, rule=rule)) or [
            MeetingReminderSetting.objects.get_or_create(meeting=meeting, rule=rule)[0]
        ]
        setting.days_before = cleaned
        setting.is_paused = is_paused
        setting.updated_by = acting_user(actor)
        setting.save()
    plan_reminders(meeting_ids=[meeting.pk])
    return setting


def _wake_dispatcher() -> None:
    """Run the dispatcher now rather than at its next tick. If the broker is down, the tick will do."""
    from ..tasks import dispatch_reminders

    try:
        dispatch_reminders.delay()
    except Exception:
        logger.warning("reminders: could not queue the dispatcher; the periodic run will send", exc_info=True)


SENDABLE_STATES = (Reminder.State.SCHEDULED, Reminder.State.FAILED, Reminder.State.MISSED)


def ensure_may_send_now(actor: Actor, reminder: Reminder) -> None:
    """ "Send now" promises the reminder goes: so it asks, before queueing, everything the dispatcher asks
    before sending (the rule's re-check, the meeting not yet begun, an address). Before issue 19 it asked
    the state only, said "queued", and the dispatcher then cancelled the reminder silently (a meeting
    postponed, a participant withdrawn, a rule paused) or failed it again (no email address)."""
    from .checks import unwanted_reason

    ensure_secretariat(actor)
    if reminder.state not in SENDABLE_STATES:
        raise NotSendable
    reason = unwanted_reason(reminder)
    if reason:
        raise NotSendable(_("This reminder would not go out: %(reason)s") % {"reason": Reminder.Reason(reason).label})
    if not reminder.recipient_email:
        raise NotSendable(_("This reminder cannot go out: %(reason)s") % {"reason": Reminder.Reason.NO_EMAIL.label})


def reminder_send_now(*, actor: Actor, reminder: Reminder) -> Reminder:
    """Put the reminder first in line and wake the dispatcher after commit.

    It still goes through the dispatcher — claim, re-check, send, mark — so "send now" clicked twice,
    or while the periodic run is sending it, still sends it once. (Like delay_on_commit, but a broker
    outage after the commit is logged, not shown to the user as an error: the row is already due.)
    """
    ensure_may_send_now(actor, reminder)
    now = timezone.now()
    with transaction.atomic():
        updated = Reminder.objects.filter(pk=reminder.pk, state__in=SENDABLE_STATES).update(
            state=Reminder.State.SCHEDULED,
            send_after=now,
            attempts=0,
            reason="",
            requested_by=acting_user(actor),
            updated_at=now,
        )
        if not updated:
            raise NotSendable
        transaction.on_commit(_wake_dispatcher, robust=True)
    reminder.refresh_from_db()
    return reminder
