"""The secretariat's daily digest: what changed in the 24 hours before it, and what is coming up."""

from __future__ import annotations

import datetime as dt

from django.db.models import Count, Q

from documents.models import Document
from meetings.models import Meeting, MeetingChange, Participant
from workplan.models import ProgressUpdate

from ..models import Reminder, ReminderRule, RuleKind
from .base import (
    NothingToSend,
    Planned,
    RuleDefinition,
    local_moment,
    portal_url,
    secretariat_time_zone,
    secretariat_user_ids,
)

WINDOW = dt.timedelta(hours=24)
DEADLINES_AHEAD = dt.timedelta(days=7)
MEETINGS_AHEAD = dt.timedelta(days=14)


class DailyDigest(RuleDefinition):
    kind = RuleKind.DAILY_DIGEST

    def plan(self, rule: ReminderRule, *, now, scope):
        """Today's and tomorrow's digest for every secretariat member (the planner drops what is too late)."""
        tz = secretariat_time_zone()
        today = now.astimezone(tz).date()
        moments = [local_moment(today + dt.timedelta(days=n), rule.send_time, tz) for n in (0, 1)]
        users = secretariat_user_ids()
        return [
            Planned(target_key="digest", recipient_key=f"user:{user_id}", due_at=due, user_id=user_id)
            for due in moments
            for user_id in users
        ]

    def shared_context(self, reminder: Reminder) -> dict:
        end = reminder.due_at
        start = end - WINDOW
        context = {
            "window_start": start,
            "window_end": end,
            "time_zone": secretariat_time_zone().key,
            "changes": list(
                MeetingChange.objects.filter(
                    changed_at__gt=start, changed_at__lte=end, object_type=MeetingChange.ObjectType.MEETING
                )
                .select_related("meeting")
                .order_by("changed_at", "pk")
            ),
            "registrations": list(
                Meeting.objects.annotate(
                    registered=Count(
                        "delegations__participants",
                        filter=Q(
                            delegations__participants__created_at__gt=start,
                            delegations__participants__created_at__lte=end,
                        ),
                    ),
                    withdrawn=Count(
                        "delegations__participants",
                        filter=Q(
                            delegations__participants__status=Participant.Status.CANCELLED,
                            delegations__participants__updated_at__gt=start,
                            delegations__participants__updated_at__lte=end,
                        ),
                    ),
                )
                .filter(Q(registered__gt=0) | Q(withdrawn__gt=0))
                .order_by("start", "pk")
            ),
            "documents": list(
                Document.objects.filter(updated_at__gt=start, updated_at__lte=end)
                .select_related("meeting")
                .order_by("-updated_at", "pk")[:30]
            ),
            "progress_updates": list(
                ProgressUpdate.objects.filter(created_at__gt=start, created_at__lte=end)
                .select_related("initiative__lead")
                .order_by("created_at", "pk")
            ),
            "deadlines": list(
                Meeting.objects.filter(
                    status=Meeting.Status.PUBLISHED,
                    registration_deadline__gt=end,
                    registration_deadline__lte=end + DEADLINES_AHEAD,
                ).order_by("registration_deadline", "pk")
            ),
            "meetings_ahead": list(
                Meeting.objects.filter(status=Meeting.Status.PUBLISHED, start__gt=end, start__lte=end + MEETINGS_AHEAD)
                .annotate(
                    participants_count=Count(
                        "delegations__participants",
                        filter=Q(delegations__participants__status__in=Participant.ACTIVE_STATUSES),
                        distinct=True,
                    ),
                    drafts_count=Count("documents", filter=Q(documents__status=Document.Status.DRAFT), distinct=True),
                )
                .order_by("start", "pk")
            ),
            "reminder_problems": list(
                Reminder.objects.filter(
                    state__in=[Reminder.State.FAILED, Reminder.State.MISSED], updated_at__gt=start, updated_at__lte=end
                )
                .select_related("rule", "meeting", "user", "participant")
                .order_by("due_at", "pk")[:30]
            ),
            "reminders_url": portal_url("reminders:index"),
        }
        if not any(
            context[key]
            for key in (
                "changes",
                "registrations",
                "documents",
                "progress_updates",
                "deadlines",
                "meetings_ahead",
                "reminder_problems",
            )
        ):
            raise NothingToSend(Reminder.Reason.NOTHING_TO_REPORT)
        return context
