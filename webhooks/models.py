"""Webhooks: an HTTPS endpoint subscribed to events of the portal, and each delivery with its attempts.

A delivery row is written in the transaction of the change it tells about (events.emit), like an outbox
email, and sent by the webhooks' dispatcher (dispatcher.py) with the outbox's lease and claim machinery:
pending → sending → delivered, or failed after the last try.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from common.models import ChoiceLabelsMixin


class Subscription(models.Model):
    url = models.URLField(_("endpoint"), max_length=500, help_text=_("An HTTPS address that accepts POST requests."))
    events = models.JSONField(_("events"), default=list)
    member_state = models.ForeignKey(
        "meetings.MemberState",
        verbose_name=_("country"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="webhook_subscriptions",
        help_text=_("Registration events are sent for this country's delegations only."),
    )
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("owner"), on_delete=models.CASCADE, related_name="+"
    )
    # Kept as written: the portal signs with it (an HMAC needs the secret itself, not a hash of it).
    secret = models.CharField(max_length=64, editable=False)
    is_active = models.BooleanField(_("active"), default=True)
    consecutive_failures = models.PositiveIntegerField(_("failed attempts in a row"), default=0)
    disabled_reason = models.CharField(_("why it was switched off"), max_length=300, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        ordering = ["pk"]
        verbose_name = _("webhook subscription")
        verbose_name_plural = _("webhook subscriptions")

    def __str__(self):
        return self.url


class Delivery(ChoiceLabelsMixin, models.Model):
    class State(models.TextChoices):
        PENDING = "pending", _("Waiting to be sent")
        SENDING = "sending", _("Sending")
        DELIVERED = "delivered", _("Delivered")
        FAILED = "failed", _("Failed")

    subscription = models.ForeignKey(Subscription, on_delete=models.CASCADE, related_name="deliveries")
    event = models.CharField(_("event"), max_length=40)
    event_id = models.UUIDField(_("event id"))
    payload = models.JSONField(_("payload"))
    state = models.CharField(_("status"), max_length=10, choices=State.choices, default=State.PENDING)
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    send_after = models.DateTimeField(_("send after"))
    claimed_at = models.DateTimeField(null=True, blank=True)
    claim_token = models.UUIDField(null=True, blank=True)
    delivered_at = models.DateTimeField(_("delivered"), null=True, blank=True)

    class Meta:
        ordering = ["-pk"]
        verbose_name = _("webhook delivery")
        verbose_name_plural = _("webhook deliveries")
        indexes = [models.Index(fields=["state", "send_after"], name="webhook_state_send_after")]

    def __str__(self):
        return f"{self.event} #{self.pk}"


class Attempt(models.Model):
    """One POST of a delivery: what the endpoint answered (status and the start of its body) or why not."""

    EXCERPT_CHARS = 500

    delivery = models.ForeignKey(Delivery, on_delete=models.CASCADE, related_name="attempt_log")
    at = models.DateTimeField(_("at"), auto_now_add=True)
    status_code = models.PositiveSmallIntegerField(_("answer"), null=True, blank=True)
    response_excerpt = models.CharField(_("start of the answer"), max_length=EXCERPT_CHARS, blank=True)
    error = models.CharField(_("error"), max_length=300, blank=True)
    duration_ms = models.PositiveIntegerField(_("duration (ms)"), default=0)

    class Meta:
        ordering = ["pk"]
        verbose_name = _("webhook attempt")
        verbose_name_plural = _("webhook attempts")

    def __str__(self):
        return f"{self.delivery_id}: {self.status_code or self.error}"

    @property
    def succeeded(self) -> bool:
        return self.status_code is not None and 200 <= self.status_code < 300
