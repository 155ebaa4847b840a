"""The message's email, through the outbox: read when it is sent, in the recipient's language (the subject
and text come from the message's column in that language)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from outbox.kinds import Kind, NotNeeded


def _context(email) -> dict:
    from .models import CircularRecipient

    recipient = (
        CircularRecipient.objects.select_related("circular")
        .filter(pk=email.context.get("recipient"), circular_id=email.context.get("circular"))
        .first()
    )
    if recipient is None or not recipient.email:
        raise NotNeeded
    return {"circular": recipient.circular, "recipient": recipient}


KIND = Kind("circular", _("Message to people"), "circulars/emails/circular", context=_context)
