import datetime as dt

from django.conf import settings
from django.contrib.auth.models import AbstractUser
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from common.moments import validate_time_zone_name


class User(AbstractUser):
    """A person who signs in: secretariat staff (by group) or a member state's focal point."""

    preferred_language = models.CharField(
        _("preferred language"), max_length=8, choices=settings.LANGUAGES, default="en"
    )
    time_zone = models.CharField(
        _("time zone"),
        max_length=64,
        blank=True,
        validators=[validate_time_zone_name],
        help_text=_("Times are shown in the venue's time zone and also in this one. Empty: your browser's."),
    )

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")
        permissions = [("secretariat", _("Works in the secretariat (chairing ministry or ASEAN Secretariat)"))]

    def __str__(self):
        return self.get_full_name() or self.username


class FocalPointInvitation(models.Model):
    """The secretariat's invitation to become a member state's focal point.

    Only a hash of the link's token is stored: whoever reads the database cannot accept an invitation.
    The link works once, for VALID_FOR after it was sent.
    """

    VALID_FOR = dt.timedelta(days=7)

    email = models.EmailField(_("email"))
    first_name = models.CharField(_("first name"), max_length=150, blank=True)
    last_name = models.CharField(_("last name"), max_length=150, blank=True)
    member_state = models.ForeignKey(
        "meetings.MemberState",
        models.PROTECT,
        related_name="focal_point_invitations",
        verbose_name=_("member state"),
    )
    language = models.CharField(_("language of the email"), max_length=8, choices=settings.LANGUAGES, default="en")
    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=_("invited by")
    )
    created_at = models.DateTimeField(_("sent"), default=timezone.now, editable=False)
    expires_at = models.DateTimeField(_("expires"))
    accepted_at = models.DateTimeField(_("accepted"), null=True, blank=True)
    accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("accepted by"),
    )
    revoked_at = models.DateTimeField(_("withdrawn"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("focal point invitation")
        verbose_name_plural = _("focal point invitations")
        constraints = [
            models.CheckConstraint(
                condition=Q(accepted_at__isnull=True) | Q(revoked_at__isnull=True),
                name="invitation_not_both_accepted_and_revoked",
            ),
        ]
        indexes = [models.Index(fields=["email"], name="invitation_email")]

    def __str__(self):
        return f"{self.email} ({self.member_state})"

    @property
    def state(self) -> str:
        if self.accepted_at:
            return "accepted"
        if self.revoked_at:
            return "revoked"
        if self.expires_at <= timezone.now():
            return "expired"
        return "pending"

    def get_state_display(self) -> str:
        return {
            "accepted": _("Accepted"),
            "revoked": _("Withdrawn"),
            "expired": _("Expired"),
            "pending": _("Waiting for an answer"),
        }[self.state]


class RecoveryCode(models.Model):
    """A one-time code that stands in for the authenticator app (a lost phone). Shown once when issued;
    only a keyed hash is stored, so whoever reads the database cannot sign in with it."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.CASCADE, related_name="recovery_codes", verbose_name=_("user")
    )
    code_hash = models.CharField(_("code hash"), max_length=64, unique=True)
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    used_at = models.DateTimeField(_("used"), null=True, blank=True)

    class Meta:
        verbose_name = _("recovery code")
        verbose_name_plural = _("recovery codes")

    def __str__(self):
        return f"{self.user} ({_('used') if self.used_at else _('unused')})"
