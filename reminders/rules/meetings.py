"""Reminders about a meeting: registration deadline, the meeting itself, draft documents."""

from __future__ import annotations

import datetime as dt

from django.db.models import Prefetch

from documents.models import Document
from meetings.models import FocalPoint, Meeting, Participant

from ..ics import meeting_ics
from ..models import Reminder, ReminderRule, RuleKind
from .base import Planned, RuleDefinition, Scope, days_before_moment, meeting_offsets, portal_url
from .base import secretariat_user_ids as _secretariat_user_ids


def _meetings(*, now: dt.datetime, scope: Scope, **filters):
    """Announced meetings (published, or postponed to new dates: their reminders follow the new dates)
    whose reminders can still matter at `now`."""
    qs = Meeting.objects.filter(status__in=Meeting.ANNOUNCED_STATUSES, **filters)
    if scope.meeting_ids is not None:
        qs = qs.filter(pk__in=scope.meeting_ids)
    return list(qs.order_by("start", "pk"))


def meeting_context(meeting: Meeting) -> dict:
    return {
        "meeting": meeting,
        "meeting_url": portal_url("meetings:detail", meeting.pk),
        "show_online_link": bool(meeting.online_link) and meeting.format != Meeting.Format.IN_PERSON,
    }


class RegistrationDeadline(RuleDefinition):
    """To the focal points of invited countries whose delegation is missing or has no head of delegation."""

    kind = RuleKind.REGISTRATION_DEADLINE
    before = "registration_deadline"

    def plan(self, rule: ReminderRule, *, now, scope):
        meetings = _meetings(now=now, scope=scope, **self.still_ahead(now))
        if not meetings:
            return []
        offsets = meeting_offsets(rule, [m.pk for m in meetings])
        headed = set(
            Participant.objects.filter(
                delegation__meeting__in=meetings, role=Participant.Role.HEAD, status__in=Participant.ACTIVE_STATUSES
            ).values_list("delegation__meeting_id", "delegation__member_state_id")
        )
        focal_points = list(
            FocalPoint.objects.filter(is_active=True, user__is_active=True)
            .order_by("member_state_id", "user_id")
            .values_list("member_state_id", "member_state__group", "user_id")
        )
        planned = []
        for meeting in meetings:
            invited = {group for group, field in Meeting.INVITE_FIELDS.items() if getattr(meeting, field)}
            for days in offsets.get(meeting.pk, []):
                due = days_before_moment(meeting.registration_deadline, days, rule.send_time, meeting.tz)
                if meeting.registration_opens and due < meeting.registration_opens:
                    continue  # no "register now" before registration opens
                if due >= meeting.registration_deadline:
                    continue  # "0 days before" at a time after the deadline: too late to mean anything
                for member_state_id, group, user_id in focal_points:
                    if group in invited and (meeting.pk, member_state_id) not in headed:
                        planned.append(
                            Planned(
                                target_key=f"meeting:{meeting.pk}",
                                recipient_key=f"user:{user_id}",
                                due_at=due,
                                days_before=days,
                                meeting_id=meeting.pk,
                                user_id=user_id,
                            )
                        )
        return planned

    def shared_context(self, reminder: Reminder) -> dict:
        return {
            **meeting_context(reminder.meeting),
            "registration_url": portal_url("my:delegation", reminder.meeting_id, fallback="home"),
        }

    def context(self, reminder: Reminder) -> dict:
        meeting = reminder.meeting
        focal_point = FocalPoint.objects.select_related("member_state").filter(user=reminder.user).first()
        member_state = focal_point.member_state if focal_point else None
        delegation = meeting.delegations.filter(member_state=member_state).first() if member_state is not None else None
        return {"member_state": member_state, "has_delegation": delegation is not None}


class MeetingApproaching(RuleDefinition):
    """To every registered or confirmed participant, with the meeting's calendar entry attached."""

    kind = RuleKind.MEETING_APPROACHING
    before = "start"

    def plan(self, rule: ReminderRule, *, now, scope):
        meetings = _meetings(now=now, scope=scope, **self.still_ahead(now))
        if not meetings:
            return []
        offsets = meeting_offsets(rule, [m.pk for m in meetings])
        by_meeting: dict[int, list[int]] = {}
        participants = (
            Participant.objects.filter(
                delegation__meeting__in=meetings,
                status__in=Participant.ACTIVE_STATUSES,
                anonymised_at__isnull=True,
            )
            .order_by("pk")
            .values_list("delegation__meeting_id", "pk")
        )
        for meeting_id, participant_id in participants:
            by_meeting.setdefault(meeting_id, []).append(participant_id)
        planned = []
        for meeting in meetings:
            for days in offsets.get(meeting.pk, []):
                due = days_before_moment(meeting.start, days, rule.send_time, meeting.tz)
                if due >= meeting.start:
                    continue  # "0 days before" at a time after the opening: not before the meeting
                for participant_id in by_meeting.get(meeting.pk, []):
                    planned.append(
                        Planned(
                            target_key=f"meeting:{meeting.pk}",
                            recipient_key=f"participant:{participant_id}",
                            due_at=due,
                            days_before=days,
                            meeting_id=meeting.pk,
                            participant_id=participant_id,
                        )
                    )
        return planned

    def shared_context(self, reminder: Reminder) -> dict:
        return meeting_context(reminder.meeting)

    def context(self, reminder: Reminder) -> dict:
        return {"participant": reminder.participant}

    def attachments(self, reminder: Reminder) -> list[tuple[str, bytes, str]]:
        return [("meeting.ics", meeting_ics(reminder.meeting), "text/calendar")]


class DocumentsDue(RuleDefinition):
    """To the secretariat, when an upcoming meeting still has draft documents."""

    kind = RuleKind.DOCUMENTS_DUE
    before = "start"

    def plan(self, rule: ReminderRule, *, now, scope):
        with_drafts = Document.objects.filter(status=Document.Status.DRAFT).values("meeting_id")
        meetings = _meetings(now=now, scope=scope, pk__in=with_drafts, **self.still_ahead(now))
        if not meetings:
            return []
        offsets = meeting_offsets(rule, [m.pk for m in meetings])
        users = _secretariat_user_ids()
        planned = []
        for meeting in meetings:
            for days in offsets.get(meeting.pk, []):
                due = days_before_moment(meeting.start, days, rule.send_time, meeting.tz)
                if due >= meeting.start:
                    continue
                for user_id in users:
                    planned.append(
                        Planned(
                            target_key=f"meeting:{meeting.pk}",
                            recipient_key=f"user:{user_id}",
                            due_at=due,
                            days_before=days,
                            meeting_id=meeting.pk,
                            user_id=user_id,
                        )
                    )
        return planned

    def shared_context(self, reminder: Reminder) -> dict:
        meeting = (
            Meeting.objects.filter(pk=reminder.meeting_id)
            .prefetch_related(
                Prefetch(
                    "documents",
                    Document.objects.filter(status=Document.Status.DRAFT).order_by("title", "pk"),
                    to_attr="drafts",
                )
            )
            .get()
        )
        for document in meeting.drafts:
            document.portal_url = portal_url("documents:detail", document.pk, fallback="documents:library")
        return {
            **meeting_context(meeting),
            "drafts": meeting.drafts,
            "documents_url": portal_url("documents:library"),
        }
