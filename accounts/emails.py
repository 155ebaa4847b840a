"""The focal point invitation email, in the language the secretariat chose, as HTML and plain text."""

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from .models import FocalPointInvitation


def send_focal_point_invitation(*, invitation_id: int, token: str) -> bool:
    """Send the invitation link; nothing is sent for an invitation accepted or withdrawn meanwhile."""
    invitation = (
        FocalPointInvitation.objects.select_related("member_state", "invited_by").filter(pk=invitation_id).first()
    )
    if invitation is None or invitation.state != "pending":
        return False
    with translation.override(invitation.language):
        context = {
            "invitation": invitation,
            "member_state": invitation.member_state.name,
            "link": settings.SITE_URL + reverse("accounts:invitation_accept", kwargs={"token": token}),
            "site_url": settings.SITE_URL,
        }
        subject = render_to_string("accounts/emails/focal_point_invitation_subject.txt", context).strip()
        message = EmailMultiAlternatives(
            subject=subject,
            body=render_to_string("accounts/emails/focal_point_invitation.txt", context),
            to=[invitation.email],
            reply_to=[invitation.invited_by.email] if invitation.invited_by and invitation.invited_by.email else None,
        )
        message.attach_alternative(
            render_to_string("accounts/emails/focal_point_invitation.html", context), "text/html"
        )
    message.send()
    return True
