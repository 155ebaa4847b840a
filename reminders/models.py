"""Reminder rules (what is sent, when, to whom) and the outbox: one row per reminder due.

The outbox row is the source of truth. Its unique key (rule, target, recipient, due moment) makes
planning idempotent; its state (scheduled → sending → sent, or failed / missed / cancelled) makes
sending idempotent: only the worker whose conditional update moved a row to "sending" may send it.
"""

import datetime as dt
from typing import Any

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from common.models import TimeStampedModel
from meetings.models import Meeting, Participant
from workplan.models import Initiative

DEFAULT_SEND_TIME = dt.time(8, 0)


class RuleKind(models.TextChoices):
    REGISTRATION_DEADLINE = "registration_deadline", _("Registration deadline approaching")
    MEETING_APPROACHING = "meeting_approaching", _("Meeting approaching")
    DOCUMENTS_DUE = "documents_due", _("Documents due")
    WORKPLAN_PROGRESS = "workplan_progress", _("Work plan progress due")
    DAILY_DIGEST = "daily_digest", _("Daily digest for the secretariat")
    ACTION_ITEM_DUE = "action_item_due", _("Action item due")
    PROCEDURE_DEADLINE = "procedure_deadline", _("Written procedure deadline approaching")


# Rules counted in days before a meeting's date; staff may change their offsets per meeting.
MEETING_RULES = (RuleKind.REGISTRATION_DEADLINE, RuleKind.MEETING_APPROACHING, RuleKind.DOCUMENTS_DUE)
# Rules timed by days before a date (a meeting's, an action item's due date, a procedure's deadline), and
# rules repeating every `interval_days` (since the last progress update, after an action item's due date).
DAYS_BEFORE_RULES = (*MEETING_RULES, RuleKind.ACTION_ITEM_DUE, RuleKind.PROCEDURE_DEADLINE)
INTERVAL_RULES = (RuleKind.WORKPLAN_PROGRESS, RuleKind.ACTION_ITEM_DUE)

RULE_DEFAULTS: dict[str, dict[str, Any]] = {
    RuleKind.REGISTRATION_DEADLINE: {"days_before": [7, 1]},
    RuleKind.MEETING_APPROACHING: {"days_before": [7, 1]},
    RuleKind.DOCUMENTS_DUE: {"days_before": [5]},
    RuleKind.WORKPLAN_PROGRESS: {"interval_days": 90},
    RuleKind.DAILY_DIGEST: {},
    RuleKind.ACTION_ITEM_DUE: {"days_before": [7], "interval_days": 14},
    RuleKind.PROCEDURE_DEADLINE: {"days_before": [3, 1]},
}


class ReminderRule(TimeStampedModel):
    """One row per kind of reminder: its default offsets, its time of day, and whether it is paused."""

    kind = models.CharField(_("reminder"), max_length=30, choices=RuleKind.choices, unique=True)
    days_before = models.JSONField(
        _("days before"),
        default=list,
        blank=True,
        help_text=_("For reminders about a meeting: how many days before the date each reminder goes out."),
    )
    interval_days = models.PositiveSmallIntegerField(
        _("every (days)"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(3650)],
        help_text=_("For work plan progress: how old the last progress update may be."),
    )
    send_time = models.TimeField(
        _("time of day"),
        default=DEFAULT_SEND_TIME,
        help_text=_("Local time: the venue's for meeting reminders, the secretariat's for the others."),
    )
    is_paused = models.BooleanField(_("paused"), default=False)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=_("changed by")
    )

    class Meta:
        ordering = ["pk"]
        verbose_name = _("reminder rule")
        verbose_name_plural = _("reminder rules")

    def __str__(self):
        return self.get_kind_display()

    @property
    def is_meeting_rule(self) -> bool:
        return self.kind in MEETING_RULES

    @property
    def uses_days_before(self) -> bool:
        return self.kind in DAYS_BEFORE_RULES

    @property
    def uses_interval(self) -> bool:
        return self.kind in INTERVAL_RULES


class MeetingReminderSetting(TimeStampedModel):
    """A meeting's own offsets for a rule (None: the rule's), or the rule paused for this meeting only."""

    meeting = models.ForeignKey(Meeting, models.CASCADE, related_name="reminder_settings", verbose_name=_("meeting"))
    rule = models.ForeignKey(ReminderRule, models.CASCADE, related_name="meeting_settings", verbose_name=_("rule"))
    days_before = models.JSONField(_("days before"), null=True, blank=True)
    is_paused = models.BooleanField(_("paused for this meeting"), default=False)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=_("changed by")
    )

    class Meta:
        ordering = ["meeting", "rule"]
        verbose_name = _("reminder setting for a meeting")
        verbose_name_plural = _("reminder settings for meetings")
        constraints = [
            models.UniqueConstraint(fields=["meeting", "rule"], name="meetingremindersetting_one_per_rule"),
        ]

    def __str__(self):
        return f"{self.rule} — {self.meeting}"


class Reminder(TimeStampedModel):
    """The outbox: one reminder for one recipient at one due moment."""

    class State(models.TextChoices):
        SCHEDULED = "scheduled", _("Scheduled")
        SENDING = "sending", _("Sending")
        SENT = "sent", _("Sent")
        FAILED = "failed", _("Failed")
        MISSED = "missed", _("Missed")
        CANCELLED = "cancelled", _("Cancelled")

    class Reason(models.TextChoices):
        NONE = "", _("—")
        NO_EMAIL = "no_email", _("The recipient has no email address.")
        RULE_PAUSED = "rule_paused", _("The rule is paused.")
        PAUSED_FOR_MEETING = "paused_for_meeting", _("The rule is paused for this meeting.")
        MEETING_CANCELLED = "meeting_cancelled", _("The meeting was cancelled.")
        MEETING_NOT_ACTIVE = (
            "meeting_not_active",
            _("The meeting is not on the schedule (draft, unpublished or concluded)."),
        )
        MEETING_PASSED = "meeting_passed", _("The meeting was moved into the past: nothing to remind of.")
        RESCHEDULED = "rescheduled", _("The date changed: the reminder was rescheduled.")
        NOT_NEEDED = "not_needed", _("No longer needed (the recipient or the situation changed).")
        NOTHING_TO_REPORT = "nothing_to_report", _("Nothing to report.")
        OVERDUE = "overdue", _("Not sent in time: too late to send.")
        TEMPORARY_ERROR = "temporary_error", _("The mail server refused for now; will try again.")
        PERMANENT_ERROR = "permanent_error", _("The mail server refused the message.")
        GAVE_UP = "gave_up", _("The mail server kept refusing; gave up.")
        ERROR = "error", _("The reminder could not be prepared (see the log).")
        RECLAIMED = "reclaimed", _("The worker sending it stopped; taken back.")

    class Replanned(models.TextChoices):
        NONE = "", _("—")
        MOVED = "moved", _("The meeting was moved.")
        POSTPONED = "postponed", _("The meeting was postponed.")
        RESCHEDULED = "rescheduled", _("The meeting was rescheduled.")
        DEADLINE_CHANGED = "deadline_changed", _("The registration deadline changed.")

    ACTIVE_STATES = (State.SCHEDULED, State.SENDING)

    rule = models.ForeignKey(ReminderRule, models.PROTECT, related_name="reminders", verbose_name=_("rule"))
    days_before = models.PositiveSmallIntegerField(_("days before"), null=True, blank=True)
    # The target: what the reminder is about. target_key is its stable identity in the unique key.
    target_key = models.CharField(_("about"), max_length=40)
    meeting = models.ForeignKey(
        Meeting, models.CASCADE, null=True, blank=True, related_name="reminders", verbose_name=_("meeting")
    )
    initiative = models.ForeignKey(
        Initiative, models.CASCADE, null=True, blank=True, related_name="reminders", verbose_name=_("initiative")
    )
    # The recipient: a user (focal point, secretariat) or a registered participant.
    recipient_key = models.CharField(_("recipient"), max_length=40)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.CASCADE,
        null=True,
        blank=True,
        related_name="reminders",
        verbose_name=_("user"),
    )
    participant = models.ForeignKey(
        Participant, models.CASCADE, null=True, blank=True, related_name="reminders", verbose_name=_("participant")
    )
    due_at = models.DateTimeField(_("due"))
    send_after = models.DateTimeField(
        _("send after"), help_text=_("The due moment, later after a refused attempt, now when sent on request.")
    )
    state = models.CharField(_("status"), max_length=10, choices=State.choices, default=State.SCHEDULED)
    reason = models.CharField(_("reason"), max_length=20, choices=Reason.choices, blank=True, default="")
    last_error = models.TextField(_("last error"), blank=True)
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    claimed_at = models.DateTimeField(_("claimed"), null=True, blank=True)
    claim_token = models.UUIDField(_("claim"), null=True, blank=True)
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True)
    email = models.EmailField(_("sent to"), blank=True)
    language = models.CharField(_("language"), max_length=8, blank=True)
    replanned_from = models.DateTimeField(
        _("re-planned from"), null=True, blank=True, help_text=_("The due moment of the reminder this one replaces.")
    )
    replanned_because = models.CharField(
        _("re-planned because"), max_length=20, choices=Replanned.choices, blank=True, default=""
    )
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("sent on request of"),
    )

    class Meta:
        ordering = ["due_at", "pk"]
        verbose_name = _("reminder")
        verbose_name_plural = _("reminders")
        constraints = [
            models.UniqueConstraint(
                fields=["rule", "target_key", "recipient_key", "due_at"], name="reminder_once_per_key"
            ),
            models.CheckConstraint(
                condition=Q(user__isnull=False, participant__isnull=True)
                | Q(user__isnull=True, participant__isnull=False),
                name="reminder_one_recipient",
            ),
            models.CheckConstraint(
                condition=~Q(state="sent") | Q(sent_at__isnull=False), name="reminder_sent_has_time"
            ),
            models.CheckConstraint(
                condition=~Q(state="sending") | Q(claimed_at__isnull=False, claim_token__isnull=False),
                name="reminder_sending_is_claimed",
            ),
        ]
        indexes = [
            models.Index(fields=["state", "send_after"], name="reminder_state_send_after"),
            models.Index(fields=["meeting", "due_at"], name="reminder_meeting_due"),
            models.Index(fields=["rule", "due_at"], name="reminder_rule_due"),
        ]

    def __str__(self):
        return f"{self.rule} → {self.recipient_key} @ {self.due_at:%Y-%m-%d %H:%M}"

    @property
    def recipient(self):
        return self.user if self.user_id else self.participant

    @property
    def recipient_name(self) -> str:
        return str(self.recipient)

    @property
    def recipient_email(self) -> str:
        return (self.recipient.email or "").strip()

    @property
    def recipient_language(self) -> str:
        language = self.user.preferred_language if self.user_id else self.participant.language
        return language if language in dict(settings.LANGUAGES) else settings.LANGUAGE_CODE

    @property
    def can_send_now(self) -> bool:
        """The button's cheap half of reminders.services.management.ensure_may_send_now (which also asks the
        rule's re-check when clicked): a sendable state and an address to send to."""
        return self.state in (self.State.SCHEDULED, self.State.FAILED, self.State.MISSED) and bool(self.recipient_email)
