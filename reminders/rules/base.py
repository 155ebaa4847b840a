"""What every rule provides: the reminders it wants (planning) and what goes into each email.

A rule's `plan()` is the single definition of "who gets which reminder when". The planner compares its
answer with the outbox; the dispatcher asks it again, for the targets of the batch it is about to send,
so a reminder that stopped being true between planning and sending is cancelled, not sent.

An email's content comes in two parts: `shared_context()` and `attachments()` depend only on the
reminder's rule, target, due moment and the language (the dispatcher builds them once per batch for
all recipients alike: a meeting's facts, its .ics), `context()` on the recipient.
"""

from __future__ import annotations

import datetime as dt
import zoneinfo
from collections.abc import Iterable
from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth import get_user_model
from django.urls import NoReverseMatch, reverse

from meetings.models import FocalPoint

from ..models import MeetingReminderSetting, Reminder, ReminderRule


@dataclass(frozen=True)
class Planned:
    """One reminder a rule wants: the outbox's unique key plus the rows it points to."""

    target_key: str
    recipient_key: str
    due_at: dt.datetime
    days_before: int | None = None
    meeting_id: int | None = None
    initiative_id: int | None = None
    user_id: int | None = None
    participant_id: int | None = None

    @property
    def key(self) -> tuple[str, str, dt.datetime]:
        return (self.target_key, self.recipient_key, self.due_at)

    def as_reminder(self, rule: ReminderRule) -> Reminder:
        return Reminder(
            rule=rule,
            target_key=self.target_key,
            recipient_key=self.recipient_key,
            due_at=self.due_at,
            send_after=self.due_at,
            days_before=self.days_before,
            meeting_id=self.meeting_id,
            initiative_id=self.initiative_id,
            user_id=self.user_id,
            participant_id=self.participant_id,
        )


@dataclass(frozen=True)
class Scope:
    """Plan for everything (None) or only for these meetings / initiatives."""

    meeting_ids: frozenset[int] | None = None
    initiative_ids: frozenset[int] | None = None

    @classmethod
    def of(cls, reminder: Reminder) -> Scope:
        return cls(
            meeting_ids=frozenset([reminder.meeting_id]) if reminder.meeting_id else None,
            initiative_ids=frozenset([reminder.initiative_id]) if reminder.initiative_id else None,
        )


class NothingToSend(Exception):
    """Raised while building an email that turns out to have no content (an empty digest)."""

    def __init__(self, reason: str):
        self.reason = reason
        super().__init__(reason)


class RuleDefinition:
    kind: str
    before: str | None = None
    """The meeting's moment this rule's reminders come before ("start", "registration_deadline"): once it
    has passed, at the moment of sending, nothing of the rule goes out, however late the worker is."""

    def still_ahead(self, now: dt.datetime) -> dict:
        """The meeting filter for "what this rule comes before has not passed at `now`" (planning)."""
        return {f"{self.before}__gt": now} if self.before else {}

    def too_late(self, reminder: Reminder, now: dt.datetime) -> bool:
        moment = getattr(reminder.meeting, self.before) if self.before and reminder.meeting_id else None
        return moment is not None and moment <= now

    def plan(self, rule: ReminderRule, *, now: dt.datetime, scope: Scope) -> Iterable[Planned]:
        raise NotImplementedError

    def shared_context(self, reminder: Reminder) -> dict:
        """Template context that is the same for every recipient of this rule, target and due moment,
        built inside the recipient's language. May raise NothingToSend."""
        return {}

    def context(self, reminder: Reminder) -> dict:
        """The rest of the template context: what depends on the recipient. May raise NothingToSend."""
        return {}

    def attachments(self, reminder: Reminder) -> list[tuple[str, bytes, str]]:
        """Files attached to the email; like shared_context(), never about the recipient."""
        return []


# --- Shared helpers ---------------------------------------------------------------------------


def grace() -> dt.timedelta:
    return dt.timedelta(hours=settings.REMINDERS_MISSED_AFTER_HOURS)


def secretariat_time_zone() -> zoneinfo.ZoneInfo:
    return zoneinfo.ZoneInfo(settings.REMINDERS_TIME_ZONE)


def local_moment(day: dt.date, at: dt.time, tz: zoneinfo.ZoneInfo) -> dt.datetime:
    """`at` o'clock on `day` in `tz`, as UTC."""
    return dt.datetime.combine(day, at, tzinfo=tz).astimezone(dt.UTC)


def days_before_moment(anchor: dt.datetime, days: int, at: dt.time, tz: zoneinfo.ZoneInfo) -> dt.datetime:
    """`days` calendar days before the anchor's local date, at the rule's time of day in the venue."""
    return local_moment(anchor.astimezone(tz).date() - dt.timedelta(days=days), at, tz)


def meeting_offsets(rule: ReminderRule, meeting_ids: Iterable[int]) -> dict[int, list[int]]:
    """Each meeting's days-before for this rule: its own or the rule's; paused meetings are left out."""
    overrides = {
        setting.meeting_id: setting
        for setting in MeetingReminderSetting.objects.filter(rule=rule, meeting_id__in=list(meeting_ids))
    }
    offsets = {}
    for meeting_id in meeting_ids:
        setting = overrides.get(meeting_id)
        if setting is not None and setting.is_paused:
            continue
        days = setting.days_before if setting is not None and setting.days_before is not None else rule.days_before
        offsets[meeting_id] = sorted({int(d) for d in days or []}, reverse=True)
    return offsets


def secretariat_user_ids() -> list[int]:
    """Active users holding the secretariat permission (by group or directly); superusers only if they do."""
    users = get_user_model().objects.with_perm(
        "accounts.secretariat",
        is_active=True,
        include_superusers=False,
        backend="django.contrib.auth.backends.ModelBackend",  # the permission lives in groups, not in axes
    )
    return list(users.order_by("pk").values_list("pk", flat=True))


def focal_point_user_ids_by_state(member_state_ids: Iterable[int]) -> dict[int, list[int]]:
    """The active users who are active focal points of these member states, by member state (in user order)."""
    users: dict[int, list[int]] = {}
    for member_state_id, user_id in (
        FocalPoint.objects.filter(is_active=True, user__is_active=True, member_state__in=set(member_state_ids))
        .order_by("user_id")
        .values_list("member_state_id", "user_id")
    ):
        users.setdefault(member_state_id, []).append(user_id)
    return users


def portal_url(name: str, *args, fallback: str = "home") -> str:
    """An absolute link into the portal in the active language; another page if `name` does not exist (yet)."""
    try:
        path = reverse(name, args=args)
    except NoReverseMatch:
        path = reverse(fallback)
    return f"{settings.SITE_URL}{path}"
