"""Reads of the accounts app shaped for the secretariat's focal point page."""

from django.db.models import QuerySet

from meetings.models import FocalPoint

from .models import FocalPointInvitation

FOCAL_POINT_ORDER = ("member_state__name", "-is_active", "user__last_name", "user__first_name", "pk")


def focal_points_for_secretariat(order: tuple[str, ...] = FOCAL_POINT_ORDER) -> QuerySet[FocalPoint]:
    return FocalPoint.objects.select_related("user", "member_state").order_by(*order)


def open_invitations() -> QuerySet[FocalPointInvitation]:
    """Invitations not answered or withdrawn; expired ones too (so the secretariat can resend them)."""
    return (
        FocalPointInvitation.objects.filter(accepted_at__isnull=True, revoked_at__isnull=True)
        .select_related("member_state", "invited_by")
        .order_by("member_state__name", "email")
    )
