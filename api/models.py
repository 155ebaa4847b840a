"""API tokens, calendar-feed tokens and idempotency keys.

Only a SHA-256 hash of a token is stored: the plain token is shown once, when it is created. Tokens are
long random strings, so a fast hash is enough (no password-style stretching needed) and lets a request
find its token with one indexed lookup.
"""

import hashlib
import secrets

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from meetings.models import MemberState


def hash_token(plain: str) -> str:
    return hashlib.sha256(plain.encode()).hexdigest()


def new_plain_token(prefix: str) -> str:
    return f"{prefix}_{secrets.token_urlsafe(32)}"


class ApiToken(models.Model):
    """A machine client's credential, created and revoked by the secretariat; it acts as its owner."""

    class Scope(models.TextChoices):
        READ = "read", _("Read only")
        REGISTRATIONS = "registrations", _("A country's registrations")

    name = models.CharField(_("name"), max_length=100, help_text=_("Which system uses it, e.g. “MOHA calendar sync”."))
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.CASCADE, related_name="api_tokens", verbose_name=_("owner")
    )
    scope = models.CharField(_("scope"), max_length=20, choices=Scope.choices, default=Scope.READ)
    member_state = models.ForeignKey(
        MemberState,
        models.PROTECT,
        null=True,
        blank=True,
        related_name="api_tokens",
        verbose_name=_("country"),
        help_text=_("The country whose delegations and participants the token may change."),
    )
    prefix = models.CharField(_("starts with"), max_length=16, editable=False)
    key_hash = models.CharField(max_length=64, unique=True, editable=False)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=_("created by")
    )
    expires_at = models.DateTimeField(_("expires"), null=True, blank=True)
    last_used_at = models.DateTimeField(_("last used"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("revoked"), null=True, blank=True)
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=_("revoked by")
    )

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("API token")
        verbose_name_plural = _("API tokens")
        constraints = [
            models.CheckConstraint(
                condition=Q(scope="read") | Q(member_state__isnull=False),
                name="apitoken_registrations_scope_has_country",
            ),
        ]

    def __str__(self):
        return f"{self.name} ({self.prefix}…)"

    @property
    def label(self) -> str:
        """How the audit trail names the token: its id and name, never its secret."""
        return f"{self.pk}:{self.name}"

    def is_usable(self, now=None) -> bool:
        now = now or timezone.now()
        return self.revoked_at is None and (self.expires_at is None or self.expires_at > now)

    @property
    def is_read_only(self) -> bool:
        return self.scope == self.Scope.READ


class CalendarFeedToken(models.Model):
    """The secret in a focal point's private calendar URL; revoking it makes the old URL answer 404."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.CASCADE, related_name="calendar_feed_tokens", verbose_name=_("user")
    )
    key_hash = models.CharField(max_length=64, unique=True, editable=False)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    revoked_at = models.DateTimeField(_("revoked"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("private calendar feed")
        verbose_name_plural = _("private calendar feeds")
        constraints = [
            models.UniqueConstraint(
                fields=["user"], condition=Q(revoked_at__isnull=True), name="calendarfeedtoken_one_active_per_user"
            ),
        ]

    def __str__(self):
        return str(self.user)


class IdempotencyKey(models.Model):
    """A write's Idempotency-Key and the answer it got, so a retried request is answered, not redone."""

    owner = models.CharField(max_length=80, help_text="Who sent it: 'user:<id>' or 'token:<id>'.")
    key = models.CharField(max_length=255)
    fingerprint = models.CharField(max_length=64, help_text="SHA-256 of method, path and body.")
    status_code = models.PositiveSmallIntegerField(null=True, blank=True)
    response_body = models.JSONField(null=True, blank=True)
    response_headers = models.JSONField(default=dict, blank=True)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = _("idempotency key")
        verbose_name_plural = _("idempotency keys")
        constraints = [models.UniqueConstraint(fields=["owner", "key"], name="idempotencykey_unique_per_owner")]

    def __str__(self):
        return self.key
