"""The messages a participant was sent, for the privacy registry (the outbox lists the emails themselves)."""

from django.db.models import Q
from django.db.models.functions import Lower

from .models import CircularRecipient


def _of(participants):
    addresses = {p.email.strip().lower() for p in participants if p.email}
    ids = [p.pk for p in participants]
    return (
        CircularRecipient.objects.annotate(address=Lower("email"))
        .filter(Q(participant_id__in=ids) | Q(address__in=addresses))
        .select_related("circular")
        .order_by("pk")
    )


def export(participants) -> list[dict]:
    return [
        {
            "message": row.circular.subject,
            "name": row.name,
            "email": row.email,
            "sent": row.circular.created_at.isoformat(),
        }
        for row in _of(participants)
    ]


def erase(participants) -> None:
    """The rows stay (the message went to so many people), without the person's name and address."""
    CircularRecipient.objects.filter(pk__in=[row.pk for row in _of(participants)]).update(
        name="—", email="", participant=None
    )
