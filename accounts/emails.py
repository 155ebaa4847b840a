"""The focal point invitation email, in the language the secretariat chose. It leaves through the outbox
(outbox/): `focal_point_invite` enqueues it in its transaction; the kind below renders it when it is sent."""

from django.conf import settings
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from outbox.kinds import Kind, NotNeeded, Recipient
from outbox.services import enqueue

from .models import FocalPointInvitation

INVITATION = "focal_point_invitation"


def enqueue_focal_point_invitation(invitation: FocalPointInvitation, token: str) -> None:
    """Only a hash of the token is kept on the invitation; the outbox row holds the token until the email has
    gone (then it is dropped: the email is its only copy)."""
    name = f"{invitation.first_name} {invitation.last_name}".strip()
    enqueue(
        INVITATION,
        Recipient(invitation.email, name, invitation.language),
        {"invitation": invitation.pk, "token": token},
    )


def _context(email) -> dict:
    """Nothing is sent for an invitation accepted or withdrawn meanwhile."""
    invitation = (
        FocalPointInvitation.objects.select_related("member_state", "invited_by")
        .filter(pk=email.context["invitation"])
        .first()
    )
    if invitation is None or invitation.state != "pending" or not email.context.get("token"):
        raise NotNeeded
    with translation.override(email.language):
        path = reverse("accounts:invitation_accept", kwargs={"token": email.context["token"]})
    # The country is named when the email is rendered, in the email's language (not the worker's).
    return {"invitation": invitation, "member_state": invitation.member_state, "link": settings.SITE_URL + path}


def _reply_to(context: dict) -> list[str]:
    invited_by = context["invitation"].invited_by
    return [invited_by.email] if invited_by and invited_by.email else []


def _drop_token(email) -> dict:
    return {"context": {key: value for key, value in email.context.items() if key != "token"}}


KIND = Kind(
    INVITATION,
    _("Focal point invitation"),
    "accounts/emails/focal_point_invitation",
    context=_context,
    reply_to=_reply_to,
    sent=_drop_token,
)
