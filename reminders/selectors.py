"""Reads for the secretariat's reminder pages. Only the secretariat sees the outbox."""

from __future__ import annotations

import datetime as dt

from django.db.models import Count, Q, QuerySet
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.roles import Actor, ensure_secretariat
from common.errors import NotFound
from meetings.models import Meeting
from outbox.failures import Failure
from outbox.models import DispatcherLease

from .models import MEETING_RULES, Reminder, ReminderRule
from .services.planner import ensure_default_rules

RECENT_MEETINGS = dt.timedelta(days=30)


def _with_recipients(qs: QuerySet[Reminder]) -> QuerySet[Reminder]:
    return qs.select_related(
        "rule",
        "meeting",
        "initiative",
        "user__focal_point__member_state",
        "participant__delegation__member_state",
        "requested_by",
    )


def rules_for_page(*, actor: Actor) -> list[ReminderRule]:
    ensure_secretariat(actor)
    return ensure_default_rules()


def rule_for_page(*, actor: Actor, kind: str) -> ReminderRule:
    ensure_secretariat(actor)
    rule = next((rule for rule in ensure_default_rules() if rule.kind == kind), None)
    if rule is None:
        raise NotFound
    return rule


MEETINGS_ORDER = ("start", "pk")


def meetings_with_reminders(*, actor: Actor, order: tuple[str, ...] = MEETINGS_ORDER) -> QuerySet[Meeting]:
    """Meetings from a month ago onwards, with their reminders counted by state, in `order`."""
    ensure_secretariat(actor)
    return (
        Meeting.objects.filter(end__gte=timezone.now() - RECENT_MEETINGS)
        .exclude(status__in=Meeting.NOT_PUBLIC_STATUSES)
        .annotate(
            scheduled_count=Count("reminders", filter=Q(reminders__state__in=Reminder.ACTIVE_STATES)),
            sent_count=Count("reminders", filter=Q(reminders__state=Reminder.State.SENT)),
            problem_count=Count(
                "reminders", filter=Q(reminders__state__in=[Reminder.State.FAILED, Reminder.State.MISSED])
            ),
        )
        .order_by(*order)
    )


def meeting_for_reminders(*, actor: Actor, pk: int) -> Meeting:
    ensure_secretariat(actor)
    meeting = Meeting.objects.filter(pk=pk).select_related("chairmanship__chair").first()
    if meeting is None:
        raise NotFound
    return meeting


def reminders_of_meeting(*, actor: Actor, meeting: Meeting) -> tuple[list[Reminder], list[Reminder]]:
    """(upcoming, past): upcoming are scheduled or being sent; past are sent, failed, missed or cancelled."""
    ensure_secretariat(actor)
    rows = list(_with_recipients(Reminder.objects.filter(meeting=meeting)).order_by("due_at", "rule_id", "pk"))
    upcoming = [row for row in rows if row.state in Reminder.ACTIVE_STATES]
    past = [row for row in rows if row.state not in Reminder.ACTIVE_STATES]
    past.sort(key=lambda row: row.sent_at or row.updated_at, reverse=True)
    return upcoming, past


def other_reminders(*, actor: Actor, limit: int = 50) -> tuple[list[Reminder], list[Reminder]]:
    """Work plan and digest reminders (not about a meeting): the next ones and the latest handled."""
    ensure_secretariat(actor)
    qs = _with_recipients(Reminder.objects.filter(meeting__isnull=True))
    upcoming = list(qs.filter(state__in=Reminder.ACTIVE_STATES).order_by("due_at", "pk")[:limit])
    past = list(qs.exclude(state__in=Reminder.ACTIVE_STATES).order_by("-updated_at", "-pk")[:limit])
    return upcoming, past


def reminder_problems(*, actor: Actor, limit: int = 20) -> list[Reminder]:
    ensure_secretariat(actor)
    qs = Reminder.objects.filter(state__in=[Reminder.State.FAILED, Reminder.State.MISSED])
    return list(_with_recipients(qs).order_by("-updated_at", "-pk")[:limit])


def reminder_for_actor(*, actor: Actor, pk: int) -> Reminder:
    ensure_secretariat(actor)
    reminder = Reminder.objects.filter(pk=pk).first()
    if reminder is None:
        raise NotFound
    return reminder


def meeting_rule_settings(*, actor: Actor, meeting: Meeting) -> list[tuple[ReminderRule, object]]:
    """The meeting rules with this meeting's own setting (or None)."""
    ensure_secretariat(actor)
    rules = [rule for rule in ensure_default_rules() if rule.kind in MEETING_RULES]
    settings_by_rule = {setting.rule_id: setting for setting in meeting.reminder_settings.all()}
    return [(rule, settings_by_rule.get(rule.pk)) for rule in rules]


def dispatcher_status() -> DispatcherLease | None:
    return DispatcherLease.objects.filter(name="dispatcher").first()


def failures_for_outbox(actor: Actor) -> list[Failure]:
    """Failed and missed reminders, for the one page of emails that did not go (outbox/failures.py)."""
    next_page = reverse("outbox:failures")
    return [
        Failure(
            kind=f"{_('Reminder')}: {reminder.rule}",
            to_name=reminder.recipient_name,
            to_email=reminder.recipient_email,
            state=reminder.get_state_display(),
            error=reminder.last_error or reminder.get_reason_display(),
            attempts=reminder.attempts,
            when=reminder.updated_at,
            retry_url=reverse("reminders:send_now", args=[reminder.pk]) if reminder.can_send_now else "",
            retry_fields={"next": next_page},
            key=f"reminder-{reminder.pk}",
        )
        for reminder in reminder_problems(actor=actor, limit=200)
    ]
