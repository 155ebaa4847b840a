"""The venue's personal data for the privacy registry: a person's badges and attendance."""

from __future__ import annotations

from django.utils import timezone

from .models import Attendance, Badge, Scan


def export_attendance(participants: list) -> list[dict]:
    rows: list[dict] = [
        {"badge": badge.printed_serial, "issued": badge.created_at.isoformat(), "revoked": bool(badge.revoked_at)}
        for badge in Badge.objects.filter(participant__in=participants)
    ]
    rows += [
        {
            "session": str(row.session),
            "first_in": row.first_in.isoformat(),
            "last_scan": row.last_scan.isoformat(),
        }
        for row in Attendance.objects.filter(participant__in=participants).select_related("session")
    ]
    return rows


def erase_attendance(participants: list) -> None:
    """The scans (who let whom in, when) go; the badge is revoked; the session's head count stays."""
    Scan.objects.filter(participant__in=participants).delete()
    Badge.objects.filter(participant__in=participants, revoked_at__isnull=True).update(
        revoked_at=timezone.now(), revoked_reason="erased"
    )
