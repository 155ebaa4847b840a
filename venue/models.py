"""At the venue: who may scan at a meeting's door, the badges with their signed codes, each scan and the
attendance it adds up to (one row per participant and session, so nothing is counted twice)."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from common.models import TimeStampedModel
from meetings.models import Meeting, Participant

COLOUR = re.compile(r"^#[0-9a-fA-F]{6}$")


def validate_colours(value) -> None:
    if not isinstance(value, dict) or any(
        role not in Participant.Role.values or not isinstance(colour, str) or not COLOUR.match(colour)
        for role, colour in value.items()
    ):
        raise ValidationError(_("Give each role a colour written as #RRGGBB."))


class DoorStaff(TimeStampedModel):
    """A user the secretariat lets check people in at one meeting's door (and its sessions)."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.CASCADE, related_name="door_staff", verbose_name=_("user")
    )
    meeting = models.ForeignKey(Meeting, models.CASCADE, related_name="door_staff", verbose_name=_("meeting"))
    granted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=_("granted by")
    )

    class Meta:
        ordering = ["meeting", "user__username"]
        verbose_name = _("door staff")
        verbose_name_plural = _("door staff")
        constraints = [models.UniqueConstraint(fields=["user", "meeting"], name="doorstaff_once_per_meeting")]

    def __str__(self):
        return f"{self.user} — {self.meeting}"


class BadgeDesign(TimeStampedModel):
    """A meeting's badge colours: the band at the foot of a badge, one colour per role."""

    meeting = models.OneToOneField(Meeting, models.CASCADE, related_name="badge_design", verbose_name=_("meeting"))
    role_colours = models.JSONField(_("colours of the roles"), default=dict, blank=True, validators=[validate_colours])

    class Meta:
        verbose_name = _("badge design")
        verbose_name_plural = _("badge designs")

    def __str__(self):
        return str(self.meeting)


class Badge(TimeStampedModel):
    """A participant's badge. Its QR carries the serial signed with the portal's key (nothing personal in
    clear); a revoked badge stays on record and answers "revoked" at the door. One valid badge per person."""

    participant = models.ForeignKey(Participant, models.CASCADE, related_name="badges", verbose_name=_("participant"))
    serial = models.CharField(_("badge number"), max_length=12, unique=True)
    revoked_at = models.DateTimeField(_("revoked"), null=True, blank=True)
    revoked_reason = models.CharField(_("reason for revoking"), max_length=200, blank=True)

    class Meta:
        ordering = ["participant", "-created_at"]
        verbose_name = _("badge")
        verbose_name_plural = _("badges")
        constraints = [
            models.UniqueConstraint(
                fields=["participant"], condition=Q(revoked_at__isnull=True), name="badge_one_valid_per_participant"
            )
        ]

    def __str__(self):
        return self.printed_serial

    @property
    def printed_serial(self) -> str:
        """'7K3Q-9XMD': what a door keeper types when the camera cannot read the code."""
        return f"{self.serial[:4]}-{self.serial[4:]}"


class Direction(models.TextChoices):
    IN = "in", _("In")
    OUT = "out", _("Out")


class Scan(models.Model):
    """One check-in or check-out at a session's door, as the phone recorded it. `scan_id` is made by the
    phone: a scan sent again after a dropped connection is recognised and answered as the first time."""

    class Method(models.TextChoices):
        QR = "qr", _("Camera")
        TYPED = "typed", _("Typed badge number")
        NAME = "name", _("Found by name")

    scan_id = models.UUIDField(_("scan id"), unique=True)
    participant = models.ForeignKey(Participant, models.CASCADE, related_name="scans", verbose_name=_("participant"))
    badge = models.ForeignKey(
        Badge, models.SET_NULL, null=True, blank=True, related_name="scans", verbose_name=_("badge")
    )
    session = models.ForeignKey(Meeting, models.CASCADE, related_name="scans", verbose_name=_("session"))
    direction = models.CharField(_("direction"), max_length=3, choices=Direction.choices)
    method = models.CharField(_("how"), max_length=5, choices=Method.choices)
    at = models.DateTimeField(_("scanned"))
    recorded_at = models.DateTimeField(_("received"), auto_now_add=True)
    repeat = models.BooleanField(_("repeated within seconds"), default=False)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=_("by")
    )

    class Meta:
        ordering = ["-at", "-pk"]
        verbose_name = _("scan")
        verbose_name_plural = _("scans")
        indexes = [models.Index(fields=["participant", "session", "at"], name="scan_participant_session_at")]

    def __str__(self):
        return f"{self.participant} {self.direction} {self.at:%Y-%m-%d %H:%M}"


class Attendance(models.Model):
    """A participant at a session: when first in, last scanned, and whether inside now."""

    participant = models.ForeignKey(
        Participant, models.CASCADE, related_name="attendance", verbose_name=_("participant")
    )
    session = models.ForeignKey(Meeting, models.CASCADE, related_name="attendance", verbose_name=_("session"))
    first_in = models.DateTimeField(_("first in"))
    last_scan = models.DateTimeField(_("last scan"))
    present = models.BooleanField(_("inside"), default=True)
    updated_at = models.DateTimeField(_("last changed"), auto_now=True, db_index=True)  # the API's ETag

    class Meta:
        ordering = ["session", "participant"]
        verbose_name = _("attendance")
        verbose_name_plural = _("attendance")
        constraints = [models.UniqueConstraint(fields=["participant", "session"], name="attendance_once_per_session")]

    def __str__(self):
        return f"{self.participant} — {self.session}"


class CertificateSignatory(TimeStampedModel):
    """Who signs a meeting's certificates of attendance, as printed under the signature line."""

    if TYPE_CHECKING:  # the columns modeltranslation adds (translation.py), for the type checker
        signatory_title_en: str
        signatory_title_vi: str | None

    meeting = models.OneToOneField(
        Meeting, models.CASCADE, related_name="certificate_signatory", verbose_name=_("meeting")
    )
    signatory_name = models.CharField(_("signed by"), max_length=200)
    signatory_title = models.CharField(_("title of the signatory"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("signatory of the certificates")
        verbose_name_plural = _("signatories of the certificates")

    def __str__(self):
        return self.signatory_name


class Certificate(TimeStampedModel):
    """A participant's certificate of attendance. `code` (random, in the QR) opens the public verification
    page, which confirms the certificate and shows nothing it does not say."""

    participant = models.OneToOneField(
        Participant, models.CASCADE, related_name="certificate", verbose_name=_("participant")
    )
    reference = models.CharField(_("reference"), max_length=30, unique=True)
    code = models.CharField(_("verification code"), max_length=40, unique=True)
    emailed_at = models.DateTimeField(_("last emailed"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("certificate of attendance")
        verbose_name_plural = _("certificates of attendance")

    def __str__(self):
        return self.reference
