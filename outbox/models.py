"""The outbox: every email the portal sends (password resets aside, which stay Django's) is one row here.

A row is written in the transaction of the change it tells about, so nothing goes for a change that was
rolled back; the dispatcher (dispatcher.py) sends it: pending → sending → sent, or failed (or cancelled
when the reason for it has gone before it was sent). Its Message-ID is fixed when the row is made, so
every attempt carries the same one and mail systems drop a repeat.
"""

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from common.models import ChoiceLabelsMixin


class OutboxEmail(ChoiceLabelsMixin, models.Model):
    class State(models.TextChoices):
        PENDING = "pending", _("Waiting to be sent")
        SENDING = "sending", _("Sending")
        SENT = "sent", _("Sent")
        FAILED = "failed", _("Failed")
        CANCELLED = "cancelled", _("Not needed any more")

    kind = models.CharField(_("email"), max_length=40)
    to_email = models.EmailField(_("recipient"))
    to_name = models.CharField(_("name"), max_length=300, blank=True)
    language = models.CharField(_("language"), max_length=8)
    context = models.JSONField(_("about"), default=dict, blank=True, help_text=_("The ids the email is about."))
    state = models.CharField(_("status"), max_length=10, choices=State.choices, default=State.PENDING)
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    last_error = models.TextField(_("last error"), blank=True)
    message_id = models.CharField(_("Message-ID"), max_length=200, unique=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    send_after = models.DateTimeField(_("send after"))
    claimed_at = models.DateTimeField(_("claimed"), null=True, blank=True)
    claim_token = models.UUIDField(_("claim"), null=True, blank=True)
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True)

    class Meta:
        ordering = ["pk"]
        verbose_name = _("outgoing email")
        verbose_name_plural = _("outgoing emails")
        constraints = [
            models.CheckConstraint(condition=~Q(state="sent") | Q(sent_at__isnull=False), name="outbox_sent_has_time"),
            models.CheckConstraint(
                condition=~Q(state="sending") | Q(claimed_at__isnull=False, claim_token__isnull=False),
                name="outbox_sending_is_claimed",
            ),
        ]
        indexes = [models.Index(fields=["state", "send_after"], name="outbox_state_send_after")]

    def __str__(self):
        return f"{self.kind} #{self.pk}"


class DispatcherLease(models.Model):
    """One dispatcher sends at a time (the outbox's and the reminders'), so a killed worker leaves at most
    one message in doubt.

    The lease is taken and renewed with conditional updates (portable to SQLite); a holder that dies
    loses it when `expires_at` passes. The row also shows the portal when the dispatcher last ran.
    """

    name = models.CharField(max_length=40, primary_key=True)
    token = models.UUIDField(null=True, blank=True)
    expires_at = models.DateTimeField(null=True, blank=True)
    last_started_at = models.DateTimeField(null=True, blank=True)
    last_finished_at = models.DateTimeField(null=True, blank=True)
    last_summary = models.JSONField(default=dict, blank=True)

    class Meta:
        verbose_name = _("dispatcher lease")
        verbose_name_plural = _("dispatcher leases")

    def __str__(self):
        return self.name
